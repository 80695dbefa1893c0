//! When a source is checked next. After a success: its interval (or the default), clamped to
//! `[min_interval, max_interval]`, lengthened by the feed's TTL or a `Retry-After`. After an
//! error: exponential backoff from `backoff_base`, capped at `backoff_max`, with "equal
//! jitter" (half fixed, half random) so failing sources do not retry in step; a `Retry-After`
//! is a floor. The jitter is a parameter, so tests are deterministic.

use crate::config::PollConfig;
use chrono::{DateTime, Utc};
use std::time::Duration;

/// Clamps an interval to the configured bounds.
fn clamp(d: Duration, poll: &PollConfig) -> Duration {
    let (min, max) = (
        poll.min_interval.0,
        poll.max_interval.0.max(poll.min_interval.0),
    );
    d.clamp(min, max)
}

fn add(now: DateTime<Utc>, d: Duration) -> DateTime<Utc> {
    let d = chrono::Duration::from_std(d).unwrap_or(chrono::Duration::days(365));
    now.checked_add_signed(d)
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// The interval of a healthy source.
pub fn success_interval(
    poll: &PollConfig,
    source_interval_secs: Option<i64>,
    ttl: Option<Duration>,
    retry_after: Option<Duration>,
) -> Duration {
    let base = source_interval_secs
        .and_then(|s| u64::try_from(s).ok())
        .map(Duration::from_secs)
        .unwrap_or(poll.default_interval.0);
    let wanted = [Some(base), ttl, retry_after]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(base);
    clamp(wanted, poll)
}

/// When a healthy source is checked next.
pub fn next_after_success(
    poll: &PollConfig,
    source_interval_secs: Option<i64>,
    ttl: Option<Duration>,
    retry_after: Option<Duration>,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    add(
        now,
        success_interval(poll, source_interval_secs, ttl, retry_after),
    )
}

/// The wait after the `consecutive_errors`-th error in a row (1 for the first), with
/// `jitter` in `[0, 1)` choosing where in the upper half of the backoff the wait falls.
pub fn backoff(
    poll: &PollConfig,
    consecutive_errors: i64,
    retry_after: Option<Duration>,
    jitter: f64,
) -> Duration {
    let base = poll.backoff_base.0.max(Duration::from_secs(1));
    let cap = poll.backoff_max.0.max(base);
    let exponent = u32::try_from(consecutive_errors.saturating_sub(1).clamp(0, 30)).unwrap_or(30);
    let full = base.saturating_mul(1u32 << exponent).min(cap);
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let half = full / 2;
    let wait = half + half.mul_f64(jitter);
    match retry_after {
        // The server's wish is honoured up to the longest backoff.
        Some(r) => wait.max(r.min(cap)),
        None => wait,
    }
}

/// When a failing source is checked next.
pub fn next_after_failure(
    poll: &PollConfig,
    consecutive_errors: i64,
    retry_after: Option<Duration>,
    jitter: f64,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    add(now, backoff(poll, consecutive_errors, retry_after, jitter))
}

/// True once a source has failed often enough in a row to be paused.
pub fn should_pause(poll: &PollConfig, consecutive_errors: i64) -> bool {
    poll.pause_after_errors > 0 && consecutive_errors >= i64::from(poll.pause_after_errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::HumanDuration;
    use chrono::TimeZone;

    fn poll() -> PollConfig {
        PollConfig {
            default_interval: HumanDuration::secs(900),
            min_interval: HumanDuration::secs(120),
            max_interval: HumanDuration::secs(6 * 3600),
            backoff_base: HumanDuration::secs(60),
            backoff_max: HumanDuration::secs(3600),
            pause_after_errors: 5,
            ..PollConfig::default()
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, 7, 0, 0).unwrap()
    }

    const MIN: u64 = 60;

    #[test]
    fn intervals_are_clamped_and_lengthened_only() {
        let p = poll();
        let s = |secs: u64| Duration::from_secs(secs);
        assert_eq!(success_interval(&p, None, None, None), s(900));
        assert_eq!(success_interval(&p, Some(10), None, None), s(120), "min");
        assert_eq!(
            success_interval(&p, Some(86_400), None, None),
            s(21_600),
            "max"
        );
        assert_eq!(
            success_interval(&p, Some(-5), None, None),
            s(900),
            "nonsense ignored"
        );
        assert_eq!(
            success_interval(&p, Some(600), Some(s(60 * MIN)), None),
            s(3600),
            "ttl lengthens"
        );
        assert_eq!(
            success_interval(&p, Some(600), Some(s(60)), None),
            s(600),
            "ttl never shortens"
        );
        assert_eq!(
            success_interval(&p, None, Some(s(7 * 86_400)), None),
            s(21_600),
            "ttl capped"
        );
        assert_eq!(success_interval(&p, None, None, Some(s(1800))), s(1800));
        assert_eq!(
            next_after_success(&p, Some(600), None, None, now()),
            now() + chrono::Duration::minutes(10)
        );
    }

    #[test]
    fn backoff_doubles_with_bounded_jitter() {
        let p = poll();
        let secs = |n, j| backoff(&p, n, None, j).as_secs();
        assert_eq!((secs(1, 0.0), secs(1, 0.999_999)), (30, 59));
        assert_eq!((secs(2, 0.0), secs(2, 0.5)), (60, 90));
        assert_eq!(secs(3, 0.0), 120);
        assert_eq!(secs(7, 0.0), 1800, "capped at backoff_max before jitter");
        assert_eq!(secs(50, 1.0), 3600);
        assert_eq!(
            secs(0, f64::NAN),
            30,
            "first error even when the count is off"
        );
        for n in 1..40 {
            for j in [0.0, 0.3, 0.99] {
                let b = backoff(&p, n, None, j);
                assert!(b <= Duration::from_secs(3600) && b >= Duration::from_secs(30));
            }
        }
    }

    #[test]
    fn retry_after_is_a_floor_up_to_the_cap() {
        let p = poll();
        let r = |secs| Some(Duration::from_secs(secs));
        assert_eq!(backoff(&p, 1, r(600), 0.0), Duration::from_secs(600));
        assert_eq!(backoff(&p, 1, r(5), 0.0), Duration::from_secs(30));
        assert_eq!(
            backoff(&p, 1, r(86_400 * 365), 0.0),
            Duration::from_secs(3600)
        );
        assert_eq!(
            next_after_failure(&p, 1, r(600), 0.0, now()),
            now() + chrono::Duration::minutes(10)
        );
    }

    #[test]
    fn pausing_after_the_configured_run_of_errors() {
        let p = poll();
        assert!(!should_pause(&p, 4));
        assert!(should_pause(&p, 5));
        let never = PollConfig {
            pause_after_errors: 0,
            ..poll()
        };
        assert!(!should_pause(&never, 1000));
    }
}
