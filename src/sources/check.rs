//! Checking a source before it is added (the bot's `/addsource`): parse the address, refuse
//! `file://` and addresses that resolve to loopback, private, link-local or unspecified
//! networks unless allowed, fetch once, parse, and return the canonical [`NewSource`] with the
//! title the feed or channel gives itself and how many items it has.

use super::address::{AddressError, SourceAddress};
use super::feed::{FeedError, parse_feed};
use super::fetch::guard::{GuardError, is_internal, literal_ip, resolve_public};
use super::fetch::{Accept, FetchError, Fetched, Validators};
use super::poller::PollContext;
use super::poller::error::PollError;
use super::poller::step::fetch_channel_page;
use crate::model::{NewSource, SourceKind, SourceOrigin};

/// A source that passed the check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceCheck {
    /// Ready to store: canonical URL, kind, title from the feed or channel.
    pub source: NewSource,
    /// Entries in the feed, or posts on the channel's preview page.
    pub items: usize,
}

/// Why a source was refused. Messages are meant for the person who typed the address.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error(transparent)]
    Address(#[from] AddressError),
    #[error("file:// sources can only be added in the config file or from the shell")]
    FileNotAllowed,
    #[error("refused: {0}")]
    Internal(String),
    #[error("{0}")]
    Resolve(String),
    #[error("cannot fetch it: {0}")]
    Fetch(#[from] FetchError),
    #[error("it is not a feed: {0}")]
    NotAFeed(#[from] FeedError),
    #[error("{0}")]
    Channel(String),
    #[error("the server answered 304 Not Modified to a first request")]
    Unexpected304,
}

impl From<GuardError> for CheckError {
    fn from(e: GuardError) -> Self {
        match e {
            GuardError::Internal { .. } => CheckError::Internal(e.to_string()),
            other => CheckError::Resolve(other.to_string()),
        }
    }
}

/// Refuses feed URLs on internal networks: an internal literal address, or a name any of
/// whose addresses is internal.
async fn refuse_internal(url: &url::Url) -> Result<(), CheckError> {
    if let Some(ip) = literal_ip(url) {
        return if is_internal(ip) {
            Err(CheckError::Internal(format!(
                "{ip} is a loopback, private or link-local address"
            )))
        } else {
            Ok(())
        };
    }
    let host = url.host_str().unwrap_or("");
    let port = url.port_or_known_default().unwrap_or(443);
    resolve_public(host, port).await?;
    Ok(())
}

/// Checks what a user typed as a new source. `allow_private` lifts the refusal of `file://`
/// and of internal addresses.
pub async fn check_new_source(
    ctx: &PollContext,
    input: &str,
    allow_private: bool,
) -> Result<SourceCheck, CheckError> {
    let address = SourceAddress::parse(input)?;
    let url = address.canonical();
    match &address {
        SourceAddress::Telegram(name) => {
            let now = chrono::Utc::now();
            let fetched = fetch_channel_page(ctx, name, None, &Validators::default(), now).await;
            let (page, _, _) = match fetched {
                Ok(Some(found)) => found,
                Ok(None) => return Err(CheckError::Unexpected304),
                Err(PollError::Fetch(e)) => return Err(CheckError::Fetch(e)),
                Err(e) => return Err(CheckError::Channel(e.to_string())),
            };
            Ok(SourceCheck {
                items: page.posts.len(),
                source: NewSource {
                    url,
                    kind: SourceKind::Telegram,
                    title: page.channel_title,
                    lang: None,
                    interval_secs: None,
                    origin: SourceOrigin::Runtime,
                },
            })
        }
        SourceAddress::Feed(feed_url) => {
            if !allow_private {
                if feed_url.scheme() == "file" {
                    return Err(CheckError::FileNotAllowed);
                }
                refuse_internal(feed_url).await?;
            }
            let body = match ctx
                .fetcher
                .fetch(&url, &Validators::default(), Accept::Feed)
                .await?
            {
                Fetched::Body(b) => b,
                Fetched::NotModified => return Err(CheckError::Unexpected304),
            };
            let feed = tokio::task::spawn_blocking(move || {
                parse_feed(&body.bytes, body.content_type.as_deref(), &body.final_url)
            })
            .await
            .map_err(|e| CheckError::Channel(format!("parser task failed: {e}")))??;
            Ok(SourceCheck {
                items: feed.entries.len(),
                source: NewSource {
                    url,
                    kind: SourceKind::Feed,
                    title: feed.title.filter(|t| !t.is_empty()),
                    lang: None,
                    interval_secs: None,
                    origin: SourceOrigin::Runtime,
                },
            })
        }
    }
}
