//! Reading a response body under a size cap (counted after decompression, chunk by chunk, so
//! an endless body or a gzip bomb stops at the cap), and the `Retry-After` header.

use chrono::{DateTime, Utc};
use std::time::Duration;

/// When a server asks to be retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryAfter {
    Delay(Duration),
    At(DateTime<Utc>),
}

impl RetryAfter {
    /// Parses `Retry-After`: delay-seconds or an HTTP date.
    pub fn parse(value: &str) -> Option<RetryAfter> {
        let v = value.trim();
        if let Ok(secs) = v.parse::<u64>() {
            return Some(RetryAfter::Delay(Duration::from_secs(secs)));
        }
        DateTime::parse_from_rfc2822(v)
            .ok()
            .map(|t| RetryAfter::At(t.with_timezone(&Utc)))
    }

    /// The wait from `now` (zero for a date in the past).
    pub fn delay_from(self, now: DateTime<Utc>) -> Duration {
        match self {
            RetryAfter::Delay(d) => d,
            RetryAfter::At(t) => (t - now).to_std().unwrap_or(Duration::ZERO),
        }
    }
}

/// The body grew past the cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge;

/// Appends chunks to a buffer until the cap would be passed.
#[derive(Debug)]
pub struct CappedBody {
    buf: Vec<u8>,
    cap: u64,
}

impl CappedBody {
    /// A buffer for at most `cap` bytes; `hint` (a Content-Length) sizes the first allocation.
    pub fn new(cap: u64, hint: Option<u64>) -> CappedBody {
        let initial = hint.unwrap_or(16 * 1024).min(cap).min(1 << 20);
        CappedBody {
            buf: Vec::with_capacity(usize::try_from(initial).unwrap_or(0)),
            cap,
        }
    }

    pub fn push(&mut self, chunk: &[u8]) -> Result<(), TooLarge> {
        if self.buf.len() as u64 + chunk.len() as u64 > self.cap {
            return Err(TooLarge);
        }
        self.buf.extend_from_slice(chunk);
        Ok(())
    }

    pub fn into_inner(self) -> Vec<u8> {
        self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = Utc.with_ymd_and_hms(2015, 10, 21, 7, 0, 0).unwrap();
        assert_eq!(
            RetryAfter::parse(" 120 ").unwrap().delay_from(now),
            Duration::from_secs(120)
        );
        let at = RetryAfter::parse("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        assert_eq!(at.delay_from(now), Duration::from_secs(28 * 60));
        assert_eq!(
            at.delay_from(now + chrono::Duration::hours(1)),
            Duration::ZERO
        );
        assert_eq!(RetryAfter::parse("soon"), None);
        assert_eq!(RetryAfter::parse("-5"), None);
    }

    #[test]
    fn the_cap_holds_exactly() {
        let mut b = CappedBody::new(10, Some(1 << 40));
        b.push(b"12345").unwrap();
        b.push(b"67890").unwrap();
        assert_eq!(b.push(b"x"), Err(TooLarge));
        assert_eq!(b.into_inner(), b"1234567890");
    }
}
