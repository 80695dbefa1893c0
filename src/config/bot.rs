//! `[bot]`: how the bot talks to Telegram — polling or webhook, reply languages, search
//! windows, the long poll's timeout, and each chat's fair share (flood control).

use super::HumanDuration;
use super::typed::langs;
use crate::model::Lang;
use serde::{Deserialize, Serialize};

/// How the bot talks to Telegram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BotMode {
    Polling,
    Webhook,
}

/// The Telegram side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BotConfig {
    pub mode: BotMode,
    /// Public HTTPS URL Telegram posts updates to (webhook mode).
    pub webhook_url: String,
    /// Address the webhook server listens on (webhook mode).
    pub webhook_listen: String,
    /// Languages the bot replies in; the first is the fallback.
    #[serde(with = "langs")]
    pub ui_languages: Vec<Lang>,
    /// `/search` looks this far back unless the user asks otherwise.
    pub search_window: HumanDuration,
    /// `/recent` looks this far back.
    pub recent_window: HumanDuration,
    /// How long Telegram holds one long poll open when there is nothing new (the HTTP client
    /// waits 10 s longer, so an idle poll never times out).
    pub poll_timeout: HumanDuration,
    /// Updates one chat may send in a burst before its rate counts.
    pub flood_burst: u32,
    /// Updates per minute one chat may send in the long run.
    pub flood_per_minute: u32,
    /// A chat over its share gets one "slow down" and is ignored this long.
    pub flood_pause: HumanDuration,
}

impl Default for BotConfig {
    fn default() -> Self {
        BotConfig {
            mode: BotMode::Polling,
            webhook_url: String::new(),
            webhook_listen: "0.0.0.0:8443".into(),
            ui_languages: vec![Lang::En, Lang::Uk, Lang::Ru],
            search_window: HumanDuration::secs(30 * 86_400),
            recent_window: HumanDuration::secs(86_400),
            poll_timeout: HumanDuration::secs(25),
            flood_burst: 10,
            flood_per_minute: 30,
            flood_pause: HumanDuration::secs(60),
        }
    }
}

impl BotConfig {
    /// The UI languages, fallback first.
    pub fn languages(&self) -> Vec<Lang> {
        self.ui_languages.clone()
    }
}
