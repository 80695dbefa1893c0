//! The command line: `migrate`, configuration errors and exit codes, secrets kept out of messages,
//! and the offline demo as the README shows it.

#[path = "../support/mod.rs"]
mod support;

mod commands;
mod demo;
