//! reqwest's errors as [`FetchError`]s: the guard's refusals and redirect errors found among
//! the causes, timeouts, connection failures, the rest as network errors; texts joined from
//! the causes, without the URL reqwest adds and with any credentials masked.

use super::{FetchError, guard};
use std::time::Duration;

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
