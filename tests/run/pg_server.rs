//! A PostgreSQL server of the test's own, started with the CI script under its own directory
//! and port, that the test can stop and start again (the suite's shared server is never
//! touched). Removed on drop.

use std::path::PathBuf;
use std::process::Command;

pub struct PgServer {
    root: PathBuf,
    bin: PathBuf,
    port: u16,
    /// `postgres://postgres:…@127.0.0.1:PORT/postgres`.
    pub url: String,
}

fn pg_bin() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|d| d.join("pg_ctl").exists())
        .collect();
    dirs.sort();
    dirs.pop()
}

fn as_postgres(bin: &std::path::Path, args: &[&str]) -> Command {
    let mut cmd = if nix_is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    cmd.args(args);
    cmd
}

fn nix_is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

impl PgServer {
    /// Starts a new server, or `None` (with a notice) where PostgreSQL is not installed.
    pub fn start() -> Option<PgServer> {
        let bin = pg_bin()?;
        let root = std::env::temp_dir().join(format!("cw-outage-pg-{}", std::process::id()));
        let port = 56_000 + (std::process::id() % 2_000) as u16;
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/postgres.sh");
        let out = Command::new("bash")
            .arg(script)
            .env("PGROOT", &root)
            .env("PGPORT_CI", port.to_string())
            .output()
            .ok()?;
        let stdout = String::from_utf8_lossy(&out.stdout);
        let url = stdout
            .lines()
            .find_map(|l| l.strip_prefix("export CLAIMWATCH_TEST_POSTGRES_URL="))?
            .trim()
            .to_owned();
        let port = url
            .rsplit(':')
            .next()
            .and_then(|p| p.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or(port);
        Some(PgServer {
            root,
            bin,
            port,
            url,
        })
    }

    fn ctl(&self, args: &[&str]) -> bool {
        let data = self.root.join("data");
        let data = data.to_string_lossy();
        let mut all = vec!["-D", &data, "-w"];
        all.extend_from_slice(args);
        as_postgres(&self.bin.join("pg_ctl"), &all)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    /// Stops the server (connections are cut).
    pub fn stop(&self) {
        assert!(self.ctl(&["-m", "fast", "stop"]), "pg_ctl stop");
    }

    /// Starts it again on the same port.
    pub fn resume(&self) {
        let log = self.root.join("server.log");
        let opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            self.port,
            self.root.display()
        );
        let log = log.to_string_lossy();
        assert!(
            self.ctl(&["-l", &log, "-o", &opts, "start"]),
            "pg_ctl start"
        );
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        let _ = self.ctl(&["-m", "immediate", "stop"]);
        let _ = std::fs::remove_dir_all(&self.root);
    }
}
