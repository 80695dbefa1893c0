//! Cheap, linear checks on untrusted markup before it reaches an HTML parser (html5ever is
//! quadratic in nesting depth, so a few hundred kilobytes of nested tags could take minutes).

/// Deepest element nesting handed to the HTML parser. Real pages and feed entries nest a few
/// dozen deep at most; the parser is quadratic in depth.
pub const MAX_DEPTH: usize = 256;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// The deepest element nesting of `html`, counted on its tags in one linear pass (close tags
/// pop, void and self-closing tags do not push).
pub fn nesting_depth(html: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        if let Some(closing) = tag.strip_prefix('/') {
            if closing.starts_with(|c: char| c.is_ascii_alphabetic()) {
                depth = depth.saturating_sub(1);
            }
        } else if tag.starts_with(|c: char| c.is_ascii_alphabetic()) && !tag.ends_with('/') {
            let name_end = tag
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(tag.len());
            if !VOID.iter().any(|v| tag[..name_end].eq_ignore_ascii_case(v)) {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
        rest = &rest[end..];
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_open_elements_only() {
        assert_eq!(nesting_depth("<p>a<br>b<img src=x/><br/></p><p>c</p>"), 1);
        assert_eq!(nesting_depth("</div></div><div>"), 1);
        assert_eq!(nesting_depth("<div><span><b>x</b></span></div>"), 3);
        assert_eq!(nesting_depth("a < b and <!-- <x> --> <?pi?>"), 0);
        assert_eq!(nesting_depth(&"<i>".repeat(1000)), 1000);
        assert_eq!(nesting_depth(""), 0);
    }
}
