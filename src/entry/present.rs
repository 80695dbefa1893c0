//! Which outside text is worth showing: the one test the claim line applies to a written
//! claimant, unit, place or channel name.

/// Outside text worth showing: not blank and not a placeholder a broken record may hold.
pub fn present(s: Option<&str>) -> Option<&str> {
    let s = s?.trim();
    let placeholder = ["null", "none", "undefined", "nan", "n/a", "-", "—", "?"]
        .iter()
        .any(|p| s.eq_ignore_ascii_case(p));
    (!s.is_empty() && !placeholder).then_some(s)
}
