//! Where rendered sheets go: one stream (stdout or `-o FILE`), with the format's framing
//! around the sheets, or one file per input in an output directory.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use sheet_extract::output::{Format, Renderer};

use super::inputs::Input;

pub enum Sink {
    /// All sheets in one output.
    Stream {
        writer: Box<dyn Write>,
        renderer: Renderer,
        wrote_any: bool,
    },
    /// One file per input, named after it, each complete in itself.
    Directory { dir: PathBuf, renderer: Renderer },
}

impl Sink {
    /// A sink writing to stdout, or to the file `path`.
    pub fn stream(path: Option<&Path>, renderer: Renderer) -> io::Result<Sink> {
        let mut writer: Box<dyn Write> = match path {
            Some(path) => Box::new(BufWriter::new(File::create(path)?)),
            None => Box::new(BufWriter::new(io::stdout())),
        };
        writer.write_all(&renderer.begin())?;
        Ok(Sink::Stream {
            writer,
            renderer,
            wrote_any: false,
        })
    }

    pub fn directory(dir: &Path, renderer: Renderer) -> io::Result<Sink> {
        fs::create_dir_all(dir)?;
        Ok(Sink::Directory {
            dir: dir.to_path_buf(),
            renderer,
        })
    }

    /// Write one sheet's rendered bytes.
    pub fn write(&mut self, input: &Input, bytes: &[u8]) -> io::Result<()> {
        match self {
            Sink::Stream {
                writer,
                renderer,
                wrote_any,
            } => {
                if *wrote_any {
                    writer.write_all(renderer.separator())?;
                }
                writer.write_all(bytes)?;
                *wrote_any = true;
                writer.flush()
            }
            Sink::Directory { dir, renderer } => {
                let path = output_path(dir, input, renderer.format);
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                let mut file = BufWriter::new(File::create(&path)?);
                file.write_all(&renderer.begin())?;
                file.write_all(bytes)?;
                file.write_all(renderer.end(true))?;
                file.flush()
            }
        }
    }

    /// Close the output (the end of a JSON array).
    pub fn finish(self) -> io::Result<()> {
        if let Sink::Stream {
            mut writer,
            renderer,
            wrote_any,
        } = self
        {
            writer.write_all(renderer.end(wrote_any))?;
            writer.flush()?;
        }
        Ok(())
    }
}

/// `out/a.json` for `a.pdf`; subdirectories of a recursive input are kept.
fn output_path(dir: &Path, input: &Input, format: Format) -> PathBuf {
    let extension = match format {
        Format::Json => "json",
        Format::Ndjson => "ndjson",
        Format::Csv => "csv",
    };
    let mut name = dir.join(&input.output_stem).into_os_string();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}
