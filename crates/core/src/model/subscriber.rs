//! Chats that receive digests and their preferences.

use super::{Category, Lang};
use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// The kind of Telegram chat a subscriber is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChatKind {
    Private,
    Group,
    Supergroup,
    Channel,
}

named_values!(ChatKind, "chat kind", "private, group, supergroup or channel", {
    Private => "private",
    Group => "group",
    Supergroup => "supergroup",
    Channel => "channel",
});

impl ChatKind {
    /// Groups, supergroups and channels are paced at the per-group rate.
    pub fn is_group_like(self) -> bool {
        !matches!(self, ChatKind::Private)
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
    /// The day of the week the digest carries the weekly chart; `None` for never.
    pub chart_weekday: Option<chrono::Weekday>,
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
}
