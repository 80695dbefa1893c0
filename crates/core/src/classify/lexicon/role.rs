//! What a phrase found in a text stands for: the role each lexicon list gives its phrases.

use crate::model::{Metric, Period, Qualifier, Side};

/// What a phrase found in a text stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    RefusalTrigger(u16),
    RefusalNeeds(u16),
    RefusalUnless(u16),
    /// A loss noun or verb: the side beside it lost ("потери ВСУ", "Russia has lost").
    LossWord,
    /// An active verb of destroying or killing: the side before it is the attacker.
    AgentVerb,
    /// "уничтожено", "знищено": destroyed, said of the loser.
    DestroyedWord,
    Killed,
    Wounded,
    /// "с учетом раненых", "including the wounded": the figure counts the killed and the
    /// wounded together.
    WithWounded,
    /// "имен", "names": what a list of the dead counts.
    NameCount,
    /// "поименный список погибших", "a list of the dead".
    DeadList,
    MilitaryContext,
    CivilianContext,
    Interception,
    Hypothetical,
    /// "may have lost", "могли потерять": a past loss told as likely, not a hypothetical one.
    HedgedPast,
    /// Equipment reported destroyed without a number ("уничтожили танк").
    Destroyed,
    /// A share of a force lost ("lost 25% of its combat power").
    ShareLost,
    /// One soldier killed in combat, told by a singular verb and where it happened ("погиб
    /// в бою", "загинув на фронті"): one killed, in one incident.
    FellInCombat,
    /// One soldier wounded, told by a singular verb ("получил ранение", "получил более 40
    /// осколков", "поранений у бою"): one wounded, in one incident.
    WoundedInCombat,
    /// "в результате падения обломков", "падіння уламків", "falling debris": a loss where the
    /// reporter's air defence brought the enemy's missiles or drones down, on its own side.
    FallingDebris,
    /// A loss told in the voice of the side that suffered it: died, not destroyed ("загинули",
    /// "погибли", "получили ранения", "died"). Said of one's own soldiers: the other side's
    /// are "eliminated".
    VictimVoice,
    /// A force said to suffer losses, without a count ("бригада ВСУ понесла потери",
    /// "Russian troops suffered heavy losses").
    SufferedLosses,
    /// "с потерями среди личного состава", "вместе с экипажем", "along with its crew": the
    /// people of a struck place or machine lost, without a count.
    PersonnelLost,
    /// Not a loss at all ("lost the match", "потерял деньги").
    NotLoss,
    /// Another war or a security operation ("Сирия", "Gaza", "КТО"): out of scope.
    OtherWar,
    /// "was", "were": before an agent verb it makes the verb passive.
    PassiveAux,
    /// "reached", "составили": links a metric before it to a number after it.
    LinkVerb,
    Metric(Metric),
    /// "человек", "people": personnel only where the sentence is military.
    WeakPersonnel,
    /// Nouns that count civilians or civilian things as readily as military ones ("погибших",
    /// "автомобилей"): their figures need a military context.
    CivilAmbiguous,
    /// "сдался в плен", "captured": the people before it were taken prisoner, not killed.
    Captured,
    /// "силами", "by": the side after it did the destroying.
    AgentMark,
    /// "нанесли удар", "атаковали", "attacked": the side before it attacked, so losses told
    /// near it without a side of their own are the other side's.
    AttackVerb,
    /// "позиции", "positions": a side beside it holds them, the enemy of who would attack.
    Positions,
    /// "strike", "удара", "обстріл": a blow struck; a side beside it struck the blow
    /// ("a Russian missile strike", "удара украинского дрона").
    StrikeNoun,
    /// A place far behind one side's lines (Sevastopol): a soldier killed or a deserter caught
    /// there with no side named is that side's.
    HeldBy(Side),
    /// A weapon only one side fires (ATACMS, «Искандер»): an attack with it names the
    /// attacker.
    AttackBy(Side),
    /// Capitalised words that are not first names ("Ранее", "Also").
    NotName,
    /// Words that make what follows the target of a strike ("удар по штабу …"): a name there
    /// is not a source.
    Target,
    /// Known place names (a gazetteer of stems).
    PlaceName,
    NotAfterMetric,
    /// A kind of equipment no metric keeps ("fuel tanks"): a number it counts is no figure.
    Uncounted,
    /// A singular noun of equipment or soldier with no number before it ("танк", "боевую
    /// машину пехоты", "a tank"): one of it, when a loss word governs it.
    Singular,
    /// "несколько", "десятки", "several": what follows is plural, whatever its form ("несколько
    /// танков, БМП и пикапов").
    PluralQuantity,
    Filler,
    /// "дезертир", "deserter": the one who refused, in the singular.
    LonePerson,
    /// "контрактника", "a soldier": a soldier in the singular, as the one a court, an
    /// investigator or the police dealt with.
    LoneSoldier,
    /// "каждый", "если", "every": a sentence about anyone who might, a rule, not an act.
    Generic,
    /// "дел", "справ", "cases": a count of them counts what the cases are about.
    CaseWord,
    /// "also", "также", "раніше": an adverb between a described speaker and the verb, no part
    /// of the speaker.
    SpeakerAdverb,
    /// "добавив", "нагадавши", "adding": a clause that goes on with what a speaker described
    /// before it said; the description ends at the comma before it.
    SpeechGerund,
    /// "told": the outlet after it was told, it does not tell.
    ToldTo,
    /// "could not verify", "не смогли проверить": the outlet before it does not tell the claim.
    Unverified,
    /// "в армии", "на фронте", "in the army": where those who died served.
    InRanks,
    /// "переданы 31 тело", "обмен телами", "repatriation": bodies handed between the sides,
    /// the war's dead soldiers.
    BodyExchange,
    /// "это были учения", "it was a drill": what the post told did not happen.
    Staged,
    /// "and", "та", "вместе с": joins a count to one soldier named before it.
    JoinedWith,
    /// "other", "ещё", "інших": the people counted are others than one named before.
    Others,
    /// "разом із ним", "together with him": the people counted are joined to one named in a
    /// sentence before.
    WithOne,
    /// "years", "лет", "років": a number before it counts time, not what was lost.
    Duration,
    /// "трое", "п'ятеро": a collective numeral, which counts people only.
    Collective,
    /// A possessive pronoun ("its", "их", "їхні"): whose it is was told before.
    Possessive,
    /// A word for the whole of a count ("всего", "загалом", "in total").
    Whole,
    CountUnit,
    Qualifier,
    /// A qualifier that says how the figure is hedged ("до", "более", "около"); always found
    /// together with `Qualifier`.
    Hedge(Qualifier),
    Running,
    Period,
    /// A period of a known length ("за неделю", "в ноябре", "since the start of the year");
    /// always found together with `Period`.
    Span(Period),
    /// "в среднем", "on average": the figure is an average, hedged as about.
    Average,
    /// "over the same period", "за тот же период": the period of the figure before; always
    /// found together with `Period`.
    SamePeriod,
    /// Words that put a figure in one incident ("в результате удара", "during the assault"):
    /// a figure of that sentence with no period of its own counts the incident.
    EventMarker,
    /// A period of one day ("over the past day", "за сутки"): a part of a running total
    /// said with it is the total's delta.
    Daily,
    /// "в среднем", "каждый день", "per day": a daily figure is a rate, not one day's count.
    Rate,
    /// "назвав цифру", "the figure": a number standing for a loss told just before.
    FigureWord,
    /// A tally reaching a level ("превысили", "приближается к", "have lost"): with no period
    /// said, a running total.
    Reached,
    /// "including", "в том числе", "з них": a part of the figure before follows.
    Including,
    /// "or", "то есть", "тобто": what follows says the figure before again, in other terms
    /// ("912 verdicts, or roughly 30 a day").
    Restating,
    /// "as well as", "а также", "і": the figures of an enumeration share their loss word.
    ListJoin,
    Side(Side),
    Enemy,
    CountryPreposition,
    /// "в", "из", "у": before an army's abbreviation they mean membership ("в ЗСУ").
    MemberPreposition,
    Claimant(u16),
    AttributionVerb,
    Anaphora,
    /// "как сообщалось", "як повідомлялося", "as previously reported": what follows recalls
    /// an earlier report, whose source the text does not name.
    EarlierReport,
    Outlet,
    /// "пишет", "по данным", "издание": a name in quotes right after it is an outlet.
    OutletCue,
    /// "издание", "проект", "the outlet": a common noun that may stand for an outlet named
    /// before.
    OutletWord,
    /// "СМИ", "издания", "media": outlets named by their kind; a source when an adjective
    /// says which ("украинские СМИ").
    CollectiveOutlet,
    /// "источник", "командир", "lawmaker", "бригада": a word that can describe who speaks
    /// ("…, сообщил источник в силовых структурах").
    SpeakerKind,
    /// "совместно с", "together with": the source before it leads a joint claim.
    JointWith,
    PersonRole,
    /// "спикер", "речник", "spokesman": whoever it introduces speaks for the institution
    /// named with it.
    Spokesman,
    /// A known official's surname ("Зеленский", "Syrskyi").
    Person,
    NumberWord(i64),
    Multiplier(i64),
    PlaceType,
    /// A group of forces by name ("группировка войск «Запад»"): the scope of the ministry's
    /// figures for it.
    GroupName,
    PlacePreposition,
    /// A road ("трасса", "дорога", "highway"): a place after it and its preposition is where
    /// the road goes ("до трассы на Сватово"), not where something happened.
    Route,
    NotPlace,
    UnitType,
    UnitAbbreviation,
    OrdinalSuffix,
    UnitDesignator,
}

impl Role {
    /// A word a loss figure can be counted by: of loss, of destroying, of killing or wounding.
    pub fn counts_losses(self) -> bool {
        matches!(
            self,
            Role::LossWord | Role::DestroyedWord | Role::AgentVerb | Role::Killed | Role::Wounded
        )
    }

    /// A phrase of time a count covers: a span, a day, a running total.
    pub fn is_period(self) -> bool {
        matches!(
            self,
            Role::Period | Role::Daily | Role::Running | Role::Span(_)
        )
    }

    /// Whether a phrase of this role can start a report: a text with none is neither a
    /// refusal nor a loss report, whatever else it holds.
    pub fn starts_report(self) -> bool {
        matches!(
            self,
            Role::RefusalTrigger(_)
                | Role::LossWord
                | Role::DestroyedWord
                | Role::AgentVerb
                | Role::Killed
                | Role::Wounded
                | Role::Destroyed
                | Role::ShareLost
                | Role::FellInCombat
                | Role::WoundedInCombat
                | Role::SufferedLosses
                | Role::PersonnelLost
        )
    }
}
