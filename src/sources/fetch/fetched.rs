//! What a fetch returns: a body with its validators, or "not modified" (304).

use super::RetryAfter;

/// `ETag` and `Last-Modified` of the last good fetch, sent back as conditions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A fetched body and what came with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchedBody {
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
    pub validators: Validators,
    /// Where the body came from after redirects (credentials removed).
    pub final_url: String,
    /// A `Retry-After` sent with a successful answer (rare; honoured when present).
    pub retry_after: Option<RetryAfter>,
}

/// The result of a fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// 304: nothing changed since the validators were issued.
    NotModified,
    Body(FetchedBody),
}
