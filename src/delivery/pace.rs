//! Pacing sends under Telegram's limits: at most `global_per_second` messages in any second,
//! `per_chat_per_second` to one chat, `per_group_per_minute` to one group or channel, and
//! nothing to a chat (or to anyone, in a flood) while a 429 `retry_after` runs.
//!
//! Each limit is a sliding window of recent sends. A send enters its windows when it starts
//! and leaves them one window-length after it *completed*: Telegram sees a request somewhere
//! between the two, so two sends kept a full window apart this way are a full window apart
//! at Telegram too, whatever the network latency.
//!
//! The global limit also spreads sends evenly (a GCRA schedule: one every 1/N s, with a
//! burst of up to N/4): a fan-out that went out in one burst would come back to the window
//! in one burst every second, and any delay inside a burst would carry over to the next.
//! Time comes in as parameters: no sleeping here, so every rule is unit-tested with made-up
//! instants.

use chrono::{DateTime, Duration, Utc};
use std::collections::{HashMap, VecDeque};

/// 429s from this many different chats within [`FLOOD_SPAN`] mean a bot-wide flood limit:
/// everything pauses.
pub const FLOOD_CHATS: usize = 3;
const FLOOD_SPAN: Duration = Duration::seconds(1);
/// Window entries stamped further ahead than this came from a clock that jumped back.
const CLOCK_SKEW: Duration = Duration::minutes(1);
const PRUNE_EVERY: Duration = Duration::minutes(1);

/// The limits, from `DeliveryConfig`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaceLimits {
    pub global_per_second: u32,
    pub per_chat_per_second: u32,
    pub per_group_per_minute: u32,
}

/// Why a send must wait, and until when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Nobody may be sent to before this instant.
    Global(DateTime<Utc>),
    /// This chat may not be sent to before this instant.
    Chat(DateTime<Utc>),
}

/// A send in its windows; hand it back to [`Pacer::complete`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket {
    seq: u64,
    chat: Option<i64>,
    group: bool,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    seq: u64,
    /// `None` while in flight.
    done: Option<DateTime<Utc>>,
}

#[derive(Debug)]
struct Window {
    cap: usize,
    span: Duration,
    entries: VecDeque<Entry>,
}

impl Window {
    fn new(cap: u32, span: Duration) -> Window {
        Window {
            cap: cap.max(1) as usize,
            span,
            entries: VecDeque::new(),
        }
    }

    fn expired(&self, e: &Entry, now: DateTime<Utc>) -> bool {
        e.done
            .is_some_and(|d| d + self.span <= now || d > now + CLOCK_SKEW)
    }

    fn prune(&mut self, now: DateTime<Utc>) {
        let span = self.span;
        self.entries.retain(|e| {
            !e.done
                .is_some_and(|d| d + span <= now || d > now + CLOCK_SKEW)
        });
    }

    /// `None` when a send may start at `now`, else the earliest instant one may.
    fn wait_until(&mut self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        while self.entries.front().is_some_and(|e| self.expired(e, now)) {
            self.entries.pop_front();
        }
        if self.entries.len() < self.cap {
            return None;
        }
        self.prune(now);
        if self.entries.len() < self.cap {
            return None;
        }
        let must_leave = self.entries.len() + 1 - self.cap;
        let mut ends: Vec<DateTime<Utc>> = self
            .entries
            .iter()
            .map(|e| e.done.map_or(now + self.span, |d| d + self.span))
            .collect();
        ends.sort_unstable();
        Some(ends[must_leave - 1])
    }

    fn is_idle(&mut self, now: DateTime<Utc>) -> bool {
        self.prune(now);
        self.entries.is_empty()
    }

    fn complete(&mut self, seq: u64, at: DateTime<Utc>) {
        if let Some(e) = self.entries.iter_mut().rev().find(|e| e.seq == seq) {
            e.done = Some(at);
        }
    }
}

/// The pacing state of one delivery worker.
#[derive(Debug)]
pub struct Pacer {
    limits: PaceLimits,
    global: Window,
    /// GCRA: the theoretical time of the next send at the even rate.
    next_even: Option<DateTime<Utc>>,
    /// 1 s / `global_per_second`.
    interval: Duration,
    /// How far ahead of the even schedule sends may run (N/4 sends' worth, at least one).
    burst: Duration,
    chats: HashMap<i64, Window>,
    groups: HashMap<i64, Window>,
    chat_pauses: HashMap<i64, DateTime<Utc>>,
    global_pause: Option<DateTime<Utc>>,
    recent_429: VecDeque<(DateTime<Utc>, i64)>,
    next_seq: u64,
    last_prune: Option<DateTime<Utc>>,
}

impl Pacer {
    pub fn new(limits: PaceLimits) -> Pacer {
        Pacer {
            limits,
            global: Window::new(limits.global_per_second, Duration::seconds(1)),
            next_even: None,
            interval: Duration::nanoseconds(
                1_000_000_000 / i64::from(limits.global_per_second.max(1)),
            ),
            burst: Duration::nanoseconds(
                1_000_000_000 / i64::from(limits.global_per_second.max(1)),
            ) * (limits.global_per_second / 4).max(1) as i32,
            chats: HashMap::new(),
            groups: HashMap::new(),
            chat_pauses: HashMap::new(),
            global_pause: None,
            recent_429: VecDeque::new(),
            next_seq: 0,
            last_prune: None,
        }
    }

