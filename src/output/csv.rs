//! CSV: one table ([`Table`]) as RFC 4180 text with CRLF line ends (the `csv` crate),
//! written from the row model of [`super::table`]: numbers print as in JSON, null is an
//! empty field, booleans are `true`/`false`. With a byte-order mark (`--bom`: the CSV meant
//! for Excel) the output starts with U+FEFF, and a text cell starting with `=`, `+`, `-` or
//! `@` gets a `'` before it, so that Excel shows it as text rather than run it as a formula
//! (numbers are never prefixed).

use std::io::{self, Write};

use super::Writer;
use super::table::{Field, Table};
use crate::document::Document;

/// One CSV table: the header at once, then the rows of each document.
pub struct CsvWriter<W: Write> {
    records: ::csv::Writer<W>,
    table: Table,
    /// Prefix text cells that Excel would take for a formula (with `--bom`).
    guard: bool,
}

impl<W: Write> CsvWriter<W> {
    /// Start the table `table` on `out` (its byte-order mark when `bom`, then the header).
    pub fn new(out: W, table: Table, bom: bool) -> io::Result<CsvWriter<W>> {
        CsvWriter::with_columns(out, table.columns(), bom).map(|records| CsvWriter {
            records,
            table,
            guard: bom,
        })
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

/// Write one row of typed fields; `guard`: prefix text cells that start a formula.
pub fn write_row<W: Write>(
    records: &mut ::csv::Writer<W>,
    row: &[Field],
    guard: bool,
) -> io::Result<()> {
    let cell = |field: &Field| match field {
        Field::Text(text) if guard && text.starts_with(['=', '+', '-', '@']) => format!("'{text}"),
        field => field.to_csv(),
    };
    records
        .write_record(row.iter().map(cell))
        .map_err(io::Error::from)
}

impl<W: Write> Writer<W> for CsvWriter<W> {
    fn write(&mut self, documents: &[Document]) -> io::Result<()> {
        for document in documents {
            for row in self.table.rows(document) {
                write_row(&mut self.records, &row, self.guard)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::Number;

    fn row(guard: bool) -> String {
        let mut records = ::csv::Writer::from_writer(Vec::new());
        let fields = [
            Field::Text("=1+1".into()),
            Field::Text("+81".into()),
            Field::Text("-".into()),
            Field::Text("@x".into()),
            Field::Text("4-1".into()),
            Field::Number(Number::Integer(-3)),
            Field::Integer(-1),
        ];
        write_row(&mut records, &fields, guard).unwrap();
        String::from_utf8(records.into_inner().unwrap()).unwrap()
    }

    #[test]
    fn text_that_starts_a_formula_is_prefixed_for_excel_and_numbers_never() {
        assert_eq!(row(true), "'=1+1,'+81,'-,'@x,4-1,-3,-1\n");
        assert_eq!(row(false), "=1+1,+81,-,@x,4-1,-3,-1\n");
    }
}
