//! Charts as PNG, drawn in Rust with plotters on an RGB buffer and encoded with `png`: the
//! running total above, the change per day as bars with its 30-day mean below, title and
//! axis labels in the reader's language, the claimant and sources named at the foot. The
//! font (DejaVu Sans, with Cyrillic) is embedded, so no system font is needed.

use super::DailyRow;
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};
use std::sync::OnceLock;

/// Width and height of a chart, in pixels.
pub const SIZE: (u32, u32) = (1280, 720);
/// The trailing window of the mean line, in days.
pub const MEAN_DAYS: usize = 30;

const FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const FAMILY: &str = "sans-serif";
const TOTAL: RGBColor = RGBColor(0x1f, 0x4e, 0x9a);
const BARS: RGBColor = RGBColor(0xe0, 0x8a, 0x3c);
const MEAN: RGBColor = RGBColor(0x9b, 0x1c, 0x1c);
const GRID: RGBColor = RGBColor(0xdd, 0xdd, 0xdd);
const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("nothing to draw")]
    Empty,
    #[error("drawing the chart: {0}")]
    Draw(String),
    #[error("encoding the PNG: {0}")]
    Encode(String),
}

/// Everything drawn on one chart; labels already in the reader's language.
#[derive(Debug, Clone)]
pub struct ChartSpec<'a> {
    pub title: String,
    pub subtitle: String,
    /// The days drawn, oldest first (a running total's rows, or a daily figure's).
    pub rows: &'a [DailyRow],
    /// True for a running total (the line is the value); false for daily figures (the line
    /// is their running sum over the chart's days).
    pub running_total: bool,
    pub legend_line: String,
    pub legend_bars: String,
    pub legend_mean: String,
    pub axis_line: String,
    pub axis_bars: String,
    /// The claimant and sources line, and the note under it.
    pub footer: String,
    pub note: String,
    /// Short month names, January first, for the date axis.
    pub months: [&'static str; 12],
    /// Formats a number the reader's way.
    pub number: fn(i64) -> String,
}

fn font() -> Result<(), ChartError> {
    static DONE: OnceLock<bool> = OnceLock::new();
    let ok = *DONE.get_or_init(|| register_font(FAMILY, FontStyle::Normal, FONT).is_ok());
    if ok {
        Ok(())
    } else {
        Err(ChartError::Draw("the embedded font does not load".into()))
    }
}

/// The mean change over the [`MEAN_DAYS`] days ending at each row (`None` before any).
pub fn moving_mean(rows: &[DailyRow]) -> Vec<Option<f64>> {
    (0..rows.len())
        .map(|i| {
            let from = rows[i].day - chrono::Duration::days(MEAN_DAYS as i64 - 1);
            let window: Vec<f64> = rows[..=i]
                .iter()
                .rev()
                .take_while(|r| r.day >= from)
                .filter_map(|r| r.change.map(|c| c as f64))
                .collect();
            (!window.is_empty()).then(|| window.iter().sum::<f64>() / window.len() as f64)
        })
        .collect()
}

/// The line's values: the total, or the running sum of daily figures.
fn line_values(spec: &ChartSpec<'_>) -> Vec<i64> {
    if spec.running_total {
        return spec.rows.iter().map(|r| r.value).collect();
    }
    let mut sum = 0i64;
    spec.rows
        .iter()
        .map(|r| {
            sum = sum.saturating_add(r.value);
            sum
        })
        .collect()
}

/// Draws the chart and returns it as PNG bytes.
pub fn render_png(spec: &ChartSpec<'_>) -> Result<Vec<u8>, ChartError> {
    if spec.rows.is_empty() {
        return Err(ChartError::Empty);
    }
    font()?;
    let (w, h) = SIZE;
    let mut rgb = vec![255u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, SIZE).into_drawing_area();
        draw(&root, spec).map_err(|e| ChartError::Draw(e.to_string()))?;
        root.present()
            .map_err(|e| ChartError::Draw(e.to_string()))?;
    }
    encode(&rgb, w, h)
}

fn encode(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, ChartError> {
    let mut out = Vec::with_capacity(64 * 1024);
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Fast);
    let mut writer = enc
        .write_header()
        .map_err(|e| ChartError::Encode(e.to_string()))?;
    writer
        .write_image_data(rgb)
        .map_err(|e| ChartError::Encode(e.to_string()))?;
    writer
        .finish()
        .map_err(|e| ChartError::Encode(e.to_string()))?;
    Ok(out)
}

type Area<'b> = DrawingArea<BitMapBackend<'b>, plotters::coord::Shift>;
type DrawResult = Result<(), Box<dyn std::error::Error + 'static>>;

fn text(size: u32, color: RGBColor) -> TextStyle<'static> {
    (FAMILY, size).into_font().color(&color)
}

