//! The calendar days a headline names, for telling apart one outlet's daily editions that share
//! their wording ("Russian Offensive Campaign Assessment, February 26" and "…, February 27";
//! "Обстановка на 30 ноября"; "втрати ворога станом на 21.11"). Reads "February 26", "Feb. 26",
//! "26 February", "26 лютого", "26 февраля", "26.02" and "26.02.2026"; a day is kept as
//! month × 32 + day. ISO stamps ("2026-02-26") are left out: they are metadata — when a page
//! was published — and publication times are compared through the window.

/// Bytes of the headline read at most.
const MAX_HEADLINE_BYTES: usize = 400;
/// Days kept per headline at most.
const MAX_DAYS: usize = 8;

/// Month names as they stand beside a day, by month: English names and abbreviations,
/// Russian and Ukrainian genitive and nominative forms.
const MONTHS: [&[&str]; 12] = [
    &["january", "jan", "января", "январь", "січня", "січень"],
    &["february", "feb", "февраля", "февраль", "лютого", "лютий"],
    &["march", "mar", "марта", "март", "березня", "березень"],
    &["april", "apr", "апреля", "апрель", "квітня", "квітень"],
    &["may", "мая", "май", "травня", "травень"],
    &["june", "jun", "июня", "июнь", "червня", "червень"],
    &["july", "jul", "июля", "июль", "липня", "липень"],
    &["august", "aug", "августа", "август", "серпня", "серпень"],
    &[
        "september",
        "sept",
        "sep",
        "сентября",
        "сентябрь",
        "вересня",
        "вересень",
    ],
    &["october", "oct", "октября", "октябрь", "жовтня", "жовтень"],
    &[
        "november",
        "nov",
        "ноября",
        "ноябрь",
        "листопада",
        "листопад",
    ],
    &["december", "dec", "декабря", "декабрь", "грудня", "грудень"],
];

fn month_of(word: &str) -> Option<u16> {
    if word.len() > 20 {
        return None;
    }
    let lower = word.to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&lower.as_str()))
        .and_then(|i| u16::try_from(i + 1).ok())
}

fn day_of(word: &str) -> Option<u16> {
    let d: u16 = word.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// "26.02" or "26.02.2026" / "26.02.26": the day, when `word` is one.
fn numeric_day(word: &str) -> Option<u16> {
    let mut parts = word.split('.');
    let (d, m) = (parts.next()?, parts.next()?);
    if d.is_empty() || d.len() > 2 || m.len() != 2 || !m.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match parts.next() {
        None => {}
        Some(y) if (y.len() == 2 || y.len() == 4) && y.bytes().all(|b| b.is_ascii_digit()) => {}
        Some(_) => return None,
    }
    if parts.next().is_some() {
        return None;
    }
    let month: u16 = m.parse().ok()?;
    let day = day_of(d)?;
    (1..=12).contains(&month).then_some(month * 32 + day)
}

fn first_line(s: &str) -> Option<&str> {
    s.lines().map(str::trim).find(|l| !l.is_empty())
}

/// The distinct days the first non-empty line of `title`, else of `text`, names; sorted.
pub fn headline_days(title: &str, text: &str) -> Vec<u16> {
    let Some(line) = first_line(title).or_else(|| first_line(text)) else {
        return Vec::new();
    };
    let line = super::tokens::cap_bytes(line, MAX_HEADLINE_BYTES);
    // A day needs a number: most headlines stop here.
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let words: Vec<&str> = line
        .split(|c: char| !(super::tokens::is_word_char(c) || c == '.'))
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut days = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !w.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        if let Some(d) = numeric_day(w) {
            days.push(d);
            continue;
        }
        let Some(day) = day_of(w) else { continue };
        let next = words.get(i + 1).and_then(|x| month_of(x));
        let previous = i.checked_sub(1).and_then(|j| month_of(words[j]));
        if let Some(month) = next.or(previous) {
            days.push(month * 32 + day);
        }
    }
    days.sort_unstable();
    days.dedup();
    days.truncate(MAX_DAYS);
    days
}

/// True when both headlines name days and each names one the other does not: two editions
/// of a daily report. A headline whose days are all in the other's does not conflict.
pub fn days_conflict(a: &[u16], b: &[u16]) -> bool {
    !a.is_empty()
        && !b.is_empty()
        && a.iter().any(|d| !b.contains(d))
        && b.iter().any(|d| !a.contains(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Vec<u16> {
        headline_days("", s)
    }

    #[test]
    fn days_in_three_languages_and_numbers() {
        let feb26 = vec![2 * 32 + 26];
        assert_eq!(
            d("Russian Offensive Campaign Assessment, February 26, 2026"),
            feb26
        );
        assert_eq!(d("Frontline update Feb. 26: 120 engagements"), feb26);
        assert_eq!(d("Війна: що відомо станом на 26 лютого"), feb26);
        assert_eq!(d("Обстановка и главные события на 26 февраля"), feb26);
        assert_eq!(d("Втрати ворога станом на 26.02.2026"), feb26);
        assert_eq!(d("Втрати ворога з 24.02.22 по 26.02.26").len(), 2);
        assert_eq!(
            d("Headline, no date\nSecond line on March 3"),
            Vec::<u16>::new()
        );
        assert_eq!(
            headline_days("Title May 9", "Body June 1"),
            vec![5 * 32 + 9]
        );
    }

    #[test]
    fn not_days() {
        for s in [
            "Marines and 26 tanks",
            "Published 2026-02-26 by the desk",
            "1.5 million, 26.2 percent, 12.345",
            "Май, березень, no number",
            "On 40 March nothing",
        ] {
            assert!(d(s).is_empty(), "{s}: {:?}", d(s));
        }
    }

    #[test]
    fn conflicts_need_a_day_on_each_side_that_the_other_lacks() {
        let (a, b) = (d("Assessment, February 26"), d("Assessment, February 27"));
        assert!(days_conflict(&a, &b));
        assert!(!days_conflict(&a, &a));
        assert!(!days_conflict(&a, &[]));
        let table = |s| d(&format!("Втрати з 24.02.22 по {s}"));
        assert!(days_conflict(&table("21.11.26"), &table("22.11.26")));
        assert!(!days_conflict(&table("21.11.26"), &d("Втрати на 21.11")));
    }

    #[test]
    fn hostile_headlines_do_not_panic() {
        let long = "31.12.".repeat(50_000);
        assert!(headline_days(&long, "").len() <= MAX_DAYS);
        let _ = headline_days("", "..\u{0}. 1. .1 99.99.99 ١٢.٠٢ February");
    }
}
