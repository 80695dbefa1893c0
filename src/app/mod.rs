//! `claimwatch run`: everything the bot does, wired together. Every instance polls its share of
//! the due sources (sources are leased one by one); two roles run on one instance at a time
//! over a shared database, each under a renewable lease (see [`role`]):
//!
//! - `pipeline`: classifies and clusters the items pollers stored;
//! - `sender`: everything that talks to Telegram — the digest scheduler, the outbox delivery
//!   and the update loop answering commands (Telegram allows one poller per token) — so one
//!   [`Gate`] paces every message of the database, replies first.
//!
//! When an instance dies its roles move to another within `run.lease_ttl` plus a third of it.

pub mod role;

use crate::bot::{BotDeps, ComposedDigestSource, FetchingSourceChecker, run_bot_sharing};
use crate::clock::Clock;
use crate::config::Config;
use crate::delivery::{DeliveryCtx, Gate, run_delivery};
use crate::digest::schedule::{ScheduleCtx, run_scheduler};
use crate::ops::metrics::record;
use crate::ops::server::WebhookSlot;
use crate::pipeline::Pipeline;
use crate::shutdown::Shutdown;
use crate::sources::{PollContext, run_pollers_with};
use crate::storage::StoreHealth;
use crate::store::Store;
use role::{Role, hold_role};
use std::sync::Arc;
use std::time::Duration;
use teloxide::Bot;
use tokio::sync::Notify;

/// Items classified per pipeline step before new work is looked at again.
const PIPELINE_STEP: usize = 500;
/// The pipeline looks for unprocessed items at least this often (pollers also wake it).
const PIPELINE_IDLE: Duration = Duration::from_secs(30);
/// How long the tasks get to finish their work in flight after shutdown is asked for.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(20);

/// Why `run` could not start.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("cannot set up polling: {0}")]
    Polling(String),
    #[error("{0}")]
    Server(#[from] crate::ops::server::BindError),
}

/// What the running instance shares between its tasks.
#[derive(Clone)]
pub struct App {
    pub config: Arc<Config>,
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    /// This instance's name in role leases.
    pub owner: String,
    /// The storage's health as this instance sees it (for a readiness check).
    pub health: Arc<StoreHealth>,
}

impl App {
    fn role(&self, name: &'static str) -> Role {
        Role {
            name,
            ttl: self.config.run.lease_ttl.0,
            // One SQLite file serves one instance: nobody else can take a role, so a storage
            // fault does not stop the bot answering ("not saved, try again later").
            keep_through_faults: self.store.backend() == "sqlite",
        }
    }
}

/// Runs until `shutdown`, then lets work in flight finish (up to a grace period).
pub async fn run(app: App, bot: Bot, shutdown: Shutdown) -> Result<(), AppError> {
    let poll = Arc::new(
        PollContext::new(app.store.clone(), &app.config)
            .map_err(|e| AppError::Polling(e.to_string()))?,
    );
    let wake_pipeline = Arc::new(Notify::new());
    let mut tasks = tokio::task::JoinSet::new();
    let (store, clock) = (app.store.clone(), app.clock.clone());
    let webhook = crate::ops::start(
        &app.config,
        store,
        app.health.clone(),
        bot.clone(),
        clock,
        &shutdown,
        &mut tasks,
    )
    .await?;
    tracing::info!(instance = %app.owner, backend = app.store.backend(), "claimwatch running");

    {
        let (app, shutdown, wake) = (app.clone(), shutdown.clone(), wake_pipeline.clone());
        let poll = poll.clone();
        tasks.spawn(async move {
            run_pollers_with(&poll, app.clock.as_ref(), &shutdown, |reports| {
                record::polls(&reports);
                if reports.iter().any(|r| !r.new_item_ids.is_empty()) {
                    wake.notify_one();
                }
            })
            .await;
        });
    }
    {
        let (app, shutdown, wake) = (app.clone(), shutdown.clone(), wake_pipeline.clone());
        tasks.spawn(async move {
            let role = app.role("pipeline");
            let (store, clock, owner) = (app.store.clone(), app.clock.clone(), app.owner.clone());
            hold_role(store, role, owner, clock, shutdown, |stop| {
                pipeline_loop(app.clone(), wake.clone(), stop)
            })
            .await;
        });
    }
    spawn_sender(&mut tasks, &app, bot, poll, webhook, &shutdown);

    shutdown.wait().await;
    drain(tasks).await;
    app.store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Lets the tasks finish their work in flight, for up to [`SHUTDOWN_GRACE`].
async fn drain(mut tasks: tokio::task::JoinSet<()>) {
    let drained = tokio::time::timeout(SHUTDOWN_GRACE, async {
        while let Some(done) = tasks.join_next().await {
            if let Err(e) = done
                && e.is_panic()
            {
                tracing::error!(error = %e, "a task panicked");
            }
        }
    })
    .await;
    if drained.is_err() {
        tracing::warn!("some work was still in flight after the grace period; it will be redone");
        tasks.abort_all();
    }
}

/// The `pipeline` role: process pending items whenever pollers store some (or every
/// [`PIPELINE_IDLE`]); a fresh pipeline each time the role is taken rebuilds its window.
async fn pipeline_loop(app: App, wake: Arc<Notify>, stop: Shutdown) {
    let mut pipeline = Pipeline::new(app.store.clone(), &app.config.cluster);
    while !stop.is_triggered() {
        if pipeline_step(&mut pipeline, &app).await == PipelineOutcome::Idle {
            tokio::select! {
                _ = wake.notified() => {}
                _ = tokio::time::sleep(PIPELINE_IDLE) => {}
                _ = stop.wait() => {}
            }
        }
    }
}

/// What one pipeline step came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PipelineOutcome {
    /// A full step's worth was processed: more is probably waiting.
    Busy,
    /// Less than a full step, or the storage failed: wait for new items or the idle tick.
    Idle,
}

