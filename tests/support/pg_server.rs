//! A PostgreSQL server of a test's own, on 127.0.0.1 and a free port, that the test may stop
//! and start again (the shared server of `CLAIMWATCH_TEST_POSTGRES_URL` must stay up for the
//! other tests). Uses Debian's server binaries (/usr/lib/postgresql/*/bin); as root it runs
//! them as the `postgres` user. Trust authentication on loopback: a throwaway cluster.

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct PgServer {
    bin: PathBuf,
    data: PathBuf,
    dir: tempfile::TempDir,
    pub port: u16,
}

fn find_bin() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|d| d.join("initdb").exists())
        .collect();
    dirs.sort();
    dirs.pop()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Runs a server binary, as `postgres` when this process is root (initdb refuses root).
fn run(bin: &Path, args: &[&str]) -> Result<(), String> {
    let mut cmd = if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    let out = cmd
        .args(args)
        .output()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} {args:?} failed: {}{}",
            bin.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn free_port() -> u16 {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    probe.local_addr().expect("local address").port()
}

impl PgServer {
    /// Creates and starts a cluster; an error says why (no server binaries, no `postgres`
    /// user, a failed initdb).
    pub fn start() -> Result<PgServer, String> {
        let bin = find_bin().ok_or(
            "no PostgreSQL server binaries under /usr/lib/postgresql: install Debian's postgresql package",
        )?;
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        if is_root() {
            let out = Command::new("chown")
                .args(["postgres:postgres"])
                .arg(dir.path())
                .output()
                .map_err(|e| e.to_string())?;
            if !out.status.success() {
                return Err(format!(
                    "chown to postgres: {}",
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
        let data = dir.path().join("data");
        let data_arg = data.to_string_lossy().into_owned();
        run(
            &bin.join("initdb"),
            &[
                "-D",
                &data_arg,
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
            ],
        )?;
        let server = PgServer {
            bin,
            data,
            dir,
            port: free_port(),
        };
        server.start_again()?;
        Ok(server)
    }

    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// The URL with a password in it (the server trusts loopback and ignores it): for tests
    /// that check a secret stays out of logs.
    pub fn url_with_password(&self, password: &str) -> String {
        format!(
            "postgres://postgres:{password}@127.0.0.1:{}/postgres",
            self.port
        )
    }

    /// Starts the stopped server on the same port and data.
    pub fn start_again(&self) -> Result<(), String> {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off",
            self.port,
            self.dir.path().display()
        );
        let log = self.dir.path().join("server.log");
        let (data, log) = (self.data.to_string_lossy(), log.to_string_lossy());
        run(
            &self.bin.join("pg_ctl"),
            &["-D", &data, "-l", &log, "-w", "-o", &options, "start"],
        )
    }

    /// Stops the server at once, dropping its connections (`-m fast`).
    pub fn stop(&self) -> Result<(), String> {
        let data = self.data.to_string_lossy();
        run(
            &self.bin.join("pg_ctl"),
            &["-D", &data, "-m", "fast", "-w", "stop"],
        )
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        let data = self.data.to_string_lossy().into_owned();
        let _ = run(
            &self.bin.join("pg_ctl"),
            &["-D", &data, "-m", "immediate", "-w", "stop"],
        );
    }
}
