//! `file://` sources: read under the same size cap as HTTP bodies; the file's modification
//! time plays the part of `Last-Modified`, so an unchanged file costs no parsing.

use super::{FetchError, Fetched, FetchedBody, Validators};
use std::path::Path;
use tokio::io::AsyncReadExt;

/// The modification time in HTTP-date form, when the file system has one.
fn modified_stamp(meta: &std::fs::Metadata) -> Option<String> {
    let modified = meta.modified().ok()?;
    let t: chrono::DateTime<chrono::Utc> = modified.into();
    Some(t.format("%a, %d %b %Y %H:%M:%S%.3f GMT").to_string())
}

fn file_error(path: &Path, e: std::io::Error) -> FetchError {
    FetchError::File(format!("{}: {e}", path.display()))
}

/// Reads `path` unless its modification time equals `validators.last_modified`.
pub(super) async fn read_file(
    path: &Path,
    validators: &Validators,
    cap: u64,
) -> Result<Fetched, FetchError> {
    let meta = tokio::fs::metadata(path)
        .await
        .map_err(|e| file_error(path, e))?;
    if !meta.is_file() {
        return Err(FetchError::File(format!(
            "{} is not a file",
            path.display()
        )));
    }
    if meta.len() > cap {
        return Err(FetchError::TooLarge { limit: cap });
    }
    let stamp = modified_stamp(&meta);
    if stamp.is_some() && stamp == validators.last_modified {
        return Ok(Fetched::NotModified);
    }
    let file = tokio::fs::File::open(path)
        .await
        .map_err(|e| file_error(path, e))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The file may grow between the size check and the read: read one byte past the cap.
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .await
        .map_err(|e| file_error(path, e))?;
    if bytes.len() as u64 > cap {
        return Err(FetchError::TooLarge { limit: cap });
    }
    Ok(Fetched::Body(FetchedBody {
        bytes,
        content_type: None,
        validators: Validators {
            etag: None,
            last_modified: stamp,
        },
        final_url: url::Url::from_file_path(path)
            .map(|u| u.to_string())
            .unwrap_or_default(),
        retry_after: None,
    }))
}
