//! The only test-only implementation the bot suite uses: a [`DigestSource`] that returns
//! what a test sets and records each call. Every `BotHarness` injects it; only
//! `lifecycle::digest_now_uses_the_digest_source` exercises it (the real
//! `ComposedDigestSource` runs in `lifecycle::digest_now_with_the_digest_module`). Source
//! checking always uses the real `AddressChecker`.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use claimwatch::bot::DigestSource;
use claimwatch::model::Subscriber;
use std::sync::Mutex;

/// Answers `/digest` with a preset reply and records (chat id, time) of each call.
pub struct RecordingDigest {
    reply: Mutex<Result<Vec<String>, String>>,
    calls: Mutex<Vec<(i64, DateTime<Utc>)>>,
}

impl Default for RecordingDigest {
    fn default() -> Self {
        RecordingDigest {
            reply: Mutex::new(Ok(Vec::new())),
            calls: Mutex::new(Vec::new()),
        }
    }
}

impl RecordingDigest {
    pub fn set_reply(&self, reply: Result<Vec<String>, String>) {
        *self.reply.lock().unwrap() = reply;
    }

    pub fn calls(&self) -> Vec<(i64, DateTime<Utc>)> {
        self.calls.lock().unwrap().clone()
    }
}

#[async_trait]
impl DigestSource for RecordingDigest {
    async fn digest_now(
        &self,
        sub: &Subscriber,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>, String> {
        self.calls.lock().unwrap().push((sub.chat_id, now));
        self.reply.lock().unwrap().clone()
    }
}
