//! `claimwatch digest` from the shell: `--print` needs no token, sending without one is a
//! clear usage error, bad arguments exit 2.

use crate::seed;
use chrono::{Duration, Utc};
use claimwatch::model::Lang;
use claimwatch::store;
use std::path::PathBuf;
use tokio::process::Command;

struct Cli {
    _dir: tempfile::TempDir,
    config: PathBuf,
}

async fn setup() -> Cli {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("cli.db").display());
    let st = store::open(&url).await.unwrap();
    let s = st.as_ref();
    let src = seed::source(s, "ASTRA").await;
    let now = Utc::now();
    seed::story(
        s,
        &[src],
        "Mobilised men refused to go back to the front",
        &[seed::refusal(None, None, Some("Belgorod"), Some(12))],
        now - Duration::hours(5),
    )
    .await;
    seed::subscriber(s, 555, "America/New_York", (7, 0), Lang::Ru, now).await;
    st.close().await;
    let config = dir.path().join("claimwatch.toml");
    std::fs::write(&config, format!("database_url = \"{url}\"\n")).unwrap();
    Cli { _dir: dir, config }
}

async fn run(cli: &Cli, args: &[&str]) -> (Option<i32>, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimwatch"));
    cmd.arg("--config").arg(&cli.config).args(args);
    for (k, _) in std::env::vars() {
        if k.starts_with("CLAIMWATCH_") || k.starts_with("TELOXIDE_") {
            cmd.env_remove(k);
        }
    }
    let out = cmd.env("RUST_LOG", "warn").output().await.unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn print_renders_the_current_digest_without_a_token() {
    let cli = setup().await;
    let (code, out, err) = run(&cli, &["digest", "--print"]).await;
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("<b>Claimwatch digest</b> · "), "{out}");
    assert!(
        out.contains("• <b>ASTRA</b> reports 12 Russian soldiers refused orders in the Belgorod area\n1 source: <a href=\"https://"),
        "{out}"
    );
    assert!(
        out.contains("\">Mobilised men refused to go back to the front</a> (ASTRA)"),
        "{out}"
    );
    let (_, out, _) = run(&cli, &["digest", "--print", "--lang", "uk"]).await;
    assert!(
        out.contains("Дайджест Claimwatch")
            && out.contains("<b>ASTRA</b> повідомляє: 12 військових ЗС РФ відмовилися виконувати наказ (Бєлгород)"),
        "{out}"
    );
    // --plain: the same digest as terminal text, links after their text.
    let (code, plain, err) = run(&cli, &["digest", "--print", "--plain"]).await;
    assert_eq!(code, Some(0), "{err}");
    assert!(plain.starts_with("Claimwatch digest · "), "{plain}");
    assert!(
        plain.contains("• ASTRA reports 12 Russian soldiers refused orders in the Belgorod area\n1 source: Mobilised men refused to go back to the front <https://"),
        "{plain}"
    );
    assert!(!plain.contains("</"), "{plain}");
    assert!(
        !plain.contains("&amp;") && !plain.contains("<b>"),
        "{plain}"
    );
    let (_, out, _) = run(&cli, &["digest", "--print", "--since", "2h"]).await;
    assert!(out.contains("Nothing new on your topics"), "{out}");
    let (code, out, err) = run(&cli, &["digest", "--print", "--chat", "555"]).await;
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("Дайджест Claimwatch") && out.contains("New York"),
        "the chat's settings: {out}"
    );
    // Printing records nothing: the same digest again.
    let (_, again, _) = run(&cli, &["digest", "--print", "--chat", "555"]).await;
    assert!(again.contains("Mobilised men refused"), "{again}");
}

#[tokio::test]
async fn bad_uses_exit_2_with_a_clear_message() {
    let cli = setup().await;
    let (code, _, err) = run(&cli, &["digest", "--print", "--chat", "999"]).await;
    assert_eq!(code, Some(2));
    assert!(err.contains("no subscriber with chat id 999"), "{err}");
    let (code, _, err) = run(&cli, &["digest", "--send-now"]).await;
    assert_eq!(code, Some(2));
    assert!(err.contains("TELOXIDE_TOKEN is not set"), "{err}");
    let (code, _, err) = run(&cli, &["digest"]).await;
    assert_eq!(code, Some(2));
    assert!(err.contains("--print, --send-now or --deliver"), "{err}");
    let (code, _, _) = run(&cli, &["digest", "--print", "--since", "soon"]).await;
    assert_eq!(code, Some(2));
    let (code, _, _) = run(&cli, &["digest", "--deliver", "--print"]).await;
    assert_eq!(code, Some(2), "clap refuses conflicting modes");
}

#[test]
fn the_demo_config_loads_and_its_feeds_resolve_to_the_shipped_files() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config/demo.toml");
    let mut config = claimwatch::config::Config::load(&path, Vec::new(), false).unwrap();
    claimwatch::cli::resolve_relative_files(&mut config, &path);
    assert!(config.sources.len() >= 4);
    let langs: std::collections::BTreeSet<_> = config
        .sources
        .iter()
        .filter_map(|s| s.lang.map(|l| l.as_str()))
        .collect();
    assert_eq!(
        langs.into_iter().collect::<Vec<_>>(),
        vec!["en", "ru", "uk"]
    );
    for s in &config.sources {
        let url = url::Url::parse(&s.url).unwrap();
        let file = url
            .to_file_path()
            .unwrap_or_else(|_| panic!("{} is not an absolute file URL", s.url));
        assert!(file.is_file(), "{} -> {}", s.url, file.display());
        assert!(
            file.starts_with(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config/demo"))
        );
    }
}

#[test]
fn absolute_file_urls_and_other_sources_are_left_alone() {
    let toml = "[[sources]]\nurl = \"file:///srv/feeds/a.xml\"\n\n[[sources]]\nurl = \"@mod_russia\"\n\n[[sources]]\nurl = \"file:../x/b.xml\"\n";
    let path = std::path::Path::new("/etc/claimwatch/claimwatch.toml");
    let mut config = claimwatch::config::Config::from_toml_str(toml, path, Vec::new()).unwrap();
    claimwatch::cli::resolve_relative_files(&mut config, path);
    assert_eq!(config.sources[0].url, "file:///srv/feeds/a.xml");
    assert_eq!(config.sources[1].url, "@mod_russia");
    assert_eq!(config.sources[2].url, "file:///etc/x/b.xml");
}
