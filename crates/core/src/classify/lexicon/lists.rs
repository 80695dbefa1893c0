//! Which role each named phrase list of the data files gives its phrases.

use super::role::Role;
use crate::model::{Period, Qualifier, Side};

/// The role of the phrases of list `key` in section `section`, if it is one.
pub(super) fn role_of_list(section: &str, key: &str) -> Option<Role> {
    if section == "losses" {
        return losses_list(key);
    }
    Some(match (section, key) {
        ("sides", "agent_markers") => Role::AgentMark,
        ("sides", "attack_verbs") => Role::AttackVerb,
        ("sides", "strike_nouns") => Role::StrikeNoun,
        ("sides", "positions") => Role::Positions,
        ("sides", "attacks_by_ukraine") => Role::AttackBy(Side::Ukraine),
        ("sides", "attacks_by_russia") => Role::AttackBy(Side::Russia),
        ("sides", "behind_russian_lines") => Role::HeldBy(Side::Russia),
        ("sides", "behind_ukrainian_lines") => Role::HeldBy(Side::Ukraine),
        ("attribution", "not_names") => Role::NotName,
        ("attribution", "targets") => Role::Target,
        ("places", "names") => Role::PlaceName,
        ("figures", "link_verbs") => Role::LinkVerb,
        ("figures", "not_after_metric") => Role::NotAfterMetric,
        ("figures", "uncounted") => Role::Uncounted,
        ("figures", "singular") => Role::Singular,
        ("figures", "plural_quantities") => Role::PluralQuantity,
        ("figures", "fillers") => Role::Filler,
        ("figures", "possessives") => Role::Possessive,
        ("figures", "joined_with") => Role::JoinedWith,
        ("figures", "others") => Role::Others,
        ("figures", "with_one") => Role::WithOne,
        ("figures", "whole") => Role::Whole,
        ("figures", "count_units") => Role::CountUnit,
        ("figures", "durations") => Role::Duration,
        ("figures", "collective") => Role::Collective,
        ("figures", "qualifiers") => Role::Qualifier,
        ("figures", "average") => Role::Average,
        ("cumulative", "running") => Role::Running,
        ("cumulative", "period") => Role::Period,
        ("cumulative", "daily") => Role::Daily,
        ("cumulative", "event") => Role::EventMarker,
        ("cumulative", "rate") => Role::Rate,
        ("cumulative", "reached") => Role::Reached,
        ("figures", "including") => Role::Including,
        ("figures", "list_joins") => Role::ListJoin,
        ("figures", "figure_words") => Role::FigureWord,
        ("sides", "russia") => Role::Side(Side::Russia),
        ("sides", "ukraine") => Role::Side(Side::Ukraine),
        ("sides", "enemy") => Role::Enemy,
        ("sides", "country_prepositions") => Role::CountryPreposition,
        ("sides", "member_prepositions") => Role::MemberPreposition,
        ("attribution", "verbs") => Role::AttributionVerb,
        ("attribution", "anaphora") => Role::Anaphora,
        ("attribution", "earlier_report") => Role::EarlierReport,
        ("attribution", "outlets") => Role::Outlet,
        ("attribution", "person_roles") => Role::PersonRole,
        ("attribution", "spokesmen") => Role::Spokesman,
        ("attribution", "outlet_cues") => Role::OutletCue,
        ("attribution", "outlet_words") => Role::OutletWord,
        ("attribution", "collective_outlets") => Role::CollectiveOutlet,
        ("attribution", "speaker_kinds") => Role::SpeakerKind,
        ("attribution", "told_to") => Role::ToldTo,
        ("attribution", "unverified") => Role::Unverified,
        ("attribution", "joint") => Role::JointWith,
        ("attribution", "persons") => Role::Person,
        ("places", "types") => Role::PlaceType,
        ("places", "groups") => Role::GroupName,
        ("places", "prepositions") => Role::PlacePreposition,
        ("places", "routes") => Role::Route,
        ("places", "not_places") => Role::NotPlace,
        ("units", "types") => Role::UnitType,
        ("units", "abbreviations") => Role::UnitAbbreviation,
        ("units", "ordinal_suffixes") => Role::OrdinalSuffix,
        ("units", "designators") => Role::UnitDesignator,
        ("acts", "lone_persons") => Role::LonePerson,
        ("acts", "lone_soldiers") => Role::LoneSoldier,
        ("acts", "generic") => Role::Generic,
        ("acts", "case_words") => Role::CaseWord,
        _ => return None,
    })
}

/// The role of the phrases of list `key` in the `losses` section.
fn losses_list(key: &str) -> Option<Role> {
    Some(match key {
        "loss_words" => Role::LossWord,
        "agent_verbs" => Role::AgentVerb,
        "destroyed_words" => Role::DestroyedWord,
        "killed" => Role::Killed,
        "wounded" => Role::Wounded,
        "with_wounded" => Role::WithWounded,
        "name_counts" => Role::NameCount,
        "dead_lists" => Role::DeadList,
        "military_context" => Role::MilitaryContext,
        "civilian_context" => Role::CivilianContext,
        "interception" => Role::Interception,
        "hypothetical" => Role::Hypothetical,
        "destroyed" => Role::Destroyed,
        "share_lost" => Role::ShareLost,
        "fell_in_combat" => Role::FellInCombat,
        "wounded_in_combat" => Role::WoundedInCombat,
        "falling_debris" => Role::FallingDebris,
        "victim_voice" => Role::VictimVoice,
        "suffered_losses" => Role::SufferedLosses,
        "personnel_lost" => Role::PersonnelLost,
        "not_loss" => Role::NotLoss,
        "staged" => Role::Staged,
        "in_ranks" => Role::InRanks,
        "other_wars" => Role::OtherWar,
        "weak_personnel" => Role::WeakPersonnel,
        "civil_ambiguous" => Role::CivilAmbiguous,
        "captured" => Role::Captured,
        "passive_auxiliaries" => Role::PassiveAux,
        _ => return None,
    })
}

/// Lists whose phrases play a general role and a typed one: a hedge is a qualifier, a period
/// of known length is a period ("за сутки" is also a day).
pub(super) fn typed_list(section: &str, key: &str) -> Option<[Role; 2]> {
    Some(match (section, key) {
        ("figures", "up_to") => [Role::Qualifier, Role::Hedge(Qualifier::UpTo)],
        ("figures", "more_than") => [Role::Qualifier, Role::Hedge(Qualifier::MoreThan)],
        ("figures", "about") => [Role::Qualifier, Role::Hedge(Qualifier::About)],
        ("cumulative", "daily") => [Role::Daily, Role::Span(Period::Day)],
        ("cumulative", "weekly") => [Role::Period, Role::Span(Period::Week)],
        ("cumulative", "monthly") => [Role::Period, Role::Span(Period::Month)],
        ("cumulative", "yearly") => [Role::Period, Role::Span(Period::Year)],
        ("cumulative", "same_period") => [Role::Period, Role::SamePeriod],
        _ => return None,
    })
}
