//! The delivery suite: the outbox worker through the real teloxide client against the fake
//! Bot API (pacing, 429 storms, blocked chats, migrated groups, network errors, hostile
//! digests), driven by a manual clock; the outbox state machine through every transition with
//! a scripted sender, crashes included; and crash-restart tests that SIGKILL the real binary
//! mid fan-out.

#[path = "../support/mod.rs"]
mod support;

#[path = "../digest/seed.rs"]
mod seed;

mod crash;
mod faults;
mod in_doubt;
mod machine;
mod scripted;
mod send;
mod sigterm;
mod store;

use chrono::{DateTime, Duration, Utc};
use claimwatch::clock::ManualClock;
use claimwatch::config::DeliveryConfig;
use claimwatch::delivery::{DeliveryCtx, DeliveryReport, deliver_due};
use claimwatch::store::{DigestEnqueue, Store};
use std::sync::Arc;
use support::db::TestDb;
use support::t0;
use teloxide::Bot;

/// A store, a manual clock at t0, and a delivery context with `bot`.
pub struct Rig {
    pub db: TestDb,
    pub clock: ManualClock,
    pub ctx: DeliveryCtx<Bot>,
}

pub async fn rig(bot: Bot, config: DeliveryConfig) -> Rig {
    let db = TestDb::new().await;
    let clock = ManualClock::new(t0());
    let ctx = DeliveryCtx::new(db.store.clone(), bot, config, Arc::new(clock.clone()));
    Rig { db, clock, ctx }
}

impl Rig {
    pub fn store(&self) -> &dyn Store {
        self.db.store.as_ref()
    }

    /// A subscriber with a digest of `parts` enqueued now; returns its id.
    pub async fn digest_for(&self, chat: i64, parts: &[&str]) -> i64 {
        let sub = seed::subscriber(
            self.store(),
            chat,
            "Europe/Kyiv",
            (9, 0),
            claimwatch::model::Lang::En,
            t0(),
        )
        .await;
        self.enqueue(sub.id, "digest:2026-11-21T07:00:00Z", parts)
            .await;
        sub.id
    }

    pub async fn enqueue(&self, subscriber_id: i64, period: &str, parts: &[&str]) {
        let d = DigestEnqueue {
            subscriber_id,
            period: period.into(),
            parts: parts.iter().map(|p| p.to_string()).collect(),
            story_ids: vec![],
            photo: None,
            period_end: self.clock_now(),
            next_digest_at: None,
        };
        assert!(
            self.store()
                .enqueue_digest(&d, self.clock_now())
                .await
                .unwrap()
        );
    }

    fn clock_now(&self) -> DateTime<Utc> {
        claimwatch::clock::Clock::now(&self.clock)
    }

    /// One step at the clock's time.
    pub async fn step(&self) -> DeliveryReport {
        deliver_due(&self.ctx, self.clock_now()).await.unwrap()
    }

    /// Steps every `every` until nothing is pending (at most `max_steps`); returns the sum
    /// and the reports of each step.
    pub async fn drive(
        &self,
        every: Duration,
        max_steps: usize,
    ) -> (DeliveryReport, Vec<DeliveryReport>) {
        let mut total = DeliveryReport::default();
        let mut steps = Vec::new();
        for _ in 0..max_steps {
            let r = self.step().await;
            total.add(&r);
            steps.push(r);
            if self.store().next_outbox_due().await.unwrap().is_none() {
                return (total, steps);
            }
            self.clock.advance(every);
        }
        panic!("still pending after {max_steps} steps: {total:?}");
    }
}

pub fn delivery_config() -> DeliveryConfig {
    DeliveryConfig::default()
}
