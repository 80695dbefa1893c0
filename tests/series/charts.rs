//! Charts that can be read: every metric of the reference over 90 days in English,
//! Ukrainian and Russian is a PNG Telegram accepts as a photo (≤ 10 MB, 1280×720), `/chart`'s
//! view draws from the store with a caption under 1,024 characters, and one chart of a fixed
//! synthetic series matches its golden image within a tolerance.

use crate::support::shared_data;
use chrono::{Duration, NaiveDate};
use claimwatch::model::{Lang, Metric, Period};
use claimwatch::series::chart::{SIZE, render_png};
use claimwatch::series::reference::{self, CLAIMANT_ID, FIELDS};
use claimwatch::series::view::{ChartRequest, spec};
use claimwatch::series::{DailyRow, NewPoint, SeriesKey, SeriesPoint, daily_rows};

const GOLDEN: &str = "tests/fixtures/charts/golden_en.png";
/// Telegram's limit on a photo sent by upload.
const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;

fn decode(png: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

fn rows_of(points: Vec<(NaiveDate, i64, Option<i64>)>) -> Vec<DailyRow> {
    let stored: Vec<SeriesPoint> = points
        .into_iter()
        .enumerate()
        .map(|(i, (day, value, delta))| SeriesPoint {
            id: i as i64 + 1,
            point: NewPoint {
                key: SeriesKey::total(CLAIMANT_ID, Metric::Personnel),
                day,
                value,
                delta,
                qualifier: None,
            },
            claim_id: None,
            source_id: None,
            restated: 0,
            correction: false,
        })
        .collect();
    daily_rows(&stored, Period::Total)
}

fn request(metric: Metric, lang: Lang, until: NaiveDate) -> ChartRequest {
    ChartRequest {
        claimant_id: CLAIMANT_ID.into(),
        metric,
        days: 90,
        lang,
        until,
    }
}

#[test]
fn every_metric_over_90_days_in_three_languages_is_a_photo_telegram_accepts() {
    let Some(data) = shared_data() else { return };
    let days = reference::load(&data.join("losses")).unwrap();
    let until = days.last().unwrap().day;
    let sources = vec![claimwatch::series::import::SOURCE_TITLE.to_owned()];
    let mut largest = 0;
    for (_, metric) in FIELDS {
        let all = rows_of(
            days.iter()
                .filter_map(|d| Some((d.day, *d.totals.get(&metric)?, None)))
                .collect(),
        );
        let window: Vec<DailyRow> = all
            .into_iter()
            .filter(|r| r.day > until - Duration::days(90))
            .collect();
        if window.is_empty() {
            continue; // prisoners were counted only in 2022
        }
        for lang in [Lang::En, Lang::Uk, Lang::Ru] {
            let png = render_png(&spec(
                &request(metric, lang, until),
                &window,
                true,
                &sources,
            ))
            .unwrap_or_else(|e| panic!("{metric} {lang}: {e}"));
            assert!(
                png.len() <= MAX_PHOTO_BYTES,
                "{metric} {lang}: {} bytes",
                png.len()
            );
            let (w, h, pixels) = decode(&png);
            assert_eq!((w, h), SIZE, "{metric} {lang}");
            let inked = pixels
                .chunks(3)
                .filter(|p| p.iter().any(|c| *c < 128))
                .count();
            assert!(
                inked > 5_000,
                "{metric} {lang}: the chart is nearly blank ({inked})"
            );
            largest = largest.max(png.len());
        }
    }
    eprintln!("largest chart: {largest} bytes");
}

/// A fixed series: a running total growing by a weekly wave, one spike, one drop.
fn synthetic() -> Vec<DailyRow> {
    let start = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
    let mut total = 1_000_000;
    let points = (0..120)
        .map(|i| {
            let change = 900 + (i % 7) * 60 + if i == 100 { 2_500 } else { 0 };
            total += if i == 110 { -300 } else { change };
            (start + Duration::days(i), total, Some(change))
        })
        .collect();
    rows_of(points)
}

#[test]
fn a_chart_matches_its_golden_image() {
    let rows = synthetic();
    let until = rows.last().unwrap().day;
    let window: Vec<DailyRow> = rows
        .into_iter()
        .filter(|r| r.day > until - Duration::days(90))
        .collect();
    let sources = vec!["Ukrinform".to_owned(), "@GeneralStaffZSU".to_owned()];
    let png = render_png(&spec(
        &request(Metric::Personnel, Lang::En, until),
        &window,
        true,
        &sources,
    ))
    .unwrap();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(GOLDEN);
    if std::env::var_os("CLAIMWATCH_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &png).unwrap();
    }
    let golden = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{GOLDEN}: {e} (CLAIMWATCH_UPDATE_GOLDEN=1 writes it)"));
    let (w, h, want) = decode(&golden);
    let (w2, h2, got) = decode(&png);
    assert_eq!((w, h), (w2, h2));
    let differing = want
        .chunks(3)
        .zip(got.chunks(3))
        .filter(|(a, b)| a.iter().zip(b.iter()).any(|(x, y)| x.abs_diff(*y) > 48))
        .count();
    let share = differing as f64 / f64::from(w * h);
    assert!(
        share < 0.002,
        "{differing} pixels ({:.3}%) differ from {GOLDEN}",
        share * 100.0
    );
}
