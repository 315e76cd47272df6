//! The messages between the parent and a worker process, as the library's own types
//! (serde, JSON in length-prefixed frames): the worker's configuration is the first message
//! it reads, then one [`Request`] per input; it answers each with [`Message`]s — a unit of
//! work begins (a sheet, or a page of a form), its outcome (a [`Document`] or an
//! [`ExtractError`]), and the end of the file. An input's bytes, when they do not come from a
//! path, follow their request as one raw frame.

use std::io::{self, Read, Write};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use sheet_extract::book::PageSelection;
use sheet_extract::pdf::PageLimits;
use sheet_extract::{Document, ExtractError, Limits};

/// Largest frame accepted on the pipe.
const MAX_FRAME: u64 = 1 << 32;

/// What a worker reads its inputs as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Evaluation sheets (the main command); a unit is a sheet.
    Sheets,
    /// Sheets, or JSON/NDJSON written by the main command (`series`).
    SheetsOrJson,
    /// Any form, page by page (`form`); a unit is a page.
    Form,
}

/// What a worker needs to know besides the inputs.
#[derive(Debug, Clone, Copy)]
pub struct WorkerConfig {
    pub stage: Stage,
    pub limits: Limits,
    /// Time limit per unit (between two messages of one file).
    pub timeout: Duration,
    /// Threads interpreting the pages of one file.
    pub threads: usize,
}

/// [`WorkerConfig`] on the pipe: every field of the limits, by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfigWire {
    stage: Stage,
    max_input_bytes: u64,
    max_pages: usize,
    max_stream_bytes: u64,
    max_glyphs: usize,
    max_segments: usize,
    pages: String,
    timeout_ms: u64,
    threads: usize,
}

impl From<&WorkerConfig> for ConfigWire {
    fn from(config: &WorkerConfig) -> ConfigWire {
        let Limits {
            max_input_bytes,
            max_pages,
            max_stream_bytes,
            page:
                PageLimits {
                    max_glyphs,
                    max_segments,
                },
            pages,
        } = config.limits;
        ConfigWire {
            stage: config.stage,
            max_input_bytes,
            max_pages,
            max_stream_bytes,
            max_glyphs,
            max_segments,
            pages: pages.to_arg(),
            timeout_ms: config.timeout.as_millis() as u64,
            threads: config.threads,
        }
    }
}

impl TryFrom<ConfigWire> for WorkerConfig {
    type Error = String;

    fn try_from(wire: ConfigWire) -> Result<WorkerConfig, String> {
        Ok(WorkerConfig {
            stage: wire.stage,
            limits: Limits {
                max_input_bytes: wire.max_input_bytes,
                max_pages: wire.max_pages,
                max_stream_bytes: wire.max_stream_bytes,
                page: PageLimits {
                    max_glyphs: wire.max_glyphs,
                    max_segments: wire.max_segments,
                },
                pages: PageSelection::parse(&wire.pages)?,
            },
            timeout: Duration::from_millis(wire.timeout_ms),
            threads: wire.threads,
        })
    }
}

/// One input to extract, resuming at file page `resume_from` (0-based).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub resume_from: usize,
    /// The input as it is named in `source.file` and messages.
    pub display: String,
    pub input: InputRef,
}

/// Where a request's bytes are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum InputRef {
    /// A file the worker reads itself (the path's bytes).
    Path(Vec<u8>),
    /// The bytes follow the request as a raw frame (stdin, a stream).
    Bytes,
}

/// What extraction of one file reports, in order: for each unit `Begin` then `Unit`, then
/// `End` once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Message {
    /// A unit's pages are read and its stage starts on them (`last_page`: 0-based).
    Begin {
        pages: String,
        last_page: usize,
    },
    Unit(Box<UnitOutcome>),
    /// The file is done: the pages that hold no sheet (0-based), or why it failed as a whole.
    End {
        no_sheet_pages: Vec<usize>,
        failure: Option<ExtractError>,
    },
}

/// What became of one unit of a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitOutcome {
    /// `pages 31-33`: where the unit is in its file.
    pub pages: String,
    pub result: Result<Extracted, ExtractError>,
}

/// A document, and whether its warnings are to be reported (a sheet read back from JSON
/// reports none: they were reported when it was extracted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extracted {
    #[serde(with = "tagged")]
    pub document: Document,
    pub report_warnings: bool,
    /// What the document is of its file's output.
    #[serde(default)]
    pub part: Part,
}

impl Extracted {
    /// A whole document (a sheet).
    pub fn whole(document: Document, report_warnings: bool) -> Extracted {
        Extracted {
            document,
            report_warnings,
            part: Part::Whole,
        }
    }
}

/// What a unit's document is of its file's output: a form is sent page by page (each part
/// a form holding that page and the file's source), then its end (the source and the
/// warnings, no page), so that it can be written as it is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    #[default]
    Whole,
    FormPage,
    FormEnd,
}

