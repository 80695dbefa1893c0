//! `/chart [metric] [30d|90d|1y] [claimant]`: a PNG of a claimant's loss series sent with
//! sendPhoto, the caption naming the claimant. Arguments come in any order; the default is
//! the General Staff's personnel total over 90 days. Anything not understood gets a text
//! answer that says what is expected.

use super::say;
use super::{Ctx, HandlerResult, Req};
use crate::bot::paced::Paced;
use crate::bot::render::esc;
use crate::classify::claimants;
use crate::digest::format::metric_name;
use crate::i18n::{fill, series_texts, texts};
use crate::model::Metric;
use crate::series::reporting_day;
use crate::series::view::{ChartRequest, claimant_name, make_chart};
use teloxide::payloads::SendPhotoSetters;
use teloxide::prelude::Requester;
use teloxide::requests::Request;
use teloxide::types::{InputFile, ParseMode};

/// The chart drawn when the command names nothing.
pub const DEFAULT_CLAIMANT: &str = "ua_general_staff";
pub const DEFAULT_METRIC: Metric = Metric::Personnel;
pub const DEFAULT_DAYS: u32 = 90;
/// Input echoed back is cut to this many characters.
const ECHO_CHARS: usize = 40;

/// What `/chart`'s arguments ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartArgs {
    pub metric: Metric,
    pub days: u32,
    pub claimant_id: String,
}

/// Why the arguments were refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChartArgError {
    UnknownMetric(String),
    BadPeriod(String),
    UnknownClaimant(String),
}

/// `30d`, `90d`, `1y` (also Cyrillic `д`, `р`, `г`) → days; `None` when the word is no
/// period at all, `Some(Err)` when it looks like one the chart cannot draw.
fn period(word: &str) -> Option<Result<u32, ()>> {
    let w = word.to_lowercase();
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    let unit: String = w.chars().skip(digits.len()).collect();
    if digits.is_empty() || unit.chars().count() > 1 {
        return None;
    }
    Some(match (digits.as_str(), unit.as_str()) {
        ("30", "d" | "д") => Ok(30),
        ("90", "d" | "д") => Ok(90),
        ("1", "y" | "р" | "г") | ("365", "d" | "д") => Ok(365),
        _ => Err(()),
    })
}

/// A metric by its name (`tanks`, `air_defense`) or its digest name in any language.
fn metric(word: &str) -> Option<Metric> {
    if let Ok(m) = word.parse::<Metric>() {
        return Some(m);
    }
    let w = word.to_lowercase();
    Metric::ALL.into_iter().find(|m| {
        [
            crate::model::Lang::En,
            crate::model::Lang::Uk,
            crate::model::Lang::Ru,
        ]
        .iter()
        .any(|l| metric_name(&texts(*l).digest, *m).to_lowercase() == w)
    })
}

/// Parses `/chart`'s arguments in any order.
pub fn parse_chart_args(arg: &str) -> Result<ChartArgs, ChartArgError> {
    let mut out = ChartArgs {
        metric: DEFAULT_METRIC,
        days: DEFAULT_DAYS,
        claimant_id: DEFAULT_CLAIMANT.to_owned(),
    };
    for word in arg.split_whitespace() {
        if let Some(p) = period(word) {
            out.days = p.map_err(|_| ChartArgError::BadPeriod(word.to_owned()))?;
        } else if let Some(m) = metric(word) {
            out.metric = m;
        } else if let Some(k) = claimants::by_id(&word.to_lowercase()) {
            out.claimant_id = k.id.clone();
        } else if word.contains('_') && claimants::by_id(word).is_none() {
            return Err(ChartArgError::UnknownClaimant(word.to_owned()));
        } else {
            return Err(ChartArgError::UnknownMetric(word.to_owned()));
        }
    }
    Ok(out)
}

fn metric_list() -> String {
    Metric::ALL
        .iter()
        .filter(|m| !matches!(m, Metric::Refusers | Metric::Deserters | Metric::Equipment))
        .map(|m| m.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The reply for arguments that were refused.
fn refusal(req: &Req, e: &ChartArgError) -> String {
    let st = series_texts(req.lang);
    let metrics = metric_list();
    match e {
        ChartArgError::UnknownMetric(w) => fill(
            st.unknown_metric,
            &[("input", &esc(w, ECHO_CHARS)), ("metrics", &metrics)],
        ),
        ChartArgError::BadPeriod(w) => fill(st.bad_period, &[("input", &esc(w, ECHO_CHARS))]),
        ChartArgError::UnknownClaimant(w) => {
            let known: Vec<String> = claimants::all().map(|k| k.id.clone()).collect();
            fill(
                st.unknown_claimant,
                &[
                    ("input", &esc(w, ECHO_CHARS)),
                    ("claimants", &known.join(", ")),
                ],
            )
        }
    }
}

pub(super) async fn chart(bot: Paced, ctx: Ctx, req: Req, arg: String) -> HandlerResult {
    let args = match parse_chart_args(&arg) {
        Ok(a) => a,
        Err(e) => return say(&bot, &req, &refusal(&req, &e)).await,
    };
    let request = ChartRequest {
        claimant_id: args.claimant_id.clone(),
        metric: args.metric,
        days: args.days,
        lang: req.lang,
        until: reporting_day(req.now),
    };
    let drawn = match make_chart(ctx.store.as_ref(), &request).await {
        Ok(d) => d,
        Err(crate::series::view::ViewError::Store(e)) => return Err(e.into()),
        Err(e) => {
            tracing::error!(chat = req.chat.0, error = %e, "cannot draw a chart");
            return say(&bot, &req, req.t().error).await;
        }
    };
    let Some(drawn) = drawn else {
        let st = series_texts(req.lang);
        let text = fill(
            st.no_data,
            &[
                (
                    "claimant",
                    &esc(&claimant_name(&args.claimant_id, req.lang), 80),
                ),
                ("metric", &metric_name(&texts(req.lang).digest, args.metric)),
                ("days", &args.days),
            ],
        );
        return say(&bot, &req, &text).await;
    };
    let name = format!("{}_{}_{}d.png", args.claimant_id, args.metric, args.days);
    let photo = bot
        .inner()
        .send_photo(req.chat, InputFile::memory(drawn.png).file_name(name))
        .caption(drawn.caption)
        .parse_mode(ParseMode::Html);
    bot.paced(req.chat, || photo.send_ref()).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_in_any_order_and_clear_refusals() {
        let ok = |s: &str| parse_chart_args(s).unwrap();
        assert_eq!(ok("").metric, Metric::Personnel);
        assert_eq!(ok("").days, 90);
        let a = ok("1y artillery ru_mod");
        assert_eq!(
            (a.metric, a.days, a.claimant_id.as_str()),
            (Metric::Artillery, 365, "ru_mod")
        );
        assert_eq!(ok("танки 30д").metric, Metric::Tanks);
        assert_eq!(ok("30d").days, 30);
        assert_eq!(
            parse_chart_args("7d"),
            Err(ChartArgError::BadPeriod("7d".into()))
        );
        assert_eq!(
            parse_chart_args("bananas"),
            Err(ChartArgError::UnknownMetric("bananas".into()))
        );
        assert_eq!(
            parse_chart_args("tanks xx_staff"),
            Err(ChartArgError::UnknownClaimant("xx_staff".into()))
        );
    }
}
