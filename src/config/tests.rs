use super::*;
use crate::model::Topics;
use crate::text::redact_url;
use chrono::NaiveTime;
use std::path::Path;

fn load(text: &str, vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let vars = vars.iter().map(|(k, v)| (k.to_string(), v.to_string()));
    Config::from_toml_str(text, Path::new("test.toml"), vars)
}

fn option_of(e: ConfigError) -> String {
    match e {
        ConfigError::Invalid { option, .. } => option,
        other => panic!("expected an invalid option, got {other}"),
    }
}

#[test]
fn empty_file_gives_the_defaults() {
    let c = load("", &[]).unwrap();
    assert_eq!(c, Config::default());
    assert_eq!(
        c.digest.time_of_day(),
        NaiveTime::from_hms_opt(9, 0, 0).unwrap()
    );
    assert_eq!(c.digest.topic_set(), Topics::ALL);
}

#[test]
fn shipped_config_files_are_valid() {
    for f in ["config/claimwatch.toml", "config/demo.toml"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(f);
        if !path.exists() && f.ends_with("demo.toml") {
            continue;
        }
        let c =
            Config::load(&path, std::iter::empty(), false).unwrap_or_else(|e| panic!("{f}: {e}"));
        assert!(!c.sources.is_empty(), "{f} lists sources");
    }
}

#[test]
fn the_shipped_file_lists_every_option_with_its_default() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/claimwatch.toml");
    let text = std::fs::read_to_string(path).unwrap();
    let mut c: toml::Table = toml::from_str(&text).unwrap();
    c.remove("sources");
    let shipped: Config = toml::Value::Table(c).try_into().unwrap();
    let defaults = Config::default();
    assert_eq!(
        shipped, defaults,
        "config/claimwatch.toml must show the defaults"
    );
    let listed = toml::Value::try_from(&defaults).unwrap();
    for (section, v) in listed.as_table().unwrap() {
        match v.as_table() {
            Some(t) => {
                for key in t.keys() {
                    let line = format!("\n{key} = ");
                    assert!(
                        text.contains(&line),
                        "option {section}.{key} is not in the shipped file"
                    );
                }
            }
            None if section == "sources" => assert!(text.contains("[[sources]]")),
            None => assert!(
                text.contains(&format!("\n{section} = ")),
                "option {section} missing"
            ),
        }
    }
}

#[test]
fn environment_overrides_the_file() {
    let c = load(
        "database_url = \"sqlite://a.db\"\n[digest]\ntime = \"07:00\"\n",
        &[
            ("CLAIMWATCH_DATABASE_URL", "sqlite://b.db"),
            ("CLAIMWATCH_DIGEST__TIME", "08:30"),
            ("CLAIMWATCH_ADMIN_CHAT_IDS", "1, -1002"),
            ("CLAIMWATCH_HTTP__MAX_BODY_BYTES", "2048"),
            ("CLAIMWATCH_POLL__DEFAULT_INTERVAL", "30m"),
            ("CLAIMWATCH_HTTP__ALLOW_PRIVATE_ADDRESSES", "true"),
            ("CLAIMWATCH_DIGEST__TOPICS", "refusal"),
            ("CLAIMWATCH_CONFIG", "ignored.toml"),
            ("OTHER", "ignored"),
        ],
    )
    .unwrap();
    assert_eq!(c.database_url, "sqlite://b.db");
    assert_eq!(c.digest.time.to_string(), "08:30");
    assert_eq!(c.admin_chat_ids, vec![1, -1002]);
    assert_eq!(c.http.max_body_bytes, 2048);
    assert_eq!(c.poll.default_interval, HumanDuration::secs(1800));
    assert!(c.http.allow_private_addresses);
    assert_eq!(c.digest.topics, vec![crate::model::Category::Refusal]);
}

type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str);

/// Each case fails to load, naming `option` first in its error.
fn assert_named(cases: &[Case]) {
    for (text, vars, option) in cases {
        let err = load(text, vars).expect_err(text);
        let got = option_of(err.clone());
        assert!(
            got.starts_with(option),
            "{text:?} {vars:?}: expected option {option}, got {got} ({err})"
        );
    }
}

#[test]
fn bad_values_in_the_file_name_their_option() {
    assert_named(&[
        ("[digest]\ntime = \"25:00\"", &[], "digest.time"),
        ("[digest]\ntime = \"9\"", &[], "digest.time"),
        (
            "[digest]\ntimezone = \"Mars/Olympus\"",
            &[],
            "digest.timezone",
        ),
        ("[digest]\ntopics = [\"sport\"]", &[], "digest.topics[0]"),
        (
            "[bot]\nui_languages = [\"en\", \"fr\"]",
            &[],
            "bot.ui_languages[1]",
        ),
        ("database_url = \"mysql://x\"", &[], "database_url"),
        (
            "[poll]\ndefault_interval = \"soon\"",
            &[],
            "poll.default_interval",
        ),
        ("[poll]\nmin_interval = \"7h\"", &[], "poll.min_interval"),
        ("[http]\nmax_body_bytes = -5", &[], "http.max_body_bytes"),
        ("[digest]\nsurprise = 1", &[], "digest"),
        ("[[sources]]\nurl = \"ftp://x/y\"", &[], "sources[0].url"),
        (
            "[[sources]]\nurl = \"@ok_channel\"\nlang = \"fr\"",
            &[],
            "sources[0].lang",
        ),
        ("[bot]\nmode = \"webhook\"", &[], "bot.webhook_url"),
        ("[cluster]\nthreshold = 1.5", &[], "cluster.threshold"),
        ("[server]\nlisten = \"localhost\"", &[], "server.listen"),
        (
            "[server]\ncheck_interval = \"10ms\"",
            &[],
            "server.check_interval",
        ),
        (
            "[bot]\nmode = \"webhook\"\nwebhook_url = \"https://x.example/h\"\n[server]\nlisten = \"127.0.0.1:9464\"",
            &[],
            "server.listen",
        ),
        ("[log]\nformat = \"xml\"", &[], "log.format"),
    ]);
}

