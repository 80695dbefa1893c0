//! What a user may type as a source, and its canonical stored form.
//! `@name`, `t.me/name`, `https://t.me/s/name` → a Telegram channel;
//! `http(s)://…` and `file://…` → a feed.

use crate::model::SourceKind;
use std::fmt;

/// A parsed source address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceAddress {
    /// A feed URL (`http`, `https` or `file`).
    Feed(url::Url),
    /// A public Telegram channel by its username (case preserved, compared case-insensitively).
    Telegram(String),
}

/// Why a source address was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("empty source address")]
    Empty,
    #[error(
        "{0:?} is not a Telegram channel name: use 5–32 letters, digits or _, starting with a letter"
    )]
    BadChannel(String),
    #[error("{0:?} is not a URL, @channel or t.me link")]
    NotUrl(String),
    #[error("unsupported scheme {0:?}: use http, https, file, @channel or a t.me link")]
    Scheme(String),
    #[error("{0:?} is a Telegram link but not to a public channel")]
    NotChannel(String),
}

fn valid_channel(name: &str) -> bool {
    let len_ok = (4..=32).contains(&name.len());
    let first_ok = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    len_ok && first_ok && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl SourceAddress {
    /// Parses what a user typed.
    pub fn parse(input: &str) -> Result<SourceAddress, AddressError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(AddressError::Empty);
        }
        if let Some(name) = s.strip_prefix('@') {
            return if valid_channel(name) {
                Ok(SourceAddress::Telegram(name.to_owned()))
            } else {
                Err(AddressError::BadChannel(name.chars().take(64).collect()))
            };
        }
        let with_scheme = if s.starts_with("t.me/") || s.starts_with("telegram.me/") {
            format!("https://{s}")
        } else {
            s.to_owned()
        };
        let url = url::Url::parse(&with_scheme)
            .map_err(|_| AddressError::NotUrl(s.chars().take(200).collect()))?;
        match url.scheme() {
            "http" | "https" => {}
            "file" => return Ok(SourceAddress::Feed(url)),
            other => return Err(AddressError::Scheme(other.chars().take(20).collect())),
        }
        let host = url.host_str().unwrap_or("").to_ascii_lowercase();
        if host == "t.me" || host == "telegram.me" || host == "www.t.me" {
            let mut segs = url
                .path_segments()
                .into_iter()
                .flatten()
                .filter(|p| !p.is_empty());
            let first = segs.next().unwrap_or("");
            let name = if first == "s" {
                segs.next().unwrap_or("")
            } else {
                first
            };
            return if valid_channel(name) && !matches!(name, "joinchat" | "addstickers" | "share") {
                Ok(SourceAddress::Telegram(name.to_owned()))
            } else {
                Err(AddressError::NotChannel(s.chars().take(200).collect()))
            };
        }
        if url.host_str().is_none() {
            return Err(AddressError::NotUrl(s.chars().take(200).collect()));
        }
        Ok(SourceAddress::Feed(url))
    }

    pub fn kind(&self) -> SourceKind {
        match self {
            SourceAddress::Feed(_) => SourceKind::Feed,
            SourceAddress::Telegram(_) => SourceKind::Telegram,
        }
    }

    /// The form stored in `sources.url`: the feed URL, or `https://t.me/s/<name>`.
    pub fn canonical(&self) -> String {
        match self {
            SourceAddress::Feed(u) => u.to_string(),
            SourceAddress::Telegram(name) => format!("https://t.me/s/{name}"),
        }
    }
}

impl fmt::Display for SourceAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceAddress::Feed(u) => write!(f, "{u}"),
            SourceAddress::Telegram(n) => write!(f, "@{n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telegram_forms_agree() {
        for s in [
            "@GeneralStaffZSU",
            "t.me/GeneralStaffZSU",
            "https://t.me/GeneralStaffZSU",
            "https://t.me/s/GeneralStaffZSU/",
            " @GeneralStaffZSU ",
        ] {
            let a = SourceAddress::parse(s).unwrap();
            assert_eq!(a, SourceAddress::Telegram("GeneralStaffZSU".into()), "{s}");
            assert_eq!(a.canonical(), "https://t.me/s/GeneralStaffZSU");
        }
    }

    #[test]
    fn feeds_keep_their_url() {
        let a = SourceAddress::parse("https://meduza.io/rss/all").unwrap();
        assert_eq!(a.kind(), SourceKind::Feed);
        assert_eq!(a.canonical(), "https://meduza.io/rss/all");
        assert_eq!(
            SourceAddress::parse("file:///tmp/x.xml").unwrap().kind(),
            SourceKind::Feed
        );
    }

    #[test]
    fn refuses_what_is_not_a_source() {
        for s in [
            "",
            "@",
            "@1abc",
            "@a-b-c",
            "ftp://x/y",
            "javascript:alert(1)",
            "not a url",
            "https://t.me/joinchat/abc",
            "https://t.me/",
        ] {
            assert!(SourceAddress::parse(s).is_err(), "{s:?} should be refused");
        }
    }
}
