//! The SQLite database file under the process: removed, replaced or made read-only while the
//! pool has it open, SQLite would go on writing to the old file (unlinked, so lost at the next
//! start) or refuse, depending on where the write lands. So before a write the path is
//! `stat`ed and compared with the file opened at start; any difference stops the write with a
//! clear `Unavailable` error instead of a silent success.

use crate::{Result, StoreError};
use std::path::{Path, PathBuf};

/// The file opened at connect time.
#[derive(Debug, Clone)]
pub(crate) struct DbFile {
    path: PathBuf,
    /// Device and inode at connect time (Unix).
    id: Option<(u64, u64)>,
}

#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

impl DbFile {
    /// The file at `path` as it is now (after the pool opened it).
    pub fn opened(path: &Path) -> DbFile {
        let id = std::fs::metadata(path).ok().and_then(|m| identity(&m));
        DbFile {
            path: path.to_owned(),
            id,
        }
    }

    /// `Ok` when the path still names the file opened at start and it is writable.
    pub fn check(&self) -> Result<()> {
        let shown = self.path.display();
        let meta = match std::fs::metadata(&self.path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::Unavailable(format!(
                    "the database file {shown} was removed while open: writes are stopped (they \
                     would be lost); put it back or restart with a new one"
                )));
            }
            Err(e) => {
                return Err(StoreError::Unavailable(format!(
                    "cannot check the database file {shown}: {e}"
                )));
            }
        };
        if self.id.is_some() && identity(&meta) != self.id {
            return Err(StoreError::Unavailable(format!(
                "the database file {shown} was replaced while open: writes are stopped; restart \
                 to use the new file"
            )));
        }
        if meta.permissions().readonly() {
            return Err(StoreError::Unavailable(format!(
                "the database file {shown} is read-only: writes are stopped until it is writable"
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removed_replaced_and_read_only_files_are_refused() {
        let dir = std::env::temp_dir().join(format!("cw-dbfile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("x.db");
        std::fs::write(&path, b"x").unwrap();
        // Held open like SQLite holds it (so its inode is not reused).
        let _open = std::fs::File::open(&path).unwrap();
        let f = DbFile::opened(&path);
        assert!(f.check().is_ok());
        let mut perms = std::fs::metadata(&path).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&path, perms.clone()).unwrap();
        assert!(f.check().unwrap_err().to_string().contains("read-only"));
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        std::fs::set_permissions(&path, perms).unwrap();
        std::fs::remove_file(&path).unwrap();
        let err = f.check().unwrap_err();
        assert!(
            err.is_unavailable() && err.to_string().contains("removed"),
            "{err}"
        );
        std::fs::write(&path, b"y").unwrap();
        // A new file at the same path is not the one the pool has open.
        let err = f.check().unwrap_err().to_string();
        assert!(err.contains("replaced") || cfg!(not(unix)), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
