//! The shapes of one language's strings: the bot's replies ([`BotTexts`]), the command
//! descriptions ([`CommandTexts`]), the digest's wording ([`DigestTexts`], [`MetricNames`]) and
//! [`Texts`], which holds them all. Each language file fills one [`Texts`].

use serde::Serialize;

/// The bot's replies. Templates are Telegram HTML: fill them with escaped values only.
#[derive(Debug, Serialize)]
pub struct BotTexts {
    /// One description per command, for `/help` and `setMyCommands`.
    pub commands: CommandTexts,
    /// `/start` in a chat new to the bot.
    pub welcome: &'static str,
    /// `/start` again: settings were kept.
    pub welcome_back: &'static str,
    /// Posted when the bot is added to a group: `{time}`, `{tz}`.
    pub welcome_group: &'static str,
    pub help_title: &'static str,
    pub help_admin_title: &'static str,
    pub help_footer: &'static str,
    /// Shown for a command the bot does not know.
    pub unknown_command: &'static str,
    /// Plain text in a private chat.
    pub plain_text: &'static str,
    /// Something failed on the bot's side.
    pub error: &'static str,
    pub need_start: &'static str,
    pub group_admin_only: &'static str,
    pub admin_only: &'static str,
    /// `{topics}`, `{time}`, `{tz}`.
    pub subscribed: &'static str,
    pub subscribe_usage: &'static str,
    pub unsubscribed: &'static str,
    pub not_subscribed: &'static str,
    pub settings_title: &'static str,
    pub settings_on: &'static str,
    pub settings_off: &'static str,
    /// `{topics}`.
    pub settings_topics: &'static str,
    /// `{time}`, `{tz}`.
    pub settings_time: &'static str,
    /// `{language}`.
    pub settings_language: &'static str,
    /// `{keywords}`.
    pub settings_keywords: &'static str,
    pub settings_keywords_none: &'static str,
    pub settings_hint: &'static str,
    pub topic_refusal: &'static str,
    pub topic_losses: &'static str,
    pub topics_none: &'static str,
    /// `{time}`.
    pub btn_time: &'static str,
    /// `{tz}`.
    pub btn_timezone: &'static str,
    /// `{language}`.
    pub btn_language: &'static str,
    pub btn_on: &'static str,
    pub btn_off: &'static str,
    pub btn_back: &'static str,
    pub pick_hour: &'static str,
    pub pick_timezone: &'static str,
    pub pick_language: &'static str,
    /// A short toast after a button press.
    pub saved: &'static str,
    pub callback_stale: &'static str,
    pub search_expired: &'static str,
    /// `{time}`, `{tz}`, `{next}`.
    pub time_set: &'static str,
    pub time_usage: &'static str,
    /// `{input}`.
    pub time_invalid: &'static str,
    /// `{tz}`, `{next}`.
    pub timezone_set: &'static str,
    pub timezone_usage: &'static str,
    /// `{input}`.
    pub timezone_invalid: &'static str,
    /// Said in the newly chosen language.
    pub language_set: &'static str,
    pub keywords_usage: &'static str,
    /// `{keywords}`.
    pub keywords_list: &'static str,
    pub keywords_empty: &'static str,
    /// `{keywords}`.
    pub keywords_added: &'static str,
    /// `{keywords}`.
    pub keywords_removed: &'static str,
    pub keywords_cleared: &'static str,
    /// `{keywords}`.
    pub keywords_not_found: &'static str,
    /// `{max}`.
    pub keyword_too_long: &'static str,
    /// `{max}`.
    pub keywords_too_many: &'static str,
    /// `{input}`.
    pub keyword_invalid: &'static str,
    /// `{days}`.
    pub search_usage: &'static str,
    /// `{max}`.
    pub search_too_long: &'static str,
    pub search_bad_window: &'static str,
    /// `{query}`, `{days}`.
    pub search_none: &'static str,
    /// `{total}`, `{claims}`, `{query}`, `{days}`, `{page}`, `{pages}`.
    pub search_header: &'static str,
    /// `{hours}`.
    pub recent_title: &'static str,
    /// `{hours}`.
    pub recent_none: &'static str,
    /// `{n}`.
    pub recent_more: &'static str,
    pub digest_failed: &'static str,
    pub digest_empty: &'static str,
    /// `{n}`.
    pub sources_title: &'static str,
    pub sources_none: &'static str,
    pub source_ok: &'static str,
    /// `{n}`.
    pub source_failing: &'static str,
    pub source_paused: &'static str,
    pub source_never: &'static str,
    /// `{when}`.
    pub source_last_ok: &'static str,
    /// `{command}`.
    pub source_usage: &'static str,
    /// `{input}`.
    pub source_not_found: &'static str,
    /// `{id}`, `{name}`.
    pub source_added: &'static str,
    /// `{id}`, `{name}`.
    pub source_exists: &'static str,
    /// `{input}`, `{reason}`.
    pub source_refused: &'static str,
    /// `{id}`, `{name}`.
    pub source_removed: &'static str,
    /// `{id}`, `{name}`.
    pub source_paused_done: &'static str,
    /// `{id}`, `{name}`.
    pub source_resumed: &'static str,
    pub source_config_note: &'static str,
    /// `{sources}`, `{paused}`, `{items}`, `{claims}`, `{stories}`, `{active}`, `{total}`,
    /// `{sent}`, `{pending}`, `{failed}`, `{resent}`, `{in_doubt}`.
    pub stats: &'static str,
    /// At the top of a message sent again after a crash (plain text; shown in italics).
    pub resent_marker: &'static str,
    /// The bot's storage failed: nothing was changed (never "saved").
    pub not_saved: &'static str,
    /// A chat sends too fast: `{secs}` seconds of being ignored.
    pub slow_down: &'static str,
    /// `{claimant}`.
    pub hit_claims: &'static str,
    /// `{source}`: a claim whose claimant is unknown.
    pub hit_reports: &'static str,
    pub cat_refusal: &'static str,
    pub cat_losses: &'static str,
    pub side_russia: &'static str,
    pub side_ukraine: &'static str,
    pub hit_sources: &'static str,
    /// `{n}`.
    pub more_sources: &'static str,
    /// "claim" for [`plural`](super::plural): one, few, many.
    pub claims_forms: [&'static str; 3],
    /// "day" for [`plural`](super::plural): one, few, many.
    pub days_forms: [&'static str; 3],
}

/// Command descriptions, one per `BotCommands` variant (see `bot::commands`).
#[derive(Debug, Serialize)]
pub struct CommandTexts {
    pub start: &'static str,
    pub help: &'static str,
    pub subscribe: &'static str,
    pub unsubscribe: &'static str,
    pub settings: &'static str,
    pub time: &'static str,
    pub timezone: &'static str,
    pub keywords: &'static str,
    pub search: &'static str,
    pub recent: &'static str,
    pub digest: &'static str,
    pub sources: &'static str,
    pub chart: &'static str,
    pub addsource: &'static str,
    pub removesource: &'static str,
    pub pausesource: &'static str,
    pub resumesource: &'static str,
    pub stats: &'static str,
}

/// The digest's wording. Outside text (titles, names) is escaped by the renderer; these
/// strings are the project's own and may hold no markup.
#[derive(Debug, Serialize)]
pub struct DigestTexts {
    /// The digest's first line.
    pub title: &'static str,
    /// A local date and time: `{weekday} {day} {month}, {time}`.
    pub when: &'static str,
    /// Start of the period: `since {weekday} {time}`.
    pub since: &'static str,
    /// Monday first.
    pub weekdays: [&'static str; 7],
    /// January first.
    pub months: [&'static str; 12],
    /// `{n} refusal reports` as [one, few, many] (see [`plural`](super::plural)).
    pub refusal_count: [&'static str; 3],
    /// `{n} loss claims` as [one, few, many].
    pub loss_count: [&'static str; 3],
    pub section_refusals: &'static str,
    pub section_losses: &'static str,
    /// `{n} sources` as [one, few, many], before the links.
    pub sources: [&'static str; 3],
    /// Entries left out of a long section: `+{n} more: /recent`.
    pub more_entries: &'static str,
    /// The link to the General Staff's report.
    pub full_report: &'static str,
    /// A quiet day: `Nothing new on your topics since {since}.`
    pub quiet: &'static str,
    /// Shown when the chat filters by keywords: `Only reports mentioning: {keywords}`.
    pub keywords: &'static str,
    /// The last line: commands to go further.
    pub footer: &'static str,
    pub metrics: MetricNames,
}

/// What each figure counts, as shown in the digest (see `model::Metric`).
#[derive(Debug, Serialize)]
pub struct MetricNames {
    pub personnel: &'static str,
    pub killed: &'static str,
    pub wounded: &'static str,
    pub prisoners: &'static str,
    pub tanks: &'static str,
    pub apc: &'static str,
    pub artillery: &'static str,
    pub mlrs: &'static str,
    pub air_defense: &'static str,
    pub aircraft: &'static str,
    pub helicopters: &'static str,
    pub uav: &'static str,
    pub cruise_missiles: &'static str,
    pub ships: &'static str,
    pub submarines: &'static str,
    pub vehicles: &'static str,
    pub special_equipment: &'static str,
    pub refusers: &'static str,
    pub deserters: &'static str,
    pub ground_robots: &'static str,
    pub equipment: &'static str,
}

/// All strings of one language.
#[derive(Debug, Serialize)]
pub struct Texts {
    /// The language's own name, for the language picker ("English", "Українська", "Русский").
    pub language_name: &'static str,
    pub bot: BotTexts,
    pub digest: DigestTexts,
}
