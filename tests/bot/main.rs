//! The bot end to end: the real dispatcher and handler tree (`claimwatch::bot::run_bot`) and
//! the real teloxide client, talking real HTTP to the fake Bot API in `tests/support/`, on a
//! fresh SQLite store per test. Updates go in through `getUpdates`; tests assert on the
//! recorded `sendMessage`, `editMessageText` and `answerCallbackQuery` calls, and every reply is
//! checked as Telegram HTML (`BotHarness::stop`).

#[path = "../support/mod.rs"]
mod support;

mod admin;
mod chart;
mod cli_search;
mod fairness;
mod fake_bot_api;
mod groups;
mod hostile;
mod lifecycle;
mod recent;
mod search;
mod secrets;
mod seed;
mod settings;
mod start;
mod storage_faults;