/// Processes up to one step's worth of pending items and records what it did.
async fn pipeline_step(pipeline: &mut Pipeline, app: &App) -> PipelineOutcome {
    match pipeline
        .process_pending(app.clock.now(), PIPELINE_STEP)
        .await
    {
        Ok(r) => {
            record::pipeline(&r);
            if r.processed > 0 {
                tracing::info!(report = %r, "pipeline step");
            }
            if r.processed >= PIPELINE_STEP {
                PipelineOutcome::Busy
            } else {
                PipelineOutcome::Idle
            }
        }
        Err(e) => {
            crate::storage::log_store_error(&e, "pipeline step failed; the items stay pending");
            pipeline.reset();
            PipelineOutcome::Idle
        }
    }
}

/// Spawns the `sender` role's loop: everything that talks to Telegram, through one gate.
fn spawn_sender(
    tasks: &mut tokio::task::JoinSet<()>,
    app: &App,
    bot: Bot,
    poll: Arc<PollContext>,
    webhook: Option<WebhookSlot>,
    shutdown: &Shutdown,
) {
    let gate = Arc::new(Gate::from_config(&app.config.delivery, app.clock.clone()));
    // One context for the process: an answer Telegram gave that the database refused survives
    // the role being lost and taken again, and is written first.
    let delivery = DeliveryCtx::new(
        app.store.clone(),
        bot.clone(),
        app.config.delivery.clone(),
        app.clock.clone(),
    )
    .in_sender_role(&app.owner)
    .with_gate(gate.clone());
    let delivery = Arc::new(delivery);
    tasks.spawn(flush_answers(delivery.clone(), shutdown.clone()));
    let telegram = Telegram {
        delivery,
        poll,
        bot,
        gate,
        webhook,
    };
    let (app, shutdown) = (app.clone(), shutdown.clone());
    tasks.spawn(async move {
        let role = app.role("sender");
        let (store, clock, owner) = (app.store.clone(), app.clock.clone(), app.owner.clone());
        hold_role(store, role, owner, clock, shutdown, |stop| {
            sender(app.clone(), telegram.clone(), stop)
        })
        .await;
    });
}

/// Writes, every few seconds, answers Telegram gave that the database refused (a storage
/// outage): a message Telegram accepted is marked sent as soon as the storage is back, even if
/// this instance lost the sender role meanwhile, so nobody sends it again.
async fn flush_answers(delivery: Arc<DeliveryCtx<Bot>>, shutdown: Shutdown) {
    while shutdown.sleep(Duration::from_secs(2)).await {
        if delivery.unwritten_answers() > 0
            && let Err(e) = delivery.flush_answers().await
        {
            crate::storage::log_store_error(&e, "cannot write a sent message's answer yet");
        }
    }
}

/// What the `sender` role talks to Telegram with.
#[derive(Clone)]
struct Telegram {
    delivery: Arc<DeliveryCtx<Bot>>,
    poll: Arc<PollContext>,
    bot: Bot,
    gate: Arc<Gate>,
    /// In webhook mode with the HTTP endpoints on, the webhook is served by their server.
    webhook: Option<WebhookSlot>,
}

/// The `sender` role: the digest scheduler, the outbox delivery and the update loop, side by
/// side, every message through one gate.
async fn sender(app: App, tg: Telegram, stop: Shutdown) {
    let schedule = ScheduleCtx {
        store: app.store.clone(),
        config: app.config.clone(),
        enqueued: tg.delivery.wake.clone(),
    };
    tokio::join!(
        run_scheduler(&schedule, app.clock.as_ref(), &stop),
        run_delivery(&tg.delivery, &stop),
        updates(&app, &tg, stop.clone()),
    );
}

/// The update loop answering commands.
async fn updates(app: &App, tg: &Telegram, stop: Shutdown) {
    let deps = BotDeps {
        store: app.store.clone(),
        config: app.config.clone(),
        clock: app.clock.clone(),
        digest: Arc::new(ComposedDigestSource {
            store: app.store.clone(),
            config: app.config.clone(),
        }),
        checker: Arc::new(FetchingSourceChecker {
            ctx: tg.poll.clone(),
            allow_private: app.config.http.allow_private_addresses,
        }),
        gate: tg.gate.clone(),
    };
    if let Err(e) = run_bot_sharing(deps, tg.bot.clone(), stop, tg.webhook.clone()).await {
        tracing::error!(error = %e, "the Telegram update loop stopped");
    }
}
