//! View counts as the web preview writes them: "987", "1.2K", "214.4K", "3.4M", "1B".

/// Parses a view count; `None` for anything that is not one.
pub fn parse_views(raw: &str) -> Option<i64> {
    let s: String = raw.trim().chars().filter(|c| !c.is_whitespace()).collect();
    let (number, multiplier) = match s.chars().last()? {
        'K' | 'k' => (&s[..s.len() - 1], 1_000f64),
        'M' | 'm' => (&s[..s.len() - 1], 1_000_000f64),
        'B' | 'b' => (&s[..s.len() - 1], 1_000_000_000f64),
        _ => (s.as_str(), 1f64),
    };
    let number = number.replace(',', ".");
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let value: f64 = number.parse().ok()?;
    let views = (value * multiplier).round();
    (0.0..1e15).contains(&views).then_some(views as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_scale() {
        assert_eq!(parse_views("1"), Some(1));
        assert_eq!(parse_views("987"), Some(987));
        assert_eq!(parse_views("1.2K"), Some(1_200));
        assert_eq!(parse_views("214.4K"), Some(214_400));
        assert_eq!(parse_views("4.85K"), Some(4_850));
        assert_eq!(parse_views("3.4M"), Some(3_400_000));
        assert_eq!(parse_views("1,5M"), Some(1_500_000));
        assert_eq!(parse_views(" 12 "), Some(12));
    }

    #[test]
    fn rubbish_is_none() {
        for s in ["", "K", "views", "-5", "1.2.3K", "NaN", "1e9", "∞"] {
            assert_eq!(parse_views(s), None, "{s:?}");
        }
    }
}
