//! A scripted [`Sender`] for the outbox state-machine tests, and "processes" to crash: each
//! process is a delivery context over its own connection pool to the one test database, so a
//! crash (its step dropped, its pool closed) loses exactly what a dead process loses.

use crate::seed;
use crate::support::db::TestDb;
use crate::support::t0;
use claimwatch::clock::{Clock, ManualClock};
use claimwatch::config::DeliveryConfig;
use claimwatch::delivery::sender::Photo;
use claimwatch::delivery::{DeliveryCtx, DeliveryReport, Sender, deliver_due, recover};
use claimwatch::model::Lang;
use claimwatch::store::{self, DigestEnqueue, OutboxMessage, Store};
use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex};
use teloxide::RequestError;
use tokio::sync::Notify;

/// What the next send does.
pub enum Step {
    /// Telegram accepts it.
    Accept,
    /// Telegram answers with this error (nothing is delivered).
    Fail(RequestError),
    /// Telegram receives it, and the process dies before the answer arrives.
    DieInFlight,
    /// Telegram receives and answers it; the process dies before it writes the answer (its
    /// database connections close as the answer comes back).
    DieAfterAnswer,
}

/// What Telegram received, shared by every process of a test: (chat, text) in order.
#[derive(Clone, Default)]
pub struct Telegram(Arc<Mutex<Vec<(i64, String)>>>);

impl Telegram {
    pub fn received(&self, chat: i64) -> Vec<String> {
        let all = self.0.lock().unwrap();
        all.iter()
            .filter(|(c, _)| *c == chat)
            .map(|(_, t)| t.clone())
            .collect()
    }

    fn receive(&self, chat: i64, text: String) -> i64 {
        let mut all = self.0.lock().unwrap();
        all.push((chat, text));
        all.len() as i64
    }
}

/// One process's sender: follows its script, then accepts everything.
pub struct Scripted {
    telegram: Telegram,
    script: Mutex<VecDeque<Step>>,
    /// This process's store, closed by [`Step::DieAfterAnswer`].
    store: Arc<dyn Store>,
    /// Notified when a send dies in flight.
    died: Arc<Notify>,
}

impl Sender for Scripted {
    fn send_html(
        &self,
        chat_id: i64,
        html: String,
    ) -> impl Future<Output = Result<i64, RequestError>> + Send {
        let step = self.script.lock().unwrap().pop_front();
        async move {
            match step.unwrap_or(Step::Accept) {
                Step::Accept => Ok(self.telegram.receive(chat_id, html)),
                Step::Fail(e) => Err(e),
                Step::DieInFlight => {
                    self.telegram.receive(chat_id, html);
                    self.died.notify_one();
                    std::future::pending().await
                }
                Step::DieAfterAnswer => {
                    let id = self.telegram.receive(chat_id, html);
                    self.store.close().await;
                    Ok(id)
                }
            }
        }
    }

    /// A photo follows the same script; its caption stands for it.
    fn send_photo(
        &self,
        chat_id: i64,
        _photo: Photo,
        caption_html: String,
    ) -> impl Future<Output = Result<(i64, Option<String>), RequestError>> + Send {
        let sent = self.send_html(chat_id, caption_html);
        async move { sent.await.map(|id| (id, Some(format!("file-{id}")))) }
    }
}

/// A running process: its delivery context.
pub type Process = DeliveryCtx<Scripted>;

/// A test database, the clock, what Telegram received.
pub struct World {
    pub db: TestDb,
    pub clock: ManualClock,
    pub telegram: Telegram,
}

impl World {
    pub async fn new() -> World {
        World {
            db: TestDb::new().await,
            clock: ManualClock::new(t0()),
            telegram: Telegram::default(),
        }
    }

    pub fn store(&self) -> &dyn Store {
        self.db.store.as_ref()
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Starts a process in the sender role named `name` (recovery included) with `script`.
    pub async fn start(&self, name: &str, config: DeliveryConfig, script: Vec<Step>) -> Process {
        let p = self.process(config, script).await.in_sender_role(name);
        recover(&p, self.now(), true).await.unwrap();
        p
    }

    /// A process outside the sender role (as `digest --deliver`), not recovered yet.
    pub async fn process(&self, config: DeliveryConfig, script: Vec<Step>) -> Process {
        let store = store::open(&self.db.url).await.unwrap();
        let sender = Scripted {
            telegram: self.telegram.clone(),
            script: Mutex::new(script.into()),
            store: store.clone(),
            died: Arc::new(Notify::new()),
        };
        DeliveryCtx::new(store, sender, config, Arc::new(self.clock.clone()))
    }

    /// A subscriber in `lang` with a digest of `parts`; returns its id.
    pub async fn digest_for(&self, chat: i64, lang: Lang, parts: &[&str]) -> i64 {
        let sub = seed::subscriber(self.store(), chat, "Europe/Kyiv", (9, 0), lang, t0()).await;
        let d = DigestEnqueue {
            subscriber_id: sub.id,
            period: "digest:2026-11-21T07:00:00Z".into(),
            parts: parts.iter().map(|p| p.to_string()).collect(),
            story_ids: vec![],
            period_end: t0(),
            next_digest_at: None,
            photo: None,
        };
        assert!(self.store().enqueue_digest(&d, self.now()).await.unwrap());
        sub.id
    }

    pub async fn rows(&self, subscriber: i64) -> Vec<OutboxMessage> {
        self.store().outbox_of(subscriber).await.unwrap()
    }
}

/// One step of `p` at the clock's time; panics on an error.
pub async fn step(p: &Process) -> DeliveryReport {
    deliver_due(p, p.clock.now()).await.unwrap()
}

/// Steps `p` until a send dies in flight, then drops the step: the process is killed.
pub async fn kill_in_flight(p: Process) {
    let died = p.bot.died.clone();
    tokio::select! {
        r = deliver_due(&p, p.clock.now()) => panic!("the step ended: {r:?}"),
        _ = died.notified() => {}
    }
    p.store.close().await;
}

/// Steps `p` until it dies after an answer: the answer's write fails with the closed pool.
pub async fn kill_after_answer(p: Process) {
    let r = deliver_due(&p, p.clock.now()).await;
    assert!(r.is_err(), "the answer could not be written: {r:?}");
}
