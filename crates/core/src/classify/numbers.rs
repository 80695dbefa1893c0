//! Numbers in the forms real texts use: "28,300", "28 300", "28.300", "1 226 420",
//! "28,3 тыс.", "1,5 тисячі", "646 тис. 400", "12к", and small numbers spelled out
//! ("шістдесят", "sixty", "двадцать пять", "три тысячи", "сотня"). Number words and
//! multipliers come from the lexicon.

use super::doc::Doc;
use super::lexicon::Role;
use super::matcher::Matches;

/// A number found in the text: tokens `first..=last` and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Num {
    pub first: usize,
    pub last: usize,
    pub value: i64,
    /// False for a fraction without a multiplier ("3,5 км", "23.04").
    pub integer: bool,
    /// Followed by "%" or "percent".
    pub percent: bool,
    /// The low end of a range ("60–100 тыс.": 60 000; `value` is the high end).
    pub low: Option<i64>,
}

/// The largest value kept (larger numbers are phone numbers, ids, or noise).
const MAX_VALUE: i64 = 1_000_000_000_000;

fn digits_value(s: &str) -> Option<i64> {
    if s.len() > 13 {
        return None;
    }
    s.parse().ok()
}

fn is_space_sep(gap: &str) -> bool {
    matches!(gap, " " | "\u{a0}" | "\u{2009}" | "\u{202f}" | "\u{2007}")
}

fn role_value(m: &Matches<Role>, t: usize, pick: fn(Role) -> Option<i64>) -> Option<(i64, usize)> {
    m.at(t)
        .iter()
        .filter_map(|x| pick(x.role).map(|v| (v, x.last)))
        .max_by_key(|(_, last)| *last)
}

fn number_word(r: Role) -> Option<i64> {
    match r {
        Role::NumberWord(v) => Some(v),
        _ => None,
    }
}

fn multiplier(r: Role) -> Option<i64> {
    match r {
        Role::Multiplier(v) => Some(v),
        _ => None,
    }
}

/// A multiplier right after token `t` ("тыс.", "thousand", "к" written on to the digits).
fn multiplier_after(doc: &Doc, m: &Matches<Role>, t: usize) -> Option<(i64, usize)> {
    let gap = doc.gap_after(t);
    let next = t + 1;
    let (mult, last) = role_value(m, next, multiplier)?;
    let single_letter = doc.word(next).chars().count() == 1;
    let ok = if single_letter {
        gap.is_empty()
    } else {
        gap.is_empty() || is_space_sep(gap)
    };
    ok.then_some((mult, last))
}

fn percent_after(doc: &Doc, t: usize) -> bool {
    let gap = doc.gap_after(t).trim_start();
    gap.starts_with('%')
        || (gap.is_empty() || gap == " ") && {
            let w = doc.word(t + 1);
            w.starts_with("процент") || w.starts_with("відсот") || w == "percent" || w == "per"
        }
}

/// Finds every number in `doc`, in order.
pub fn find(doc: &Doc, m: &Matches<Role>) -> Vec<Num> {
    let mut out = Vec::new();
    let n = doc.tokens.len();
    let mut t = 0;
    while t < n {
        let found = if doc.tokens[t].is_number {
            if super::model_names::model_number(doc, t) {
                t += 1;
                continue;
            }
            digits_number(doc, m, t)
        } else {
            word_number(doc, m, t)
        };
        match found {
            Some(num) => {
                t = num.last + 1;
                if num.value <= MAX_VALUE {
                    out.push(num);
                }
            }
            None => t += 1,
        }
    }
    join_ranges(doc, out)
}

/// The multiplier a number ends with ("100 тыс." → 1000), 1 when none.
fn scale_of(doc: &Doc, n: &Num) -> i64 {
    if n.last != n.first + 1 || !n.integer || doc.tokens[n.last].is_number {
        return 1;
    }
    let base = digits_value(doc.word(n.first)).unwrap_or(0);
    if base > 0 && n.value % base == 0 {
        n.value / base
    } else {
        1
    }
}

/// "60–100 тыс.", "5-7", "от 30 до 50", "between 30 and 50": two numbers joined by a dash, or
/// framed by the words of a range, are one range; a multiplier after the second applies to the
/// first when it has none.
fn join_ranges(doc: &Doc, nums: Vec<Num>) -> Vec<Num> {
    let mut out: Vec<Num> = Vec::with_capacity(nums.len());
    for n in nums {
        if let Some(prev) = out.last_mut()
            && prev.low.is_none()
            && prev.integer
            && !prev.percent
            && n.integer
            && ((prev.last + 1 == n.first && is_range_gap(doc, prev.last))
                || framed_range(doc, prev, &n))
        {
            let scale = if prev.first == prev.last {
                scale_of(doc, &n)
            } else {
                1
            };
            let low = prev.value.saturating_mul(scale);
            if low > 0 && low < n.value {
                *prev = Num {
                    first: prev.first,
                    last: n.last,
                    value: n.value,
                    integer: true,
                    percent: n.percent,
                    low: Some(low),
                };
                continue;
            }
        }
        out.push(n);
    }
    out
}

