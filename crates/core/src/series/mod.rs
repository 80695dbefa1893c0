//! Loss tallies as time series: every dated figure of a known claimant is a [`NewPoint`]
//! (claimant, metric, scope, period, reporting day, value); [`daily`] turns a series' stored
//! points into one row a day with the change between consecutive totals; [`checks`] finds
//! what does not add up (a stated change that differs from the totals, a total that goes
//! down, a correction, a record day). Pure: the store keeps the points, the app draws them.

pub mod checks;
pub mod daily;
pub mod day;
mod point;

pub use checks::{Check, CheckKind, cross_checks};
pub use daily::{DailyRow, daily_rows, trailing_mean};
pub use day::reporting_day;
pub use point::{NewPoint, Scope, SeriesKey, SeriesPoint, points_of};
