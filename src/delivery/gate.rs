//! One pace for every message the process sends to Telegram: the bot's replies, edits,
//! callback answers and photos, and the outbox's digest parts all take their slot from one
//! [`Gate`] around one [`Pacer`], so together they keep Telegram's limits (30/s overall, 1/s
//! per chat, 20/min per group) and a 429 freezes its chat for every sender.
//!
//! Replies go first: a reply waits (FIFO among replies, never behind a digest part), while
//! the outbox worker only asks ([`Gate::try_acquire`]) and is told to come back whenever a
//! reply is waiting for the global window. Among replies, a handler's first message goes
//! before the follow-ups of others (a burst of commands gets every first answer out first).

use super::pace::{PaceLimits, Pacer, Ticket, Wait};
use crate::clock::Clock;
use crate::config::DeliveryConfig;
use chrono::{DateTime, Duration, Utc};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::{Mutex as FifoLock, Notify};

/// How long the outbox worker steps aside while replies wait.
const YIELD: Duration = Duration::milliseconds(20);
/// The longest single sleep of a waiting reply (it looks again after it).
const MAX_NAP: Duration = Duration::seconds(1);

/// The process's pacing of Telegram sends; share it with `Arc`.
#[derive(Debug)]
pub struct Gate {
    pacer: Mutex<Pacer>,
    clock: Arc<dyn Clock>,
    /// Replies taking their global slot one at a time, in arrival order.
    queue: FifoLock<()>,
    /// Replies waiting for (or holding) the queue: the outbox steps aside while any do.
    replies_waiting: AtomicUsize,
    /// First answers waiting for (or holding) the queue: follow-ups step aside while any do.
    firsts_waiting: AtomicUsize,
    /// Notified when the last waiting first answer got its slot.
    firsts_done: Notify,
}

/// Counts a reply as waiting while it lives; the last one out notifies `done`, if given.
struct Waiting<'a>(&'a AtomicUsize, Option<&'a Notify>);

impl<'a> Waiting<'a> {
    fn new(count: &'a AtomicUsize, done: Option<&'a Notify>) -> Self {
        count.fetch_add(1, Ordering::SeqCst);
        Waiting(count, done)
    }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        if self.0.fetch_sub(1, Ordering::SeqCst) == 1
            && let Some(done) = self.1
        {
            done.notify_waiters();
        }
    }
}

impl Gate {
    pub fn new(limits: PaceLimits, clock: Arc<dyn Clock>) -> Gate {
        Gate {
            pacer: Mutex::new(Pacer::new(limits)),
            clock,
            queue: FifoLock::new(()),
            replies_waiting: AtomicUsize::new(0),
            firsts_waiting: AtomicUsize::new(0),
            firsts_done: Notify::new(),
        }
    }

    /// The limits of `[delivery]`, on `clock`.
    pub fn from_config(config: &DeliveryConfig, clock: Arc<dyn Clock>) -> Gate {
        Gate::new(
            PaceLimits {
                global_per_second: config.global_per_second,
                per_chat_per_second: config.per_chat_per_second,
                per_group_per_minute: config.per_group_per_minute,
            },
            clock,
        )
    }

    fn pacer(&self) -> MutexGuard<'_, Pacer> {
        self.pacer.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The clock the gate paces by.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Replies waiting for a slot now.
    pub fn replies_waiting(&self) -> usize {
        self.replies_waiting.load(Ordering::SeqCst)
    }

    /// For the outbox worker: `Ok` when a send may start at `now`, else when to look again
    /// (the global window, a flood pause, or replies waiting).
    pub fn global_ready(&self, now: DateTime<Utc>) -> Result<(), DateTime<Utc>> {
        if self.replies_waiting() > 0 {
            return Err(now + YIELD);
        }
        self.pacer().global_ready(now)
    }

    /// For the outbox worker: a slot for a send to `chat` at `now`, or how long to wait.
    /// Never waits; refuses while replies wait for the global window.
    pub fn try_acquire(&self, chat: i64, group: bool, now: DateTime<Utc>) -> Result<Ticket, Wait> {
        if self.replies_waiting() > 0 {
            return Err(Wait::Global(now + YIELD));
        }
        self.pacer().acquire(chat, group, now)
    }

    /// For a reply: waits for a slot for a send to `chat`, ahead of any digest part; a
    /// `follow_up` (a handler's second message or later) also lets first answers go first.
    pub async fn acquire(&self, chat: i64, group: bool, follow_up: bool) -> Ticket {
        loop {
            // The chat's own limits first, without holding up other chats' replies.
            loop {
                let now = self.clock.now();
                let wait = self.pacer().chat_wait(chat, group, now);
                match wait {
                    Some(until) => self.nap(until, now).await,
                    None => break,
                }
            }
            let _waiting = Waiting::new(&self.replies_waiting, None);
            let _first = match follow_up {
                true => {
                    self.firsts_gone().await;
                    None
                }
                false => Some(Waiting::new(&self.firsts_waiting, Some(&self.firsts_done))),
            };
            let _turn = self.queue.lock().await;
            loop {
                let now = self.clock.now();
                let taken = self.pacer().acquire(chat, group, now);
                match taken {
                    Ok(ticket) => return ticket,
                    Err(Wait::Global(until)) => self.nap(until, now).await,
                    // Another reply to this chat went first: back to the chat's wait.
                    Err(Wait::Chat(_)) => break,
                }
            }
        }
    }

