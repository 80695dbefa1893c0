//! Secrets kept out of what is shown: the userinfo of a URL (`postgres://user:secret@host/db`,
//! `https://reader:pw@feeds.example/rss`) replaced before a URL reaches a log, an error, a
//! metric or a chat.

/// Replaces the password of a URL with `***`; when the URL does not parse, anything between
/// the scheme and the last `@` is masked.
pub fn redact_url(raw: &str) -> String {
    match url::Url::parse(raw) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        Ok(_) => raw.to_owned(),
        Err(_) => match (raw.find("://"), raw.rfind('@')) {
            (Some(s), Some(at)) if at > s => format!("{}://***@{}", &raw[..s], &raw[at + 1..]),
            _ => raw.to_owned(),
        },
    }
}

/// A URL to show (in a chat, a digest, a link): its user name and password removed entirely.
/// Text that does not parse as a URL loses anything between the scheme and the last `@`.
pub fn strip_userinfo(raw: &str) -> String {
    if let Ok(mut u) = url::Url::parse(raw) {
        if u.username().is_empty() && u.password().is_none() {
            return raw.to_owned();
        }
        if u.set_username("").is_ok() && u.set_password(None).is_ok() {
            return u.to_string();
        }
    }
    match (raw.find("://"), raw.rfind('@')) {
        (Some(s), Some(at)) if at > s && !raw[s + 3..at].contains('/') => {
            format!("{}://{}", &raw[..s], &raw[at + 1..])
        }
        _ => raw.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn userinfo_is_removed_for_display() {
        assert_eq!(
            strip_userinfo("http://reader:PASSWORD@feeds.example/rss"),
            "http://feeds.example/rss"
        );
        assert_eq!(
            strip_userinfo("https://token@feeds.example/a"),
            "https://feeds.example/a"
        );
        assert_eq!(strip_userinfo("https://t.me/s/x"), "https://t.me/s/x");
        assert_eq!(strip_userinfo("Meduza"), "Meduza");
        assert!(!strip_userinfo("weird://u:PW@").contains("PW"));
        assert!(!redact_url("sqlite://user:PW@/tmp/x.db").contains("PW"));
    }
}
