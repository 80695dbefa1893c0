//! `claimwatch classify --jsonl`: reads `{"id", "text", "title"?, "lang"?}` lines from stdin
//! and writes one result line per input, in order, flushed line by line. A bad line (not JSON,
//! no text, an unknown language, too long) gets an `{"id", "error"}` line and the stream goes
//! on; only a failure to read or write ends it.

use super::CliError;
use crate::classify::{Classification, ClassifyInput, classify};
use crate::model::Lang;
use serde::Serialize;
use serde_json::Value;
use std::io::{self, BufRead, Write};

/// Lines longer than this get an error line instead of a result.
pub const MAX_LINE_BYTES: usize = 1 << 20;

#[derive(Serialize)]
struct Output<'a> {
    id: &'a Value,
    #[serde(flatten)]
    result: &'a Classification,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    id: &'a Value,
    error: &'a str,
}

/// One input line: id, text, title, language.
struct Request {
    id: Value,
    text: String,
    title: String,
    lang: Option<Lang>,
}

/// What one input line asks for, or why it cannot be read (with the id when it was readable).
fn parse_line(line: &[u8]) -> Result<Request, (Value, String)> {
    let text = std::str::from_utf8(line)
        .map_err(|_| (Value::Null, "line is not valid UTF-8".to_owned()))?;
    let value: Value =
        serde_json::from_str(text).map_err(|e| (Value::Null, format!("line is not JSON: {e}")))?;
    let Value::Object(mut obj) = value else {
        return Err((Value::Null, "line is not a JSON object".to_owned()));
    };
    let id = obj.remove("id").unwrap_or(Value::Null);
    let field = |obj: &mut serde_json::Map<String, Value>, name: &str| match obj.remove(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(format!("\"{name}\" must be a string")),
    };
    let body = match field(&mut obj, "text") {
        Ok(Some(t)) => t,
        Ok(None) => return Err((id, "missing \"text\"".to_owned())),
        Err(e) => return Err((id, e)),
    };
    let title = match field(&mut obj, "title") {
        Ok(t) => t.unwrap_or_default(),
        Err(e) => return Err((id, e)),
    };
    let lang = match field(&mut obj, "lang") {
        Ok(None) => None,
        Ok(Some(l)) => match l.parse::<Lang>() {
            Ok(l) => Some(l),
            Err(e) => return Err((id, e.to_string())),
        },
        Err(e) => return Err((id, e)),
    };
    Ok(Request {
        id,
        text: body,
        title,
        lang,
    })
}

/// Reads one line of at most `max` bytes (without its line break). Returns `None` at the end
/// of input, `Some(Err(()))` for a line that was too long (and has been skipped).
fn read_bounded(
    input: &mut impl BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<Option<Result<(), ()>>> {
    buf.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok(any.then_some(if too_long { Err(()) } else { Ok(()) }));
        }
        any = true;
        let (used, done) = match chunk.iter().position(|b| *b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let data = &chunk[..if done { used - 1 } else { used }];
        if !too_long {
            if buf.len() + data.len() > max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(data);
            }
        }
        input.consume(used);
        if done {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(if too_long { Err(()) } else { Ok(()) }));
        }
    }
}

/// Classifies every line of `input` into `output`. Returns how many lines were answered.
pub fn run_jsonl(
    mut input: impl BufRead,
    mut output: impl Write,
    max_line: usize,
) -> io::Result<usize> {
    let mut buf = Vec::new();
    let mut answered = 0;
    while let Some(read) = read_bounded(&mut input, &mut buf, max_line)? {
        let line = match read {
            Ok(()) => {
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                match parse_line(&buf) {
                    Ok(req) => {
                        let result = classify(&ClassifyInput {
                            title: &req.title,
                            text: &req.text,
                            lang: req.lang,
                        });
                        serde_json::to_string(&Output {
                            id: &req.id,
                            result: &result,
                        })
                    }
                    Err((id, error)) => serde_json::to_string(&ErrorLine {
                        id: &id,
                        error: &error,
                    }),
                }
            }
            Err(()) => serde_json::to_string(&ErrorLine {
                id: &Value::Null,
                error: &format!("line longer than {max_line} bytes"),
            }),
        }
        .map_err(io::Error::other)?;
        output.write_all(line.as_bytes())?;
        output.write_all(b"\n")?;
        output.flush()?;
        answered += 1;
    }
    Ok(answered)
}

pub async fn run() -> Result<(), CliError> {
    crate::classify::lexicon::get().map_err(|e| CliError::Other(anyhow::anyhow!("{e}")))?;
    tokio::task::spawn_blocking(|| {
        let stdin = io::stdin();
        let stdout = io::stdout();
        run_jsonl(stdin.lock(), stdout.lock(), MAX_LINE_BYTES)
    })
    .await
    .map_err(|e| CliError::Other(anyhow::anyhow!("classify stopped: {e}")))?
    .map_err(|e| CliError::Other(anyhow::anyhow!("classify: {e}")))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str, max: usize) -> Vec<Value> {
        let mut out = Vec::new();
        run_jsonl(input.as_bytes(), &mut out, max).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn bad_lines_get_error_lines_and_the_stream_goes_on() {
        let input = "not json\n{\"id\":7}\n[1]\n{\"id\":\"a\",\"text\":5}\n\n{\"id\":\"b\",\"text\":\"x\",\"lang\":\"klingon\"}\n{\"id\":\"c\",\"text\":\"ВСУ потеряли до 1515 военнослужащих\"}";
        let out = lines(input, 1 << 20);
        assert_eq!(out.len(), 6);
        assert_eq!(out[0]["id"], Value::Null);
        assert!(out[0]["error"].as_str().unwrap().contains("not JSON"));
        assert_eq!(out[1]["id"], 7);
        assert!(out[1]["error"].as_str().unwrap().contains("text"));
        assert_eq!(out[2]["id"], Value::Null);
        assert_eq!(out[3]["id"], "a");
        assert_eq!(out[4]["id"], "b");
        assert!(out[4]["error"].is_string());
        assert_eq!(out[5]["id"], "c");
        assert_eq!(out[5]["categories"], serde_json::json!(["losses"]));
        assert_eq!(out[5]["claims"][0]["figures"][0]["value"], 1515);
    }

    #[test]
    fn overlong_lines_and_invalid_utf8_are_errors() {
        let long = format!(
            "{{\"id\":1,\"text\":\"{}\"}}\n{{\"id\":2,\"text\":\"ok\"}}\n",
            "a".repeat(100)
        );
        let out = lines(&long, 50);
        assert_eq!(out.len(), 2);
        assert!(out[0]["error"].as_str().unwrap().contains("longer"));
        assert_eq!(out[1]["id"], 2);
        let mut sink = Vec::new();
        run_jsonl(&b"\xff\xfe\n"[..], &mut sink, 100).unwrap();
        assert!(String::from_utf8(sink).unwrap().contains("UTF-8"));
    }

    #[test]
    fn output_keeps_the_field_order_of_the_contract() {
        let out = {
            let mut v = Vec::new();
            run_jsonl(
                &b"{\"id\":\"x\",\"text\":\"hello\",\"lang\":\"en\"}\n"[..],
                &mut v,
                1000,
            )
            .unwrap();
            String::from_utf8(v).unwrap()
        };
        assert_eq!(
            out,
            "{\"id\":\"x\",\"lang\":\"en\",\"categories\":[],\"claims\":[]}\n"
        );
    }
}
