//! Settings: the TOML file, then `CLAIMWATCH_*` environment overrides, then validation.
//! Every option has a default (see `config/claimwatch.toml`); a bad value is a
//! [`ConfigError`] naming the option and what was expected.

mod bot;
mod delivery;
mod duration;
mod env;
mod error;
mod load;
mod ops;
mod options;
mod typed;
mod validate;

pub use bot::{BotConfig, BotMode};
pub use delivery::{DeliveryConfig, InDoubt};
pub use duration::{HumanDuration, parse_duration};
pub use error::ConfigError;
pub use ops::{ListenAddr, LogConfig, LogFormat, ServerConfig};
pub use options::{
    ClusterConfig, Config, DigestConfig, HttpConfig, PollConfig, QuietDay, RunConfig, SourceConfig,
};
pub use typed::DigestTime;

#[cfg(test)]
mod tests;
