//! Stage 4 — **output**: takes [`Document`]s and writes the bytes users read, one writer per
//! format side by side over one trait ([`Writer`]): pretty JSON or NDJSON ([`json`]), one of
//! SPEC.md's CSV tables ([`csv`]) and an Excel workbook ([`xlsx`]), the table formats written
//! from one row model ([`table`]). A writer takes the documents of one input at a time (so
//! that a batch streams in input order) and gives its output back at the end (to be
//! renamed into place, or copied to stdout). [`series`] holds the tables of `series`.

pub mod csv;
pub mod form_rows;
pub mod json;
pub mod project_tables;
pub mod series;
pub mod table;
pub mod xlsx;

use std::io::{self, Seek, Write};

pub use table::Table;

use crate::document::Document;

/// Output format (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Ndjson,
    Csv,
    Xlsx,
}

impl Format {
    /// The file extension of an output in this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Ndjson => "ndjson",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }
}

/// A piece of a form written as it is read, so that a long file's pages are not held: its
/// head (the form without pages), each page (the form holding that page), its end (the form
/// with its warnings and no page). The pieces make the same bytes as the whole form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormPiece {
    Open,
    Page,
    Close,
}

/// Writes documents in one format to `W`.
pub trait Writer<W> {
    /// The documents of one input, in page order.
    fn write(&mut self, documents: &[Document]) -> io::Result<()>;
    /// A piece of the one form of an input (see [`FormPiece`]); table formats write each
    /// page's rows.
    fn write_form_piece(&mut self, piece: FormPiece, form: &Document) -> io::Result<()> {
        match piece {
            FormPiece::Page => self.write(std::slice::from_ref(form)),
            FormPiece::Open | FormPiece::Close => Ok(()),
        }
    }
    /// Close the format (the end of a JSON array; the workbook) and give the output back.
    fn finish(self: Box<Self>) -> io::Result<W>;
}

/// How documents become one output.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub format: Format,
    /// The CSV table.
    pub table: Table,
    /// The worksheets of an xlsx workbook, in order.
    pub workbook: &'static [Table],
    /// Worksheets added to the workbook when they get rows.
    pub extra: &'static [Table],
    /// Start CSV output with a UTF-8 byte-order mark.
    pub bom: bool,
}

impl Options {
    /// A writer of this format on `out`. `array`: whether JSON documents form an array,
    /// `None` to decide from the first input (exactly one document → one object).
    pub fn writer<W: Write + Seek + Send + 'static>(
        &self,
        out: W,
        array: Option<bool>,
    ) -> io::Result<Box<dyn Writer<W>>> {
        Ok(match self.format {
            Format::Json => Box::new(json::JsonWriter::new(out, array)?),
            Format::Ndjson => Box::new(json::NdjsonWriter::new(out)),
            Format::Csv => Box::new(csv::CsvWriter::new(out, self.table, self.bom)?),
            Format::Xlsx => Box::new(xlsx::XlsxWriter::new(out, self.workbook, self.extra)?),
        })
    }
}
