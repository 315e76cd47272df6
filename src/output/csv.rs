//! CSV: one table ([`Table`]) as RFC 4180 text with CRLF line ends (the `csv` crate),
//! written from the row model of [`super::table`]: numbers print as in JSON, null is an
//! empty field, booleans are `true`/`false`. With a byte-order mark (`--bom`, for Excel) the
//! output starts with U+FEFF.

use std::io::{self, Write};

use super::Writer;
use super::table::{Field, Table};
use crate::document::Document;

/// One CSV table: the header at once, then the rows of each document.
pub struct CsvWriter<W: Write> {
    records: ::csv::Writer<W>,
    table: Table,
}

impl<W: Write> CsvWriter<W> {
    /// Start the table `table` on `out` (its byte-order mark when `bom`, then the header).
    pub fn new(out: W, table: Table, bom: bool) -> io::Result<CsvWriter<W>> {
        CsvWriter::with_columns(out, table.columns(), bom)
            .map(|records| CsvWriter { records, table })
    }

    /// A CSV writer for any columns (tables other than a document's, such as a series').
    pub fn with_columns(mut out: W, columns: &[&str], bom: bool) -> io::Result<::csv::Writer<W>> {
        if bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut records = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(out);
        records.write_record(columns)?;
        Ok(records)
    }
}

/// Write one row of typed fields.
pub fn write_row<W: Write>(records: &mut ::csv::Writer<W>, row: &[Field]) -> io::Result<()> {
    records
        .write_record(row.iter().map(Field::to_csv))
        .map_err(io::Error::from)
}

impl<W: Write> Writer<W> for CsvWriter<W> {
    fn write(&mut self, documents: &[Document]) -> io::Result<()> {
        for document in documents {
            for row in self.table.rows(document) {
                write_row(&mut self.records, &row)?;
            }
        }
        self.records.flush()
    }

    fn finish(self: Box<Self>) -> io::Result<W> {
        self.records
            .into_inner()
            .map_err(|e| io::Error::new(e.error().kind(), e.error().to_string()))
    }
}
