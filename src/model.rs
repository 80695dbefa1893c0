//! Domain types shared by every stage: sources, items, claims and their figures, stories,
//! subscribers. Plain data; no I/O.

use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Language of a text or of the bot's replies. `Other` covers everything that is not
/// English, Ukrainian or Russian (Bulgarian, Serbian, German, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Uk,
    Ru,
    Other,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Uk, Lang::Ru, Lang::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Uk => "uk",
            Lang::Ru => "ru",
            Lang::Other => "other",
        }
    }

    /// The language for the bot's own replies from a Telegram `language_code` ("uk", "ru-RU", …).
    pub fn from_ui_code(code: &str) -> Lang {
        let base = code.split(['-', '_']).next().unwrap_or("");
        match base.to_ascii_lowercase().as_str() {
            "uk" => Lang::Uk,
            "ru" => Lang::Ru,
            _ => Lang::En,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Lang {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" => Ok(Lang::En),
            "uk" | "ua" => Ok(Lang::Uk),
            "ru" => Ok(Lang::Ru),
            "other" => Ok(Lang::Other),
            _ => Err(UnknownValue::new("language", s, "en, uk, ru or other")),
        }
    }
}

/// A value that is not one of a fixed set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?}: expected {expected}")]
pub struct UnknownValue {
    pub what: &'static str,
    pub value: String,
    pub expected: &'static str,
}

impl UnknownValue {
    pub fn new(what: &'static str, value: &str, expected: &'static str) -> Self {
        Self {
            what,
            value: value.chars().take(64).collect(),
            expected,
        }
    }
}

/// What a report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Soldiers or units refusing orders or to fight, deserting, going AWOL.
    Refusal,
    /// Claims of military personnel or equipment losses.
    Losses,
}

impl Category {
    pub const ALL: [Category; 2] = [Category::Refusal, Category::Losses];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Refusal => "refusal",
            Category::Losses => "losses",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Category {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "refusal" | "refusals" => Ok(Category::Refusal),
            "losses" | "loss" => Ok(Category::Losses),
            _ => Err(UnknownValue::new("category", s, "refusal or losses")),
        }
    }
}

/// The side a claim is about (whose soldiers refused, whose losses are claimed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Russia,
    Ukraine,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Russia => "russia",
            Side::Ukraine => "ukraine",
        }
    }
}

impl FromStr for Side {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "russia" => Ok(Side::Russia),
            "ukraine" => Ok(Side::Ukraine),
            _ => Err(UnknownValue::new("side", s, "russia or ukraine")),
        }
    }
}

/// The fixed vocabulary of what a figure counts. Documented in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Personnel killed and wounded (the General Staff's "особовий склад").
    Personnel,
    Killed,
    Wounded,
    Prisoners,
    Tanks,
    /// Armoured combat vehicles (ББМ/ББМ, APC, IFV).
    Apc,
    Artillery,
    Mlrs,
    AirDefense,
    Aircraft,
    Helicopters,
    Uav,
    CruiseMissiles,
    Ships,
    Submarines,
    /// Cars and fuel tankers ("автомобільна техніка").
    Vehicles,
    SpecialEquipment,
    /// Ground robotic systems ("наземні робототехнічні комплекси").
    GroundRobots,
    /// Military equipment of unspecified kind ("30 единиц техники").
    Equipment,
    /// People who refused orders or to fight.
    Refusers,
    /// Deserters and AWOL soldiers.
    Deserters,
}

impl Metric {
    pub const ALL: [Metric; 21] = [
        Metric::Personnel,
        Metric::Killed,
        Metric::Wounded,
        Metric::Prisoners,
        Metric::Tanks,
        Metric::Apc,
        Metric::Artillery,
        Metric::Mlrs,
        Metric::AirDefense,
        Metric::Aircraft,
        Metric::Helicopters,
        Metric::Uav,
        Metric::CruiseMissiles,
        Metric::Ships,
        Metric::Submarines,
        Metric::Vehicles,
        Metric::SpecialEquipment,
        Metric::GroundRobots,
        Metric::Equipment,
        Metric::Refusers,
        Metric::Deserters,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Metric::Personnel => "personnel",
            Metric::Killed => "killed",
            Metric::Wounded => "wounded",
            Metric::Prisoners => "prisoners",
            Metric::Tanks => "tanks",
            Metric::Apc => "apc",
            Metric::Artillery => "artillery",
            Metric::Mlrs => "mlrs",
            Metric::AirDefense => "air_defense",
            Metric::Aircraft => "aircraft",
            Metric::Helicopters => "helicopters",
            Metric::Uav => "uav",
            Metric::CruiseMissiles => "cruise_missiles",
            Metric::Ships => "ships",
            Metric::Submarines => "submarines",
            Metric::Vehicles => "vehicles",
            Metric::SpecialEquipment => "special_equipment",
            Metric::GroundRobots => "ground_robots",
            Metric::Equipment => "equipment",
            Metric::Refusers => "refusers",
            Metric::Deserters => "deserters",
        }
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Metric {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Metric::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| UnknownValue::new("metric", s, "a metric from the README's vocabulary"))
    }
}