    /// `Ok` when some send may start at `now`, else when one may.
    pub fn global_ready(&mut self, now: DateTime<Utc>) -> Result<(), DateTime<Utc>> {
        if let Some(until) = self.global_pause {
            if until > now && until <= now + Duration::days(1) {
                return Err(until);
            }
            self.global_pause = None;
        }
        if let Some(next) = self.next_even {
            if next - now > CLOCK_SKEW {
                self.next_even = None;
            } else if next - now > self.burst {
                return Err(next - self.burst);
            }
        }
        match self.global.wait_until(now) {
            Some(t) => Err(t),
            None => Ok(()),
        }
    }

    /// When `chat` may next be sent to, if not at `now` (its pause, its window, its group's
    /// window); the global limit is not looked at.
    pub fn chat_wait(
        &mut self,
        chat: i64,
        group: bool,
        now: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        if let Some(until) = self.chat_pauses.get(&chat).copied() {
            if until > now {
                return Some(until);
            }
            self.chat_pauses.remove(&chat);
        }
        let per_chat = self.limits.per_chat_per_second;
        let chat_window = self
            .chats
            .entry(chat)
            .or_insert_with(|| Window::new(per_chat, Duration::seconds(1)));
        if let Some(t) = chat_window.wait_until(now) {
            return Some(t);
        }
        if group {
            let per_group = self.limits.per_group_per_minute;
            let w = self
                .groups
                .entry(chat)
                .or_insert_with(|| Window::new(per_group, Duration::minutes(1)));
            return w.wait_until(now);
        }
        None
    }

    /// Takes a slot for a send to `chat` starting at `now`, or says how long to wait.
    pub fn acquire(&mut self, chat: i64, group: bool, now: DateTime<Utc>) -> Result<Ticket, Wait> {
        self.prune(now);
        self.global_ready(now).map_err(Wait::Global)?;
        if let Some(t) = self.chat_wait(chat, group, now) {
            return Err(Wait::Chat(t));
        }
        Ok(self.take(Some(chat), group, now))
    }

    /// Takes a slot under the global limit alone (a callback answer belongs to no chat's
    /// window), or says when one is free.
    pub fn acquire_global(&mut self, now: DateTime<Utc>) -> Result<Ticket, DateTime<Utc>> {
        self.prune(now);
        self.global_ready(now)?;
        Ok(self.take(None, false, now))
    }

    fn take(&mut self, chat: Option<i64>, group: bool, now: DateTime<Utc>) -> Ticket {
        self.next_even = Some(self.next_even.map_or(now, |n| n.max(now)) + self.interval);
        self.next_seq += 1;
        let seq = self.next_seq;
        let entry = Entry { seq, done: None };
        self.global.entries.push_back(entry);
        if let Some(w) = chat.and_then(|c| self.chats.get_mut(&c)) {
            w.entries.push_back(entry);
        }
        if group && let Some(w) = chat.and_then(|c| self.groups.get_mut(&c)) {
            w.entries.push_back(entry);
        }
        Ticket { seq, chat, group }
    }

    /// The send of `ticket` finished (whatever its outcome) at `at`.
    pub fn complete(&mut self, ticket: Ticket, at: DateTime<Utc>) {
        self.global.complete(ticket.seq, at);
        if let Some(w) = ticket.chat.and_then(|c| self.chats.get_mut(&c)) {
            w.complete(ticket.seq, at);
        }
        if ticket.group
            && let Some(w) = ticket.chat.and_then(|c| self.groups.get_mut(&c))
        {
            w.complete(ticket.seq, at);
        }
    }

    /// Telegram answered 429 for `chat` at `now`: that chat waits `retry_after`; when
    /// [`FLOOD_CHATS`] different chats got one within a second, everyone waits.
    pub fn on_retry_after(&mut self, chat: i64, retry_after: Duration, now: DateTime<Utc>) {
        let until = now + retry_after.max(Duration::seconds(1));
        let pause = self.chat_pauses.entry(chat).or_insert(until);
        *pause = (*pause).max(until);
        self.recent_429.push_back((now, chat));
        while self
            .recent_429
            .front()
            .is_some_and(|(t, _)| *t + FLOOD_SPAN <= now || *t > now)
        {
            self.recent_429.pop_front();
        }
        let mut chats: Vec<i64> = self.recent_429.iter().map(|(_, c)| *c).collect();
        chats.sort_unstable();
        chats.dedup();
        if chats.len() >= FLOOD_CHATS {
            let longest = chats
                .iter()
                .filter_map(|c| self.chat_pauses.get(c))
                .copied()
                .fold(until, DateTime::max);
            self.global_pause = Some(self.global_pause.map_or(longest, |p| p.max(longest)));
        }
    }

    /// Chats with pacing state (for tests and memory checks).
    pub fn tracked_chats(&self) -> usize {
        self.chats.len()
    }

    fn prune(&mut self, now: DateTime<Utc>) {
        if !crate::clock::due(&mut self.last_prune, PRUNE_EVERY, now) {
            return;
        }
        self.chats.retain(|_, w| !w.is_idle(now));
        self.groups.retain(|_, w| !w.is_idle(now));
        self.chat_pauses.retain(|_, until| *until > now);
    }
}

#[cfg(test)]
mod tests;
