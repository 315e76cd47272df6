//! Stage 4 — **output**: takes [`Sheet`]s and gives the bytes users read: pretty JSON, one
//! NDJSON line, or the rows of one of SPEC.md's three CSV tables.
//!
//! Each sheet is rendered on its own (so that batches can render in parallel and stream);
//! the pieces around them (JSON array brackets, the CSV header, a BOM) come from
//! [`Renderer::begin`], [`Renderer::separator`] and [`Renderer::end`].

pub mod csv;

use crate::model::Sheet;

/// Output format (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Ndjson,
    Csv,
}

/// CSV table (`--table`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Indicators,
    Projects,
    Text,
}

/// How a stream of sheets becomes one output.
#[derive(Debug, Clone, Copy)]
pub struct Renderer {
    pub format: Format,
    pub table: Table,
    /// Several sheets in one JSON output make an array.
    pub json_array: bool,
    /// Start CSV output with a UTF-8 byte-order mark.
    pub bom: bool,
}

impl Renderer {
    /// What comes before the first sheet.
    pub fn begin(&self) -> Vec<u8> {
        match self.format {
            Format::Json if self.json_array => b"[\n".to_vec(),
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
    pub fn separator(&self) -> &'static [u8] {
        match self.format {
            Format::Json if self.json_array => b",\n",
            _ => b"",
        }
    }

    /// What comes after the last sheet.
    pub fn end(&self, any_sheet: bool) -> &'static [u8] {
        match self.format {
            Format::Json if self.json_array && any_sheet => b"\n]\n",
            Format::Json if self.json_array => b"]\n",
            _ => b"",
        }
    }

    /// One sheet's bytes.
    pub fn sheet(&self, sheet: &Sheet) -> Vec<u8> {
        match self.format {
            Format::Json if self.json_array => indent(&pretty_json(sheet), "  ").into_bytes(),
            Format::Json => {
                let mut out = pretty_json(sheet).into_bytes();
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
}

fn pretty_json(sheet: &Sheet) -> String {
    serde_json::to_string_pretty(sheet).expect("a Sheet always serialises")
}

/// Prefix every line with `prefix` (no line of pretty JSON is inside a string).
fn indent(text: &str, prefix: &str) -> String {
    text.lines()
        .map(|line| format!("{prefix}{line}"))
        .collect::<Vec<_>>()
        .join("\n")
}
