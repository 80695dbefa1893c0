//! `claimwatch cluster --jsonl`: one `{"id","story"}` line per input line, in order; a story
//! is named by the id of its first line; malformed lines get an error and the run goes on.

use std::io::Write;
use std::process::{Command, Stdio};

fn cluster(input: &str) -> (Vec<serde_json::Value>, bool) {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("claimwatch.toml");
    std::fs::write(&cfg, "[cluster]\nwindow = \"72h\"\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimwatch"))
        .arg("--config")
        .arg(&cfg)
        .args(["cluster", "--jsonl"])
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run claimwatch");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let lines = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("output is JSON lines"))
        .collect();
    (lines, out.status.success())
}

const STORY: &str = "Около 60 десантников из Пскова отказались ехать на новую ротацию в зону боевых действий, сообщает «Псковская губерния». Командование пригрозило им уголовными делами.";
const OTHER: &str =
    "В Москве ожидается сильный снегопад: синоптики обещают до 15 сантиметров снега за ночь.";

#[test]
fn lines_get_their_first_lines_id_as_story_and_errors_do_not_stop_the_run() {
    let line = |id: serde_json::Value, text: &str, extra: &str| {
        format!(
            "{{\"id\":{id},\"text\":{}{extra}}}\n",
            serde_json::Value::String(text.into())
        )
    };
    let input = [
        line(
            "\"a\"".parse().unwrap(),
            STORY,
            ",\"published\":\"2026-11-21T07:00:00Z\",\"lang\":\"ru\"",
        ),
        line(7.into(), OTHER, ""),
        "not json\n".to_owned(),
        "\n".to_owned(),
        "{\"id\":\"x\"}\n".to_owned(),
        line(
            "\"b\"".parse().unwrap(),
            &format!("⚡️ {STORY}\nПодписывайтесь на наш канал"),
            ",\"title\":\"Срочно\"",
        ),
        line(
            "\"c\"".parse().unwrap(),
            "x",
            ",\"published\":\"yesterday\"",
        ),
        line(
            "\"d\"".parse().unwrap(),
            STORY,
            ",\"published\":\"2026-11-26T07:00:00Z\"",
        ),
        line(
            "\"e\"".parse().unwrap(),
            STORY,
            ",\"url\":\"https://example.org/a\"",
        ),
        line(
            "\"f\"".parse().unwrap(),
            "Совсем другой текст",
            ",\"url\":\"http://www.example.org/a/?utm_source=x\"",
        ),
    ]
    .concat();
    let (out, ok) = cluster(&input);
    assert!(ok);
    let pairs: Vec<(String, String)> = out
        .iter()
        .map(|v| {
            (
                v["id"].to_string(),
                v.get("story")
                    .or(v.get("error"))
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(out.len(), 9, "{pairs:?}");
    assert_eq!(out[0]["story"], "a");
    assert_eq!(out[1]["id"], 7);
    assert_eq!(out[1]["story"], "7");
    assert!(out[2]["error"].as_str().unwrap().contains("JSON"));
    assert_eq!(out[3]["error"], "missing \"text\"");
    assert_eq!(
        out[4]["story"], "a",
        "a copy with a headline and boilerplate joins"
    );
    assert_eq!(out[5]["id"], "c");
    assert!(out[5]["error"].as_str().unwrap().contains("published"));
    assert_eq!(
        out[6]["story"], "d",
        "five days later is outside the window"
    );
    assert_eq!(
        out[7]["story"], "d",
        "undated lines arrive at the latest time seen"
    );
    assert_eq!(out[8]["story"], "d", "http/https and tracking twins join");
}

#[test]
fn the_classifiers_claims_join_one_claim_told_in_other_languages() {
    let line = |id: &str, lang: &str, hour: u32, source: &str, text: &str| {
        format!(
            "{}\n",
            serde_json::json!({
                "id": id,
                "lang": lang,
                "published": format!("2026-11-21T{hour:02}:00:00Z"),
                "source": source,
                "text": text,
            })
        )
    };
    let input = [
        line(
            "en",
            "en",
            7,
            "wire",
            "Russia has lost about 712,340 troops since 24 February, including 1,150 over the past day, the General Staff of the Armed Forces of Ukraine said on Saturday.",
        ),
        line(
            "ru",
            "ru",
            8,
            "channel",
            "Генштаб ВСУ сообщил, что потери российской армии с начала вторжения составили около 712 340 человек, из них 1 150 за последние сутки.",
        ),
        line(
            "en-other-total",
            "en",
            9,
            "paper",
            "Russia has lost about 713,490 troops since 24 February, the General Staff of the Armed Forces of Ukraine said in its next update.",
        ),
        line(
            "syrskyi-en",
            "en",
            10,
            "wire",
            "Ukraine's top commander Oleksandr Syrskyi said Russian forces have lost 418,000 troops killed and wounded this year.",
        ),
        line(
            "syrskyi-uk",
            "uk",
            11,
            "site",
            "Головнокомандувач Олександр Сирський заявив, що цього року втрати російських військ склали 418 тисяч осіб убитими та пораненими.",
        ),
    ]
    .concat();
    let (out, ok) = cluster(&input);
    assert!(ok);
    let story: Vec<&str> = out.iter().map(|v| v["story"].as_str().unwrap()).collect();
    assert_eq!(
        story,
        ["en", "en", "en-other-total", "syrskyi-en", "syrskyi-en"],
        "the General Staff's total in English and Russian is one story, another total is \
         not; one commander's figure in English and Ukrainian is one story"
    );
}

fn dated(id: &str, lang: &str, source: &str, published: &str, text: &str) -> String {
    serde_json::json!({
        "id": id, "lang": lang, "source": source, "published": published, "text": text
    })
    .to_string()
        + "\n"
}

#[test]
fn one_case_told_in_ukrainian_russian_and_english_joins_and_another_case_of_the_unit_does_not() {
    let input = [
        dated("en", "en", "wire", "2026-11-20T08:00:00Z", "Ukraine's State Bureau of Investigation said 56 soldiers of the 155th Mechanized Brigade deserted while training in France."),
        dated("uk", "uk", "site", "2026-11-20T10:00:00Z", "ДБР повідомило, що 56 військових 155-ї механізованої бригади дезертирували під час навчання у Франції."),
        dated("ru", "ru", "channel", "2026-11-20T12:00:00Z", "ГБР Украины сообщило, что 56 военных 155-й механизированной бригады дезертировали во время обучения во Франции."),
        // The same brigade, three days later, another case: another story.
        dated("later", "uk", "site2", "2026-11-23T09:00:00Z", "ДБР: 20 військових 155-ї бригади самовільно залишили частину на Покровському напрямку."),
        // Another brigade with the same count on the same day: another story.
        dated("other", "ru", "channel2", "2026-11-20T13:00:00Z", "ГБР Украины: 56 военных 47-й механизированной бригады дезертировали во время обучения в Польше."),
    ]
    .concat();
    let (out, ok) = cluster(&input);
    assert!(ok);
    let story: Vec<&str> = out.iter().map(|v| v["story"].as_str().unwrap()).collect();
    assert_eq!(story, ["en", "en", "en", "later", "other"]);
}

#[test]
fn a_field_of_the_wrong_type_is_named_and_unknown_fields_are_ignored() {
    let input = [
        r#"{"id":"t","text":"x","title":5}"#,
        r#"{"id":null,"text":"x"}"#,
        r#"{"id":[1],"text":"x"}"#,
        r#"{"id":"s","text":"x","source":{"a":1}}"#,
        r#"{"id":"u","text":"x","extra":{"nested":[1,2]},"title":null,"lang":"uk"}"#,
        r#"{"id":2.5,"text":"a \"quoted\" \u0436 text"}"#,
        r#"[1,2]"#,
    ]
    .map(|l| format!("{l}\n"))
    .concat();
    let (out, ok) = cluster(&input);
    assert!(ok);
    assert_eq!(out.len(), 7, "{out:?}");
    assert_eq!(out[0]["id"], "t");
    assert_eq!(out[0]["error"], "\"title\" must be a string");
    assert_eq!(out[1]["error"], "missing \"id\"");
    assert_eq!(out[2]["error"], "\"id\" must be a string or a number");
    assert_eq!(out[3]["error"], "\"source\" must be a string");
    assert_eq!(out[4]["story"], "u");
    assert_eq!(out[5]["id"], 2.5);
    assert_eq!(out[5]["story"], "2.5");
    assert_eq!(out[6]["error"], "expected a JSON object");
}
