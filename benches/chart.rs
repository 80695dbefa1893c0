//! One chart of a year of daily figures (365 rows: running total, daily bars, 30-day mean),
//! drawn and encoded as PNG: the work `/chart 1y` and the weekly digest chart do per image.

use chrono::{Duration, NaiveDate};
use claimwatch::model::{Lang, Metric, Period};
use claimwatch::series::chart::render_png;
use claimwatch::series::view::{ChartRequest, spec};
use claimwatch::series::{NewPoint, SeriesKey, SeriesPoint, daily_rows};
use criterion::{Criterion, criterion_group, criterion_main};

fn year() -> Vec<claimwatch::series::DailyRow> {
    let start = NaiveDate::from_ymd_opt(2025, 8, 9).unwrap_or_default();
    let mut total = 1_050_000;
    let points: Vec<SeriesPoint> = (0..365)
        .map(|i| {
            total += 800 + (i * 37 % 700);
            SeriesPoint {
                id: i + 1,
                point: NewPoint {
                    key: SeriesKey::total("ua_general_staff", Metric::Personnel),
                    day: start + Duration::days(i),
                    value: total,
                    delta: None,
                    qualifier: None,
                },
                claim_id: None,
                source_id: None,
                restated: 0,
                correction: false,
            }
        })
        .collect();
    daily_rows(&points, Period::Total)
}

fn bench(c: &mut Criterion) {
    let rows = year();
    let until = rows.last().map(|r| r.day).unwrap_or_default();
    let req = ChartRequest {
        claimant_id: "ua_general_staff".into(),
        metric: Metric::Personnel,
        days: 365,
        lang: Lang::Uk,
        until,
    };
    let sources = vec!["@GeneralStaffZSU".to_owned()];
    let mut g = c.benchmark_group("chart");
    g.sample_size(20);
    g.bench_function("render_1y_png", |b| {
        b.iter(|| render_png(&spec(&req, &rows, true, &sources)).map(|p| p.len()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
