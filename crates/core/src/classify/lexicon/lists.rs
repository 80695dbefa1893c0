//! Which role each named phrase list of the data files gives its phrases.

use super::role::Role;
use crate::model::{Period, Qualifier, Side};

/// The role of the phrases of list `key` in section `section`, if it is one.
pub(super) fn role_of_list(section: &str, key: &str) -> Option<Role> {
    Some(match (section, key) {
        ("losses", "loss_words") => Role::LossWord,
        ("losses", "agent_verbs") => Role::AgentVerb,
        ("losses", "destroyed_words") => Role::DestroyedWord,
        ("losses", "killed") => Role::Killed,
        ("losses", "wounded") => Role::Wounded,
        ("losses", "with_wounded") => Role::WithWounded,
        ("losses", "name_counts") => Role::NameCount,
        ("losses", "dead_lists") => Role::DeadList,
        ("losses", "military_context") => Role::MilitaryContext,
        ("losses", "civilian_context") => Role::CivilianContext,
        ("losses", "interception") => Role::Interception,
        ("losses", "hypothetical") => Role::Hypothetical,
        ("losses", "destroyed") => Role::Destroyed,
        ("losses", "share_lost") => Role::ShareLost,
        ("losses", "fell_in_combat") => Role::FellInCombat,
        ("losses", "not_loss") => Role::NotLoss,
        ("losses", "other_wars") => Role::OtherWar,
        ("losses", "weak_personnel") => Role::WeakPersonnel,
        ("losses", "civil_ambiguous") => Role::CivilAmbiguous,
        ("losses", "captured") => Role::Captured,
        ("sides", "agent_markers") => Role::AgentMark,
        ("sides", "attack_verbs") => Role::AttackVerb,
        ("sides", "attacks_by_ukraine") => Role::AttackBy(Side::Ukraine),
        ("sides", "attacks_by_russia") => Role::AttackBy(Side::Russia),
        ("sides", "behind_russian_lines") => Role::HeldBy(Side::Russia),
        ("attribution", "not_names") => Role::NotName,
        ("attribution", "targets") => Role::Target,
        ("places", "names") => Role::PlaceName,
        ("losses", "passive_auxiliaries") => Role::PassiveAux,
        ("figures", "link_verbs") => Role::LinkVerb,
        ("figures", "not_after_metric") => Role::NotAfterMetric,
        ("figures", "singular") => Role::Singular,
        ("figures", "fillers") => Role::Filler,
        ("figures", "count_units") => Role::CountUnit,
        ("figures", "qualifiers") => Role::Qualifier,
        ("cumulative", "running") => Role::Running,
        ("cumulative", "period") => Role::Period,
        ("cumulative", "daily") => Role::Daily,
        ("cumulative", "event") => Role::EventMarker,
        ("cumulative", "rate") => Role::Rate,
        ("figures", "including") => Role::Including,
        ("figures", "list_joins") => Role::ListJoin,
        ("sides", "russia") => Role::Side(Side::Russia),
        ("sides", "ukraine") => Role::Side(Side::Ukraine),
        ("sides", "enemy") => Role::Enemy,
        ("sides", "country_prepositions") => Role::CountryPreposition,
        ("sides", "member_prepositions") => Role::MemberPreposition,
        ("attribution", "verbs") => Role::AttributionVerb,
        ("attribution", "anaphora") => Role::Anaphora,
        ("attribution", "outlets") => Role::Outlet,
        ("attribution", "person_roles") => Role::PersonRole,
        ("attribution", "spokesmen") => Role::Spokesman,
        ("attribution", "outlet_cues") => Role::OutletCue,
        ("attribution", "joint") => Role::JointWith,
        ("attribution", "persons") => Role::Person,
        ("places", "types") => Role::PlaceType,
        ("places", "groups") => Role::GroupName,
        ("places", "prepositions") => Role::PlacePreposition,
        ("places", "not_places") => Role::NotPlace,
        ("units", "types") => Role::UnitType,
        ("units", "abbreviations") => Role::UnitAbbreviation,
        ("units", "ordinal_suffixes") => Role::OrdinalSuffix,
        ("units", "designators") => Role::UnitDesignator,
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
        _ => return None,
    })
}
