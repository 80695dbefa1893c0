//! A small, size-limited tmpfs for storage-fault tests (a full disk that is really full).
//! Mounting needs root; where the machine refuses, [`Tmpfs::mount`] says so and the test
//! skips with a notice.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A mounted tmpfs, unmounted on drop.
pub struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` (e.g. "8m"), or `None` (with a notice) where not allowed.
    pub fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().expect("temp dir");
        let status = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0755"),
                "tmpfs",
            ])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status();
        if status.is_ok_and(|s| s.success()) {
            Some(Tmpfs { dir })
        } else {
            eprintln!("NOTICE: cannot mount a tmpfs here (not root?): storage-fault test skipped");
            None
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the file system: writes `filler` until the disk is full; returns its path.
    pub fn fill(&self) -> PathBuf {
        let path = self.path().join("filler");
        let mut f = std::fs::File::create(&path).expect("filler");
        let block = vec![0u8; 64 * 1024];
        while f.write_all(&block).is_ok() {}
        let small = [0u8; 512];
        while f.write_all(&small).is_ok() {}
        let _ = f.flush();
        path
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}
