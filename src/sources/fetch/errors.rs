//! Why a fetch failed ([`FetchError`]), and reqwest's errors as `FetchError`s: the guard's
//! refusals and redirect errors found among the causes, timeouts, connection failures, the
//! rest as network errors; texts joined from the causes, without the URL reqwest adds and
//! with any credentials masked.

use super::{RetryAfter, guard};
use std::time::Duration;

/// Why a fetch failed. Messages are short, for `sources list` and the admins.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("not a valid URL: {0}")]
    BadUrl(String),
    #[error("unsupported scheme {0:?}: use http, https or file")]
    Scheme(String),
    #[error("timed out after {}s", .0.as_secs_f32())]
    Timeout(Duration),
    #[error("body larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("HTTP {status}{}", retry_note(*.retry_after))]
    Status {
        status: u16,
        retry_after: Option<RetryAfter>,
    },
    #[error("redirect refused: {0}")]
    Redirect(String),
    #[error("refused: {0}")]
    Internal(String),
    #[error("cannot connect: {0}")]
    Connect(String),
    #[error("network error: {0}")]
    Network(String),
    #[error("cannot read file {0}")]
    File(String),
    #[error("cannot build the HTTP client: {0}")]
    Client(String),
}

fn retry_note(retry: Option<RetryAfter>) -> String {
    match retry {
        Some(RetryAfter::Delay(d)) => format!(" (retry after {}s)", d.as_secs()),
        Some(RetryAfter::At(t)) => format!(" (retry after {})", t.format("%Y-%m-%d %H:%M UTC")),
        None => String::new(),
    }
}

impl FetchError {
    /// The server's `Retry-After`, when it sent one with the error.
    pub fn retry_after(&self) -> Option<RetryAfter> {
        match self {
            FetchError::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

/// The error and its causes, joined, without the URL reqwest adds.
pub(super) fn describe(e: reqwest::Error) -> String {
    let e = e.without_url();
    let mut out = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        let s_text = s.to_string();
        if !out.contains(&s_text) {
            out.push_str(": ");
            out.push_str(&s_text);
        }
        source = s.source();
    }
    crate::text::redact_url(&out)
}

fn find_cause<T: std::error::Error + 'static>(e: &reqwest::Error) -> Option<&T> {
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(found) = s.downcast_ref::<T>() {
            return Some(found);
        }
        source = s.source();
    }
    None
}

pub(super) fn classify(e: reqwest::Error, timeout: Duration) -> FetchError {
    if let Some(r) = find_cause::<guard::RedirectError>(&e) {
        return FetchError::Redirect(r.to_string());
    }
    if let Some(g) = find_cause::<guard::GuardError>(&e) {
        return match g {
            guard::GuardError::Internal { .. } => FetchError::Internal(g.to_string()),
            _ => FetchError::Connect(g.to_string()),
        };
    }
    if e.is_timeout() {
        return FetchError::Timeout(timeout);
    }
    if e.is_connect() {
        return FetchError::Connect(describe(e));
    }
    FetchError::Network(describe(e))
}
