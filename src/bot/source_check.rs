//! `/addsource` backed by the ingest module's `check_new_source`: the address is parsed,
//! internal networks are refused unless `http.allow_private_addresses`, and the source is
//! fetched once and parsed, so only a working feed or channel is added, with its own title.

use super::deps::SourceChecker;
use crate::model::NewSource;
use crate::sources::check::check_new_source;
use crate::sources::poller::PollContext;
use async_trait::async_trait;
use std::sync::Arc;

/// Validates a new source by fetching it once.
pub struct FetchingSourceChecker {
    pub ctx: Arc<PollContext>,
    pub allow_private: bool,
}

#[async_trait]
impl SourceChecker for FetchingSourceChecker {
    async fn check(&self, input: &str) -> Result<NewSource, String> {
        check_new_source(&self.ctx, input, self.allow_private)
            .await
            .map(|c| c.source)
            .map_err(|e| crate::bot::redact_token(&e.to_string()))
    }
}
