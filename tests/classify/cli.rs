//! The `classify --jsonl` and `eval` commands as other tools call them: the exact output line
//! DESIGN.md shows for its example, a stream that survives bad lines, and eval's floors.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn claimwatch(config: &Path, args: &[&str], stdin: &str) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimwatch"));
    cmd.arg("--config").arg(config).args(args);
    for (k, _) in std::env::vars() {
        if k.starts_with("CLAIMWATCH_") {
            cmd.env_remove(k);
        }
    }
    let mut child = cmd
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run claimwatch");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn empty_config(dir: &Path) -> std::path::PathBuf {
    let p = dir.join("claimwatch.toml");
    std::fs::write(&p, "").unwrap();
    p
}

const DESIGN_INPUT: &str = r#"{"id":"x1","text":"The General Staff of the Armed Forces of Ukraine said on Friday that Russia has lost about 28 300 troops since 24 February (+150 over the past day), as well as 1,251 tanks (+3)."}"#;
const DESIGN_OUTPUT: &str = r#"{"id":"x1","lang":"en","categories":["losses"],"claims":[{"category":"losses","claimant":"General Staff of the Armed Forces of Ukraine","side":"russia","unit":null,"location":null,"figures":[{"metric":"personnel","value":28300,"delta":150,"cumulative":true},{"metric":"tanks","value":1251,"delta":3,"cumulative":true}],"evidence":["Russia has lost about 28 300 troops since 24 February","1,251 tanks (+3)"]}]}"#;

#[test]
fn classify_prints_exactly_the_design_example() {
    let dir = tempfile::tempdir().unwrap();
    let out = claimwatch(
        &empty_config(dir.path()),
        &["classify", "--jsonl"],
        &format!("{DESIGN_INPUT}\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let want: serde_json::Value = serde_json::from_str(DESIGN_OUTPUT).unwrap();
    let mut extra = Vec::new();
    contains(&got, &want, "", &mut extra);
    extra.sort();
    // The optional keys DESIGN.md allows a claim and a figure to add, and nothing else.
    assert_eq!(
        extra,
        [
            ".claims.0.claimant_id",
            ".claims.0.figures.0.period",
            ".claims.0.figures.0.qualifier",
            ".claims.0.figures.1.period",
        ]
    );
    assert_eq!(got["claims"][0]["claimant_id"], "ua_general_staff");
    assert_eq!(got["claims"][0]["figures"][0]["qualifier"], "about");
    assert_eq!(got["claims"][0]["figures"][1]["period"], "total");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

/// Asserts that `got` holds everything `want` holds (objects may carry more keys, listed in
/// `extra` by path).
fn contains(
    got: &serde_json::Value,
    want: &serde_json::Value,
    path: &str,
    extra: &mut Vec<String>,
) {
    use serde_json::Value;
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            for (k, wv) in w {
                let gv = g.get(k).unwrap_or_else(|| panic!("{path}.{k} missing"));
                contains(gv, wv, &format!("{path}.{k}"), extra);
            }
            extra.extend(
                g.keys()
                    .filter(|k| !w.contains_key(*k))
                    .map(|k| format!("{path}.{k}")),
            );
        }
        (Value::Array(g), Value::Array(w)) => {
            assert_eq!(g.len(), w.len(), "{path}");
            for (i, (gv, wv)) in g.iter().zip(w).enumerate() {
                contains(gv, wv, &format!("{path}.{i}"), extra);
            }
        }
        _ => assert_eq!(got, want, "{path}"),
    }
}

#[test]
fn classify_answers_every_line_in_order_and_survives_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let input = [
        r#"{"id":1,"text":"Двое контрактников дезертировали из части.","lang":"ru"}"#,
        "{broken",
        r#"{"id":"t","title":"Генштаб ЗСУ","text":"Загальні бойові втрати противника склали:\nособового складу – близько 700 000 (+1 000) осіб"}"#,
        r#"{"id":[1,2],"text":"nothing here"}"#,
    ]
    .join("\n");
    let out = claimwatch(&empty_config(dir.path()), &["classify", "--jsonl"], &input);
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[0]["categories"], serde_json::json!(["refusal"]));
    assert_eq!(lines[0]["claims"][0]["figures"][0]["metric"], "deserters");
    assert_eq!(lines[1]["id"], serde_json::Value::Null);
    assert!(lines[1]["error"].is_string());
    assert_eq!(lines[2]["id"], "t");
    assert_eq!(lines[2]["lang"], "uk");
    assert_eq!(lines[2]["claims"][0]["figures"][0]["value"], 700_000);
    assert_eq!(lines[2]["claims"][0]["figures"][0]["delta"], 1_000);
    assert_eq!(lines[3]["id"], serde_json::json!([1, 2]));
    assert_eq!(lines[3]["categories"], serde_json::json!([]));
}

#[test]
fn eval_reports_and_enforces_its_floors() {
    let dir = tempfile::tempdir().unwrap();
    let labels = dir.path().join("labels.jsonl");
    std::fs::write(
        &labels,
        [
            r#"{"id":"a","lang":"ru","text":"ВСУ за сутки потеряли до 1515 военнослужащих","label_refusal":0,"label_loss_claim":1}"#,
            r#"{"id":"b","lang":"uk","text":"Погода сьогодні гарна","label_refusal":0,"label_loss_claim":0}"#,
            r#"{"id":"c","lang":"en","text":"The minister refused to comment.","label_refusal":1,"label_loss_claim":"ambiguous"}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    let cfg = empty_config(dir.path());
    let labels_arg = labels.to_str().unwrap();
    let plain = claimwatch(&cfg, &["eval", "--labels", labels_arg, "--errors"], "");
    assert!(
        plain.status.success(),
        "{}",
        String::from_utf8_lossy(&plain.stderr)
    );
    let shown = String::from_utf8(plain.stdout).unwrap();
    assert!(shown.contains("precision"), "{shown}");
    assert!(shown.contains("FN refusal en c"), "{shown}");
    assert!(shown.contains("ambiguous"), "{shown}");

    let floored = claimwatch(
        &cfg,
        &[
            "eval",
            "--labels",
            labels_arg,
            "--min-precision",
            "0.9",
            "--min-recall",
            "0.85",
        ],
        "",
    );
    assert_eq!(floored.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&floored.stderr).contains("refusal en: recall"));

    let missing = claimwatch(&cfg, &["eval", "--labels", "/nonexistent.jsonl"], "");
    assert_eq!(missing.status.code(), Some(1));
}