/// One number a claim states: "1,251 tanks (+3) since 24 February".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub metric: Metric,
    pub value: i64,
    /// The change the text gives beside the value ("(+3)"); null when absent.
    pub delta: Option<i64>,
    /// True for a running total, false for a period ("over the past day"), null when the text
    /// does not say.
    pub cumulative: Option<bool>,
}

/// Who claims what, about whom, with which figures. Absent fields are `None`, never guessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub category: Category,
    pub claimant: Option<String>,
    pub side: Option<Side>,
    pub unit: Option<String>,
    pub location: Option<String>,
    pub figures: Vec<Figure>,
    /// The phrases that decided the claim.
    pub evidence: Vec<String>,
}

/// How a source is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// RSS, Atom or JSON Feed over http(s) or `file://`.
    Feed,
    /// A public Telegram channel read through `https://t.me/s/<name>`.
    Telegram,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Feed => "feed",
            SourceKind::Telegram => "telegram",
        }
    }
}

impl FromStr for SourceKind {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "feed" => Ok(SourceKind::Feed),
            "telegram" => Ok(SourceKind::Telegram),
            _ => Err(UnknownValue::new("source kind", s, "feed or telegram")),
        }
    }
}

/// Where a source was declared: the config file (re-upserted at every start) or at run time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceOrigin {
    Config,
    Runtime,
}

impl SourceOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceOrigin::Config => "config",
            SourceOrigin::Runtime => "runtime",
        }
    }
}

impl FromStr for SourceOrigin {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "config" => Ok(SourceOrigin::Config),
            "runtime" => Ok(SourceOrigin::Runtime),
            _ => Err(UnknownValue::new("source origin", s, "config or runtime")),
        }
    }
}

/// A source to add or update. `url` is the canonical address (see `sources::address`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSource {
    pub url: String,
    pub kind: SourceKind,
    pub title: Option<String>,
    pub lang: Option<Lang>,
    /// Poll interval in seconds; `None` uses the configured default.
    pub interval_secs: Option<i64>,
    pub origin: SourceOrigin,
}

/// A monitored source and its polling health.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub id: i64,
    pub url: String,
    pub kind: SourceKind,
    pub title: Option<String>,
    pub lang: Option<Lang>,
    pub interval_secs: Option<i64>,
    pub origin: SourceOrigin,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub next_check_at: DateTime<Utc>,
    pub last_success_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub last_error_at: Option<DateTime<Utc>>,
    pub error_count: i64,
    pub paused: bool,
    pub paused_reason: Option<String>,
    /// Telegram backfill: the oldest post id reached so far (`?before=` of the next page).
    pub backfill_cursor: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl Source {
    /// A short human name: the title when known, else the address.
    pub fn display_name(&self) -> &str {
        self.title
            .as_deref()
            .filter(|t| !t.is_empty())
            .unwrap_or(&self.url)
    }
}

/// A normalised item ready to be stored (one feed entry or one Telegram post).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewItem {
    pub source_id: i64,
    /// The feed's guid, the Telegram post id (`name/123`), or a stable hash when neither exists.
    pub external_id: String,
    /// Canonical link (tracking parameters stripped), when the item has one.
    pub url: Option<String>,
    pub title: String,
    /// Clean text: no tags, entities decoded, whitespace folded, line breaks kept.
    pub text: String,
    pub lang: Lang,
    pub published_at: DateTime<Utc>,
    pub fetched_at: DateTime<Utc>,
    /// Hex digest of the normalised title and text.
    pub content_hash: String,
    pub author: Option<String>,
    /// For a forwarded Telegram post: the channel it came from (`name` or display name).
    pub forwarded_from: Option<String>,
    pub views: Option<i64>,
    /// Media kinds attached ("photo", "video", "poll", …).
    pub media: Vec<String>,
    pub edited: bool,
}

/// A stored item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: i64,
    #[serde(flatten)]
    pub item: NewItem,
    pub story_id: Option<i64>,
}

/// What happened to an item offered to the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsertOutcome {
    Inserted(i64),
    /// Already stored (same source + external id, same canonical link or same content hash);
    /// carries the stored item's id.
    Duplicate(i64),
}

/// A claim as stored: one per story and claim key, with the story it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredClaim {
    pub id: i64,
    pub story_id: i64,
    /// The item the claim was first extracted from.
    pub item_id: i64,
    pub claimed_at: DateTime<Utc>,
    pub claim: Claim,
}