fn draw(root: &Area<'_>, spec: &ChartSpec<'_>) -> DrawResult {
    root.fill(&WHITE)?;
    let h = SIZE.1;
    let (head, rest) = root.split_vertically(78);
    let (body, foot) = rest.split_vertically(h as i32 - 78 - 56);
    head.draw_text(&spec.title, &text(30, INK), (24, 12))?;
    head.draw_text(&spec.subtitle, &text(20, RGBColor(90, 90, 90)), (24, 50))?;
    foot.draw_text(&spec.footer, &text(18, INK), (24, 8))?;
    foot.draw_text(&spec.note, &text(15, RGBColor(110, 110, 110)), (24, 32))?;
    let (top, bottom) = body.split_vertically((h as i32 - 78 - 56) * 45 / 100);
    draw_line_panel(&top, spec)?;
    draw_bar_panel(&bottom, spec)
}

/// The x axis: day index from the first row; labels as "8 Aug".
fn day_label(spec: &ChartSpec<'_>, x: i32) -> String {
    use chrono::Datelike;
    let Some(first) = spec.rows.first() else {
        return String::new();
    };
    let d = first.day + chrono::Duration::days(i64::from(x));
    let month = spec.months[d.month0() as usize];
    if spec.rows.len() > 200 {
        format!("{month} {}", d.year() % 100)
    } else {
        format!("{} {month}", d.day())
    }
}

fn x_of(spec: &ChartSpec<'_>, r: &DailyRow) -> i32 {
    spec.rows
        .first()
        .map_or(0, |f| (r.day - f.day).num_days() as i32)
}

fn span(spec: &ChartSpec<'_>) -> i32 {
    spec.rows.last().map_or(1, |r| x_of(spec, r).max(1))
}

fn draw_line_panel(area: &Area<'_>, spec: &ChartSpec<'_>) -> DrawResult {
    let values = line_values(spec);
    let lo = values.iter().copied().min().unwrap_or(0);
    let hi = values.iter().copied().max().unwrap_or(1);
    let pad = ((hi - lo) / 10).max(1);
    let number = spec.number;
    let mut chart = ChartBuilder::on(area)
        .margin_left(16)
        .margin_right(28)
        .margin_top(6)
        .x_label_area_size(0)
        .y_label_area_size(110)
        .build_cartesian_2d(0..span(spec), (lo - pad)..(hi + pad))?;
    chart
        .configure_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .y_desc(spec.axis_line.as_str())
        .y_label_formatter(&|v| number(*v))
        .label_style(text(15, INK))
        .axis_desc_style(text(16, INK))
        .x_labels(8)
        .x_label_formatter(&|_| String::new())
        .draw()?;
    let points: Vec<(i32, i64)> = spec
        .rows
        .iter()
        .zip(&values)
        .map(|(r, v)| (x_of(spec, r), *v))
        .collect();
    chart
        .draw_series(LineSeries::new(points, TOTAL.stroke_width(3)))?
        .label(spec.legend_line.as_str())
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], TOTAL.stroke_width(3)));
    draw_legend(&mut chart)
}

/// The panel's legend, in its upper left corner.
fn draw_legend<'a, X, Y>(
    chart: &mut ChartContext<'a, BitMapBackend<'a>, Cartesian2d<X, Y>>,
) -> DrawResult
where
    X: Ranged,
    Y: Ranged,
{
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(text(16, INK))
        .background_style(WHITE.mix(0.85))
        .border_style(GRID)
        .draw()?;
    Ok(())
}

fn draw_bar_panel(area: &Area<'_>, spec: &ChartSpec<'_>) -> DrawResult {
    let changes: Vec<i64> = spec.rows.iter().filter_map(|r| r.change).collect();
    let lo = changes.iter().copied().min().unwrap_or(0).min(0);
    let hi = changes.iter().copied().max().unwrap_or(1).max(1);
    let pad = ((hi - lo) / 12).max(1);
    let number = spec.number;
    let mut chart = ChartBuilder::on(area)
        .margin_left(16)
        .margin_right(28)
        .margin_top(10)
        .x_label_area_size(36)
        .y_label_area_size(110)
        .build_cartesian_2d(0..span(spec), (lo - pad.min(lo.abs()))..(hi + pad))?;
    chart
        .configure_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .y_desc(spec.axis_bars.as_str())
        .y_label_formatter(&|v| number(*v))
        .x_label_formatter(&|x| day_label(spec, *x))
        .x_labels(8)
        .label_style(text(15, INK))
        .axis_desc_style(text(16, INK))
        .draw()?;
    let bars = spec.rows.iter().filter_map(|r| {
        let c = r.change?;
        let x = x_of(spec, r);
        let mut bar = Rectangle::new([(x, 0i64), (x + 1, c)], BARS.filled());
        if spec.rows.len() <= 120 {
            bar.set_margin(0, 0, 1, 1);
        }
        Some(bar)
    });
    chart
        .draw_series(bars)?
        .label(spec.legend_bars.as_str())
        .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 24, y + 6)], BARS.filled()));
    let mean: Vec<(i32, i64)> = spec
        .rows
        .iter()
        .zip(moving_mean(spec.rows))
        .filter_map(|(r, m)| Some((x_of(spec, r), m?.round() as i64)))
        .collect();
    chart
        .draw_series(LineSeries::new(mean, MEAN.stroke_width(2)))?
        .label(spec.legend_mean.as_str())
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], MEAN.stroke_width(2)));
    draw_legend(&mut chart)
}
