//! CSV: one of SPEC.md's tables ([`Table`]) as RFC 4180 text with CRLF line ends (the `csv`
//! crate), written from the row model of [`super::table`]: numbers print as in JSON, null
//! is an empty field, booleans are `true`/`false`.

use super::table::{Field, Table};
use crate::model::Sheet;

/// The header line of `table`.
pub fn header(table: Table) -> Vec<u8> {
    write_records(std::iter::once(
        table.columns().iter().map(|c| c.to_string()).collect(),
    ))
}

/// The rows `sheet` contributes to `table`, without header.
pub fn rows(sheet: &Sheet, table: Table) -> Vec<u8> {
    write_records(
        table
            .rows(sheet)
            .into_iter()
            .map(|row| row.iter().map(Field::to_csv).collect()),
    )
}

/// Any rows of strings as CSV records.
pub fn write_records(records: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for record in records {
        writer
            .write_record(&record)
            .expect("writing to memory cannot fail");
    }
    writer.into_inner().expect("writing to memory cannot fail")
}
