//! A real Prometheus (Debian's `prometheus` package) on loopback, scraping one target every
//! second, and its HTTP API: target health and instant queries. When the program is missing
//! the test fails and says how to install it, unless `CLAIMWATCH_TEST_NO_PROMETHEUS=1` asks to
//! read `/metrics` with the in-test parser only (then it says so).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running Prometheus; killed when dropped.
pub struct Prometheus {
    child: Child,
    pub base: String,
    _dir: tempfile::TempDir,
}

/// Whether the test may go on without a real Prometheus (it prints a notice when it does).
pub fn allowed_missing() -> bool {
    std::env::var("CLAIMWATCH_TEST_NO_PROMETHEUS").is_ok_and(|v| v == "1")
}

pub fn installed() -> bool {
    Command::new("prometheus")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

impl Prometheus {
    /// Starts Prometheus scraping `target` (`127.0.0.1:PORT`) every second.
    pub fn start(target: &str) -> Prometheus {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = dir.path().join("prometheus.yml");
        let yml = format!(
            "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n\
             scrape_configs:\n  - job_name: claimwatch\n    static_configs:\n      - targets: ['{target}']\n"
        );
        std::fs::write(&config, yml).expect("write prometheus.yml");
        let port = crate::endpoints::free_port();
        let log = std::fs::File::create(dir.path().join("prometheus.log")).expect("log");
        let child = Command::new("prometheus")
            .arg(format!("--config.file={}", config.display()))
            .arg(format!(
                "--storage.tsdb.path={}",
                dir.path().join("data").display()
            ))
            .arg(format!("--web.listen-address=127.0.0.1:{port}"))
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start prometheus");
        Prometheus {
            child,
            base: format!("http://127.0.0.1:{port}"),
            _dir: dir,
        }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self._dir.path().join("prometheus.log")).unwrap_or_default()
    }

    async fn api(&self, path: &str) -> Option<serde_json::Value> {
        let resp = reqwest::get(format!("{}{path}", self.base)).await.ok()?;
        resp.json().await.ok()
    }

    /// The health of the one target, once Prometheus has scraped it.
    pub async fn target_health(&self) -> Option<(String, String)> {
        let v = self.api("/api/v1/targets").await?;
        let t = v["data"]["activeTargets"].get(0)?;
        Some((
            t["health"].as_str()?.to_owned(),
            t["lastError"].as_str().unwrap_or("").to_owned(),
        ))
    }

    /// The value of an instant query that returns one series.
    pub async fn query(&self, expr: &str) -> Option<f64> {
        let q: String = url::form_urlencoded::byte_serialize(expr.as_bytes()).collect();
        let v = self.api(&format!("/api/v1/query?query={q}")).await?;
        let result = v["data"]["result"].as_array()?;
        match result.as_slice() {
            [one] => one["value"][1].as_str()?.parse().ok(),
            _ => None,
        }
    }

    /// Waits until `expr` gives `want`; returns the last value seen.
    pub async fn wait_for(&self, expr: &str, want: f64, limit: Duration) -> Option<f64> {
        let start = Instant::now();
        let mut last = None;
        while start.elapsed() < limit {
            last = self.query(expr).await;
            if last == Some(want) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        last
    }
}

impl Drop for Prometheus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `promtool check metrics` over a scrape: Prometheus's own linter of the format.
pub fn promtool_check(body: &str) -> Result<String, String> {
    use std::io::Write;
    let mut child = Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("promtool: {e}"))?;
    child
        .stdin
        .take()
        .ok_or("no stdin")?
        .write_all(body.as_bytes())
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if out.status.success() {
        Ok(text)
    } else {
        Err(text)
    }
}
