//! Sends left in flight by a sender that stopped, and the in-doubt rule.
//!
//! The Bot API has no idempotency key: a message whose request was in flight when its sender
//! died may or may not have arrived. Such a message becomes `in_doubt`; with
//! `delivery.in_doubt = "resend"` (the default) it goes back to pending and is sent again,
//! once per doubt, with a marker in the reader's language, so nothing is ever lost and a repeat
//! is never silent. With `"skip"` it is left in doubt and never sent again.

use super::{DeliveryCtx, DeliveryError};
use crate::config::InDoubt;
use crate::store::InFlight;
use chrono::{DateTime, Utc};

/// What one recovery found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Recovery {
    /// Messages found in flight from a sender that stopped: now in doubt.
    pub in_doubt: u64,
    /// Messages in doubt put back to be sent again, marked (`in_doubt = "resend"`).
    pub resend: u64,
}

/// Writes the answers this worker holds, then resolves the sends left in flight and applies
/// the in-doubt rule. `at_start`: this process has just started. One SQLite file serves one
/// instance, so then every send left in flight is a dead process's and all are resolved at
/// once; on a shared database only ended leases are — and, for the `sender` role's worker,
/// every other sender's at once (only the role's holder sends).
pub async fn recover<S>(
    ctx: &DeliveryCtx<S>,
    now: DateTime<Utc>,
    at_start: bool,
) -> Result<Recovery, DeliveryError> {
    ctx.write_answers().await?;
    let in_flight = InFlight {
        all: at_start && ctx.store.backend() == "sqlite",
        sender: ctx.sender_name(),
    };
    let resend = ctx.config.in_doubt == InDoubt::Resend;
    let done = ctx.store.resolve_in_doubt(now, in_flight, resend).await?;
    let (in_doubt, resend) = (done.found, done.resend);
    if in_doubt > 0 {
        match ctx.config.in_doubt {
            InDoubt::Resend => tracing::warn!(
                count = in_doubt,
                "messages were in flight when their sender stopped: sending them again, marked"
            ),
            InDoubt::Skip => tracing::warn!(
                count = in_doubt,
                "messages were in flight when their sender stopped: in doubt, not resent (delivery.in_doubt = \"skip\")"
            ),
        }
    }
    Ok(Recovery { in_doubt, resend })
}
