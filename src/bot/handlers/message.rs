//! The steps a message or channel post passes before its command's endpoint (see the router in
//! `handlers/mod.rs`): a group's move to a supergroup, whether the bot is addressed at all,
//! the chat's [`Req`] (its subscriber looked up), and a storage failure answered with "not
//! saved" instead of silence. Also the two answers that are not commands.

use super::ui_lang;
use super::{BotError, Ctx, HandlerResult, Req, chat_kind, say, send_html, store_failure_text};
use crate::bot::commands::{self, Parsed};
use crate::bot::paced::Paced;
use crate::i18n::texts;
use crate::model::ChatKind;
use crate::store::StoreError;
use std::ops::ControlFlow;
use std::sync::Arc;
use teloxide::Bot;
use teloxide::dispatching::UpdateHandler;
use teloxide::dptree;
use teloxide::dptree::di::DependencyMap;
use teloxide::types::{ChatId, Me, Message};

/// The chat's subscriber, looked up for a command: found (or absent: `Req::sub` is `None`),
/// or the storage failed.
#[derive(Clone)]
pub(super) enum Lookup {
    Found(Box<Req>),
    StoreDown(Arc<StoreError>),
}

/// Every reply goes through the process's gate.
pub(super) fn paced(bot: Bot, ctx: Ctx) -> Paced {
    Paced::new(bot, ctx.gate.clone())
}

/// The supergroup a group moved to, if this message says so.
pub(super) fn migration(msg: Message) -> Option<ChatId> {
    msg.migrate_to_chat_id().copied()
}

/// Moves the chat's settings to the supergroup.
pub(super) async fn migrate(msg: Message, ctx: Ctx, to: ChatId) -> HandlerResult {
    let now = ctx.clock.now();
    ctx.store.migrate_chat(msg.chat.id.0, to.0, now).await?;
    Ok(())
}

/// What the message is, when the bot should answer it: commands for this bot, and in groups
/// and channels only text that mentions it; never commands for another bot.
pub(super) fn addressed(msg: Message, me: Me) -> Option<Parsed> {
    let text = msg.text()?;
    let parsed = commands::parse(text, me.username());
    let kind = chat_kind(&msg.chat);
    let mentioned = text.contains(&format!("@{}", me.username()));
    let ignore = match parsed {
        Parsed::OtherBot => true,
        Parsed::NotCommand | Parsed::Unknown => kind != ChatKind::Private && !mentioned,
        Parsed::User(_) | Parsed::Admin(_) => false,
    };
    (!ignore).then_some(parsed)
}

/// The command's circumstances, with the chat's subscriber read from the store.
pub(super) async fn lookup(msg: Message, ctx: Ctx) -> Lookup {
    let now = ctx.clock.now();
    let user = msg.from.clone();
    let sub = match ctx.store.subscriber(msg.chat.id.0).await {
        Ok(sub) => sub,
        Err(e) => return Lookup::StoreDown(Arc::new(e)),
    };
    Lookup::Found(Box::new(Req {
        chat: msg.chat.id,
        kind: chat_kind(&msg.chat),
        title: msg
            .chat
            .title()
            .map(|t| crate::text::truncate_chars(t, 128)),
        lang: ui_lang(&ctx.config, sub.as_ref(), user.as_ref()),
        as_chat: msg
            .sender_chat
            .as_ref()
            .is_some_and(|c| c.id == msg.chat.id),
        user,
        sub,
        now,
    }))
}

/// The subscriber could not be read: the user is told, in their Telegram language.
pub(super) async fn answer_lookup_failure(
    bot: Paced,
    msg: Message,
    ctx: Ctx,
    e: Arc<StoreError>,
) -> HandlerResult {
    crate::storage::log_store_error(&e, "store failure while handling a command");
    let t = &texts(ui_lang(&ctx.config, None, msg.from.as_ref())).bot;
    send_html(&bot, msg.chat.id, store_failure_text(t, &e), None).await?;
    Ok(())
}

/// `routes`, with a storage failure answered: the user is told nothing was saved (the error
/// itself goes to the log; an unavailable storage is reported by its health, once per
/// outage) and the update counts as handled.
pub(super) fn answering_store_failures(routes: UpdateHandler<BotError>) -> UpdateHandler<BotError> {
    let (description, sig) = (routes.description().clone(), routes.sig().clone());
    let run = move |deps: DependencyMap, cont| {
        let routes = routes.clone();
        async move {
            let (bot, req) = (deps.try_get::<Paced>(), deps.try_get::<Req>());
            match (routes.execute(deps, cont).await, bot, req) {
                (ControlFlow::Break(Err(BotError::Store(e))), Some(bot), Some(req)) => {
                    crate::storage::log_store_error(&e, "store failure while handling a command");
                    let told = send_html(&bot, req.chat, store_failure_text(req.t(), &e), None);
                    ControlFlow::Break(told.await.map(|_| ()).map_err(BotError::from))
                }
                (flow, _, _) => flow,
            }
        }
    };
    dptree::from_fn_with_description(description, run, sig)
}

/// A `/word` the bot does not know.
pub(super) async fn unknown_command(bot: Paced, req: Req) -> HandlerResult {
    say(&bot, &req, req.t().unknown_command).await
}

/// Text that is not a command, in a private chat or mentioning the bot.
pub(super) async fn plain_text(bot: Paced, req: Req) -> HandlerResult {
    say(&bot, &req, req.t().plain_text).await
}
