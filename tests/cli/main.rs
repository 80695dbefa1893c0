//! The command line: `migrate`, configuration errors and exit codes, secrets kept out of messages,
//! the offline demo as the README shows it, `check` with each of its failures, and `export`
//! read back strictly.

#[path = "../support/mod.rs"]
mod support;

mod check;
mod commands;
mod demo;
mod export;
mod logs;
