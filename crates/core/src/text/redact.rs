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
