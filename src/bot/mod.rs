//! The Telegram bot: commands (`commands`), the dptree handler tree ([`schema`]), handlers by
//! concern (`handlers/`), inline keyboards and their callback data, HTML rendering and
//! splitting, and [`run_bot`], which registers the commands and runs the dispatcher (long
//! polling by default) until the shared [`Shutdown`] fires.
//!
//! The tree is generic over the requester (a plain `Bot` against the fake Bot API in tests and
//! in production); every message it sends goes through the process's [`Gate`] ([`paced`]),
//! one pace with the digest, and each chat's updates pass its fair share ([`fair`]) first.

mod api;
pub mod callback;
pub mod commands;
pub mod deps;
mod errors;
mod fair;
pub mod flood;
mod handlers;
pub mod keyboards;
pub mod paced;
pub mod render;
pub mod search_sessions;
mod source_check;
mod webhook;

pub use api::BotApi;
pub use deps::{AddressChecker, BotDeps, ComposedDigestSource, DigestSource, SourceChecker};
pub use errors::{BotRunError, redact_token};
pub use handlers::{BotError, HandlerResult};
pub use source_check::FetchingSourceChecker;

use crate::clock::Clock;
use crate::config::{BotMode, Config};
use crate::delivery::Gate;
use crate::model::Lang;
use crate::ops::server::WebhookSlot;
use crate::shutdown::Shutdown;
use crate::store::Store;
use errors::{ListenerErrors, LogErrors};
use handlers::Ctx;
use search_sessions::SearchSessions;
use std::sync::Arc;
use std::time::Duration;
use teloxide::Bot;
use teloxide::dispatching::{UpdateFilterExt, UpdateHandler};
use teloxide::dptree;
use teloxide::payloads::{SendMessageSetters, SetMyCommandsSetters};
use teloxide::prelude::{Dispatcher, Requester};
use teloxide::requests::Request;
use teloxide::types::{BotCommandScope, ChatId, Recipient, Update};
use teloxide::update_listeners::{Polling, UpdateListener};

/// Searches kept for paging (see `search_sessions`).
const SEARCH_SESSIONS: usize = 10_000;

impl BotDeps {
    /// The dependencies the handler tree needs, for `DispatcherBuilder::dependencies`.
    pub fn dependency_map(&self) -> dptree::di::DependencyMap {
        dptree::deps![
            self.store.clone(),
            self.config.clone(),
            self.clock.clone(),
            self.digest.clone(),
            self.checker.clone(),
            Arc::new(SearchSessions::new(SEARCH_SESSIONS)),
            self.gate.clone()
        ]
    }
}

/// The handler tree: messages and channel posts (commands), button presses, and the bot's own
/// membership changes.
pub fn schema() -> UpdateHandler<BotError> {
    let context = dptree::map(
        |store: Arc<dyn Store>,
         config: Arc<Config>,
         clock: Arc<dyn Clock>,
         digest: Arc<dyn DigestSource>,
         checker: Arc<dyn SourceChecker>,
         sessions: Arc<SearchSessions>,
         gate: Arc<Gate>| Ctx {
            store,
            config,
            clock,
            digest,
            checker,
            sessions,
            gate,
        },
    );
    dptree::entry()
        .chain(context)
        .branch(Update::filter_message().chain(handlers::messages()))
        .branch(Update::filter_channel_post().chain(handlers::messages()))
        .branch(Update::filter_callback_query().endpoint(handlers::on_callback))
        .branch(Update::filter_my_chat_member().endpoint(handlers::on_my_chat_member))
}

/// Registers the command lists: one per offered language (`language_code`), the fallback
/// language also as the default, and the admin commands in each admin chat.
pub async fn register_commands<R: BotApi>(bot: &R, config: &Config) {
    let offered = config.bot.languages();
    let fallback = offered.first().copied().unwrap_or(Lang::En);
    let mut calls = vec![(None, fallback)];
    calls.extend(
        offered
            .iter()
            .filter(|l| matches!(l, Lang::En | Lang::Uk | Lang::Ru))
            .map(|l| (Some(l.as_str()), *l)),
    );
    for (code, lang) in calls {
        let mut req = bot.set_my_commands(commands::user_commands(lang));
        if let Some(code) = code {
            req = req.language_code(code);
        }
        if let Err(e) = req.send().await {
            tracing::warn!(error = %redact_token(&e.to_string()), "setMyCommands failed");
        }
    }
    for id in &config.admin_chat_ids {
        let mut all = commands::user_commands(fallback);
        all.extend(commands::admin_commands(fallback));
        let scope = BotCommandScope::Chat {
            chat_id: Recipient::Id(ChatId(*id)),
        };
        if let Err(e) = bot.set_my_commands(all).scope(scope).send().await {
            tracing::warn!(chat = id, error = %redact_token(&e.to_string()), "setMyCommands for an admin chat failed");
        }
    }
}

