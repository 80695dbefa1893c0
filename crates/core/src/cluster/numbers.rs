//! The figures a text states, for telling apart texts that share a template but not their
//! numbers ("more than 250 soldiers" one day, "more than 300" the next). Reads "1 150",
//! "1,251", "412 400", "28,3 тыс.", "25 тисяч", "21.6 thousand", "25k"; skips clock times,
//! dates, years (1990–2035) and numbers below 10. Values are kept ×10 so one decimal survives.

/// At most this many distinct numbers are kept per text.
const MAX_NUMBERS: usize = 64;

const THOUSANDS: &[&str] = &["тыс", "тис", "thousand"];
const MILLIONS: &[&str] = &["млн", "million", "мільйон", "миллион", "мільйон"];
const BILLIONS: &[&str] = &["млрд", "billion", "мільярд", "миллиард"];

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Multiplier named right after a number ("тыс.", " thousand", "k").
fn multiplier(rest: &str) -> f64 {
    if rest.starts_with(['k', 'K']) && !rest[1..].starts_with(|c: char| c.is_alphanumeric()) {
        return 1e3;
    }
    let word: String = rest
        .trim_start_matches([' ', '\u{a0}'])
        .chars()
        .take(9)
        .flat_map(char::to_lowercase)
        .collect();
    let starts = |list: &[&str]| list.iter().any(|w| word.starts_with(w));
    if starts(THOUSANDS) {
        1e3
    } else if starts(MILLIONS) {
        1e6
    } else if starts(BILLIONS) {
        1e9
    } else {
        1.0
    }
}

/// Reads one number starting at byte `i` (an ASCII digit) of `s`; returns its value, the byte
/// after it, and whether it looked like a time or a date (to be skipped).
fn read_number(s: &str, i: usize) -> (f64, usize, bool) {
    let b = s.as_bytes();
    let digits_from = |j: usize| b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
    let first = digits_from(i);
    let mut end = i + first;
    let mut int_part: String = s[i..end].to_owned();
    // Time "16:00" or date "08.01.2026", "2026-01-08", "12/03/2024".
    if end < b.len()
        && matches!(b[end], b':' | b'/' | b'-')
        && digits_from(end + 1) >= 2
        && first <= 4
    {
        let mut j = end + 1 + digits_from(end + 1);
        while j < b.len() && matches!(b[j], b':' | b'/' | b'-' | b'.') && digits_from(j + 1) > 0 {
            j += 1 + digits_from(j + 1);
        }
        return (0.0, j, true);
    }
    if end < b.len() && b[end] == b'.' && first <= 2 {
        let d2 = digits_from(end + 1);
        if d2 == 2 && end + 3 < b.len() && b[end + 3] == b'.' && digits_from(end + 4) >= 2 {
            let j = end + 4 + digits_from(end + 4);
            return (0.0, j, true);
        }
    }
    // Thousands groups: "1 150", "412 400", "1,251", "1.115.250".
    if first <= 3 {
        while let Some(sep) = s[end..].chars().next() {
            let next = end + sep.len_utf8();
            let grouped = (is_group_space(sep) || sep == ',' || sep == '.')
                && digits_from(next) == 3
                && !s[next + 3..].starts_with(|c: char| c.is_ascii_digit());
            // "28,300" is a group; "28,3" and "21.6" are decimals.
            if !grouped {
                break;
            }
            if (sep == ',' || sep == '.')
                && s[next + 3..].starts_with(sep)
                && digits_from(next + 3 + 1) != 3
            {
                break;
            }
            int_part.push_str(&s[next..next + 3]);
            end = next + 3;
        }
    }
    let mut value: f64 = int_part.parse().unwrap_or(0.0);
    if end < b.len() && matches!(b[end], b',' | b'.') {
        let d = digits_from(end + 1);
        if (1..=2).contains(&d) {
            let frac: f64 = s[end + 1..end + 1 + d].parse().unwrap_or(0.0);
            value += frac / 10f64.powi(d as i32);
            end += 1 + d;
        }
    }
    (value, end, false)
}

/// Bytes looked back for the start of a link.
const LINK_LOOKBACK: usize = 512;

/// Whether byte `i` of `text` is inside a link: some position of its whitespace-separated
/// chunk (at most [`LINK_LOOKBACK`] bytes back) starts one.
fn in_link(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    let floor = i.saturating_sub(LINK_LOOKBACK);
    let start = b[floor..i]
        .iter()
        .rposition(|c| c.is_ascii_whitespace())
        .map_or(floor, |p| floor + p + 1);
    (start..i).any(|j| super::tokens::link_at(b, j))
}

