//! The wording of series: chart labels, the `/chart` command's replies and caption, the
//! cross-check lines the digest shows beside a figure, and the weekly-chart setting. Chart
//! labels are drawn on the image (plain text); the rest is Telegram HTML.

use crate::model::Lang;
use serde::Serialize;

/// Series wording in one language. `{name}` placeholders are filled with escaped values.
#[derive(Debug, Serialize)]
pub struct SeriesTexts {
    /// The image's title: `{metric}`, `{claimant}`.
    pub chart_title: &'static str,
    /// Under the title: `{days}`, `{date}`.
    pub chart_subtitle: &'static str,
    pub axis_total: &'static str,
    pub axis_daily: &'static str,
    pub legend_total: &'static str,
    /// A daily-figure series: its running sum over the chart's days.
    pub legend_sum: &'static str,
    pub legend_daily: &'static str,
    pub legend_mean: &'static str,
    /// On the image: `{claimant}`, `{sources}`.
    pub footer: &'static str,
    pub footer_note: &'static str,
    pub no_sources: &'static str,
    /// `/chart`'s caption: `{claimant}`, `{metric}`, `{days}`, `{date}`, `{value}`,
    /// `{change}`, `{mean}`.
    pub caption: &'static str,
    /// `{metrics}`.
    pub usage: &'static str,
    /// `{input}`, `{metrics}`.
    pub unknown_metric: &'static str,
    /// `{input}`.
    pub bad_period: &'static str,
    /// `{input}`, `{claimants}`.
    pub unknown_claimant: &'static str,
    /// `{claimant}`, `{metric}`, `{days}`.
    pub no_data: &'static str,
    /// "+1,230 stated; the totals differ by 1,320": `{stated}`, `{difference}`.
    pub check_mismatch: &'static str,
    /// `{previous}`, `{value}`.
    pub check_decrease: &'static str,
    /// `{previous}`.
    pub check_correction: &'static str,
    /// `{metric}`, `{since}`.
    pub check_record_since: &'static str,
    /// `{metric}`.
    pub check_record_ever: &'static str,
    /// The weekly chart's caption: `{claimant}`, `{metric}`, `{days}`.
    pub weekly_caption: &'static str,
    /// Settings: `{day}`.
    pub settings_chart: &'static str,
    /// The settings button: `{day}`.
    pub btn_chart: &'static str,
    pub chart_off: &'static str,
    pub pick_chart_day: &'static str,
}

static EN: SeriesTexts = SeriesTexts {
    chart_title: "{metric} — {claimant}'s figures",
    chart_subtitle: "{days} days to {date}",
    axis_total: "running total",
    axis_daily: "per day",
    legend_total: "running total",
    legend_sum: "sum over these days",
    legend_daily: "change per day",
    legend_mean: "30-day mean",
    footer: "Claimant: {claimant} · sources: {sources}",
    footer_note: "The claimant's figures, not verified facts · claimwatch",
    no_sources: "none recorded",
    caption: "📈 <b>{claimant}</b>: {metric}, {days} days to {date}. Latest: {value} ({change}); 30-day mean {mean} a day. The claimant's figures.",
    usage: "Use /chart [metric] [30d|90d|1y] [claimant], e.g. /chart artillery 1y. Metrics: {metrics}.",
    unknown_metric: "I don't know the metric «{input}». Metrics: {metrics}.",
    bad_period: "«{input}» is not a period I can draw: use 30d, 90d or 1y.",
    unknown_claimant: "I don't know the claimant «{input}». Known: {claimants}.",
    no_data: "No figures of {claimant} for {metric} in the last {days} days.",
    check_mismatch: "{stated} stated; the totals differ by {difference}",
    check_decrease: "the total went down from {previous} to {value}",
    check_correction: "corrected: {previous} was given first",
    check_record_since: "record day for {metric} since {since}",
    check_record_ever: "record day for {metric} in the series",
    weekly_caption: "📈 Weekly chart: {metric}, {days} days — {claimant}'s figures.",
    settings_chart: "Weekly chart: {day}",
    btn_chart: "📈 Chart: {day}",
    chart_off: "off",
    pick_chart_day: "On which day should the digest carry the weekly chart?",
};

