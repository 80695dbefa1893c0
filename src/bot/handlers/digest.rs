//! `/digest`: this chat's digest now, composed by the injected [`DigestSource`]
//! (crate::bot::DigestSource), without waiting for the scheduled time and without moving it.

use super::say;
use super::{Ctx, HandlerResult, Req, send_html};
use crate::bot::paced::Paced;

pub(super) async fn digest_now(bot: Paced, ctx: Ctx, req: Req) -> HandlerResult {
    let t = req.t();
    let Some(sub) = req.sub.as_ref() else {
        return say(&bot, &req, t.need_start).await;
    };
    match ctx.digest.digest_now(sub, req.now).await {
        Ok(parts) if parts.iter().all(|p| p.trim().is_empty()) => {
            say(&bot, &req, t.digest_empty).await
        }
        Ok(parts) => {
            for part in parts.iter().filter(|p| !p.trim().is_empty()) {
                send_html(&bot, req.chat, part, None).await?;
            }
            Ok(())
        }
        Err(e) => {
            tracing::error!(chat = req.chat.0, error = %e, "cannot compose a digest on demand");
            say(&bot, &req, t.digest_failed).await
        }
    }
}
