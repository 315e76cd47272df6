//! Where documents go, behind one trait ([`Sink`]): one output ([`StreamSink`]: stdout or
//! `-o FILE`, written atomically, in any format), one file per input in an output directory
//! ([`DirectorySink`]), or the series builder ([`SeriesSink`]). Each writes through the
//! library's format writers ([`sheet_extract::output::Writer`]); none ever parses JSON.

use std::fs;
use std::io::{self, BufWriter, Cursor, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use sheet_extract::Document;
use sheet_extract::output::{FormPiece, Options, Writer};
use sheet_extract::series::Builder;

use super::atomic::{self, AtomicFile};
use super::inputs::Input;
use super::panics;

/// Takes the documents of each input in input order, then is finished once.
pub trait Sink {
    /// Write the documents of one input (in page order). `Err(SinkError::File)` fails that
    /// input only; `Err(SinkError::Output)` stops the run.
    fn write(&mut self, input: &Input, documents: &[Document]) -> Result<(), SinkError>;
    /// Whether one input's documents may come in several writes (one output appended to);
    /// else they come in one.
    fn appends(&self) -> bool {
        false
    }
    /// A piece of an input's one form, written as it is read (a sink that [`Sink::appends`]);
    /// errors as for [`Sink::write`].
    fn write_form_piece(
        &mut self,
        _input: &Input,
        _piece: FormPiece,
        _form: &Document,
    ) -> Result<(), SinkError> {
        Err(SinkError::Output(io::Error::other(
            "this output takes whole documents",
        )))
    }
    /// One input's documents are all written (after its last write, unless that failed).
    fn end(&mut self, _input: &Input) -> Result<(), SinkError> {
        Ok(())
    }
    /// Close the output (the end of a JSON array, the workbook, the rename of `-o FILE`).
    fn finish(self: Box<Self>) -> io::Result<()>;
}

/// Why a write failed.
#[derive(Debug)]
pub enum SinkError {
    /// The one output (stdout or `-o FILE`): the run stops.
    Output(io::Error),
    /// One input's own output file: that input fails.
    File(PathBuf, io::Error),
}

/// Where one output's bytes go.
pub enum Out {
    Stdout(BufWriter<io::Stdout>),
    /// `-o FILE`, renamed into place when complete.
    File(AtomicFile),
    /// A workbook for stdout: a zip is built where it can seek, then copied (stdout may be a
    /// pipe).
    Memory(Cursor<Vec<u8>>),
}

impl Out {
    /// `path`, or stdout (through memory when the format must seek).
    pub fn open(path: Option<&Path>, seeks: bool) -> io::Result<Out> {
        Ok(match path {
            Some(path) => Out::File(AtomicFile::create(path)?),
            None if seeks => Out::Memory(Cursor::new(Vec::new())),
            None => Out::Stdout(BufWriter::new(io::stdout())),
        })
    }

    /// Complete the output: flush stdout, rename the file into place, copy the memory out.
    pub fn close(self) -> io::Result<()> {
        match self {
            Out::Stdout(mut w) => w.flush(),
            Out::File(f) => f.commit(),
            Out::Memory(bytes) => {
                let mut out = io::stdout().lock();
                out.write_all(bytes.get_ref())?;
                out.flush()
            }
        }
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Out::Stdout(w) => w.write(buf),
            Out::File(f) => f.write(buf),
            Out::Memory(m) => m.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Out::Stdout(w) => w.flush(),
            Out::File(f) => f.flush(),
            Out::Memory(m) => m.flush(),
        }
    }
}

impl Seek for Out {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        match self {
            Out::Stdout(_) => Err(io::ErrorKind::Unsupported.into()),
            Out::File(f) => f.seek(pos),
            Out::Memory(m) => m.seek(pos),
        }
    }
}

/// Every input's documents in one output.
pub struct StreamSink {
    writer: Box<dyn Writer<Out>>,
}

impl StreamSink {
    /// Documents to `path` or stdout; `array` as for [`Options::writer`].
    pub fn open(path: Option<&Path>, options: &Options, array: Option<bool>) -> io::Result<Self> {
        let seeks = options.format == sheet_extract::output::Format::Xlsx;
        let writer = options.writer(Out::open(path, seeks)?, array)?;
        Ok(StreamSink { writer })
    }
}