/// A document tagged by its kind on the pipe (no look-ahead when read back).
mod tagged {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use sheet_extract::Document;
    use sheet_extract::document::Tagged;

    pub fn serialize<S: Serializer>(document: &Document, s: S) -> Result<S::Ok, S::Error> {
        document.tagged().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Document, D::Error> {
        Tagged::deserialize(d).map(Document::from)
    }
}

/// A message to a worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// The first message: the configuration.
    Config(ConfigWire),
    Extract(Request),
}

/// Write one value as a JSON frame.
pub fn send<T: Serialize>(w: &mut impl Write, value: &T) -> io::Result<()> {
    let json = serde_json::to_vec(value)?;
    write_frame(w, &json)?;
    w.flush()
}

/// Read one JSON frame; `Ok(None)` at a clean end of input.
pub fn receive<T: for<'de> Deserialize<'de>>(r: &mut impl Read) -> io::Result<Option<T>> {
    match read_frame(r)? {
        Some(json) => Ok(Some(serde_json::from_slice(&json)?)),
        None => Ok(None),
    }
}

/// A frame: its length (u64, little-endian), then its bytes.
pub fn write_frame(w: &mut impl Write, data: &[u8]) -> io::Result<()> {
    w.write_all(&(data.len() as u64).to_le_bytes())?;
    w.write_all(data)
}

/// One frame; `Ok(None)` when the input ends before it starts.
pub fn read_frame(r: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut length = [0u8; 8];
    match r.read(&mut length[..1])? {
        0 => return Ok(None),
        _ => r.read_exact(&mut length[1..])?,
    }
    let length = u64::from_le_bytes(length);
    if length > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "frame too large",
        ));
    }
    let mut data = Vec::new();
    r.take(length).read_to_end(&mut data)?;
    if data.len() as u64 != length {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(Some(data))
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use sheet_extract::model::Sheet;

    /// A sheet from an expected file (which has no `source`).
    pub fn test_sheet(expected: &str) -> Sheet {
        let mut value: serde_json::Value = serde_json::from_str(expected).unwrap();
        value["source"] = serde_json::json!({
            "file": "a.pdf", "first_page": 1, "pages": 2, "sha256": "00"
        });
        serde_json::from_value(value).unwrap()
    }

    fn round_trip<T: Serialize + for<'de> Deserialize<'de>>(value: &T) -> T {
        let mut pipe = Vec::new();
        send(&mut pipe, value).unwrap();
        let mut reader = pipe.as_slice();
        let back = receive(&mut reader).unwrap().unwrap();
        assert!(receive::<T>(&mut reader).unwrap().is_none());
        back
    }

    #[test]
    fn messages_cross_the_pipe_as_the_library_types() {
        let sheet: Sheet = test_sheet(include_str!(
            "../../../fixtures/kitakami-r6-4-1.expected.json"
        ));
        let messages = [
            Message::Begin {
                pages: "pages 3-4".into(),
                last_page: 3,
            },
            Message::Unit(Box::new(UnitOutcome {
                pages: "pages 3-4".into(),
                result: Ok(Extracted::whole(Document::Measure(sheet), true)),
            })),
            Message::Unit(Box::new(UnitOutcome {
                pages: "page 5".into(),
                result: Err(ExtractError::Limit("too many glyphs".into())),
            })),
            Message::End {
                no_sheet_pages: vec![0, 1],
                failure: Some(ExtractError::NotASheet("no header".into())),
            },
        ];
        for message in &messages {
            assert_eq!(&round_trip(message), message);
        }
    }

    #[test]
    fn the_configuration_keeps_every_field() {
        let config = WorkerConfig {
            stage: Stage::Form,
            limits: Limits {
                max_input_bytes: 7,
                max_pages: 9,
                max_stream_bytes: 11,
                page: PageLimits {
                    max_glyphs: 13,
                    max_segments: 17,
                },
                pages: PageSelection::parse("1-3,7,12-").unwrap(),
            },
            timeout: Duration::from_millis(1500),
            threads: 3,
        };
        let wire = round_trip(&ToWorker::Config(ConfigWire::from(&config)));
        let ToWorker::Config(wire) = wire else {
            panic!("not a configuration: {wire:?}")
        };
        let back = WorkerConfig::try_from(wire.clone()).unwrap();
        assert_eq!(ConfigWire::from(&back), wire);
        assert_eq!(back.limits.pages, config.limits.pages);
        assert_eq!(back.limits.page.max_segments, 17);
        assert_eq!(back.timeout, Duration::from_millis(1500));
    }

    #[test]
    fn a_truncated_frame_is_an_error_and_an_empty_pipe_the_end() {
        let mut pipe = Vec::new();
        write_frame(&mut pipe, b"{\"Begin\"").unwrap();
        pipe.truncate(pipe.len() - 2);
        assert!(read_frame(&mut pipe.as_slice()).is_err());
        assert!(read_frame(&mut [].as_slice()).unwrap().is_none());
    }
}
