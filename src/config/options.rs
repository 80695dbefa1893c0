//! The options themselves: [`Config`] and its sections with their defaults (the sections with
//! more to say live in `bot`, `delivery` and `ops`). Time of day, time zone, topics and
//! languages are parsed into their types when the file is read (`typed`).

use super::typed::{DigestTime, optional_lang, zone};
use super::{BotConfig, DeliveryConfig, HumanDuration, LogConfig, ServerConfig};
use crate::model::{Category, Lang, Topics};
use crate::tz::ChatTz;
use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

/// The whole configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// `sqlite://PATH` (embedded, the default) or `postgres://…`.
    pub database_url: String,
    /// Chats allowed to manage sources from the bot.
    pub admin_chat_ids: Vec<i64>,
    pub poll: PollConfig,
    pub http: HttpConfig,
    pub digest: DigestConfig,
    pub delivery: DeliveryConfig,
    pub cluster: ClusterConfig,
    pub bot: BotConfig,
    pub run: RunConfig,
    pub server: ServerConfig,
    pub log: LogConfig,
    pub sources: Vec<SourceConfig>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: "sqlite://claimwatch.db".into(),
            admin_chat_ids: Vec::new(),
            poll: PollConfig::default(),
            http: HttpConfig::default(),
            digest: DigestConfig::default(),
            delivery: DeliveryConfig::default(),
            cluster: ClusterConfig::default(),
            bot: BotConfig::default(),
            run: RunConfig::default(),
            server: ServerConfig::default(),
            log: LogConfig::default(),
            sources: Vec::new(),
        }
    }
}

/// Polling schedule and error handling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PollConfig {
    /// Interval for sources that set none.
    pub default_interval: HumanDuration,
    /// No source is polled more often than this (a feed's TTL can only lengthen it).
    pub min_interval: HumanDuration,
    /// No healthy source waits longer than this.
    pub max_interval: HumanDuration,
    /// First retry delay after an error; doubles per consecutive error, with jitter.
    pub backoff_base: HumanDuration,
    /// Longest retry delay after errors.
    pub backoff_max: HumanDuration,
    /// Consecutive errors after which a source is paused and reported to the admins.
    pub pause_after_errors: u32,
    /// Sources fetched at once.
    pub concurrency: usize,
    /// Requests at once to one host.
    pub per_host_concurrency: usize,
}

impl Default for PollConfig {
    fn default() -> Self {
        PollConfig {
            default_interval: HumanDuration::secs(15 * 60),
            min_interval: HumanDuration::secs(2 * 60),
            max_interval: HumanDuration::secs(6 * 3600),
            backoff_base: HumanDuration::secs(60),
            backoff_max: HumanDuration::secs(6 * 3600),
            pause_after_errors: 20,
            concurrency: 8,
            per_host_concurrency: 2,
        }
    }
}

/// HTTP client limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HttpConfig {
    pub connect_timeout: HumanDuration,
    /// Whole request, body included.
    pub timeout: HumanDuration,
    /// Bodies larger than this (after decompression) are refused.
    pub max_body_bytes: u64,
    pub max_redirects: usize,
    pub user_agent: String,
    /// Allow sources on loopback or private networks (refused by default for `/addsource`).
    pub allow_private_addresses: bool,
    /// A proxy for fetching feeds (`http://host:port`); empty: none. The environment's
    /// `HTTP_PROXY` and the like are never used for feeds.
    pub proxy: String,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            connect_timeout: HumanDuration::secs(10),
            timeout: HumanDuration::secs(30),
            max_body_bytes: 5 * 1024 * 1024,
            max_redirects: 5,
            user_agent: format!(
                "claimwatch/{} (+https://github.com/claimwatch/claimwatch)",
                env!("CARGO_PKG_VERSION")
            ),
            allow_private_addresses: false,
            proxy: String::new(),
        }
    }
}

/// What a quiet day's digest says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuietDay {
    /// One short line.
    Line,
    /// Nothing at all.
    Skip,
}

/// Defaults for new subscribers, and digest rendering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DigestConfig {
    /// Local time of day, "HH:MM".
    pub time: DigestTime,
    /// The default time zone, an IANA name.
    #[serde(with = "zone")]
    pub timezone: chrono_tz::Tz,
    /// "refusal", "losses".
    pub topics: Vec<Category>,
    pub quiet_day: QuietDay,
    /// Source links shown per entry before "+N".
    pub sources_shown: usize,
    /// Entries per section at most.
    pub max_entries: usize,
}

impl Default for DigestConfig {
    fn default() -> Self {
        DigestConfig {
            time: DigestTime(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN)),
            timezone: chrono_tz::Europe::Kyiv,
            topics: vec![Category::Refusal, Category::Losses],
            quiet_day: QuietDay::Line,
            sources_shown: 3,
            max_entries: 20,
        }
    }
}

impl DigestConfig {
    /// The default digest time of a new subscriber.
    pub fn time_of_day(&self) -> NaiveTime {
        self.time.0
    }

    /// The default topics of a new subscriber.
    pub fn topic_set(&self) -> Topics {
        let none = Topics {
            refusal: false,
            losses: false,
        };
        self.topics.iter().fold(none, |t, c| t.with(*c, true))
    }

    /// A chat's time zone: the one it chose (an IANA name or an offset), else the configured
    /// default. The one place a stored zone is read.
    pub fn chat_tz(&self, chosen: Option<&str>) -> ChatTz {
        chosen
            .and_then(|z| z.parse().ok())
            .unwrap_or(ChatTz::Named(self.timezone))
    }
}

/// Near-duplicate story detection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ClusterConfig {
    /// Items further apart than this never join one story.
    pub window: HumanDuration,
    /// Estimated Jaccard similarity of word shingles above which two texts are one story.
    pub threshold: f64,
    /// A retelling of one loss event or refusal incident joins its story within this long.
    pub event_window: HumanDuration,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            window: HumanDuration::secs(72 * 3600),
            threshold: 0.5,
            event_window: HumanDuration::secs(7 * 24 * 3600),
        }
    }
}

impl ClusterConfig {
    /// The clusterer's settings.
    pub fn settings(&self) -> crate::cluster::Settings {
        crate::cluster::Settings {
            window: self.window.0,
            threshold: self.threshold,
            event_window: self.event_window.0,
        }
    }
}

/// How `claimwatch run` shares work between instances on one database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RunConfig {
    /// How long a role (pipeline, sender, Telegram updates) stays with an instance that stopped
    /// renewing it; another instance takes it over after this. Renewed every third of it.
    pub lease_ttl: HumanDuration,
    /// Connections in the PostgreSQL pool (SQLite uses a small fixed pool).
    pub database_pool_size: u32,
}

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig {
            lease_ttl: HumanDuration::secs(30),
            database_pool_size: crate::store::DEFAULT_POOL_SIZE,
        }
    }
}

/// One `[[sources]]` entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceConfig {
    /// Feed URL, `file://` path, `@channel` or `https://t.me/<channel>`.
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<HumanDuration>,
    /// Language of the source's texts when detection should not decide ("en", "uk", "ru").
    #[serde(
        default,
        with = "optional_lang",
        skip_serializing_if = "Option::is_none"
    )]
    pub lang: Option<Lang>,
    /// A display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}
