//! Input expansion: takes the command line's INPUTs and gives the list of files to extract,
//! in output order — files as given, directories as their sorted `*.pdf` (recursively with
//! `-r`, following symbolic links to directories with `-L`, hidden names skipped), `-` as
//! stdin, FIFOs (`<(cat f.pdf)`) as streams. A path that cannot be used becomes a failed
//! input at its place. Each input also gets the path of its own output file under `-o DIR/`:
//! its path relative to the deepest common directory of the command-line inputs.

use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Component, Path, PathBuf};

/// Where one input's bytes come from.
#[derive(Debug, Clone)]
pub enum Origin {
    File(PathBuf),
    Stdin,
    /// A FIFO or other stream (process substitution): read by this process, like stdin.
    Stream(PathBuf),
    /// The path cannot be read; the reason is reported in order with the others.
    Unusable(String),
}

/// One input of the batch.
#[derive(Debug, Clone)]
pub struct Input {
    /// The path as given, for `source.file`: verbatim when it is UTF-8, invalid bytes as
    /// `\xNN`.
    pub display: String,
    /// The path on stderr: also newlines, tabs and backslashes escaped, one line always.
    pub shown: String,
    pub origin: Origin,
    /// Path of this input's own output file (without extension), relative to an output
    /// directory.
    pub output_stem: PathBuf,
    /// Device and inode of a regular file, to find the same file given twice.
    identity: Option<(u64, u64)>,
}

/// How directories are expanded.
#[derive(Debug, Clone, Copy)]
pub struct Expansion {
    pub recursive: bool,
    /// Follow symbolic links to directories (`-L`).
    pub follow: bool,
    /// File extensions taken from directories (compared case-insensitively).
    pub extensions: &'static [&'static str],
}

/// Directories give their PDFs.
pub const PDF: &[&str] = &["pdf"];
/// `series` also takes JSON and NDJSON written by the main command.
pub const PDF_OR_JSON: &[&str] = &["pdf", "json", "ndjson"];

/// The inputs, and information lines about them (a file given twice).
pub struct Expanded {
    pub inputs: Vec<Input>,
    pub notes: Vec<String>,
}

/// Expand the command line's inputs.
pub fn expand(paths: &[PathBuf], how: Expansion) -> Expanded {
    let base = common_base(paths);
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::new(
                Path::new("-"),
                Origin::Stdin,
                PathBuf::from("stdin"),
            ));
        } else if path.is_dir() {
            expand_dir(path, &base, how, &mut inputs);
        } else {
            inputs.push(Input::given(path, &base));
        }
    }
    let mut seen = HashSet::new();
    let mut notes = Vec::new();
    inputs.retain(|input| match input.identity {
        Some(id) if !seen.insert(id) => {
            notes.push(format!(
                "{}: given more than once, extracted once",
                input.shown
            ));
            false
        }
        _ => true,
    });
    Expanded { inputs, notes }
}

impl Input {
    fn new(path: &Path, origin: Origin, output_stem: PathBuf) -> Input {
        let identity = match &origin {
            Origin::File(p) => fs::metadata(p).ok().map(|m| (m.dev(), m.ino())),
            _ => None,
        };
        Input {
            display: display_name(path.as_os_str()),
            shown: escape_path(path.as_os_str()),
            origin,
            output_stem,
            identity,
        }
    }

    /// A file input, for the unit tests of other parts of the app.
    #[cfg(test)]
    pub fn test_file(path: &str) -> Input {
        let path = Path::new(path);
        Input::new(path, Origin::File(path.to_path_buf()), path.to_path_buf())
    }

    /// A file named on the command line.
    fn given(path: &Path, base: &Path) -> Input {
        let origin = match fs::metadata(path) {
            Ok(meta) if meta.is_file() => Origin::File(path.to_path_buf()),
            Ok(meta) if meta.file_type().is_fifo() || meta.file_type().is_char_device() => {
                Origin::Stream(path.to_path_buf())
            }
            Ok(_) => Origin::Unusable("not a regular file".into()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Origin::Unusable("no such file or directory".into())
            }
            Err(e) => Origin::Unusable(format!("cannot read ({e})")),
        };
        let stem = stem(&relative_to(&absolute(path), base));
        Input::new(path, origin, stem)
    }
}