static UK: SeriesTexts = SeriesTexts {
    chart_title: "{metric} — дані: {claimant}",
    chart_subtitle: "{days} днів до {date}",
    axis_total: "наростаючий підсумок",
    axis_daily: "за добу",
    legend_total: "наростаючий підсумок",
    legend_sum: "сума за ці дні",
    legend_daily: "зміна за добу",
    legend_mean: "середнє за 30 днів",
    footer: "Заявник: {claimant} · джерела: {sources}",
    footer_note: "Це дані заявника, а не перевірені факти · claimwatch",
    no_sources: "не записано",
    caption: "📈 <b>{claimant}</b>: {metric}, {days} днів до {date}. Останнє: {value} ({change}); середнє за 30 днів — {mean} на добу. Це дані заявника.",
    usage: "Напишіть /chart [показник] [30d|90d|1y] [заявник], напр. /chart artillery 1y. Показники: {metrics}.",
    unknown_metric: "Не знаю показника «{input}». Показники: {metrics}.",
    bad_period: "«{input}» — не період для графіка: 30d, 90d або 1y.",
    unknown_claimant: "Не знаю заявника «{input}». Відомі: {claimants}.",
    no_data: "Немає даних {claimant} про {metric} за останні {days} днів.",
    check_mismatch: "заявлено {stated}; підсумки різняться на {difference}",
    check_decrease: "підсумок зменшився з {previous} до {value}",
    check_correction: "виправлено: спершу було {previous}",
    check_record_since: "рекордна доба для {metric} від {since}",
    check_record_ever: "рекордна доба для {metric} за весь ряд",
    weekly_caption: "📈 Тижневий графік: {metric}, {days} днів — дані: {claimant}.",
    settings_chart: "Тижневий графік: {day}",
    btn_chart: "📈 Графік: {day}",
    chart_off: "вимк.",
    pick_chart_day: "У який день дайджест має містити тижневий графік?",
};

static RU: SeriesTexts = SeriesTexts {
    chart_title: "{metric} — данные: {claimant}",
    chart_subtitle: "{days} дней до {date}",
    axis_total: "нарастающий итог",
    axis_daily: "за сутки",
    legend_total: "нарастающий итог",
    legend_sum: "сумма за эти дни",
    legend_daily: "изменение за сутки",
    legend_mean: "среднее за 30 дней",
    footer: "Заявитель: {claimant} · источники: {sources}",
    footer_note: "Это данные заявителя, а не проверенные факты · claimwatch",
    no_sources: "не записаны",
    caption: "📈 <b>{claimant}</b>: {metric}, {days} дней до {date}. Последнее: {value} ({change}); среднее за 30 дней — {mean} в сутки. Это данные заявителя.",
    usage: "Напишите /chart [показатель] [30d|90d|1y] [заявитель], напр. /chart artillery 1y. Показатели: {metrics}.",
    unknown_metric: "Не знаю показателя «{input}». Показатели: {metrics}.",
    bad_period: "«{input}» — не период для графика: 30d, 90d или 1y.",
    unknown_claimant: "Не знаю заявителя «{input}». Известные: {claimants}.",
    no_data: "Нет данных {claimant} о {metric} за последние {days} дней.",
    check_mismatch: "заявлено {stated}; итоги различаются на {difference}",
    check_decrease: "итог уменьшился с {previous} до {value}",
    check_correction: "исправлено: сначала было {previous}",
    check_record_since: "рекордные сутки для {metric} с {since}",
    check_record_ever: "рекордные сутки для {metric} за весь ряд",
    weekly_caption: "📈 Недельный график: {metric}, {days} дней — данные: {claimant}.",
    settings_chart: "Недельный график: {day}",
    btn_chart: "📈 График: {day}",
    chart_off: "выкл.",
    pick_chart_day: "В какой день дайджест должен содержать недельный график?",
};

/// The series wording for `lang` (`Other` falls back to English).
pub fn series_texts(lang: Lang) -> &'static SeriesTexts {
    match lang {
        Lang::Uk => &UK,
        Lang::Ru => &RU,
        Lang::En | Lang::Other => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_string_with_the_same_placeholders() {
        let fields = |lang| -> Vec<(String, String)> {
            let v = serde_json::to_value(series_texts(lang)).unwrap_or_default();
            v.as_object()
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_owned()))
                        .collect()
                })
                .unwrap_or_default()
        };
        let holes = |s: &str| -> Vec<String> {
            let mut out: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(h, _)| h.to_owned()))
                .collect();
            out.sort();
            out
        };
        let en = fields(Lang::En);
        assert_eq!(en.len(), 27);
        for lang in [Lang::Uk, Lang::Ru] {
            for ((k, e), (k2, o)) in en.iter().zip(fields(lang)) {
                assert_eq!(k, &k2);
                assert!(!o.trim().is_empty(), "{lang} {k}");
                assert_eq!(holes(e), holes(&o), "{lang} {k}");
            }
        }
    }
}
