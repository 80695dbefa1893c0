//! Canonical links: the form an item's link is stored and compared in. Only http(s); host
//! lower-cased and default port dropped (by `url`), fragment removed, tracking parameters
//! (`utm_*`, `fbclid`, `gclid`, …) stripped, other parameters kept in their order.

/// Query parameters that only track the reader.
const TRACKING: &[&str] = &[
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "ysclid",
    "twclid",
    "ttclid",
    "li_fat_id",
    "igshid",
    "igsh",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "__hstc",
    "__hssc",
    "__hsfp",
    "hsctatracking",
    "mkt_tok",
    "oly_anon_id",
    "oly_enc_id",
    "rb_clickid",
    "s_cid",
    "vero_id",
    "vero_conv",
    "wickedid",
    "spm",
    "cmpid",
    "ncid",
    "ocid",
    "sr_share",
    "ref_src",
    "ref_url",
    "at_medium",
    "at_campaign",
    "at_custom1",
    "at_custom2",
    "at_custom3",
    "at_custom4",
];

fn is_tracking(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.starts_with("utm_")
        || lower.starts_with("pk_")
        || lower.starts_with("mtm_")
        || TRACKING.contains(&lower.as_str())
}

/// The canonical form of `raw`, or `None` when it is not an absolute http(s) URL.
pub fn canonical_link(raw: &str) -> Option<String> {
    let mut url = url::Url::parse(raw.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    url.set_fragment(None);
    if url.query().is_some() {
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| !is_tracking(k))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if kept.is_empty() {
            url.set_query(None);
        } else {
            url.query_pairs_mut().clear().extend_pairs(kept);
        }
    }
    Some(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_parameters_and_fragments_go() {
        assert_eq!(
            canonical_link(
                "https://Example.ORG:443/a/b?utm_source=tg&id=7&fbclid=xyz&UTM_Medium=m#top"
            )
            .as_deref(),
            Some("https://example.org/a/b?id=7")
        );
        assert_eq!(
            canonical_link("http://ex.org/x?gclid=1&_ga=2").as_deref(),
            Some("http://ex.org/x")
        );
        assert_eq!(
            canonical_link(" https://ex.org/p?b=2&a=1 ").as_deref(),
            Some("https://ex.org/p?b=2&a=1"),
            "order of real parameters is kept"
        );
    }

    #[test]
    fn only_absolute_web_links() {
        for bad in [
            "/relative",
            "javascript:alert(1)",
            "mailto:a@b.c",
            "",
            "file:///etc/passwd",
        ] {
            assert_eq!(canonical_link(bad), None, "{bad}");
        }
    }
}
