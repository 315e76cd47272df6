//! Where rendered sheets go: one stream (stdout or `-o FILE`, written atomically), with the
//! format's framing around the sheets, or one file per input in an output directory.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use sheet_extract::Sheet;
use sheet_extract::output::Renderer;
use sheet_extract::output::xlsx::{self, XlsxBook};
use sheet_extract::series::Builder;

use super::atomic::{self, AtomicFile};
use super::inputs::Input;

/// Where a stream sink writes.
pub enum Stream {
    Stdout(BufWriter<io::Stdout>),
    File(AtomicFile),
}

impl Stream {
    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Stream::Stdout(w) => w,
            Stream::File(f) => f,
        }
    }
}

pub enum Sink {
    /// All sheets in one output.
    Stream {
        out: Stream,
        renderer: Renderer,
        /// Whether JSON sheets form an array; `None` until the single input's sheets are
        /// known (one sheet → one object).
        array: Option<bool>,
        wrote_any: bool,
    },
    /// One file per input, named after it, each complete in itself (a workbook each when
    /// `xlsx`).
    Directory {
        dir: PathBuf,
        renderer: Renderer,
        xlsx: bool,
    },
    /// Every sheet's rows in one workbook, saved at the end to `path` or stdout.
    Xlsx {
        book: Box<XlsxBook>,
        path: Option<PathBuf>,
    },
    /// Sheets (rendered as NDJSON) collected for `series`.
    Series(Builder),
}

impl Sink {
    /// A sink writing to stdout, or to the file `path`; `array` as for [`Sink::Stream`].
    pub fn stream(
        path: Option<&Path>,
        renderer: Renderer,
        array: Option<bool>,
    ) -> io::Result<Sink> {
        let out = match path {
            Some(path) => Stream::File(AtomicFile::create(path)?),
            None => Stream::Stdout(BufWriter::new(io::stdout())),
        };
        let mut sink = Sink::Stream {
            out,
            renderer,
            array,
            wrote_any: false,
        };
        if let Some(array) = array {
            sink.begin(array)?;
        }
        Ok(sink)
    }

    pub fn directory(dir: &Path, renderer: Renderer, xlsx: bool) -> io::Result<Sink> {
        // Temporaries will be written: take the signals before any thread starts.
        super::signals::install();
        fs::create_dir_all(dir)?;
        Ok(Sink::Directory {
            dir: dir.to_path_buf(),
            renderer,
            xlsx,
        })
    }

    /// One workbook for every sheet, saved to `path` (atomically) or stdout by `finish`.
    pub fn xlsx(path: Option<&Path>) -> io::Result<Sink> {
        Ok(Sink::Xlsx {
            book: Box::new(xlsx::sheets_workbook().map_err(io::Error::other)?),
            path: path.map(Path::to_path_buf),
        })
    }

    fn begin(&mut self, array: bool) -> io::Result<()> {
        if let Sink::Stream {
            out,
            renderer,
            array: slot,
            ..
        } = self
        {
            *slot = Some(array);
            out.writer().write_all(&renderer.begin(array))?;
        }
        Ok(())
    }

    /// Write the sheets of one input (rendered bytes, in page order). For a directory sink,
    /// `Err` names the file that could not be written and fails that input only.
    pub fn write(&mut self, input: &Input, sheets: &[&[u8]]) -> Result<(), SinkError> {
        match self {
            Sink::Stream { array: None, .. } => {
                self.begin(sheets.len() != 1).map_err(SinkError::Output)?;
                self.write(input, sheets)
            }
            Sink::Stream {
                out,
                renderer,
                array: Some(array),
                wrote_any,
            } => {
                let writer = out.writer();
                for bytes in sheets {
                    if *wrote_any {
                        writer
                            .write_all(renderer.separator(*array))
                            .map_err(SinkError::Output)?;
                    }
                    writer
                        .write_all(&renderer.frame(bytes, *array))
                        .map_err(SinkError::Output)?;
                    *wrote_any = true;
                }
                writer.flush().map_err(SinkError::Output)
            }
            Sink::Directory {
                dir,
                renderer,
                xlsx: false,
            } => {
                let path = output_path(dir, input, renderer.format.extension());
                atomic::create_dirs_beneath(dir, &path)
                    .and_then(|()| write_one(&path, renderer, sheets))
                    .map_err(|e| SinkError::File(path, e))
            }
            Sink::Directory {
                dir, xlsx: true, ..
            } => {
                let path = output_path(dir, input, "xlsx");
                atomic::create_dirs_beneath(dir, &path)
                    .and_then(|()| write_workbook(&path, sheets))
                    .map_err(|e| SinkError::File(path, e))
            }
            Sink::Xlsx { book, .. } => add_to_workbook(book, sheets).map_err(SinkError::Output),
            Sink::Series(builder) => {
                for line in sheets {
                    builder.add(&parse_sheet(line).map_err(SinkError::Output)?);
                }
                Ok(())
            }
        }
    }

