//! The checks themselves: the database (reachable, schema known), the bot token (`getMe`) and
//! one source (fetched and parsed once), each bounded by a timeout, each with a fix for its
//! failure.

use super::list::Checklist;
use crate::bot::redact_token;
use crate::config::Config;
use crate::sources::fetch::FetchError;
use crate::sources::{CheckError, PollContext, check_new_source};
use crate::store::{self, Store};
use crate::text::redact_url;
use std::sync::Arc;
use std::time::Duration;
use teloxide::prelude::Requester;
use teloxide::requests::Request;
use teloxide::{ApiError, RequestError};

const DATABASE_FIX: &str = "check database_url (or CLAIMWATCH_DATABASE_URL): is the server running and reachable from here, and are the user, password and database name right?";

/// A SQLite file that does not exist yet is created at the first start: no connection is
/// made for it (a check creates nothing).
fn missing_sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    if path.is_empty() || path.contains(":memory:") {
        return None;
    }
    let path = std::path::PathBuf::from(path);
    (!path.exists()).then_some(path)
}

/// Connects and reads the schema's state; returns the store when it answered.
pub async fn database(
    config: &Config,
    timeout: Duration,
    list: &mut Checklist,
) -> Option<Arc<dyn Store>> {
    let shown = config.redacted_database_url();
    if let Some(path) = missing_sqlite_file(&config.database_url) {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        match dir {
            Some(d) if !d.is_dir() => list.fail("database", format!("{shown}: directory {} does not exist", d.display()), "create the directory or change database_url"),
            _ => list.pass("database", format!("{shown} does not exist yet; `claimwatch run` or `claimwatch migrate` creates it")),
        }
        return None;
    }
    let connected =
        tokio::time::timeout(timeout, store::connect_with(&config.database_url, 1)).await;
    let store = match connected {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => {
            list.fail("database", format!("cannot connect: {e}"), DATABASE_FIX);
            return None;
        }
        Err(_) => {
            list.fail(
                "database",
                format!("{shown} did not answer within {}s", timeout.as_secs()),
                DATABASE_FIX,
            );
            return None;
        }
    };
    match store.schema_status().await {
        Ok(s) if !s.unknown().is_empty() => list.fail(
            "database",
            format!("{shown}: migrations {:?} were applied by a newer claimwatch", s.unknown()),
            "run the claimwatch version that migrated this database, or point database_url at another one",
        ),
        Ok(s) if !s.pending().is_empty() => list.pass(
            "database",
            format!("{shown} answers; {} migrations to apply (`claimwatch migrate` or `run` applies them)", s.pending().len()),
        ),
        Ok(s) => list.pass("database", format!("{shown} answers; schema current ({} migrations)", s.applied.len())),
        Err(e) => list.fail("database", format!("{shown}: cannot read the schema: {e}"), DATABASE_FIX),
    }
    Some(store)
}

/// Calls `getMe` when `TELOXIDE_TOKEN` is set.
pub async fn telegram(timeout: Duration, list: &mut Checklist) {
    if std::env::var("TELOXIDE_TOKEN").map_or(true, |t| t.trim().is_empty()) {
        list.skip(
            "telegram",
            "TELOXIDE_TOKEN is not set: getMe skipped (`claimwatch run` needs it)",
        );
        return;
    }
    let bot = match crate::delivery::bot::bot_from_env(timeout) {
        Ok(b) => b,
        Err(e) => {
            list.fail("telegram", e.to_string(), "set TELOXIDE_TOKEN to the token from @BotFather, TELOXIDE_API_URL to an http(s) URL (or unset it)");
            return;
        }
    };
    match tokio::time::timeout(timeout, bot.get_me().send()).await {
        Ok(Ok(me)) => list.pass(
            "telegram",
            format!("getMe: the token belongs to @{}", me.username()),
        ),
        Ok(Err(RequestError::Api(ApiError::InvalidToken))) => list.fail(
            "telegram",
            "the Bot API refused the token (401 Unauthorized)",
            "set TELOXIDE_TOKEN to the bot's current token from @BotFather (/mybots → API Token)",
        ),
        Ok(Err(e)) => list.fail(
            "telegram",
            format!("getMe failed: {}", redact_token(&e.to_string())),
            "check the network and proxy (TELOXIDE_PROXY), and TELOXIDE_API_URL if set",
        ),
        Err(_) => list.fail(
            "telegram",
            format!("the Bot API did not answer within {}s", timeout.as_secs()),
            "check the network and proxy (TELOXIDE_PROXY), and TELOXIDE_API_URL if set",
        ),
    }
}

/// Fetches and parses one source; returns the line's detail or the failure and its fix.
pub async fn source(
    ctx: &PollContext,
    url: &str,
    timeout: Duration,
) -> Result<String, (String, &'static str)> {
    match tokio::time::timeout(timeout, check_new_source(ctx, url, true)).await {
        Ok(Ok(found)) => Ok(format!("{} entries", found.items)),
        Ok(Err(e)) => Err((redact_url(&e.to_string()), source_fix(&e))),
        Err(_) => Err((
            format!("no answer within {}s", timeout.as_secs()),
            TIMEOUT_FIX,
        )),
    }
}

const TIMEOUT_FIX: &str =
    "check the address and this machine's network; a slow server may need a longer --timeout";

fn source_fix(e: &CheckError) -> &'static str {
    match e {
        CheckError::Address(_) => "use a feed URL (http, https or file://), @channel or t.me link",
        CheckError::Internal(_) | CheckError::Fetch(FetchError::Internal(_)) => {
            "the address is on a private network: set http.allow_private_addresses = true if that is intended"
        }
        CheckError::Fetch(FetchError::Status {
            status: 404 | 410, ..
        }) => "the feed is not at this address (any more): find its current URL on the site",
        CheckError::Fetch(FetchError::Status {
            status: 401 | 403, ..
        }) => {
            "the server refuses claimwatch: it may need credentials in the URL or block the User-Agent (http.user_agent)"
        }
        CheckError::Fetch(FetchError::Status { .. }) => {
            "the server answered with an error: try again later or ask its operator"
        }
        CheckError::Fetch(FetchError::File(_)) => {
            "the file is missing or unreadable: check the path"
        }
        CheckError::Fetch(FetchError::TooLarge { .. }) => {
            "the feed is larger than http.max_body_bytes: raise it or use a smaller feed"
        }
        CheckError::Fetch(_) | CheckError::Resolve(_) => TIMEOUT_FIX,
        CheckError::NotAFeed(_) => {
            "the address does not serve RSS, Atom or JSON Feed: use the feed's own URL"
        }
        CheckError::Channel(_) | CheckError::Unexpected304 => {
            "the channel does not exist, is private or hides its web preview (t.me/s/NAME)"
        }
        CheckError::FileNotAllowed => "file:// sources are allowed in the config file",
    }
}
