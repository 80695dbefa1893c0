//! Ukrainian strings.

use super::{BotTexts, DigestTexts, Texts};

pub(super) static TEXTS: Texts = Texts {
    language_name: "Українська",
    // ── bot replies ──────────────────────────────────────────────────────────────
    bot: BotTexts {
        unknown_command: "Я не знаю такої команди. /help — що я вмію.",
    },
    // ── digest ───────────────────────────────────────────────────────────────────
    digest: DigestTexts {
        title: "Дайджест Claimwatch",
        when: "{weekday}, {day} {month}, {time}",
        since: "з {when}",
        weekdays: ["пн", "вт", "ср", "чт", "пт", "сб", "нд"],
        months: [
            "січ.",
            "лют.",
            "бер.",
            "квіт.",
            "трав.",
            "черв.",
            "лип.",
            "серп.",
            "вер.",
            "жовт.",
            "лист.",
            "груд.",
        ],
        refusal_count: [
            "{n} повідомлення про відмову",
            "{n} повідомлення про відмову",
            "{n} повідомлень про відмову",
        ],
        loss_count: [
            "{n} заява про втрати",
            "{n} заяви про втрати",
            "{n} заяв про втрати",
        ],
        section_refusals: "ВІДМОВИ",
        section_losses: "ВТРАТИ",
        claims: "{who} стверджує: {what}",
        reports: "{who} повідомляє: {what}",
        side_russia: "російські війська",
        side_ukraine: "українські війська",
        sources: ["{n} джерело", "{n} джерела", "{n} джерел"],
        more_entries: "ще {n}: /recent",
        gs_totals: "{who}: втрати Росії з 24.02.2022 — {figures}",
        full_report: "повний звіт ›",
        quiet: "Нічого нового за вашими темами {since}.",
        keywords: "Лише повідомлення зі словами: {keywords}",
        footer: "/search СЛОВА — давніші заяви · /settings — теми, час, мова",
        unattributed: "Неназване джерело",
        metrics: super::MetricNames {
            personnel: "особовий склад",
            killed: "загиблі",
            wounded: "поранені",
            prisoners: "полонені",
            tanks: "танки",
            apc: "ББМ",
            artillery: "артсистеми",
            mlrs: "РСЗВ",
            air_defense: "ППО",
            aircraft: "літаки",
            helicopters: "гелікоптери",
            uav: "БпЛА",
            cruise_missiles: "крилаті ракети",
            ships: "кораблі й катери",
            submarines: "підводні човни",
            vehicles: "автотехніка",
            special_equipment: "спецтехніка",
            refusers: "відмовники",
            deserters: "дезертири",
            ground_robots: "наземні роботизовані комплекси",
            equipment: "техніка",
        },
        claimants: [
            super::KnownClaimant {
                canonical: "General Staff of the Armed Forces of Ukraine",
                display: "Генштаб ЗСУ",
            },
            super::KnownClaimant {
                canonical: "Defence Intelligence of Ukraine",
                display: "ГУР Міноборони",
            },
            super::KnownClaimant {
                canonical: "Russian Ministry of Defence",
                display: "Міноборони РФ",
            },
            super::KnownClaimant {
                canonical: "Ministry of Defence of Ukraine",
                display: "Міноборони України",
            },
            super::KnownClaimant {
                canonical: "Security Service of Ukraine",
                display: "СБУ",
            },
            super::KnownClaimant {
                canonical: "Armed Forces of Ukraine",
                display: "ЗСУ",
            },
            super::KnownClaimant {
                canonical: "UK Ministry of Defence",
                display: "Міноборони Великої Британії",
            },
            super::KnownClaimant {
                canonical: "Institute for the Study of War",
                display: "Інститут вивчення війни (ISW)",
            },
        ],
    },
};
