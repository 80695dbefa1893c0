//! Starting, stopping and killing real `claimwatch run` processes for the tests.

use crate::support::bot_api::{FakeBotApi, TOKEN};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A config for `run` against loopback servers: fast polling, a short role lease.
pub fn write_config(dir: &Path, database_url: &str, feeds: &[String], lease_ttl: &str) -> PathBuf {
    write_config_with(dir, database_url, feeds, lease_ttl, "")
}

/// [`write_config`] with `extra` TOML sections (`[server]`, …) added before the sources.
pub fn write_config_with(
    dir: &Path,
    database_url: &str,
    feeds: &[String],
    lease_ttl: &str,
    extra: &str,
) -> PathBuf {
    let sources: String = feeds
        .iter()
        .map(|f| format!("\n[[sources]]\nurl = \"{f}\"\nlang = \"en\"\n"))
        .collect();
    let text = format!(
        r#"database_url = "{database_url}"
admin_chat_ids = [7]

[poll]
default_interval = "2s"
min_interval = "1s"
backoff_base = "1s"
backoff_max = "5s"

[http]
allow_private_addresses = true
timeout = "5s"
connect_timeout = "2s"

[delivery]
retry_base = "1s"

[run]
lease_ttl = "{lease_ttl}"
{extra}
{sources}"#
    );
    let path = dir.join("claimwatch.toml");
    std::fs::write(&path, text).expect("write config");
    path
}

/// `claimwatch --config CONFIG ARGS…` against `api`, with no `CLAIMWATCH_*` or `TELOXIDE_*`
/// variable of the test's environment.
pub fn cli(config: &Path, api: &FakeBotApi, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimwatch"));
    for (k, _) in std::env::vars() {
        if k.starts_with("CLAIMWATCH_") || k.starts_with("TELOXIDE_") {
            cmd.env_remove(k);
        }
    }
    cmd.arg("--config")
        .arg(config)
        .args(args)
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", api.url())
        // TEST_INSTANCE_LOG (not CLAIMWATCH_: those are removed above) sets the instance's
        // log filter when a failure needs more than `info`.
        .env(
            "RUST_LOG",
            std::env::var("TEST_INSTANCE_LOG").unwrap_or_else(|_| "info".into()),
        )
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    cmd
}

/// A running `claimwatch run`; its output goes to `log`.
pub struct Instance {
    pub child: Child,
    pub log: PathBuf,
}

impl Instance {
    pub fn start(config: &Path, api: &FakeBotApi, log: PathBuf) -> Instance {
        let out = std::fs::File::create(&log).expect("log file");
        let err = out.try_clone().expect("log file");
        let child = cli(config, api, &["run"])
            .stdout(out)
            .stderr(err)
            .spawn()
            .expect("start claimwatch run");
        Instance { child, log }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn output(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGTERM, then the exit status within `limit` (None if it did not exit).
    pub fn terminate(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let _ = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status();
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }

    /// SIGKILL: no chance to finish or release anything.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Polls `check` every 100 ms until it holds or `limit` passes.
pub async fn eventually<F, Fut>(limit: Duration, mut check: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    while start.elapsed() < limit {
        if check().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}
