//! The kind of error that failed a poll, as a short fixed name for the metrics' `kind` label:
//! never the message itself (it may name a host or carry outside text).

use super::error::PollError;
use crate::sources::fetch::FetchError;

/// `timeout`, `connect`, `http_404`, `http_5xx`, `parse`, `telegram`, `store`, ….
pub(crate) fn error_kind(e: &PollError) -> &'static str {
    match e {
        PollError::Fetch(f) => fetch_kind(f),
        PollError::Feed(_) => "parse",
        PollError::Telegram(_) => "telegram",
        PollError::Store(_) => "store",
        PollError::Internal(_) => "internal",
    }
}

fn fetch_kind(e: &FetchError) -> &'static str {
    match e {
        FetchError::BadUrl(_) | FetchError::Scheme(_) => "bad_url",
        FetchError::Timeout(_) => "timeout",
        FetchError::TooLarge { .. } => "too_large",
        FetchError::Status { status, .. } => match status {
            401 | 403 => "http_forbidden",
            404 | 410 => "http_not_found",
            429 => "http_429",
            500..=599 => "http_5xx",
            _ => "http_other",
        },
        FetchError::Redirect(_) => "redirect",
        FetchError::Internal(_) => "refused",
        FetchError::Connect(_) => "connect",
        FetchError::Network(_) => "network",
        FetchError::File(_) => "file",
        FetchError::Client(_) => "client",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_fixed_names() {
        let e = PollError::Fetch(FetchError::Status {
            status: 404,
            retry_after: None,
        });
        assert_eq!(error_kind(&e), "http_not_found");
        let t = PollError::Fetch(FetchError::Timeout(std::time::Duration::from_secs(3)));
        assert_eq!(error_kind(&t), "timeout");
        assert_eq!(error_kind(&PollError::Internal("x".into())), "internal");
    }
}
