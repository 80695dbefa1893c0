//! A figure as found: a number, what it counts and where, and the change beside it.

use super::super::numbers::Num;
use crate::model::{Metric, Period, Qualifier};

/// A change stated beside a figure: "(+150)".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delta {
    pub value: i64,
    /// Only spaces between the figure and "(+N)".
    pub adjacent: bool,
    /// Byte range of the parenthesis in the original text.
    pub open: usize,
    pub close: usize,
}

/// A number tied to what it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureHit {
    pub metric: Metric,
    pub value: i64,
    pub num: Num,
    /// Token range of the number and its noun together.
    pub first: usize,
    pub last: usize,
    pub metric_first: usize,
    pub metric_last: usize,
    /// Counted by a weak noun ("человек", "people") or by nothing at all ("втратила
    /// 1 226 420"): a loss only where the sentence is military.
    pub weak: bool,
    pub delta: Option<Delta>,
    pub cumulative: Option<bool>,
    /// The period is one day ("за минулу добу", "over the past day").
    pub daily: bool,
    /// Token range of a running/period marker right after the figure, kept in its evidence.
    pub marker_last: Option<usize>,
    /// The span of time counted, when the text says (a running total is `Total`).
    pub period: Option<Period>,
    /// "до", "более", "около" right before the number.
    pub qualifier: Option<Qualifier>,
    /// For a number standing for what an earlier figure counted ("…, на курском — до 255"):
    /// that figure's first token.
    pub anchor: Option<usize>,
    /// It tells that earlier figure again in other terms ("912 verdicts, or roughly 30 a day",
    /// "— в среднем 35 в день"), not another place's or time's count.
    pub restates: bool,
}

impl FigureHit {
    /// A figure of `metric` that `num` counts, with its noun at tokens
    /// `metric_first..=metric_last`; no delta, period, qualifier or anchor yet.
    pub fn new(
        metric: Metric,
        num: Num,
        metric_first: usize,
        metric_last: usize,
        weak: bool,
    ) -> FigureHit {
        FigureHit {
            metric,
            value: num.value,
            num,
            first: num.first.min(metric_first),
            last: num.last.max(metric_last),
            metric_first,
            metric_last,
            weak,
            delta: None,
            cumulative: None,
            daily: false,
            marker_last: None,
            period: None,
            qualifier: None,
            anchor: None,
            restates: false,
        }
    }

    /// How many tokens apart the figure and tokens `first..=last` stand (0 when they overlap).
    pub fn gap(&self, first: usize, last: usize) -> usize {
        if last < self.first {
            self.first - last
        } else {
            first.saturating_sub(self.last)
        }
    }
}
