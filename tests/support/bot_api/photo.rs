//! `sendPhoto` for the fake Bot API: multipart/form-data parsed byte by byte (the photo is
//! binary), the caption checked like Telegram (HTML parse mode, at most 1,024 characters of
//! visible text), the photo checked to be a PNG or a file id, and both recorded.

use super::json::{bot_user, chat_id_of, chat_json, err, fault_response, now_unix, ok};
use super::{Photo, State};
use crate::support::http::Response;
use crate::support::tg_html;
use serde_json::{Value, json};

/// Telegram's limit on a caption's visible text.
pub const MAX_CAPTION: usize = 1024;
/// Telegram's limit on a photo sent by upload.
pub const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;

/// One part of a multipart body: its name, file name (for a file) and bytes.
pub struct Part {
    pub name: String,
    pub file_name: Option<String>,
    pub bytes: Vec<u8>,
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// The parts of a multipart/form-data body.
pub fn parts(body: &[u8], boundary: &str) -> Vec<Part> {
    let delim = format!("--{boundary}").into_bytes();
    let mut out = Vec::new();
    let mut at = match find(body, &delim, 0) {
        Some(i) => i + delim.len(),
        None => return out,
    };
    while let Some(next) = find(body, &delim, at) {
        let chunk = &body[at..next];
        at = next + delim.len();
        let Some(head_end) = find(chunk, b"\r\n\r\n", 0) else {
            continue;
        };
        let head = String::from_utf8_lossy(&chunk[..head_end]);
        let mut value = &chunk[head_end + 4..];
        value = value.strip_suffix(b"\r\n").unwrap_or(value);
        let attr = |key: &str| {
            head.split(&format!("{key}=\""))
                .nth(1)
                .and_then(|r| r.split('"').next())
                .map(str::to_owned)
        };
        if let Some(name) = attr(" name").or_else(|| attr(";name")) {
            out.push(Part {
                name,
                file_name: attr("filename"),
                bytes: value.to_vec(),
            });
        }
    }
    out
}

/// The visible length of Telegram HTML, in UTF-16 code units (tags dropped, entities one).
fn visible_len(html: &str) -> usize {
    let mut n = 0;
    let mut in_tag = false;
    let mut in_entity = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            '&' if !in_tag => {
                in_entity = true;
                n += 1;
            }
            ';' if in_entity => in_entity = false,
            _ if in_tag || in_entity => {}
            c => n += c.len_utf16(),
        }
    }
    n
}

/// Answers sendPhoto: `p` holds the text fields, `files` the uploaded parts.
pub(super) fn send_photo(p: &Value, files: &[Part], st: &mut State) -> Response {
    let Some(chat) = chat_id_of(p) else {
        return err(400, "Bad Request: chat_id is empty", None);
    };
    if let Some(f) = st.faults.get(&chat).cloned() {
        return fault_response(&f);
    }
    let caption = p["caption"].as_str().unwrap_or("").to_owned();
    let parse_mode = p["parse_mode"].as_str().map(str::to_owned);
    if parse_mode.as_deref() == Some("HTML")
        && let Err(e) = tg_html::validate(&caption)
    {
        return err(400, &e, None);
    }
    if visible_len(&caption) > MAX_CAPTION {
        return err(400, "Bad Request: message caption is too long", None);
    }
    // An upload is named by `attach://<part name>`; anything else is a file id.
    let named = p["photo"].as_str().unwrap_or("");
    let upload = match named.strip_prefix("attach://") {
        Some(part) => files.iter().find(|f| f.name == part),
        None => files.iter().find(|f| f.name == "photo"),
    };
    let (bytes, file_id) = match (upload, named) {
        (Some(f), _) => (f.bytes.clone(), None),
        (None, id) if st.photo_ids.contains(id) => (Vec::new(), Some(id.to_owned())),
        _ => {
            return err(
                400,
                "Bad Request: wrong file identifier/HTTP URL specified",
                None,
            );
        }
    };
    if upload.is_some()
        && (!bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.len() > MAX_PHOTO_BYTES)
    {
        return err(400, "Bad Request: IMAGE_PROCESS_FAILED", None);
    }
    st.send_count += 1;
    let id = st.next_message_id;
    st.next_message_id += 1;
    let file_id = file_id.unwrap_or_else(|| format!("AgACAgfake{id}"));
    st.photo_ids.insert(file_id.clone());
    st.photos.push(Photo {
        chat_id: chat,
        message_id: id,
        caption: caption.clone(),
        parse_mode,
        png: bytes,
        file_id: file_id.clone(),
    });
    ok(json!({
        "message_id": id, "date": now_unix(), "chat": chat_json(chat), "from": bot_user(),
        "caption": caption,
        "photo": [{"file_id": file_id, "file_unique_id": format!("u{id}"),
                   "width": 1280, "height": 720, "file_size": 1000}]
    }))
}
