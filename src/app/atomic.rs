//! Output files written atomically: takes a final path and gives a writer to a temporary
//! file beside it, renamed over the final path only when complete. A failed or interrupted
//! run never leaves a truncated file under the final name and never destroys the previous
//! one: the temporary is removed when dropped uncommitted, and by [`remove_all`] when a
//! signal stops the run.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Temporaries not yet renamed or removed, for the signal handler's clean-up.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Distinguishes the temporaries of one process.
static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A file being written under a temporary name.
pub struct AtomicFile {
    writer: Option<BufWriter<File>>,
    temporary: PathBuf,
    target: PathBuf,
}

impl AtomicFile {
    /// Start writing `path`: a symbolic link is written through to where it points; the mode
    /// is that of the file replaced, else 0666 less the umask.
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        super::signals::install();
        let target = resolve_links(path)?;
        let dir = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
        let mut temp_name = std::ffi::OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(
            ".{}-{}.tmp",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        let temporary = dir.join(temp_name);
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o666)
            .open(&temporary)?;
        lock_live().push(temporary.clone());
        if let Ok(meta) = fs::metadata(&target) {
            let _ = file.set_permissions(fs::Permissions::from_mode(meta.permissions().mode()));
        }
        Ok(AtomicFile {
            writer: Some(BufWriter::new(file)),
            temporary,
            target,
        })
    }

    /// The temporary file itself (for writers that need to seek, such as a workbook's).
    pub fn file_mut(&mut self) -> &mut File {
        self.writer.as_mut().expect("not committed").get_mut()
    }

    /// Flush, sync and rename over the final path.
    pub fn commit(mut self) -> io::Result<()> {
        let writer = self.writer.take().expect("not yet committed");
        let file = writer.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        fs::rename(&self.temporary, &self.target)?;
        forget(&self.temporary);
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.as_mut().expect("not committed").write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.writer.as_mut().expect("not committed").flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            let _ = fs::remove_file(&self.temporary);
            forget(&self.temporary);
        }
    }
}

/// Write `bytes` to `path` atomically.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// Remove every temporary still open (called when a signal stops the run).
pub fn remove_all() {
    if let Ok(live) = LIVE.try_lock() {
        for path in live.iter() {
            let _ = fs::remove_file(path);
        }
    }
}

fn lock_live() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

fn forget(temporary: &Path) {
    lock_live().retain(|p| p != temporary);
}

/// Follow symbolic links (up to a bound) to the path a write should replace.
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}
