//! Update handlers, one file per concern, and the router that sends each command to its
//! endpoint ([`messages`]: teloxide's handler tree, `case![Command::X].endpoint(x)`). What the
//! handlers share lives in leaves re-exported here: the injected context and the request
//! ([`context`]), a chat's kind, language and defaults ([`chat`]), replies ([`reply`]) and
//! permissions ([`permission`]).

mod admin;
mod callbacks;
mod chart;
mod chat;
mod context;
mod digest;
mod membership;
mod message;
mod permission;
mod reply;
mod search;
mod settings;
mod start;

pub(crate) use callbacks::on_callback;
pub(crate) use chat::{chat_kind, new_subscriber, next_digest, ui_lang};
pub use context::{BotError, HandlerResult};
pub(crate) use context::{Ctx, Req};
pub(crate) use membership::on_my_chat_member;
pub(crate) use permission::{check_may_configure, is_admin, may_configure};
pub(crate) use reply::{edit_html, say, send_html, store_failure_text};

use crate::bot::commands::{AdminCommand, Command, Parsed};
use message::Lookup;
use teloxide::dispatching::UpdateHandler;
use teloxide::dptree::{self, case};

/// Every message and channel post: a group's move to a supergroup, then, when the bot is
/// addressed, the command (or text) routed to its endpoint with the chat's [`Req`]. A storage
/// failure, reading the chat or handling the command, is answered with "not saved".
pub(crate) fn messages() -> UpdateHandler<BotError> {
    dptree::entry()
        .map(message::paced)
        .branch(dptree::filter_map(message::migration).endpoint(message::migrate))
        .filter_map(message::addressed)
        .map_async(message::lookup)
        .branch(case![Lookup::StoreDown(e)].endpoint(message::answer_lookup_failure))
        .branch(
            case![Lookup::Found(req)]
                .map(|req: Box<Req>| *req)
                .chain(message::answering_store_failures(commands())),
        )
}

/// A command (or text) to its endpoint.
fn commands() -> UpdateHandler<BotError> {
    dptree::entry()
        .branch(case![Parsed::User(cmd)].chain(user_commands()))
        .branch(case![Parsed::Admin(cmd)].chain(admin_commands()))
        .branch(case![Parsed::Unknown].endpoint(message::unknown_command))
        .branch(dptree::endpoint(message::plain_text))
}

/// The commands anyone may send.
fn user_commands() -> UpdateHandler<BotError> {
    dptree::entry()
        .branch(case![Command::Start].endpoint(start::start))
        .branch(case![Command::Help].endpoint(start::help))
        .branch(case![Command::Subscribe(arg)].endpoint(start::subscribe))
        .branch(case![Command::Unsubscribe].endpoint(start::unsubscribe))
        .branch(case![Command::Settings].endpoint(settings::show))
        .branch(case![Command::Time(arg)].endpoint(settings::set_time))
        .branch(case![Command::Timezone(arg)].endpoint(settings::set_timezone))
        .branch(case![Command::Keywords(arg)].endpoint(settings::keywords))
        .branch(case![Command::Search(arg)].endpoint(search::search))
        .branch(case![Command::Recent(arg)].endpoint(search::recent))
        .branch(case![Command::Digest].endpoint(digest::digest_now))
        .branch(case![Command::Sources].endpoint(admin::list_sources))
        .branch(case![Command::Chart(arg)].endpoint(chart::chart))
}

/// The admin commands: refused politely outside the admin chats, nothing touched.
fn admin_commands() -> UpdateHandler<BotError> {
    dptree::entry()
        .branch(dptree::filter(|ctx: Ctx, req: Req| !is_admin(&ctx, &req)).endpoint(admin::refuse))
        .branch(case![AdminCommand::Addsource(arg)].endpoint(admin::add_source))
        .branch(case![AdminCommand::Removesource(arg)].endpoint(admin::remove_source))
        .branch(case![AdminCommand::Pausesource(arg)].endpoint(admin::pause_source))
        .branch(case![AdminCommand::Resumesource(arg)].endpoint(admin::resume_source))
        .branch(case![AdminCommand::Stats].endpoint(admin::stats))
}
