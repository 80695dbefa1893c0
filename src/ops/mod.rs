//! Running claimwatch as a service: the metrics registry ([`metrics`]), the readiness checks
//! ([`health`]) and the HTTP server that shows both and, in webhook mode, carries Telegram's
//! webhook ([`server`]). [`start`] wires them for `claimwatch run`.

pub mod health;
pub mod metrics;
pub mod server;

use crate::clock::Clock;
use crate::config::Config;
use crate::shutdown::Shutdown;
use crate::storage::StoreHealth;
use crate::store::Store;
use health::Health;
use server::WebhookSlot;
use std::sync::Arc;
use teloxide::Bot;

/// Starts the HTTP endpoints and the readiness checker when `server.listen` is set; returns
/// the webhook slot the bot installs its router in (webhook mode shares the server). Binds at
/// once: a taken address is an error now rather than inside a task.
pub async fn start(
    config: &Config,
    store: Arc<dyn Store>,
    storage: Arc<StoreHealth>,
    bot: Bot,
    clock: Arc<dyn Clock>,
    shutdown: &Shutdown,
    tasks: &mut tokio::task::JoinSet<()>,
) -> Result<Option<WebhookSlot>, server::BindError> {
    metrics::record::started(clock.now());
    let Some(address) = config.server.listen.0 else {
        return Ok(None);
    };
    let listener = server::bind(address).await?;
    let health = Arc::new(Health::new(config.server.check_interval.0, clock));
    let slot = WebhookSlot::default();
    let router = server::router(health.clone(), slot.clone());
    tasks.spawn(server::serve(listener, router, shutdown.clone()));
    tasks.spawn(health::run_checks(
        health,
        store,
        storage,
        bot,
        shutdown.clone(),
    ));
    Ok(Some(slot))
}