fn expand_dir(dir: &Path, base: &Path, how: Expansion, inputs: &mut Vec<Input>) {
    let mut walk = Walk {
        how,
        files: Vec::new(),
        errors: Vec::new(),
        visited: HashSet::new(),
        skipped_dirs: false,
    };
    walk.dir(dir);
    walk.files.sort();
    if walk.files.is_empty() && walk.errors.is_empty() {
        let wanted: Vec<String> = how.extensions.iter().map(|e| format!("*.{e}")).collect();
        let hint = if walk.skipped_dirs {
            " (only sub-directories: use -r to read them)"
        } else {
            ""
        };
        walk.errors.push((
            dir.to_path_buf(),
            format!("no {} files in this directory{hint}", wanted.join(" or ")),
        ));
    }
    for (path, reason) in walk.errors {
        inputs.push(Input::new(&path, Origin::Unusable(reason), PathBuf::new()));
    }
    for file in walk.files {
        let stem = stem(&relative_to(&absolute(&file), base));
        inputs.push(Input::new(&file, Origin::File(file.clone()), stem));
    }
}

/// A directory walk: files with the wanted extensions, unreadable directories.
struct Walk {
    how: Expansion,
    files: Vec<PathBuf>,
    errors: Vec<(PathBuf, String)>,
    /// Device and inode of the directories entered (a link loop is entered once).
    visited: HashSet<(u64, u64)>,
    /// Whether sub-directories were passed over for want of `-r`.
    skipped_dirs: bool,
}

impl Walk {
    fn dir(&mut self, dir: &Path) {
        if let Ok(meta) = fs::metadata(dir)
            && !self.visited.insert((meta.dev(), meta.ino()))
        {
            return;
        }
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.errors
                    .push((dir.to_path_buf(), format!("cannot read directory ({e})")));
                return;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_name().as_bytes().starts_with(b".") {
                continue;
            }
            // file_type does not follow symlinks: a link is entered only with -L.
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let is_dir = kind.is_dir() || (self.how.follow && kind.is_symlink() && path.is_dir());
            if is_dir {
                if self.how.recursive {
                    self.dir(&path);
                } else {
                    self.skipped_dirs = true;
                }
            } else if has_extension(&path, self.how.extensions) && path.is_file() {
                self.files.push(path);
            }
        }
    }
}

/// Whether the path ends with one of `extensions`, compared case-insensitively.
fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .is_some_and(|ext| extensions.iter().any(|e| ext.eq_ignore_ascii_case(e)))
}

/// The path without its extension (`.pdf`, `.json`, `.ndjson`).
fn stem(path: &Path) -> PathBuf {
    if has_extension(path, PDF_OR_JSON) {
        path.with_extension("")
    } else {
        path.to_path_buf()
    }
}

/// The path made absolute against the working directory, `.` and `..` resolved lexically.
fn absolute(path: &Path) -> PathBuf {
    absolute_in(&std::env::current_dir().unwrap_or_default(), path)
}

/// The path made absolute against `cwd`, `.` and `..` resolved lexically.
fn absolute_in(cwd: &Path, path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The deepest directory holding every command-line input: a file counts by its parent
/// directory, a directory as itself.
fn common_base(paths: &[PathBuf]) -> PathBuf {
    let dirs: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .map(|p| {
            let abs = absolute(p);
            if p.is_dir() {
                abs
            } else {
                abs.parent().map(Path::to_path_buf).unwrap_or(abs)
            }
        })
        .collect();
    let Some(first) = dirs.first() else {
        return PathBuf::new();
    };
    let mut base: Vec<Component> = first.components().collect();
    for dir in &dirs[1..] {
        let shared = base
            .iter()
            .zip(dir.components())
            .take_while(|(a, b)| **a == *b)
            .count();
        base.truncate(shared);
    }
    base.iter().collect()
}

fn relative_to(path: &Path, base: &Path) -> PathBuf {
    path.strip_prefix(base)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.file_name().map(PathBuf::from).unwrap_or_default())
}

