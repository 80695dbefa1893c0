//! Small formatting pieces of the digest: numbers, local dates, metric names, safe links. Everything here returns Telegram HTML with outside text already escaped.

use crate::i18n::{DigestTexts, fill};
use crate::model::{Lang, Metric};
use crate::text::{escape_html, truncate_chars};
use crate::tz::ChatTz;
use chrono::{DateTime, Datelike, Timelike, Utc};

/// Fills `{name}` placeholders in one pass: the template's own text is escaped, the values
/// are inserted as given (they are HTML already), and nothing inside a value is expanded.
pub fn fill_html(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&escape_html(&rest[..open]));
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|close| Some((close, args.iter().find(|(k, _)| *k == &after[..close])?)))
        {
            Some((close, (_, value))) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(&escape_html(rest));
    out
}

/// Longest claimant, unit, place or source name shown, in characters.
pub const MAX_NAME_CHARS: usize = 80;
/// Longest link kept; longer ones are shown as plain names.
pub const MAX_URL_CHARS: usize = 1024;

/// `28300` → "28,300" (English) or "28 300" with a no-break space (Ukrainian, Russian).
pub fn number(lang: Lang, n: i64) -> String {
    let sep = match lang {
        Lang::Uk | Lang::Ru => '\u{a0}',
        Lang::En | Lang::Other => ',',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + 8);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A change: "+150", "−3" (with a minus sign), "0".
pub fn delta(lang: Lang, d: i64) -> String {
    match d.signum() {
        1 => format!("+{}", number(lang, d)),
        -1 => format!("−{}", number(lang, -d)),
        _ => "0".into(),
    }
}

pub fn metric_name(t: &DigestTexts, m: Metric) -> &'static str {
    let n = &t.metrics;
    match m {
        Metric::Personnel => n.personnel,
        Metric::Killed => n.killed,
        Metric::Wounded => n.wounded,
        Metric::Prisoners => n.prisoners,
        Metric::Tanks => n.tanks,
        Metric::Apc => n.apc,
        Metric::Artillery => n.artillery,
        Metric::Mlrs => n.mlrs,
        Metric::AirDefense => n.air_defense,
        Metric::Aircraft => n.aircraft,
        Metric::Helicopters => n.helicopters,
        Metric::Uav => n.uav,
        Metric::CruiseMissiles => n.cruise_missiles,
        Metric::Ships => n.ships,
        Metric::Submarines => n.submarines,
        Metric::Vehicles => n.vehicles,
        Metric::SpecialEquipment => n.special_equipment,
        Metric::Refusers => n.refusers,
        Metric::Deserters => n.deserters,
        Metric::GroundRobots => n.ground_robots,
        Metric::Equipment => n.equipment,
    }
}

/// True when `raw` names the claimant `canonical` (compared ignoring case and edge spaces).
pub fn is_claimant(raw: Option<&str>, canonical: &str) -> bool {
    raw.is_some_and(|r| r.trim().eq_ignore_ascii_case(canonical))
}

/// Outside text for the digest: cut to `max` characters, then escaped.
pub fn outside(raw: &str, max: usize) -> String {
    let folded: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    escape_html(&truncate_chars(&folded, max))
}

/// A link to `url` with `label_html` (already escaped), or the bare label when the URL is not
/// a plain http(s) address or is too long.
pub fn link(url: Option<&str>, label_html: &str) -> String {
    match url.map(str::trim).filter(|u| safe_url(u)) {
        Some(u) => format!("<a href=\"{}\">{label_html}</a>", escape_html(u)),
        None => label_html.to_owned(),
    }
}

fn safe_url(u: &str) -> bool {
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && u.chars().count() <= MAX_URL_CHARS
        && !u.chars().any(|c| c.is_whitespace() || c.is_control())
        && url::Url::parse(u).is_ok_and(|p| p.host_str().is_some())
}

/// The place name of a time zone: "Kyiv" for Europe/Kyiv, "New York", or "UTC+02:00".
pub fn zone_label(tz: &ChatTz) -> String {
    match tz {
        ChatTz::Named(z) => z
            .name()
            .rsplit('/')
            .next()
            .unwrap_or(z.name())
            .replace('_', " "),
        ChatTz::Fixed(_) => tz.to_string(),
    }
}

/// "Sat 21 Nov, 09:00" in the reader's language and zone.
pub fn local_when(t: &DigestTexts, tz: &ChatTz, at: DateTime<Utc>) -> String {
    let local = tz.local(at);
    let weekday = t.weekdays[local.weekday().num_days_from_monday() as usize % 7];
    let month = t.months[local.month0() as usize % 12];
    let time = format!("{:02}:{:02}", local.hour(), local.minute());
    fill(
        t.when,
        &[
            ("weekday", &weekday),
            ("day", &local.day()),
            ("month", &month),
            ("time", &time),
        ],
    )
}

/// "since Fri 09:00".
pub fn since(t: &DigestTexts, tz: &ChatTz, at: DateTime<Utc>) -> String {
    let local = tz.local(at);
    let weekday = t.weekdays[local.weekday().num_days_from_monday() as usize % 7];
    let when = format!("{weekday} {:02}:{:02}", local.hour(), local.minute());
    fill(t.since, &[("when", &when)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::texts;
    use chrono::TimeZone;

    #[test]
    fn templates_fill_once_and_escape_their_own_text() {
        assert_eq!(
            fill_html(
                "{who} claims: {what} & more",
                &[("who", "<b>{what}</b>"), ("what", "x")]
            ),
            "<b>{what}</b> claims: x &amp; more"
        );
        assert_eq!(fill_html("{unknown} {", &[]), "{unknown} {");
    }

    #[test]
    fn numbers_group_thousands_per_language() {
        assert_eq!(number(Lang::En, 28_300), "28,300");
        assert_eq!(number(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(number(Lang::En, 999), "999");
        assert_eq!(number(Lang::Uk, 646_400), "646\u{a0}400");
        assert_eq!(number(Lang::En, -1_500), "-1,500");
        assert_eq!(number(Lang::En, i64::MIN), "-9,223,372,036,854,775,808");
        assert_eq!(delta(Lang::En, 150), "+150");
        assert_eq!(delta(Lang::En, -3), "−3");
    }

    #[test]
    fn links_only_for_plain_http_urls() {
        assert_eq!(
            link(Some("https://x.example/a?b=1&c=\"2\""), "X"),
            "<a href=\"https://x.example/a?b=1&amp;c=&quot;2&quot;\">X</a>"
        );
        assert_eq!(link(Some("javascript:alert(1)"), "X"), "X");
        assert_eq!(link(Some("file:///etc/passwd"), "X"), "X");
        assert_eq!(link(Some("https://a b.example/"), "X"), "X");
        assert_eq!(link(None, "X"), "X");
    }

    #[test]
    fn local_dates_in_the_readers_zone_and_language() {
        let kyiv: ChatTz = "Europe/Kyiv".parse().unwrap();
        let t = Utc.with_ymd_and_hms(2026, 11, 21, 7, 0, 0).unwrap();
        assert_eq!(
            local_when(&texts(Lang::En).digest, &kyiv, t),
            "Sat 21 Nov, 09:00"
        );
        assert_eq!(
            local_when(&texts(Lang::Uk).digest, &kyiv, t),
            "сб, 21 лист., 09:00"
        );
        assert_eq!(since(&texts(Lang::En).digest, &kyiv, t), "since Sat 09:00");
        assert_eq!(zone_label(&kyiv), "Kyiv");
        let ny: ChatTz = "America/New_York".parse().unwrap();
        assert_eq!(zone_label(&ny), "New York");
    }
}