/// A link to one item of a story, for "N sources" lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRef {
    pub source_id: i64,
    pub source_name: String,
    pub item_id: i64,
    pub url: Option<String>,
    pub published_at: DateTime<Utc>,
}

/// A story: the same report told by one or more items, and the claims it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    pub id: i64,
    pub first_item_id: i64,
    pub first_seen_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub item_count: i64,
    /// Distinct sources among its items.
    pub source_count: i64,
    pub title: String,
}

/// A story with everything needed to show it: claims and sources (first source first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryView {
    pub story: Story,
    pub claims: Vec<StoredClaim>,
    pub sources: Vec<SourceRef>,
}

/// The kind of Telegram chat a subscriber is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChatKind {
    Private,
    Group,
    Supergroup,
    Channel,
}

impl ChatKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChatKind::Private => "private",
            ChatKind::Group => "group",
            ChatKind::Supergroup => "supergroup",
            ChatKind::Channel => "channel",
        }
    }

    /// Groups, supergroups and channels are paced at the per-group rate.
    pub fn is_group_like(self) -> bool {
        !matches!(self, ChatKind::Private)
    }
}

impl FromStr for ChatKind {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "private" => Ok(ChatKind::Private),
            "group" => Ok(ChatKind::Group),
            "supergroup" => Ok(ChatKind::Supergroup),
            "channel" => Ok(ChatKind::Channel),
            _ => Err(UnknownValue::new(
                "chat kind",
                s,
                "private, group, supergroup or channel",
            )),
        }
    }
}

/// Which categories a subscriber wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topics {
    pub refusal: bool,
    pub losses: bool,
}

impl Topics {
    pub const ALL: Topics = Topics {
        refusal: true,
        losses: true,
    };

    pub fn contains(self, c: Category) -> bool {
        match c {
            Category::Refusal => self.refusal,
            Category::Losses => self.losses,
        }
    }

    pub fn with(mut self, c: Category, on: bool) -> Self {
        match c {
            Category::Refusal => self.refusal = on,
            Category::Losses => self.losses = on,
        }
        self
    }

    /// Stored form: "refusal,losses", "refusal", "losses" or "".
    pub fn to_db(self) -> String {
        Category::ALL
            .into_iter()
            .filter(|c| self.contains(*c))
            .map(Category::as_str)
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn from_db(s: &str) -> Topics {
        let mut t = Topics {
            refusal: false,
            losses: false,
        };
        for part in s.split(',') {
            if let Ok(c) = part.parse::<Category>() {
                t = t.with(c, true);
            }
        }
        t
    }
}

/// A chat that receives digests, and its preferences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscriber {
    pub id: i64,
    pub chat_id: i64,
    pub kind: ChatKind,
    pub title: Option<String>,
    /// False once the chat blocked or removed the bot (or does not exist any more).
    pub active: bool,
    /// False after `/unsubscribe`: no digests, settings kept.
    pub subscribed: bool,
    pub inactive_reason: Option<String>,
    pub topics: Topics,
    pub digest_time: NaiveTime,
    /// IANA name ("Europe/Kyiv") or a fixed offset ("UTC+2").
    pub timezone: String,
    pub ui_lang: Lang,
    pub keywords: Vec<String>,
    /// End of the period covered by the last digest enqueued for this chat.
    pub last_digest_at: Option<DateTime<Utc>>,
    /// When the next scheduled digest is due.
    pub next_digest_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// Defaults for a new subscriber, from the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSubscriber {
    pub chat_id: i64,
    pub kind: ChatKind,
    pub title: Option<String>,
    pub topics: Topics,
    pub digest_time: NaiveTime,
    pub timezone: String,
    pub ui_lang: Lang,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_names_round_trip_and_match_serde() {
        for m in Metric::ALL {
            assert_eq!(m.as_str().parse::<Metric>().unwrap(), m);
            let json = serde_json::to_string(&m).unwrap();
            assert_eq!(json, format!("\"{}\"", m.as_str()));
        }
        assert!("bananas".parse::<Metric>().is_err());
    }

    #[test]
    fn topics_db_form_round_trips() {
        for t in [
            Topics::ALL,
            Topics::ALL.with(Category::Losses, false),
            Topics::ALL.with(Category::Refusal, false),
            Topics {
                refusal: false,
                losses: false,
            },
        ] {
            assert_eq!(Topics::from_db(&t.to_db()), t);
        }
    }

    #[test]
    fn ui_language_from_telegram_codes() {
        assert_eq!(Lang::from_ui_code("uk"), Lang::Uk);
        assert_eq!(Lang::from_ui_code("ru-RU"), Lang::Ru);
        assert_eq!(Lang::from_ui_code("de"), Lang::En);
        assert_eq!(Lang::from_ui_code(""), Lang::En);
    }
}