/// A name as `source.file` holds it: UTF-8 verbatim, other bytes as `\xNN`.
fn display_name(name: &OsStr) -> String {
    escape_bytes(name.as_bytes(), false)
}

/// A path as written on stderr: a newline, tab or backslash as `\n`, `\t`, `\\` and a byte
/// that is not UTF-8 as `\xNN`, so that every message stays one line.
pub fn escape_path(name: &OsStr) -> String {
    escape_bytes(name.as_bytes(), true)
}

fn escape_bytes(bytes: &[u8], controls: bool) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\n' if controls => out.push_str("\\n"),
                '\t' if controls => out.push_str("\\t"),
                '\\' if controls => out.push_str("\\\\"),
                _ => out.push(c),
            }
        }
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02X}"));
        }
    }
    out
}

/// Why the inputs cannot be written as asked: two inputs with one output file, or an
/// output that is an input (`dir`: the `-o DIR/`; `file`: the `-o FILE`). Hashed, so that
/// many inputs are checked in linear time.
pub fn output_clash(
    inputs: &[Input],
    dir: Option<(&Path, &str)>,
    file: Option<&Path>,
) -> Option<String> {
    let mut outputs: Vec<PathBuf> = Vec::new();
    if let Some((dir, extension)) = dir {
        let mut writers: HashMap<PathBuf, &Input> = HashMap::new();
        for input in inputs
            .iter()
            .filter(|i| !matches!(i.origin, Origin::Unusable(_)))
        {
            let out = super::sink::output_path(dir, input, extension);
            if let Some(other) = writers.insert(out.clone(), input) {
                return Some(format!(
                    "{} and {} would both be written to {}",
                    other.shown,
                    input.shown,
                    escape_path(out.as_os_str())
                ));
            }
            outputs.push(out);
        }
    }
    if !inputs.is_empty() {
        outputs.extend(file.map(Path::to_path_buf));
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut identities = HashSet::new();
    let mut paths = HashSet::new();
    for input in inputs {
        if let Origin::File(p) = &input.origin {
            identities.extend(input.identity);
            paths.insert(absolute_in(&cwd, p));
        }
    }
    let out = outputs.iter().find(|out| {
        let out_id = fs::metadata(out).ok().map(|m| (m.dev(), m.ino()));
        out_id.is_some_and(|id| identities.contains(&id)) || paths.contains(&absolute_in(&cwd, out))
    })?;
    Some(format!(
        "the output {} is one of the inputs",
        escape_path(out.as_os_str())
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_extension_is_case_insensitive() {
        assert!(has_extension(Path::new("a/b.PDF"), PDF));
        assert!(has_extension(Path::new("b.pdf"), PDF));
        assert!(!has_extension(Path::new("b.pdf.txt"), PDF));
        assert_eq!(stem(Path::new("x/a.Pdf")), PathBuf::from("x/a"));
    }

    #[test]
    fn names_are_escaped_for_stderr_and_kept_for_source() {
        let name = OsStr::from_bytes(b"a\nb\tc\\d\xff.pdf");
        assert_eq!(escape_path(name), "a\\nb\\tc\\\\d\\xFF.pdf");
        assert_eq!(display_name(name), "a\nb\tc\\d\\xFF.pdf");
    }

    #[test]
    fn common_base_of_files_and_directories() {
        let cwd = std::env::current_dir().unwrap();
        let base = common_base(&[PathBuf::from("yr/2023"), PathBuf::from("yr/2024/a.pdf")]);
        // yr/2023 is not a directory here, so it counts by its parent.
        assert_eq!(base, cwd.join("yr"));
        assert_eq!(
            relative_to(&cwd.join("yr/2024/a.pdf"), &base),
            PathBuf::from("2024/a.pdf")
        );
    }
}
