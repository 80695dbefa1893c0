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
        when: "{weekday}, {day} {month}, {time}",
        since: "с {when}",
        weekdays: ["пн", "вт", "ср", "чт", "пт", "сб", "вс"],
        months: [
            "янв.",
            "февр.",
            "мар.",
            "апр.",
            "мая",
            "июн.",
            "июл.",
            "авг.",
            "сент.",
            "окт.",
            "нояб.",
            "дек.",
        ],
        refusal_count: [
            "{n} сообщение об отказе",
            "{n} сообщения об отказе",
            "{n} сообщений об отказе",
        ],
        loss_count: [
            "{n} заявление о потерях",
            "{n} заявления о потерях",
            "{n} заявлений о потерях",
        ],
        section_refusals: "ОТКАЗЫ",
        section_losses: "ПОТЕРИ",
        claims: "{who} утверждает: {what}",
        reports: "{who} сообщает: {what}",
        side_russia: "российские войска",
        side_ukraine: "украинские войска",
        sources: ["{n} источник", "{n} источника", "{n} источников"],
        more_entries: "ещё {n}: /recent",
        gs_totals: "{who}: потери России с 24.02.2022 — {figures}",
        full_report: "полный отчёт ›",
        quiet: "Ничего нового по вашим темам {since}.",
        keywords: "Только сообщения со словами: {keywords}",
        footer: "/search СЛОВА — более ранние заявления · /settings — темы, время, язык",
        unattributed: "Неназванный источник",
        metrics: super::MetricNames {
            personnel: "личный состав",
            killed: "убитые",
            wounded: "раненые",
            prisoners: "пленные",
            tanks: "танки",
            apc: "ББМ",
            artillery: "артсистемы",
            mlrs: "РСЗО",
            air_defense: "ПВО",
            aircraft: "самолёты",
            helicopters: "вертолёты",
            uav: "БПЛА",
            cruise_missiles: "крылатые ракеты",
            ships: "корабли и катера",
            submarines: "подводные лодки",
            vehicles: "автотехника",
            special_equipment: "спецтехника",
            refusers: "отказники",
            deserters: "дезертиры",
            ground_robots: "наземные роботизированные комплексы",
            equipment: "техника",
        },
        claimants: [
            super::KnownClaimant {
                canonical: "General Staff of the Armed Forces of Ukraine",
                display: "Генштаб ВСУ",
            },
            super::KnownClaimant {
                canonical: "Defence Intelligence of Ukraine",
                display: "ГУР Минобороны Украины",
            },
            super::KnownClaimant {
                canonical: "Russian Ministry of Defence",
                display: "Минобороны РФ",
            },
            super::KnownClaimant {
                canonical: "Ministry of Defence of Ukraine",
                display: "Минобороны Украины",
            },
            super::KnownClaimant {
                canonical: "Security Service of Ukraine",
                display: "СБУ",
            },
            super::KnownClaimant {
                canonical: "Armed Forces of Ukraine",
                display: "ВСУ",
            },
            super::KnownClaimant {
                canonical: "UK Ministry of Defence",
                display: "Минобороны Великобритании",
            },
            super::KnownClaimant {
                canonical: "Institute for the Study of War",
                display: "Институт изучения войны (ISW)",
            },
        ],
    },
};