    /// Returns once no first answer waits for the queue.
    async fn firsts_gone(&self) {
        loop {
            let done = self.firsts_done.notified();
            if self.firsts_waiting.load(Ordering::SeqCst) == 0 {
                return;
            }
            done.await;
        }
    }

    /// For a callback answer: waits for a slot under the global limit alone, like a reply.
    pub async fn acquire_global(&self) -> Ticket {
        let _waiting = Waiting::new(&self.replies_waiting, None);
        let _turn = self.queue.lock().await;
        loop {
            let now = self.clock.now();
            let taken = self.pacer().acquire_global(now);
            match taken {
                Ok(ticket) => return ticket,
                Err(until) => self.nap(until, now).await,
            }
        }
    }

    async fn nap(&self, until: DateTime<Utc>, now: DateTime<Utc>) {
        let wait = (until - now).clamp(Duration::milliseconds(1), MAX_NAP);
        tokio::time::sleep(wait.to_std().unwrap_or_default()).await;
    }

    /// The send of `ticket` finished at `at` (whatever its outcome).
    pub fn complete_at(&self, ticket: Ticket, at: DateTime<Utc>) {
        self.pacer().complete(ticket, at);
    }

    /// The send of `ticket` finished now.
    pub fn complete(&self, ticket: Ticket) {
        self.complete_at(ticket, self.clock.now());
    }

    /// Telegram answered 429 for `chat` at `now`: the chat is frozen for `retry_after` for
    /// every sender (and everything, when several chats got one at once).
    pub fn on_retry_after(&self, chat: i64, retry_after: Duration, now: DateTime<Utc>) {
        self.pacer().on_retry_after(chat, retry_after, now);
    }

    /// Chats with pacing state (for memory checks).
    pub fn tracked_chats(&self) -> usize {
        self.pacer().tracked_chats()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SystemClock;
    use std::time::Instant;

    fn gate(global: u32) -> Arc<Gate> {
        Arc::new(Gate::new(
            PaceLimits {
                global_per_second: global,
                per_chat_per_second: 1,
                per_group_per_minute: 20,
            },
            Arc::new(SystemClock),
        ))
    }

    #[tokio::test]
    async fn replies_keep_the_global_rate_and_a_chat_waits_a_second() {
        let g = gate(20);
        let start = Instant::now();
        let mut tasks = Vec::new();
        for chat in 0..30 {
            let g = g.clone();
            tasks.push(tokio::spawn(async move {
                let t = g.acquire(chat, false, false).await;
                g.complete(t);
                start.elapsed()
            }));
        }
        let mut times = Vec::new();
        for t in tasks {
            times.push(t.await.unwrap());
        }
        times.sort();
        // 30 sends at 20/s with a burst of 5: the last goes after about a second.
        assert!(
            times[29] >= std::time::Duration::from_millis(900),
            "{times:?}"
        );
        let t = g.acquire(1, false, false).await;
        g.complete(t);
        let again = Instant::now();
        let t = g.acquire(1, false, false).await;
        g.complete(t);
        assert!(again.elapsed() >= std::time::Duration::from_millis(900));
    }

    #[tokio::test]
    async fn the_outbox_steps_aside_while_replies_wait() {
        let g = gate(1);
        let now = g.now();
        let first = g.try_acquire(10, false, now).expect("a free slot");
        g.complete(first);
        let waiting = {
            let g = g.clone();
            tokio::spawn(async move { g.acquire(11, false, false).await })
        };
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        assert_eq!(g.replies_waiting(), 1);
        assert!(g.try_acquire(12, false, g.now()).is_err());
        assert!(g.global_ready(g.now()).is_err());
        let ticket = waiting.await.unwrap();
        g.complete(ticket);
        assert_eq!(g.replies_waiting(), 0);
    }

    #[tokio::test]
    async fn a_429_freezes_the_chat_for_every_sender() {
        let g = gate(30);
        let now = g.now();
        g.on_retry_after(5, Duration::seconds(3), now);
        assert!(matches!(
            g.try_acquire(5, false, now + Duration::seconds(2)),
            Err(Wait::Chat(_))
        ));
        assert!(g.try_acquire(6, false, now).is_ok());
        assert!(g.try_acquire(5, false, now + Duration::seconds(4)).is_ok());
    }
}
