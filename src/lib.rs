//! claimwatch: watches news feeds and public Telegram channels for reports of soldiers
//! refusing to fight and claims of military losses, files them as claims, folds the same story
//! told by many outlets into one, and sends each subscriber a daily digest.
//!
//! Data flows sources → fetch → normalize → classify → cluster → store → digest → outbox →
//! Telegram; see `DESIGN.md` in the shared folder and the README.

pub mod app;
pub mod bot;
pub mod classify;
pub mod cli;
pub mod clock;
pub mod cluster;
pub mod config;
pub mod delivery;
pub mod digest;
pub mod i18n;
pub mod logging;
pub mod model;
pub mod pipeline;
pub mod shutdown;
pub mod sources;
pub mod store;
pub mod text;
pub mod tz;
