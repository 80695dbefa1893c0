//! The bot's commands as `BotCommands` enums (one for everyone, one for the configured admins),
//! a tolerant parser around the derived one, and the per-language command lists registered
//! with `setMyCommands` and shown by `/help`.

use crate::i18n::{CommandTexts, texts};
use crate::model::Lang;
use teloxide::types::BotCommand;
use teloxide::utils::command::{BotCommands, ParseError};

/// Commands anyone may send. Doc comments are the English descriptions; each language's
/// wording lives in `i18n` (`CommandTexts`).
#[derive(BotCommands, Debug, Clone, PartialEq, Eq)]
#[command(rename_rule = "lowercase")]
pub enum Command {
    /// subscribe and see your settings
    Start,
    /// what the bot can do
    Help,
    /// daily digest: /subscribe refusals, losses or all
    Subscribe(String),
    /// stop the digest (settings are kept)
    Unsubscribe,
    /// topics, digest time, time zone, language
    Settings,
    /// digest time: /time 08:30
    Time(String),
    /// time zone: /timezone Europe/Kyiv or UTC+2
    Timezone(String),
    /// digest filter: /keywords add|remove|list|clear
    Keywords(String),
    /// search claims: /search отказ or /search 7d tanks
    Search(String),
    /// claims of the last 24 hours: /recent [refusals|losses]
    Recent(String),
    /// the digest now
    Digest,
    /// monitored sources and their health
    Sources,
    /// a chart of claimed losses: /chart [metric] [30d|90d|1y] [claimant]
    Chart(String),
}

/// Commands for the chats listed in `admin_chat_ids`.
#[derive(BotCommands, Debug, Clone, PartialEq, Eq)]
#[command(rename_rule = "lowercase")]
pub enum AdminCommand {
    /// add a feed URL or @channel
    Addsource(String),
    /// stop monitoring a source
    Removesource(String),
    /// pause a source
    Pausesource(String),
    /// resume a paused source
    Resumesource(String),
    /// counts for the last day
    Stats,
}

/// What a message's text is, as far as commands go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    User(Command),
    Admin(AdminCommand),
    /// A `/word` the bot does not know.
    Unknown,
    /// A command addressed to another bot (`/start@other_bot`): not ours to answer.
    OtherBot,
    /// Not a command at all.
    NotCommand,
}

/// The command word lowercased and separated from its arguments by one space, so `/Search`
/// and `/search\nwords` parse like `/search words`.
fn normalise(text: &str) -> Option<String> {
    let text = text.trim_start();
    if !text.starts_with('/') {
        return None;
    }
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    let (word, rest) = text.split_at(end);
    let rest = rest.trim_start();
    let mut out = word.to_lowercase();
    if !rest.is_empty() {
        out.push(' ');
        out.push_str(rest);
    }
    Some(out)
}

/// Parses a message text for the bot named `bot_username`.
pub fn parse(text: &str, bot_username: &str) -> Parsed {
    let Some(normal) = normalise(text) else {
        return Parsed::NotCommand;
    };
    match Command::parse(&normal, bot_username) {
        Ok(c) => return Parsed::User(c),
        Err(ParseError::WrongBotName(_)) => return Parsed::OtherBot,
        Err(_) => {}
    }
    match AdminCommand::parse(&normal, bot_username) {
        Ok(c) => Parsed::Admin(c),
        Err(ParseError::WrongBotName(_)) => Parsed::OtherBot,
        Err(_) => Parsed::Unknown,
    }
}

/// The description of command `name` in `lang`, if it has one.
pub fn description(lang: Lang, name: &str) -> Option<&'static str> {
    let c: &CommandTexts = &texts(lang).bot.commands;
    Some(match name {
        "start" => c.start,
        "help" => c.help,
        "subscribe" => c.subscribe,
        "unsubscribe" => c.unsubscribe,
        "settings" => c.settings,
        "time" => c.time,
        "timezone" => c.timezone,
        "keywords" => c.keywords,
        "search" => c.search,
        "recent" => c.recent,
        "digest" => c.digest,
        "sources" => c.sources,
        "chart" => c.chart,
        "addsource" => c.addsource,
        "removesource" => c.removesource,
        "pausesource" => c.pausesource,
        "resumesource" => c.resumesource,
        "stats" => c.stats,
        _ => return None,
    })
}

fn localise(list: Vec<BotCommand>, lang: Lang) -> Vec<BotCommand> {
    list.into_iter()
        .map(|mut c| {
            let name = c.command.trim_start_matches('/').to_owned();
            if let Some(d) = description(lang, &name) {
                c.description = d.to_owned();
            }
            c
        })
        .collect()
}

/// The commands everyone sees, described in `lang`, in the enum's order.
pub fn user_commands(lang: Lang) -> Vec<BotCommand> {
    localise(Command::bot_commands(), lang)
}

/// The admin commands, described in `lang`.
pub fn admin_commands(lang: Lang) -> Vec<BotCommand> {
    localise(AdminCommand::bot_commands(), lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_commands_with_arguments_and_mentions() {
        let me = "claimwatch_bot";
        assert_eq!(parse("/start", me), Parsed::User(Command::Start));
        assert_eq!(parse("/START", me), Parsed::User(Command::Start));
        assert_eq!(
            parse("/start@claimwatch_bot", me),
            Parsed::User(Command::Start)
        );
        assert_eq!(parse("/start@other_bot", me), Parsed::OtherBot);
        assert_eq!(
            parse("/search  7d отказ", me),
            Parsed::User(Command::Search("7d отказ".into()))
        );
        assert_eq!(
            parse("/search\nотказ", me),
            Parsed::User(Command::Search("отказ".into()))
        );
        assert_eq!(
            parse("/subscribe", me),
            Parsed::User(Command::Subscribe(String::new()))
        );
        assert_eq!(parse("/stats", me), Parsed::Admin(AdminCommand::Stats));
        assert_eq!(parse("/frobnicate", me), Parsed::Unknown);
        assert_eq!(parse("/", me), Parsed::Unknown);
        assert_eq!(parse("hello /start", me), Parsed::NotCommand);
        assert_eq!(parse("", me), Parsed::NotCommand);
    }

    #[test]
    fn every_command_has_a_description_in_every_language() {
        for lang in [Lang::En, Lang::Uk, Lang::Ru] {
            for c in user_commands(lang).into_iter().chain(admin_commands(lang)) {
                let name = c.command.trim_start_matches('/');
                assert!(description(lang, name).is_some(), "{lang}: /{name}");
                assert!(!c.description.is_empty() && c.description.chars().count() <= 256);
            }
        }
    }

    #[test]
    fn english_descriptions_are_the_enum_doc_comments() {
        let from_enum = Command::bot_commands()
            .into_iter()
            .chain(AdminCommand::bot_commands());
        for c in from_enum {
            let name = c.command.trim_start_matches('/');
            assert_eq!(description(Lang::En, name), Some(c.description.as_str()));
        }
    }
}