    /// The series builder of a `series` sink.
    pub fn into_series(self) -> Option<Builder> {
        match self {
            Sink::Series(builder) => Some(builder),
            _ => None,
        }
    }

    /// Close the output (the end of a JSON array; the rename of `-o FILE`; the workbook).
    pub fn finish(self) -> io::Result<()> {
        if let Sink::Xlsx { book, path } = self {
            return save_workbook(*book, path.as_deref());
        }
        if let Sink::Stream {
            mut out,
            renderer,
            array,
            wrote_any,
        } = self
        {
            let array = match array {
                Some(array) => array,
                None => {
                    // No input gave any sheet: an empty array.
                    out.writer().write_all(&renderer.begin(true))?;
                    true
                }
            };
            out.writer().write_all(renderer.end(array, wrote_any))?;
            match out {
                Stream::Stdout(mut w) => w.flush()?,
                Stream::File(f) => f.commit()?,
            }
        }
        Ok(())
    }
}

/// Why a write failed.
#[derive(Debug)]
pub enum SinkError {
    /// The one output (stdout or `-o FILE`): the run stops.
    Output(io::Error),
    /// One input's own output file: that input fails.
    File(PathBuf, io::Error),
}

/// One input's complete output file, written atomically.
fn write_one(path: &Path, renderer: &Renderer, sheets: &[&[u8]]) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let array = sheets.len() != 1;
    let mut bytes = renderer.begin(array);
    for (i, sheet) in sheets.iter().enumerate() {
        if i > 0 {
            bytes.extend_from_slice(renderer.separator(array));
        }
        bytes.extend(renderer.frame(sheet, array));
    }
    bytes.extend_from_slice(renderer.end(array, !sheets.is_empty()));
    atomic::write(path, &bytes)
}

/// One input's workbook (its sheets rendered as NDJSON), written atomically.
fn write_workbook(path: &Path, sheets: &[&[u8]]) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut book = xlsx::sheets_workbook().map_err(io::Error::other)?;
    add_to_workbook(&mut book, sheets)?;
    save_workbook(book, Some(path))
}

/// A sheet as the workers send it (one NDJSON line).
fn parse_sheet(line: &[u8]) -> io::Result<Sheet> {
    serde_json::from_slice(line).map_err(io::Error::other)
}

/// Every table's rows of `sheets` (NDJSON lines) into a sheets workbook.
fn add_to_workbook(book: &mut XlsxBook, sheets: &[&[u8]]) -> io::Result<()> {
    for line in sheets {
        xlsx::add_sheet(book, &parse_sheet(line)?).map_err(io::Error::other)?;
    }
    Ok(())
}

/// Save a workbook to `path` (atomically) or to stdout (which may be a pipe: the zip is
/// built in memory first, as a pipe cannot seek).
pub fn save_workbook(book: XlsxBook, path: Option<&Path>) -> io::Result<()> {
    match path {
        Some(path) => {
            let mut file = AtomicFile::create(path)?;
            book.save(file.file_mut()).map_err(io::Error::other)?;
            file.commit()
        }
        None => {
            let mut zip = io::Cursor::new(Vec::new());
            book.save(&mut zip).map_err(io::Error::other)?;
            let mut out = io::stdout().lock();
            out.write_all(zip.get_ref())?;
            out.flush()
        }
    }
}

/// `out/a.json` for `a.pdf`; subdirectories of a recursive input are kept.
pub fn output_path(dir: &Path, input: &Input, extension: &str) -> PathBuf {
    let mut name = dir.join(&input.output_stem).into_os_string();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}
