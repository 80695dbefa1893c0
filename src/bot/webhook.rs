//! Webhook mode: Telegram posts updates to `bot.webhook_url` (HTTPS, usually terminated by a
//! reverse proxy); the bot listens on `bot.webhook_listen` with teloxide's axum listener, which
//! sets the webhook (with a generated secret token it checks on every request) and deletes it
//! on shutdown. With the HTTP endpoints on (`server.listen`, the same address), their server
//! carries the webhook instead of one of its own.

use super::errors::{BotRunError, ListenerErrors, redact_token};
use super::fair::{Fair, OnFlood};
use super::flood::FloodGuard;
use super::{BotDeps, BotError};
use crate::config::Config;
use crate::ops::server::WebhookSlot;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use teloxide::Bot;
use teloxide::dispatching::DefaultKey;
use teloxide::prelude::{Dispatcher, Requester};
use teloxide::requests::Request;
use teloxide::update_listeners::webhooks::{Options, axum_to_router};

/// How long deleting the webhook may take at shutdown.
const WEBHOOK_DELETE_WAIT: Duration = Duration::from_secs(5);

/// The listen address and public URL from the config, checked: the address must be free now
/// (teloxide's listener would otherwise fail inside its own task).
pub fn options(config: &Config) -> Result<Options, BotRunError> {
    let address = listen_address(config)?;
    let url = url::Url::parse(&config.bot.webhook_url)
        .ok()
        .filter(|u| matches!(u.scheme(), "https" | "http") && u.host_str().is_some())
        .ok_or_else(|| BotRunError::Config("bot.webhook_url must be an https:// URL".into()))?;
    std::net::TcpListener::bind(address)
        .map_err(|e| BotRunError::Config(format!("cannot listen on {address}: {e}")))?;
    Ok(Options::new(address, url))
}

fn listen_address(config: &Config) -> Result<SocketAddr, BotRunError> {
    config.bot.webhook_listen.parse().map_err(|_| {
        BotRunError::Config(format!(
            "bot.webhook_listen {:?} is not an address such as 0.0.0.0:8443",
            config.bot.webhook_listen
        ))
    })
}

/// The options without binding: the HTTP endpoints' server already holds the address.
fn shared_options(config: &Config) -> Result<Options, BotRunError> {
    let address = listen_address(config)?;
    let url = url::Url::parse(&config.bot.webhook_url)
        .map_err(|_| BotRunError::Config("bot.webhook_url must be an https:// URL".into()))?;
    Ok(Options::new(address, url))
}

/// Sets the webhook and dispatches its updates through the shared server: teloxide's router
/// goes into `slot` while the dispatcher runs. Its update stream ends only when the router is
/// dropped, so once the dispatcher stops the listener (shutdown), the webhook is deleted and
/// the router taken out of the slot, which lets the dispatcher return.
pub(super) async fn dispatch_shared(
    dispatcher: &mut Dispatcher<Bot, BotError, DefaultKey>,
    bot: Bot,
    deps: &BotDeps,
    (guard, on_flood): (FloodGuard, OnFlood),
    slot: &WebhookSlot,
) -> Result<(), BotRunError> {
    let config = &deps.config;
    let options = shared_options(config)?;
    let (listener, stopped, router) = axum_to_router(bot.clone(), options)
        .await
        .map_err(|e| BotRunError::Telegram(redact_token(&e.to_string())))?;
    slot.install(router);
    let listener = Fair::new(listener, guard, deps.gate.clone(), on_flood);
    let dispatch = dispatcher.try_dispatch_with_listener(listener, Arc::new(ListenerErrors));
    tokio::pin!(dispatch);
    // `stopped` resolves after the listener is stopped, once the webhook is deleted.
    let unplug = async {
        stopped.await;
        slot.clear();
    };
    let result = tokio::select! {
        result = &mut dispatch => {
            // It ended on its own (getMe failed): nothing will stop the listener.
            slot.clear();
            let deleted = tokio::time::timeout(WEBHOOK_DELETE_WAIT, bot.delete_webhook().send());
            if !matches!(deleted.await, Ok(Ok(_))) {
                tracing::warn!("the webhook could not be deleted; Telegram keeps posting to it");
            }
            result
        }
        () = unplug => dispatch.await,
    };
    result.map_err(|e| BotRunError::Telegram(redact_token(&e.to_string())))
}