#[test]
fn bad_values_from_the_environment_name_their_option() {
    assert_named(&[
        ("", &[("CLAIMWATCH_DIGEST__TIME", "noon")], "digest.time"),
        (
            "",
            &[("CLAIMWATCH_ADMIN_CHAT_IDS", "1,two")],
            "admin_chat_ids",
        ),
        (
            "",
            &[("CLAIMWATCH_HTTP__MAX_BODY_BYTES", "lots")],
            "http.max_body_bytes (from CLAIMWATCH_HTTP__MAX_BODY_BYTES)",
        ),
        (
            "",
            &[("CLAIMWATCH_DIGEST__TIMEZONE_X", "x")],
            "digest.timezone_x (from CLAIMWATCH_DIGEST__TIMEZONE_X)",
        ),
        (
            "",
            &[("CLAIMWATCH_SOURCES", "x")],
            "sources (from CLAIMWATCH_SOURCES)",
        ),
        (
            "",
            &[("CLAIMWATCH_SERVER__LISTEN", "9464")],
            "server.listen",
        ),
    ]);
}

#[test]
fn syntax_errors_are_reported_as_such() {
    assert!(matches!(
        load("database_url = ", &[]),
        Err(ConfigError::Syntax { .. })
    ));
}

#[test]
fn missing_file_is_an_error_unless_allowed() {
    let p = Path::new("/nonexistent/claimwatch.toml");
    assert!(matches!(
        Config::load(p, std::iter::empty(), false),
        Err(ConfigError::Read { .. })
    ));
    assert_eq!(
        Config::load(p, std::iter::empty(), true).unwrap(),
        Config::default()
    );
}

#[test]
fn passwords_are_redacted() {
    let c = Config {
        database_url: "postgres://claim:s3cret@db.internal:5432/cw".into(),
        ..Default::default()
    };
    let shown = c.redacted_database_url();
    assert!(!shown.contains("s3cret"), "{shown}");
    assert!(shown.contains("db.internal"));
    assert_eq!(
        redact_url("sqlite://claimwatch.db"),
        "sqlite://claimwatch.db"
    );
    assert!(!redact_url("postgres://u:p@ss@h/db").contains("p@ss"));
    let err = load("database_url = \"mysql://u:hunter2@h/db\"", &[]).unwrap_err();
    assert!(!err.to_string().contains("hunter2"), "{err}");
}

#[test]
fn server_and_log_options_read_into_real_types() {
    let c = load(
        "[server]\nlisten = \"127.0.0.1:9464\"\ncheck_interval = \"5s\"\n[log]\nformat = \"json\"\n",
        &[],
    )
    .unwrap();
    assert_eq!(c.server.listen.0, Some("127.0.0.1:9464".parse().unwrap()));
    assert_eq!(c.server.check_interval, HumanDuration::secs(5));
    assert_eq!(c.log.format, LogFormat::Json);
    assert_eq!(
        Config::default().server.listen,
        ListenAddr(None),
        "off by default"
    );
    let env = load("", &[("CLAIMWATCH_SERVER__LISTEN", "[::1]:9000")]).unwrap();
    assert_eq!(env.server.listen.0, Some("[::1]:9000".parse().unwrap()));
    // In webhook mode the endpoints may share the webhook's own address.
    let shared = load(
        "[bot]\nmode = \"webhook\"\nwebhook_url = \"https://x.example/h\"\nwebhook_listen = \"127.0.0.1:8443\"\n[server]\nlisten = \"127.0.0.1:8443\"\n",
        &[],
    );
    assert!(shared.is_ok(), "{shared:?}");
}

#[test]
fn settings_arrive_as_their_types() {
    let c = Config::from_toml_str(
        "[digest]\ntime = \"7:05\"\ntimezone = \"America/New_York\"\ntopics = [\"losses\"]\n[bot]\nui_languages = [\"uk\", \"en\"]\n[[sources]]\nurl = \"@ok_channel\"\nlang = \"ru\"",
        std::path::Path::new("t.toml"),
        Vec::new(),
    )
    .unwrap();
    assert_eq!(
        c.digest.time_of_day(),
        NaiveTime::from_hms_opt(7, 5, 0).unwrap()
    );
    assert_eq!(c.digest.timezone, chrono_tz::America::New_York);
    assert_eq!(
        c.digest.topic_set(),
        Topics {
            refusal: false,
            losses: true
        }
    );
    assert_eq!(
        c.bot.languages(),
        vec![crate::model::Lang::Uk, crate::model::Lang::En]
    );
    assert_eq!(c.sources[0].lang, Some(crate::model::Lang::Ru));
}

#[test]
fn a_chat_zone_that_does_not_parse_falls_back_to_the_configured_one() {
    use crate::tz::ChatTz;
    let d = DigestConfig::default();
    assert_eq!(d.chat_tz(None), ChatTz::Named(chrono_tz::Europe::Kyiv));
    assert_eq!(
        d.chat_tz(Some("Mars/Base")),
        ChatTz::Named(chrono_tz::Europe::Kyiv)
    );
    assert_eq!(
        d.chat_tz(Some("Europe/Berlin")),
        ChatTz::Named(chrono_tz::Europe::Berlin)
    );
    assert_eq!(d.chat_tz(Some("UTC+2")), "UTC+2".parse::<ChatTz>().unwrap());
}
