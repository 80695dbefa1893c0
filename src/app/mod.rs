//! `claimwatch run`: everything the bot does, wired together.

pub mod role;
