//! Russian strings.

use super::{BotTexts, DigestTexts, Texts};

pub(super) static TEXTS: Texts = Texts {
    language_name: "Русский",
    // ── bot replies ──────────────────────────────────────────────────────────────
    bot: BotTexts {
        unknown_command: "Я не знаю такой команды. /help — что я умею.",
    },
    // ── digest ───────────────────────────────────────────────────────────────────
    digest: DigestTexts {
        title: "Дайджест Claimwatch",
    },
};
