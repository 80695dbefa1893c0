//! claimwatch: watches news feeds and public Telegram channels for reports of soldiers
//! refusing to fight and claims of military losses, files them as claims, folds the same story
//! told by many outlets into one, and sends each subscriber a daily digest.
//!
//! Data flows sources → fetch → normalize → classify → cluster → store → digest → outbox →
//! Telegram; `docs/architecture.md` maps the modules. The pure stages (model, text, classify,
//! cluster) live in `claimwatch-core` and storage in `claimwatch-store`; both are re-exported
//! here under their old names.

pub use claimwatch_core::{classify, cluster, model, names, text};
pub use claimwatch_store as store;

pub mod app;
pub mod bot;
pub mod cli;
pub mod clock;
pub mod config;
pub mod delivery;
pub mod digest;
pub mod entry;
pub mod i18n;
pub mod logging;
pub mod ops;
pub mod pipeline;
pub mod series;
pub mod shutdown;
pub mod sources;
pub mod storage;
pub mod telegram_html;
pub mod tz;
