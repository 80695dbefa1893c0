//! `[delivery]`: outbox pacing, retries, and what happens to a message whose send was in
//! flight when its sender stopped (`in_doubt`).

use super::HumanDuration;
use serde::{Deserialize, Serialize};

/// What to do with a message found in doubt: its send was in flight when its sender stopped,
/// so it may or may not have arrived (the Bot API has no idempotency key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InDoubt {
    /// Send it again, once per doubt, with a marker in the reader's language: nothing is ever
    /// lost; a message may arrive twice, the repeat marked.
    Resend,
    /// Never send it again: nothing is ever doubled; a message may be missing.
    Skip,
}

/// Outbox delivery pacing and retries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DeliveryConfig {
    /// Messages per second over all chats.
    pub global_per_second: u32,
    /// Messages per second to one chat.
    pub per_chat_per_second: u32,
    /// Messages per minute to one group, supergroup or channel.
    pub per_group_per_minute: u32,
    /// Attempts before a message is given up (network errors only; 429 waits don't count).
    pub max_attempts: u32,
    /// First retry delay after a network error; doubles per attempt.
    pub retry_base: HumanDuration,
    /// A message in flight when its sender stopped: sent again, marked, or skipped.
    pub in_doubt: InDoubt,
}

impl Default for DeliveryConfig {
    fn default() -> Self {
        DeliveryConfig {
            global_per_second: 30,
            per_chat_per_second: 1,
            per_group_per_minute: 20,
            max_attempts: 10,
            retry_base: HumanDuration::secs(5),
            in_doubt: InDoubt::Resend,
        }
    }
}
