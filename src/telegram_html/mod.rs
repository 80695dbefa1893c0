//! Telegram HTML, in one place: the tokeniser, the two measures (raw and visible length, both
//! in UTF-16 code units as Telegram counts), and the two ways a long text becomes messages:
//! [`pack`] (whole digest entries per message) and [`split_html`] (a reply cut at line
//! boundaries, tags reopened). Escaping is `crate::text::escape_html`, re-exported here.
//!
//! Telegram's limit is [`TELEGRAM_LIMIT`] visible characters. The digest measures raw HTML
//! against the full limit: raw HTML is never shorter than what Telegram counts, so a packed
//! message always fits, and whole entries keep their markup. A reply measures visible text
//! against [`REPLY_BUDGET`], a margin under the limit, because it is cut mid-text and its
//! reopened tags add characters Telegram does not count.

mod measure;
mod pack;
mod split;
mod tokens;

pub use crate::text::escape_html;
pub use measure::{utf16_len, visible_len};
pub use pack::{pack, truncate_html};
pub use split::split_html;

/// Telegram's limit for one message, in UTF-16 code units of visible text.
pub const TELEGRAM_LIMIT: usize = 4096;

/// The budget per reply part: [`TELEGRAM_LIMIT`] less a margin.
pub const REPLY_BUDGET: usize = 4000;