/// The words that open and join a range: "от … до", "від … до", "between … and". ("с … до",
/// "з … до" and "from … to" are left out: they as often tell a change.)
const RANGE_WORDS: &[(&str, &str)] = &[("от", "до"), ("від", "до"), ("between", "and")];

/// "от", "від", "between": a word that opens a range.
pub(super) fn opens_range(word: &str) -> bool {
    let w = word.to_lowercase();
    RANGE_WORDS.iter().any(|(o, _)| w == *o)
}

/// `a` and `b` framed by a range's words, one word between them.
fn framed_range(doc: &Doc, a: &Num, b: &Num) -> bool {
    if a.first == 0 || a.last + 2 != b.first {
        return false;
    }
    let open = doc.word(a.first - 1).to_lowercase();
    let join = doc.word(a.last + 1).to_lowercase();
    RANGE_WORDS.iter().any(|(o, j)| open == *o && join == *j)
}

fn is_range_gap(doc: &Doc, t: usize) -> bool {
    let gap = doc.gap_after(t).trim();
    matches!(gap, "-" | "–" | "—" | "−" | "‒")
}

fn digits_number(doc: &Doc, m: &Matches<Role>, t: usize) -> Option<Num> {
    let first_digits = doc.word(t);
    let mut value = digits_value(first_digits)?;
    let mut last = t;
    let mut frac: Option<(i64, u32)> = None;
    let mut sep: Option<&str> = None;
    if first_digits.len() <= 3 {
        while let Some(next) = doc.tokens.get(last + 1).filter(|tok| tok.is_number) {
            let gap = doc.gap_after(last);
            let digits = &doc.norm[next.nstart..next.nend];
            let group_of_three = digits.len() == 3;
            if is_space_sep(gap) && group_of_three && sep.is_none_or(is_space_sep) {
                value = value
                    .checked_mul(1000)?
                    .checked_add(digits_value(digits)?)?;
                last += 1;
                sep = Some(" ");
            } else if matches!(gap, "," | ".") && sep.is_none_or(|s| s == gap) {
                let then_multiplier = multiplier_after(doc, m, last + 1).is_some();
                if group_of_three && !then_multiplier {
                    value = value
                        .checked_mul(1000)?
                        .checked_add(digits_value(digits)?)?;
                    last += 1;
                    sep = Some(gap);
                } else if sep.is_none() && digits.len() <= 3 {
                    frac = Some((digits_value(digits)?, digits.len() as u32));
                    last += 1;
                    break;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
    }
    let mut integer = frac.is_none();
    if let Some((mult, mlast)) = multiplier_after(doc, m, last) {
        let scaled = match frac {
            Some((f, places)) => {
                let denom = 10i64.pow(places);
                value
                    .saturating_mul(mult)
                    .saturating_add(f.saturating_mul(mult) / denom)
            }
            None => value.saturating_mul(mult),
        };
        value = scaled;
        integer = true;
        last = mlast;
        // "646 тис. 400": the hundreds after the thousands.
        if mult == 1000
            && let Some(next) = doc.tokens.get(last + 1).filter(|tok| tok.is_number)
        {
            let gap = doc.gap_after(last);
            let digits = &doc.norm[next.nstart..next.nend];
            if (gap == ". " || is_space_sep(gap))
                && digits.len() <= 3
                && multiplier_after(doc, m, last + 1).is_none()
            {
                value = value.saturating_add(digits_value(digits)?);
                last += 1;
            }
        }
    }
    Some(Num {
        first: t,
        last,
        value,
        integer,
        percent: percent_after(doc, last),
        low: None,
    })
}

fn word_number(doc: &Doc, m: &Matches<Role>, t: usize) -> Option<Num> {
    let (mut value, mut last) = role_value(m, t, number_word)?;
    // "двадцать пять", "сто двадцать", "one hundred", "twenty-three".
    while let Some((v, l)) = role_value(m, last + 1, number_word) {
        let joins = (value >= 100 && value % 100 == 0 && v < 100)
            || ((20..100).contains(&value) && value % 10 == 0 && v < 10);
        let gap = doc.gap_after(last);
        if !joins || !(gap.trim().is_empty() || gap == "-") {
            break;
        }
        value = value.saturating_add(v);
        last = l;
    }
    if let Some((mult, mlast)) = multiplier_after(doc, m, last)
        && value < 1000
    {
        value = value.saturating_mul(mult);
        last = mlast;
    }
    Some(Num {
        first: t,
        last,
        value,
        integer: true,
        percent: percent_after(doc, last),
        low: None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::lexicon;
    use super::*;

    fn values(text: &str) -> Vec<(i64, bool)> {
        let lex = lexicon::get().unwrap();
        let d = Doc::new(text);
        let m = lex.matcher.find(&d);
        find(&d, &m).iter().map(|n| (n.value, n.integer)).collect()
    }

    #[test]
    fn digit_groups_in_every_real_form() {
        assert_eq!(
            values("28,300 and 28 300 and 28.300"),
            vec![(28300, true); 3]
        );
        assert_eq!(values("близько 1 226 420 осіб"), vec![(1_226_420, true)]);
        assert_eq!(values("особового складу 260 270"), vec![(260_270, true)]);
        assert_eq!(values("до 1515 военнослужащих"), vec![(1515, true)]);
        assert_eq!(values("1,251 tanks (+3)"), vec![(1251, true), (3, true)]);
        assert_eq!(
            values("12\u{a0}000 and 12\u{202f}000"),
            vec![(12000, true); 2]
        );
    }

    #[test]
    fn fractions_and_multipliers() {
        assert_eq!(values("28,3 тыс. человек"), vec![(28300, true)]);
        assert_eq!(values("1,5 тисячі"), vec![(1500, true)]);
        assert_eq!(values("906,5 тыс."), vec![(906_500, true)]);
        assert_eq!(values("21.6 thousand people"), vec![(21600, true)]);
        assert_eq!(values("646 тис. 400"), vec![(646_400, true)]);
        assert_eq!(values("понад 25 тис. солдатів"), vec![(25000, true)]);
        assert_eq!(values("потерял 12к рублей"), vec![(12000, true)]);
        assert_eq!(values("3,5 км"), vec![(3, false)]);
        assert_eq!(
            values("from 24.02 to 23.04"),
            vec![(24, false), (23, false)]
        );
        assert_eq!(values("2 млн"), vec![(2_000_000, true)]);
    }

    #[test]
    fn spelled_out_numbers() {
        assert_eq!(values("шістдесят десантників"), vec![(60, true)]);
        assert_eq!(values("about sixty paratroopers"), vec![(60, true)]);
        assert_eq!(values("Twenty-three paratroopers"), vec![(23, true)]);
        assert_eq!(values("около сотни мобилизованных"), vec![(100, true)]);
        assert_eq!(values("сотни военных"), vec![]);
        assert_eq!(values("двадцать пять"), vec![(25, true)]);
        assert_eq!(values("сотня бойцов"), vec![(100, true)]);
        assert_eq!(values("три тысячи"), vec![(3000, true)]);
        assert_eq!(values("понад мільйон військових"), vec![(1_000_000, true)]);
        assert_eq!(values("знищили чотири танки"), vec![(4, true)]);
        // Fractions of a thousand or a million, in words.
        assert_eq!(values("понад чверть мільйона"), vec![(250_000, true)]);
        assert_eq!(values("пів мільйона військових"), vec![(500_000, true)]);
        assert_eq!(values("более полумиллиона"), vec![(500_000, true)]);
        assert_eq!(values("полторы тысячи человек"), vec![(1500, true)]);
        assert_eq!(values("more than half a million"), vec![(500_000, true)]);
        assert_eq!(values("a quarter million soldiers"), vec![(250_000, true)]);
        assert_eq!(values("a quarter of the troops"), vec![]);
    }

    #[test]
    fn ranges_keep_both_ends() {
        let lex = lexicon::get().unwrap();
        let d =
            Doc::new("от 60–100 тыс. погибших, 5-7 танков, 2023-2024, от 30 до 50, with 30 to 50");
        let m = lex.matcher.find(&d);
        let nums = find(&d, &m);
        let got: Vec<(i64, Option<i64>)> = nums.iter().map(|n| (n.value, n.low)).collect();
        assert_eq!(
            got,
            vec![
                (100_000, Some(60_000)),
                (7, Some(5)),
                (2024, Some(2023)),
                (50, Some(30)),
                (30, None),
                (50, None)
            ]
        );
    }

    #[test]
    fn percent_is_marked() {
        let lex = lexicon::get().unwrap();
        let d = Doc::new("lost 25% of its combat power, 40 процентов");
        let m = lex.matcher.find(&d);
        let nums = find(&d, &m);
        assert!(nums.iter().all(|n| n.percent));
    }

    #[test]
    fn absurd_digit_runs_are_not_numbers() {
        assert!(values("99999999999999999999999").is_empty());
        let groups = "1 000 000 000 000 000 000 000 000 000";
        assert!(values(groups).iter().all(|(v, _)| *v <= MAX_VALUE));
        assert!(
            values("9 999 999 999 999,999 млрд")
                .iter()
                .all(|(v, _)| *v <= MAX_VALUE)
        );
        assert_eq!(values("1001003921752"), vec![]);
    }
}
