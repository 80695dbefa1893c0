//! Inline keyboards: the settings screen and its pickers (hour, time zone, language), and the
//! ◀ ▶ pager under search results. Labels come from i18n; data from [`Action::encode`].

use super::callback::{Action, COMMON_ZONES, Screen};
use crate::i18n::{fill, texts};
use crate::model::{Category, Lang, Subscriber};
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

fn button(label: impl Into<String>, action: Action) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, action.encode())
}

fn back(lang: Lang) -> Vec<InlineKeyboardButton> {
    vec![button(texts(lang).bot.btn_back, Action::Show(Screen::Main))]
}

/// The main settings keyboard.
pub fn settings(sub: &Subscriber, lang: Lang) -> InlineKeyboardMarkup {
    let t = &texts(lang).bot;
    let topic = |c: Category, name: &str| {
        let mark = if sub.topics.contains(c) { "✅" } else { "⬜" };
        button(format!("{mark} {name}"), Action::Topic(c))
    };
    let digest = if sub.subscribed {
        button(t.btn_on, Action::Digest(false))
    } else {
        button(t.btn_off, Action::Digest(true))
    };
    let tz: String = sub.timezone.chars().take(32).collect();
    InlineKeyboardMarkup::new(vec![
        vec![
            topic(Category::Refusal, t.topic_refusal),
            topic(Category::Losses, t.topic_losses),
        ],
        vec![
            button(
                fill(t.btn_time, &[("time", &sub.digest_time.format("%H:%M"))]),
                Action::Show(Screen::Hour),
            ),
            button(
                fill(t.btn_timezone, &[("tz", &tz)]),
                Action::Show(Screen::Zone),
            ),
        ],
        vec![
            button(
                fill(t.btn_language, &[("language", &texts(lang).language_name)]),
                Action::Show(Screen::Language),
            ),
            digest,
        ],
        vec![button(
            fill(
                crate::i18n::series_texts(lang).btn_chart,
                &[("day", &chart_day_label(sub.chart_weekday, lang))],
            ),
            Action::Show(Screen::ChartDay),
        )],
    ])
}

/// The weekly chart's day as the reader sees it ("Mon", "пн", "off").
pub fn chart_day_label(day: Option<chrono::Weekday>, lang: Lang) -> String {
    match day {
        Some(d) => texts(lang).digest.weekdays[d.num_days_from_monday() as usize].to_owned(),
        None => crate::i18n::series_texts(lang).chart_off.to_owned(),
    }
}

/// The seven weekdays and "off", the current one marked.
pub fn chart_days(current: Option<chrono::Weekday>, lang: Lang) -> InlineKeyboardMarkup {
    let current = crate::store::weekday_to_db(current) as u32;
    let label = |n: u32| {
        let name = chart_day_label(crate::store::weekday_from_db(i64::from(n)), lang);
        if n == current {
            format!("• {name}")
        } else {
            name
        }
    };
    let days: Vec<InlineKeyboardButton> = (1..=7)
        .map(|n| button(label(n), Action::ChartDay(n)))
        .collect();
    InlineKeyboardMarkup::new(vec![
        days[..4].to_vec(),
        days[4..].to_vec(),
        vec![button(label(0), Action::ChartDay(0))],
        back(lang),
    ])
}

/// 24 hours in four rows, the current one marked.
pub fn hours(current_hour: u32, lang: Lang) -> InlineKeyboardMarkup {
    let mut rows: Vec<Vec<InlineKeyboardButton>> = (0..4)
        .map(|row| {
            (0..6)
                .map(|col| {
                    let h = row * 6 + col;
                    let label = if h == current_hour {
                        format!("•{h:02}•")
                    } else {
                        format!("{h:02}")
                    };
                    button(label, Action::Hour(h))
                })
                .collect()
        })
        .collect();
    rows.push(back(lang));
    InlineKeyboardMarkup::new(rows)
}

/// The common time zones, two a row, the current one marked.
pub fn zones(current: &str, lang: Lang) -> InlineKeyboardMarkup {
    let mut rows: Vec<Vec<InlineKeyboardButton>> = COMMON_ZONES
        .chunks(2)
        .enumerate()
        .map(|(row, pair)| {
            pair.iter()
                .enumerate()
                .map(|(col, z)| {
                    let label = if *z == current {
                        format!("• {z}")
                    } else {
                        (*z).to_owned()
                    };
                    button(label, Action::Zone(row * 2 + col))
                })
                .collect()
        })
        .collect();
    rows.push(back(lang));
    InlineKeyboardMarkup::new(rows)
}

/// The languages the config offers, each named in itself.
pub fn languages(offered: &[Lang], lang: Lang) -> InlineKeyboardMarkup {
    let row = offered
        .iter()
        .filter(|l| matches!(l, Lang::En | Lang::Uk | Lang::Ru))
        .map(|l| {
            let name = texts(*l).language_name;
            let label = if *l == lang {
                format!("• {name}")
            } else {
                name.to_owned()
            };
            button(label, Action::Language(*l))
        })
        .collect();
    InlineKeyboardMarkup::new(vec![row, back(lang)])
}

/// ◀ page/pages ▶ for search session `session`; `None` when everything fits one page.
pub fn pager(session: u64, page: u32, pages: u32) -> Option<InlineKeyboardMarkup> {
    if pages <= 1 {
        return None;
    }
    let mut row = Vec::new();
    if page > 0 {
        row.push(button(
            "◀",
            Action::Page {
                session,
                page: page - 1,
            },
        ));
    }
    row.push(button(format!("{}/{pages}", page + 1), Action::Noop));
    if page + 1 < pages {
        row.push(button(
            "▶",
            Action::Page {
                session,
                page: page + 1,
            },
        ));
    }
    Some(InlineKeyboardMarkup::new(vec![row]))
}
