//! Input expansion: takes the command line's INPUTs and gives the list of sheets to extract,
//! in output order — files as given, directories as their sorted `*.pdf` (recursively with
//! `-r`), `-` as stdin. A path that cannot be used becomes a failed input at its place.

use std::fs;
use std::path::{Path, PathBuf};

/// Where one input's bytes come from.
#[derive(Debug, Clone)]
pub enum Origin {
    File(PathBuf),
    Stdin,
    /// The path cannot be read; the reason is reported in order with the others.
    Unusable(String),
}

/// One input of the batch.
#[derive(Debug, Clone)]
pub struct Input {
    /// The path as the user will see it in errors and in `source.file`.
    pub display: String,
    pub origin: Origin,
    /// Path of this input's own output file, relative to an output directory.
    pub output_stem: PathBuf,
}

/// Expand the command line's inputs.
pub fn expand(paths: &[PathBuf], recursive: bool) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input {
                display: "-".into(),
                origin: Origin::Stdin,
                output_stem: PathBuf::from("stdin"),
            });
        } else if path.is_dir() {
            expand_dir(path, recursive, &mut inputs);
        } else {
            let origin = if path.is_file() {
                Origin::File(path.clone())
            } else if path.exists() {
                Origin::Unusable("not a regular file".into())
            } else {
                Origin::Unusable("no such file or directory".into())
            };
            inputs.push(Input {
                display: path.display().to_string(),
                origin,
                output_stem: stem(Path::new(path.file_name().unwrap_or(path.as_os_str()))),
            });
        }
    }
    inputs
}

fn expand_dir(dir: &Path, recursive: bool, inputs: &mut Vec<Input>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    collect_pdfs(dir, recursive, &mut files, &mut errors);
    files.sort();
    if files.is_empty() && errors.is_empty() {
        errors.push((
            dir.to_path_buf(),
            "no *.pdf files in this directory".to_string(),
        ));
    }
    for (path, reason) in errors {
        inputs.push(Input {
            display: path.display().to_string(),
            origin: Origin::Unusable(reason),
            output_stem: PathBuf::new(),
        });
    }
    for file in files {
        let relative = file.strip_prefix(dir).unwrap_or(&file).to_path_buf();
        inputs.push(Input {
            display: file.display().to_string(),
            origin: Origin::File(file),
            output_stem: stem(&relative),
        });
    }
}

fn collect_pdfs(
    dir: &Path,
    recursive: bool,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<(PathBuf, String)>,
) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push((dir.to_path_buf(), format!("cannot read directory ({e})")));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // file_type does not follow symlinks, so a link loop cannot make the walk endless.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if recursive {
                collect_pdfs(&path, recursive, files, errors);
            }
        } else if is_pdf_name(&path) && path.is_file() {
            files.push(path);
        }
    }
}

/// `*.pdf`, extension compared case-insensitively.
fn is_pdf_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("pdf"))
}

/// The path without its `.pdf` extension.
fn stem(path: &Path) -> PathBuf {
    if is_pdf_name(path) {
        path.with_extension("")
    } else {
        path.to_path_buf()
    }
}

/// A path as written on stderr: a newline, tab or backslash as `\\n`, `\\t`, `\\\\`, so
/// that every message stays one line.
pub fn escape_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_extension_is_case_insensitive() {
        assert!(is_pdf_name(Path::new("a/b.PDF")));
        assert!(is_pdf_name(Path::new("b.pdf")));
        assert!(!is_pdf_name(Path::new("b.pdf.txt")));
        assert_eq!(stem(Path::new("x/a.Pdf")), PathBuf::from("x/a"));
    }
}