/// Runs the bot until `shutdown` fires: registers the commands, then dispatches updates from
/// long polling (or the webhook, per `config.bot.mode`). Updates in flight finish first.
/// SIGTERM and SIGINT reach it through `Shutdown::listen_for_signals`.
pub async fn run_bot(deps: BotDeps, bot: Bot, shutdown: Shutdown) -> Result<(), BotRunError> {
    run_bot_sharing(deps, bot, shutdown, None).await
}

/// [`run_bot`]; in webhook mode with `shared` given, the webhook is served by the HTTP
/// endpoints' server (its router installed in the slot while the bot runs) instead of a server
/// of its own.
pub async fn run_bot_sharing(
    deps: BotDeps,
    bot: Bot,
    shutdown: Shutdown,
    shared: Option<WebhookSlot>,
) -> Result<(), BotRunError> {
    register_commands(&bot, &deps.config).await;
    let mut dispatcher = Dispatcher::builder(bot.clone(), schema())
        .dependencies(deps.dependency_map())
        .error_handler(Arc::new(LogErrors))
        .default_handler(|_| async {})
        .build();
    let token = dispatcher.shutdown_token();
    let stopper = tokio::spawn(async move {
        shutdown.wait().await;
        loop {
            match token.shutdown() {
                Ok(done) => {
                    done.await;
                    break;
                }
                // Not dispatching yet: try again shortly.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    });
    let result = async {
        match deps.config.bot.mode {
            BotMode::Polling => {
                let listener = Polling::builder(bot.clone())
                    .timeout(deps.config.bot.poll_timeout.0)
                    .delete_webhook()
                    .await
                    .build();
                dispatch_fair(&mut dispatcher, listener, &deps, bot).await
            }
            BotMode::Webhook => match shared {
                Some(slot) => {
                    let fair = fair_share(&deps, bot.clone());
                    webhook::dispatch_shared(&mut dispatcher, bot, &deps, fair, &slot).await
                }
                None => {
                    let options = webhook::options(&deps.config)?;
                    let listener = teloxide::update_listeners::webhooks::axum(bot.clone(), options)
                        .await
                        .map_err(|e| BotRunError::Telegram(redact_token(&e.to_string())))?;
                    dispatch_fair(&mut dispatcher, listener, &deps, bot).await
                }
            },
        }
    }
    .await;
    stopper.abort();
    result
}

/// Dispatches the updates `listener` gets, each chat held to its fair share.
async fn dispatch_fair<L>(
    dispatcher: &mut Dispatcher<Bot, BotError, teloxide::dispatching::DefaultKey>,
    listener: L,
    deps: &BotDeps,
    bot: Bot,
) -> Result<(), BotRunError>
where
    L: UpdateListener + Send + 'static,
    L::Err: std::fmt::Debug + Send + 'static,
{
    let (guard, on_flood) = fair_share(deps, bot);
    let listener = fair::Fair::new(listener, guard, deps.gate.clone(), on_flood);
    dispatcher
        .try_dispatch_with_listener(listener, Arc::new(ListenerErrors))
        .await
        .map_err(|e| BotRunError::Telegram(redact_token(&e.to_string())))
}

/// The HTTP client's timeout for a bot that long-polls with `config`: longer than the poll,
/// so an idle poll is answered (empty) by Telegram before the client would give up.
pub fn client_timeout(config: &Config) -> Duration {
    config.bot.poll_timeout.0 + Duration::from_secs(10)
}

/// Each chat's share of the bot, and the one "slow down" a chat over it is sent (through the
/// gate, like every reply).
fn fair_share(deps: &BotDeps, bot: Bot) -> (flood::FloodGuard, fair::OnFlood) {
    let c = &deps.config.bot;
    let guard = flood::FloodGuard::new(c.flood_burst, c.flood_per_minute, c.flood_pause.0);
    let (config, gate) = (deps.config.clone(), deps.gate.clone());
    let on_flood: fair::OnFlood = Arc::new(move |chat, user| {
        let lang = handlers::ui_lang(&config, None, user.as_ref());
        let secs = config.bot.flood_pause.0.as_secs().to_string();
        let text = crate::i18n::fill(crate::i18n::texts(lang).bot.slow_down, &[("secs", &secs)]);
        let paced = paced::Paced::new(bot.clone(), gate.clone());
        tokio::spawn(async move {
            let req = paced
                .inner()
                .send_message(chat, text)
                .parse_mode(teloxide::types::ParseMode::Html);
            if let Err(e) = paced.paced(chat, || req.send_ref()).await {
                tracing::warn!(chat = chat.0, error = %redact_token(&e.to_string()), "cannot send the slow-down notice");
            }
        });
    });
    (guard, on_flood)
}
