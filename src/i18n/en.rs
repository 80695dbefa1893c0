//! English strings.

use super::{BotTexts, DigestTexts, Texts};

pub(super) static TEXTS: Texts = Texts {
    language_name: "English",
    // ── bot replies ──────────────────────────────────────────────────────────────
    bot: BotTexts {
        unknown_command: "I don't know that command. /help lists what I can do.",
    },
    // ── digest ───────────────────────────────────────────────────────────────────
    digest: DigestTexts {
        title: "Claimwatch digest",
    },
};
