//! Stage 4 — **output**: takes [`Sheet`]s and gives the bytes users read: pretty JSON, one
//! NDJSON line, or the rows of one of SPEC.md's CSV tables (written from the row model of
//! [`table`], which every table format shares).
//!
//! Each sheet is rendered on its own (so that batches can render in parallel and stream);
//! the pieces around them (JSON array brackets, the CSV header, a BOM) come from
//! [`Renderer::begin`], [`Renderer::separator`] and [`Renderer::end`]; whether JSON is one
//! object or an array is the caller's choice ([`Renderer::frame`]).

pub mod csv;
pub mod table;
pub mod xlsx;

pub use table::Table;

use crate::model::Sheet;

/// Output format (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Ndjson,
    Csv,
}

impl Format {
    /// The file extension of an output in this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Ndjson => "ndjson",
            Format::Csv => "csv",
        }
    }
}

/// How a stream of sheets becomes one output.
#[derive(Debug, Clone, Copy)]
pub struct Renderer {
    pub format: Format,
    pub table: Table,
    /// Start CSV output with a UTF-8 byte-order mark.
    pub bom: bool,
}

impl Renderer {
    /// What comes before the first sheet; `array`: JSON sheets make an array.
    pub fn begin(&self, array: bool) -> Vec<u8> {
        match self.format {
            Format::Json if array => b"[\n".to_vec(),
            Format::Json | Format::Ndjson => Vec::new(),
            Format::Csv => {
                let mut out = if self.bom {
                    "\u{feff}".as_bytes().to_vec()
                } else {
                    Vec::new()
                };
                out.extend(csv::header(self.table));
                out
            }
        }
    }

    /// What comes between two sheets.
    pub fn separator(&self, array: bool) -> &'static [u8] {
        match self.format {
            Format::Json if array => b",\n",
            _ => b"",
        }
    }

    /// What comes after the last sheet.
    pub fn end(&self, array: bool, any_sheet: bool) -> &'static [u8] {
        match self.format {
            Format::Json if array && any_sheet => b"\n]\n",
            Format::Json if array => b"]\n",
            _ => b"",
        }
    }

    /// One sheet's bytes (JSON as one object, with its final newline).
    pub fn sheet(&self, sheet: &Sheet) -> Vec<u8> {
        match self.format {
            Format::Json => {
                let mut out = serde_json::to_string_pretty(sheet)
                    .expect("a Sheet always serialises")
                    .into_bytes();
                out.push(b'\n');
                out
            }
            Format::Ndjson => {
                let mut out = serde_json::to_vec(sheet).expect("a Sheet always serialises");
                out.push(b'\n');
                out
            }
            Format::Csv => csv::rows(sheet, self.table),
        }
    }

    /// A rendered sheet as it stands in the output: JSON inside an array is indented.
    pub fn frame(&self, rendered: &[u8], array: bool) -> Vec<u8> {
        match self.format {
            Format::Json if array => {
                let text = String::from_utf8_lossy(rendered);
                indent(text.trim_end_matches('\n'), "  ").into_bytes()
            }
            _ => rendered.to_vec(),
        }
    }
}

/// Prefix every line with `prefix` (no line of pretty JSON is inside a string).
fn indent(text: &str, prefix: &str) -> String {
    text.lines()
        .map(|line| format!("{prefix}{line}"))
        .collect::<Vec<_>>()
        .join("\n")
}
