//! Each chat's fair share of the bot: a token bucket per chat (a burst of `burst` updates,
//! refilled at `per_minute`). A chat that runs dry is told once to slow down and is then
//! ignored for `pause`: its updates are dropped before they reach the dispatcher, so they
//! never queue and never hold up another chat. Time comes in as parameters.

use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;

/// Buckets are pruned this often (full and unpaused ones are forgotten).
const PRUNE_EVERY: Duration = Duration::minutes(1);

/// What to do with one update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Within the chat's share: dispatch it.
    Pass,
    /// The chat just ran over: tell it once to slow down, drop the update.
    SlowDown,
    /// The chat is paused: drop the update silently.
    Drop,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: DateTime<Utc>,
    paused_until: Option<DateTime<Utc>>,
}

/// The buckets of every chat that sent something lately.
#[derive(Debug)]
pub struct FloodGuard {
    burst: f64,
    per_second: f64,
    pause: Duration,
    chats: HashMap<i64, Bucket>,
    last_prune: Option<DateTime<Utc>>,
    /// Updates dropped so far (the slow-down ones included).
    pub dropped: u64,
}

impl FloodGuard {
    pub fn new(burst: u32, per_minute: u32, pause: std::time::Duration) -> FloodGuard {
        FloodGuard {
            burst: f64::from(burst.max(1)),
            per_second: f64::from(per_minute.max(1)) / 60.0,
            pause: Duration::from_std(pause).unwrap_or(Duration::minutes(1)),
            chats: HashMap::new(),
            last_prune: None,
            dropped: 0,
        }
    }

    /// The verdict on one update from `chat` at `now`.
    pub fn check(&mut self, chat: i64, now: DateTime<Utc>) -> Verdict {
        self.prune(now);
        let full = Bucket {
            tokens: self.burst,
            at: now,
            paused_until: None,
        };
        let b = self.chats.entry(chat).or_insert(full);
        if let Some(until) = b.paused_until {
            if until > now {
                self.dropped += 1;
                return Verdict::Drop;
            }
            *b = full;
        }
        let elapsed = (now - b.at).num_milliseconds().max(0) as f64 / 1000.0;
        b.tokens = (b.tokens + elapsed * self.per_second).min(self.burst);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            return Verdict::Pass;
        }
        b.paused_until = Some(now + self.pause);
        self.dropped += 1;
        Verdict::SlowDown
    }

    /// Chats with a bucket (for memory checks).
    pub fn tracked_chats(&self) -> usize {
        self.chats.len()
    }

    fn prune(&mut self, now: DateTime<Utc>) {
        if !crate::clock::due(&mut self.last_prune, PRUNE_EVERY, now) {
            return;
        }
        let (burst, rate) = (self.burst, self.per_second);
        self.chats.retain(|_, b| {
            let paused = b.paused_until.is_some_and(|u| u > now);
            let elapsed = (now - b.at).num_milliseconds().max(0) as f64 / 1000.0;
            paused || b.tokens + elapsed * rate < burst
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap()
    }

    #[test]
    fn a_burst_passes_then_one_slow_down_then_silence_for_the_pause() {
        let mut g = FloodGuard::new(5, 30, std::time::Duration::from_secs(60));
        let verdicts: Vec<Verdict> = (0..200).map(|_| g.check(1, t0())).collect();
        assert_eq!(verdicts.iter().filter(|v| **v == Verdict::Pass).count(), 5);
        assert_eq!(verdicts[5], Verdict::SlowDown);
        assert!(verdicts[6..].iter().all(|v| *v == Verdict::Drop));
        assert_eq!(g.dropped, 195);
        // Another chat is untouched.
        assert_eq!(g.check(2, t0()), Verdict::Pass);
        // After the pause the chat has its full burst again.
        let later = t0() + Duration::seconds(61);
        assert_eq!(g.check(1, later), Verdict::Pass);
    }

    #[test]
    fn a_steady_rate_within_the_share_always_passes() {
        let mut g = FloodGuard::new(3, 30, std::time::Duration::from_secs(60));
        for i in 0..100 {
            // One update every 2 s is 30 a minute.
            assert_eq!(
                g.check(7, t0() + Duration::seconds(2 * i)),
                Verdict::Pass,
                "{i}"
            );
        }
    }

    #[test]
    fn idle_chats_are_forgotten() {
        let mut g = FloodGuard::new(3, 60, std::time::Duration::from_secs(60));
        for chat in 0..1000 {
            g.check(chat, t0());
        }
        assert_eq!(g.tracked_chats(), 1000);
        g.check(5000, t0() + Duration::minutes(5));
        assert_eq!(g.tracked_chats(), 1);
    }
}
