//! Metric families and the Prometheus text exposition format (version 0.0.4): counters, gauges
//! and histograms, with or without labels, rendered with `# HELP` and `# TYPE` lines and label
//! values escaped. Small and lock-light: a family is a mutex over a sorted map.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;

/// What a family is, for its `# TYPE` line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Counter,
    Gauge,
    Histogram,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Counter => "counter",
            Kind::Gauge => "gauge",
            Kind::Histogram => "histogram",
        }
    }
}

/// One histogram's buckets (counts per upper bound, not yet cumulative), sum and count.
#[derive(Debug, Clone, Default, PartialEq)]
struct Buckets {
    counts: Vec<u64>,
    sum: f64,
    count: u64,
}

/// A metric family: a name, help text, label names and one value per label set.
#[derive(Debug)]
pub struct Family {
    name: &'static str,
    help: &'static str,
    kind: Kind,
    labels: &'static [&'static str],
    /// Upper bounds of a histogram's buckets, ascending (`+Inf` is implied).
    bounds: &'static [f64],
    values: Mutex<BTreeMap<Vec<String>, f64>>,
    histograms: Mutex<BTreeMap<Vec<String>, Buckets>>,
}

impl Family {
    pub const fn new(
        name: &'static str,
        help: &'static str,
        kind: Kind,
        labels: &'static [&'static str],
    ) -> Family {
        Family {
            name,
            help,
            kind,
            labels,
            bounds: &[],
            values: Mutex::new(BTreeMap::new()),
            histograms: Mutex::new(BTreeMap::new()),
        }
    }

    pub const fn histogram(
        name: &'static str,
        help: &'static str,
        labels: &'static [&'static str],
        bounds: &'static [f64],
    ) -> Family {
        Family {
            name,
            help,
            kind: Kind::Histogram,
            labels,
            bounds,
            values: Mutex::new(BTreeMap::new()),
            histograms: Mutex::new(BTreeMap::new()),
        }
    }

    fn key(&self, labels: &[&str]) -> Vec<String> {
        debug_assert_eq!(labels.len(), self.labels.len(), "{}", self.name);
        labels.iter().map(|l| (*l).to_owned()).collect()
    }

    /// Adds `by` to the value of `labels` (counters, and gauges that count).
    pub fn add(&self, labels: &[&str], by: f64) {
        let key = self.key(labels);
        *lock(&self.values).entry(key).or_insert(0.0) += by;
    }

    pub fn inc(&self, labels: &[&str]) {
        self.add(labels, 1.0);
    }

    /// Sets a gauge.
    pub fn set(&self, labels: &[&str], value: f64) {
        let key = self.key(labels);
        lock(&self.values).insert(key, value);
    }

    /// Replaces every value of a gauge at once (label sets not given disappear).
    pub fn replace(&self, values: impl IntoIterator<Item = (Vec<String>, f64)>) {
        *lock(&self.values) = values.into_iter().collect();
    }

    /// The value of `labels`, if it was ever set.
    pub fn get(&self, labels: &[&str]) -> Option<f64> {
        lock(&self.values).get(&self.key(labels)).copied()
    }

    /// Records one observation in a histogram.
    pub fn observe(&self, labels: &[&str], value: f64) {
        let key = self.key(labels);
        let mut all = lock(&self.histograms);
        let b = all.entry(key).or_insert_with(|| Buckets {
            counts: vec![0; self.bounds.len()],
            ..Buckets::default()
        });
        if let Some(i) = self.bounds.iter().position(|le| value <= *le) {
            b.counts[i] += 1;
        }
        b.sum += value;
        b.count += 1;
    }

    /// Observations recorded in a histogram for `labels`.
    pub fn observations(&self, labels: &[&str]) -> u64 {
        lock(&self.histograms)
            .get(&self.key(labels))
            .map_or(0, |b| b.count)
    }

    /// Appends the family in the text format. A family without labels always shows a sample
    /// (zero until something happens); one with labels shows the label sets seen so far.
    pub fn render(&self, out: &mut String) {
        let _ = writeln!(out, "# HELP {} {}", self.name, escape_help(self.help));
        let _ = writeln!(out, "# TYPE {} {}", self.name, self.kind.as_str());
        if self.kind == Kind::Histogram {
            self.render_histograms(out);
            return;
        }
        let values = lock(&self.values);
        if self.labels.is_empty() && values.is_empty() {
            let _ = writeln!(out, "{} 0", self.name);
        }
        for (key, v) in values.iter() {
            let _ = writeln!(
                out,
                "{}{} {}",
                self.name,
                label_set(self.labels, key, None),
                number(*v)
            );
        }
    }

    fn render_histograms(&self, out: &mut String) {
        let mut all = lock(&self.histograms).clone();
        if self.labels.is_empty() && all.is_empty() {
            all.insert(
                Vec::new(),
                Buckets {
                    counts: vec![0; self.bounds.len()],
                    ..Buckets::default()
                },
            );
        }
        for (key, b) in &all {
            let mut cumulative = 0;
            for (le, n) in self.bounds.iter().zip(&b.counts) {
                cumulative += n;
                let labels = label_set(self.labels, key, Some(&number(*le)));
                let _ = writeln!(out, "{}_bucket{labels} {cumulative}", self.name);
            }
            let labels = label_set(self.labels, key, Some("+Inf"));
            let _ = writeln!(out, "{}_bucket{labels} {}", self.name, b.count);
            let plain = label_set(self.labels, key, None);
            let _ = writeln!(out, "{}_sum{plain} {}", self.name, number(b.sum));
            let _ = writeln!(out, "{}_count{plain} {}", self.name, b.count);
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// `{a="x",b="y"}` (with `le` last for histogram buckets), or nothing without labels.
fn label_set(names: &[&str], values: &[String], le: Option<&str>) -> String {
    let mut pairs: Vec<String> = names
        .iter()
        .zip(values)
        .map(|(n, v)| format!("{n}=\"{}\"", escape_label(v)))
        .collect();
    if let Some(le) = le {
        pairs.push(format!("le=\"{le}\""));
    }
    if pairs.is_empty() {
        String::new()
    } else {
        format!("{{{}}}", pairs.join(","))
    }
}

/// A label value as the format wants it: backslash, double quote and line feed escaped.
pub fn escape_label(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

fn escape_help(v: &str) -> String {
    v.replace('\\', "\\\\").replace('\n', "\\n")
}

/// A sample value: whole numbers without a fraction, others as Rust prints them (never in
/// exponent form, which the format would also accept).
fn number(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "+Inf" } else { "-Inf" }.into()
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_render_with_escaped_labels() {
        let f = Family::new("x_total", "Things.", Kind::Counter, &["source"]);
        f.inc(&["a \"quoted\"\\name\nnext"]);
        f.add(&["b"], 2.0);
        let mut out = String::new();
        f.render(&mut out);
        assert_eq!(
            out,
            "# HELP x_total Things.\n# TYPE x_total counter\n\
             x_total{source=\"a \\\"quoted\\\"\\\\name\\nnext\"} 1\nx_total{source=\"b\"} 2\n"
        );
    }

    #[test]
    fn an_unlabelled_family_shows_zero_before_anything_happens() {
        let f = Family::new("y_total", "Y.", Kind::Counter, &[]);
        let mut out = String::new();
        f.render(&mut out);
        assert!(out.ends_with("\ny_total 0\n"), "{out}");
    }

    #[test]
    fn histograms_are_cumulative_with_sum_and_count() {
        let f = Family::histogram("lag_seconds", "Lag.", &[], &[1.0, 5.0]);
        f.observe(&[], 0.5);
        f.observe(&[], 3.0);
        f.observe(&[], 7.25);
        let mut out = String::new();
        f.render(&mut out);
        let want = "lag_seconds_bucket{le=\"1\"} 1\nlag_seconds_bucket{le=\"5\"} 2\n\
                    lag_seconds_bucket{le=\"+Inf\"} 3\nlag_seconds_sum 10.75\nlag_seconds_count 3\n";
        assert!(out.ends_with(want), "{out}");
        assert_eq!(f.observations(&[]), 3);
    }

    #[test]
    fn gauges_are_replaced_as_a_whole() {
        let f = Family::new("g", "G.", Kind::Gauge, &["id"]);
        f.set(&["1"], 5.0);
        f.replace([(vec!["2".to_owned()], 0.5)]);
        assert_eq!(f.get(&["1"]), None);
        assert_eq!(f.get(&["2"]), Some(0.5));
    }
}
