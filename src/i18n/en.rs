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
        when: "{weekday} {day} {month}, {time}",
        since: "since {when}",
        weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        months: [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ],
        refusal_count: [
            "{n} refusal report",
            "{n} refusal reports",
            "{n} refusal reports",
        ],
        loss_count: ["{n} loss claim", "{n} loss claims", "{n} loss claims"],
        section_refusals: "REFUSALS",
        section_losses: "LOSSES",
        claims: "{who} claims: {what}",
        reports: "{who} reports: {what}",
        side_russia: "Russian forces",
        side_ukraine: "Ukrainian forces",
        sources: ["{n} source", "{n} sources", "{n} sources"],
        more_entries: "+{n} more: /recent",
        gs_totals: "{who}: Russian losses since 24 Feb 2022 — {figures}",
        full_report: "full report ›",
        quiet: "Nothing new on your topics {since}.",
        keywords: "Only reports mentioning: {keywords}",
        footer: "/search WORDS — older claims · /settings — topics, time, language",
        unattributed: "An unnamed source",
        metrics: super::MetricNames {
            personnel: "personnel",
            killed: "killed",
            wounded: "wounded",
            prisoners: "prisoners",
            tanks: "tanks",
            apc: "armoured vehicles",
            artillery: "artillery",
            mlrs: "MLRS",
            air_defense: "air defence",
            aircraft: "aircraft",
            helicopters: "helicopters",
            uav: "drones",
            cruise_missiles: "cruise missiles",
            ships: "ships and boats",
            submarines: "submarines",
            vehicles: "vehicles and fuel tanks",
            special_equipment: "special equipment",
            refusers: "refusers",
            deserters: "deserters",
            ground_robots: "ground robots",
            equipment: "equipment",
        },
        claimants: [
            super::KnownClaimant {
                canonical: "General Staff of the Armed Forces of Ukraine",
                display: "Ukraine's General Staff",
            },
            super::KnownClaimant {
                canonical: "Defence Intelligence of Ukraine",
                display: "Ukraine's Defence Intelligence",
            },
            super::KnownClaimant {
                canonical: "Russian Ministry of Defence",
                display: "Russia's defence ministry",
            },
            super::KnownClaimant {
                canonical: "Ministry of Defence of Ukraine",
                display: "Ukraine's defence ministry",
            },
            super::KnownClaimant {
                canonical: "Security Service of Ukraine",
                display: "Ukraine's Security Service (SBU)",
            },
            super::KnownClaimant {
                canonical: "Armed Forces of Ukraine",
                display: "Ukraine's Armed Forces",
            },
            super::KnownClaimant {
                canonical: "UK Ministry of Defence",
                display: "UK defence ministry",
            },
            super::KnownClaimant {
                canonical: "Institute for the Study of War",
                display: "Institute for the Study of War (ISW)",
            },
        ],
    },
};