/// The distinct numbers of `text` (links excluded), ×10, sorted.
pub fn numbers(text: &str) -> Vec<u64> {
    let mut out: Vec<u64> = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() && out.len() < MAX_NUMBERS * 4 {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_alphabetic() || b[i - 1] == b'_'))
        {
            i += 1;
            continue;
        }
        let (value, end, skip) = read_number(text, i);
        let start = i;
        i = end.max(i + 1);
        if skip || in_link(text, start) {
            continue;
        }
        let mult = multiplier(&text[end..]);
        let v = value * mult;
        if v < 10.0 || !v.is_finite() || v > 1e15 {
            continue;
        }
        if mult == 1.0 && v.fract() == 0.0 && (1990.0..=2035.0).contains(&v) {
            continue;
        }
        out.push((v * 10.0).round() as u64);
    }
    out.sort_unstable();
    out.dedup();
    out.truncate(MAX_NUMBERS);
    out
}

/// Numbers (×10) from this value on are the figures a report is about (totals, counts).
const LARGE: u64 = 1000 * 10;

/// True when both texts state numbers and too few of them agree: less than half of the
/// smaller set is found in the other, or — among numbers of 1000 and more, which carry the
/// report (a running total, a casualty count) — less than half.
pub fn conflict(a: &[u64], b: &[u64]) -> bool {
    let large = |v: &[u64]| -> Vec<u64> { v.iter().copied().filter(|x| *x >= LARGE).collect() };
    mostly_disjoint(a, b) || mostly_disjoint(&large(a), &large(b))
}

fn mostly_disjoint(a: &[u64], b: &[u64]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared * 2 < a.len().min(b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Vec<u64> {
        numbers(s).into_iter().map(|v| v / 10).collect()
    }

    #[test]
    fn reads_grouped_and_scaled_numbers() {
        assert_eq!(n("потери составили 1 150 человек"), vec![1150]);
        assert_eq!(n("1,251 tanks and 412 400 troops"), vec![1251, 412_400]);
        assert_eq!(n("около 28,3 тыс. военных"), vec![28_300]);
        assert_eq!(n("понад 25 тисяч дезертирів"), vec![25_000]);
        assert_eq!(n("25 000 deserters"), vec![25_000]);
        assert_eq!(n("about 21.6 thousand people"), vec![21_600]);
        assert_eq!(n("1.115.250 de militari"), vec![1_115_250]);
        assert_eq!(n("25k troops, 1,9 млрд"), vec![25_000, 1_900_000_000]);
    }

    #[test]
    fn digits_in_links_are_not_figures() {
        assert_eq!(
            n("1 150 https://example.org/news/20/11 (www.a.org/55) t.me/c/77 45"),
            vec![45, 1150]
        );
    }

    #[test]
    fn skips_times_dates_years_and_small_numbers() {
        assert!(n("станом на 16:00 08.01.2026, у 2025 році, 3 танки").is_empty());
        assert!(n("2026-01-08 and 12/03/2024").is_empty());
        assert_eq!(n("2005 is a year but 2005 тыс. is not"), vec![2_005_000]);
    }

    #[test]
    fn conflicting_and_agreeing_sets() {
        assert!(conflict(
            &numbers("более 250 военных"),
            &numbers("более 300 военных")
        ));
        assert!(!conflict(
            &numbers("более 250 военных"),
            &numbers("250 военных и 40 единиц")
        ));
        assert!(!conflict(&numbers("без чисел"), &numbers("300")));
        assert!(conflict(
            &numbers("140, 200, 145, 445, 250, 60"),
            &numbers("140, 550, 700, 395, 120, 100")
        ));
        // Yesterday's and today's running totals share the unchanged small ones.
        assert!(conflict(
            &numbers("712340 (+1150), 9300 (+4), 28, 1, 369"),
            &numbers("713490 (+1150), 9302 (+2), 28, 1, 369")
        ));
    }

    #[test]
    fn hostile_numbers_do_not_panic() {
        let long = "9".repeat(10_000);
        let _ = numbers(&long);
        let _ = numbers("1 2 3 4 5 ,,, ... 1.2.3.4 12: 12:3 1,0000 1 ٣٤٥ ١٢٣");
        let many: String = (10..100_000).map(|i| format!("{i} ")).collect();
        assert!(numbers(&many).len() <= MAX_NUMBERS);
        let glued = "https://x.org/".to_owned() + &"1-".repeat(30_000);
        let started = std::time::Instant::now();
        assert!(numbers(&glued).is_empty());
        assert!(started.elapsed().as_secs() < 5);
    }
}
