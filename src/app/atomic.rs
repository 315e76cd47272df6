//! Output files written atomically: takes a final path and gives a writer to a temporary
//! file beside it, renamed over the final path only when complete. A failed or interrupted
//! run never leaves a truncated file under the final name and never destroys the previous
//! one: the temporary is removed when dropped uncommitted, and by [`remove_all`] when
//! SIGINT or SIGTERM stops the run. A temporary is named `.sheet-extract.PID-N.tmp` (short,
//! whatever the length of the final name); those left by a killed run (SIGKILL) are removed
//! by the next run writing into the same directory once their process is gone.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Temporaries not yet renamed or removed, for the signal handler's clean-up.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Distinguishes the temporaries of one process.
static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A temporary's name: prefix, process id, `-`, counter, suffix.
const TEMP_PREFIX: &str = ".sheet-extract.";
const TEMP_SUFFIX: &str = ".tmp";

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
        if target.file_name().is_none() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a file name",
            ));
        }
        remove_stale(&dir);
        let temporary = dir.join(format!(
            "{TEMP_PREFIX}{}-{}{TEMP_SUFFIX}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
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

impl Seek for AtomicFile {
    /// Flushes what is buffered, then seeks the temporary (for a workbook's zip).
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.writer.as_mut().expect("not committed").seek(pos)
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

/// Remove the temporaries of our naming in `dir` whose process is gone (a run killed by
/// SIGKILL); once per directory and run.
fn remove_stale(dir: &Path) {
    static CLEANED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    {
        let mut cleaned = CLEANED.lock().unwrap_or_else(|e| e.into_inner());
        if cleaned.iter().any(|d| d == dir) {
            return;
        }
        cleaned.push(dir.to_path_buf());
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temporary_pid) else {
            continue;
        };
        if !process_alive(pid) && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The process id in a temporary's name `.sheet-extract.PID-N.tmp`.
fn temporary_pid(name: &str) -> Option<i32> {
    let middle = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    let (pid, counter) = middle.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(pid) || !digits(counter) {
        return None;
    }
    pid.parse().ok().filter(|&p| p > 0)
}

/// Whether a process `pid` exists (a process of another user counts as alive).
fn process_alive(pid: i32) -> bool {
    // SAFETY: kill with signal 0 only checks for the process.
    let status = unsafe { libc::kill(pid, 0) };
    status == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Create the directories of `path` (an output file under `dir`) below `dir`, refusing to
/// go through a symbolic link there: a link planted inside the output tree must not send
/// outputs outside it. `dir` itself may be a link.
pub fn create_dirs_beneath(dir: &Path, path: &Path) -> io::Result<()> {
    let Ok(relative) = path.strip_prefix(dir) else {
        return Ok(());
    };
    let mut current = dir.to_path_buf();
    let parts: Vec<_> = relative.components().collect();
    for part in parts.iter().take(parts.len().saturating_sub(1)) {
        current.push(part);
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(io::Error::other(format!(
                    "{} is a symbolic link inside the output directory",
                    super::inputs::escape_path(current.as_os_str())
                )));
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => match fs::create_dir(&current) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
                _ => {}
            },
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_recognised() {
        assert_eq!(temporary_pid(".sheet-extract.123-4.tmp"), Some(123));
        assert_eq!(temporary_pid(".sheet-extract.123-.tmp"), None);
        assert_eq!(temporary_pid(".sheet-extract.-4.tmp"), None);
        assert_eq!(temporary_pid(".a.pdf.123-4.tmp"), None);
        assert_eq!(temporary_pid(".sheet-extract.0-4.tmp"), None);
    }
}