impl Sink for StreamSink {
    fn write(&mut self, _input: &Input, documents: &[Document]) -> Result<(), SinkError> {
        panics::quietly(|| self.writer.write(documents)).map_err(SinkError::Output)
    }

    fn appends(&self) -> bool {
        true
    }

    fn write_form_piece(
        &mut self,
        _input: &Input,
        piece: FormPiece,
        form: &Document,
    ) -> Result<(), SinkError> {
        panics::quietly(|| self.writer.write_form_piece(piece, form)).map_err(SinkError::Output)
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        panics::quietly(|| self.writer.finish())?.close()
    }
}

/// One file per input, named after it, each complete in itself: written into a temporary
/// as the input's documents come, renamed into place at the input's end.
pub struct DirectorySink {
    dir: PathBuf,
    options: Options,
    /// The current input's output: its path and writer.
    open: Option<(PathBuf, Box<dyn Writer<Out>>)>,
}

impl DirectorySink {
    pub fn open(dir: &Path, options: Options) -> io::Result<DirectorySink> {
        // Temporaries will be written: take the signals before any thread starts.
        super::signals::install();
        fs::create_dir_all(dir)?;
        Ok(DirectorySink {
            dir: dir.to_path_buf(),
            options,
            open: None,
        })
    }

    fn create(&self, path: &Path) -> io::Result<Box<dyn Writer<Out>>> {
        atomic::create_dirs_beneath(&self.dir, path)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        self.options
            .writer(Out::File(AtomicFile::create(path)?), None)
    }

    /// Write to `input`'s file (created at its first write) with `write`; an error drops the
    /// file (its temporary is removed when its writer drops).
    fn append(
        &mut self,
        input: &Input,
        write: impl FnOnce(&mut dyn Writer<Out>) -> io::Result<()>,
    ) -> Result<(), SinkError> {
        let path = output_path(&self.dir, input, self.options.format.extension());
        panics::quietly(|| {
            if self.open.is_none() {
                let writer = self.create(&path)?;
                self.open = Some((path.clone(), writer));
            }
            match &mut self.open {
                Some((_, writer)) => write(writer.as_mut()),
                None => Ok(()),
            }
        })
        .map_err(|e| {
            self.open = None;
            SinkError::File(path, e)
        })
    }
}

impl Sink for DirectorySink {
    /// An input without documents writes no file.
    fn write(&mut self, input: &Input, documents: &[Document]) -> Result<(), SinkError> {
        if documents.is_empty() {
            return Ok(());
        }
        self.append(input, |writer| writer.write(documents))
    }

    fn appends(&self) -> bool {
        true
    }

    fn write_form_piece(
        &mut self,
        input: &Input,
        piece: FormPiece,
        form: &Document,
    ) -> Result<(), SinkError> {
        self.append(input, |writer| writer.write_form_piece(piece, form))
    }

    fn end(&mut self, _input: &Input) -> Result<(), SinkError> {
        let Some((path, writer)) = self.open.take() else {
            return Ok(());
        };
        panics::quietly(|| writer.finish()?.close()).map_err(|e| SinkError::File(path, e))
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        Ok(())
    }
}

/// Measure sheets collected for `series`; other kinds are counted and skipped.
#[derive(Default)]
pub struct SeriesSink {
    pub builder: Builder,
    /// Project sheets skipped (series links measure sheets).
    pub skipped_projects: usize,
}

impl Sink for SeriesSink {
    fn write(&mut self, _input: &Input, documents: &[Document]) -> Result<(), SinkError> {
        for document in documents {
            match document {
                Document::Measure(sheet) => self.builder.add(sheet),
                Document::Project(_) | Document::Form(_) => self.skipped_projects += 1,
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        Ok(())
    }
}

/// `out/a.json` for `a.pdf`; subdirectories of a recursive input are kept.
pub fn output_path(dir: &Path, input: &Input, extension: &str) -> PathBuf {
    let mut name = dir.join(&input.output_stem).into_os_string();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}
