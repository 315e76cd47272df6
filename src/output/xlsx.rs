//! xlsx: SPEC.md's tables as one Excel workbook (`rust_xlsxwriter`, constant-memory
//! worksheets: rows go to temporary files as they are written, so memory stays flat),
//! written from the same row model as CSV ([`Field`]): numbers as numbers (decimals keep
//! their printed places through the cell format: 16.0 shows as 16.0), booleans as booleans,
//! null as an empty cell, everything else as text (`4-1` never becomes a date). Each
//! worksheet has a bold frozen header row, an autofilter and column widths that fit its
//! text (East Asian wide characters count twice); a table longer than a worksheet continues
//! in `NAME (2)`, ….

use std::io::{self, Seek, SeekFrom, Write};

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::Writer;
use super::table::{Field, Table};
use crate::document::Document;
use crate::values::Number;

/// Rows of one worksheet, the header included (Excel's limit).
pub const MAX_ROWS: u32 = 1_048_576;
/// Widest column, in character widths.
const MAX_COLUMN_WIDTH: f64 = 60.0;

/// One table being written: its current worksheet and what the widths need.
struct TableSheet {
    name: String,
    columns: Vec<String>,
    /// Index of the current worksheet in the workbook.
    worksheet: usize,
    /// Rows written to the current worksheet (the header included).
    rows: u32,
    /// Which worksheet of the table this is (1, 2, …).
    part: u32,
    /// Widest text per column so far, in character widths.
    widths: Vec<usize>,
}

/// A workbook being written, one table per worksheet.
pub struct XlsxBook {
    workbook: Workbook,
    tables: Vec<TableSheet>,
    bold: Format,
    /// Cell formats for decimals, by number of decimal places.
    decimals: Vec<Format>,
    max_rows: u32,
}

impl XlsxBook {
    /// A workbook with one worksheet per `(name, columns)`, in that order.
    pub fn new(tables: &[(&str, &[&str])]) -> Result<XlsxBook, XlsxError> {
        XlsxBook::with_max_rows(tables, MAX_ROWS)
    }

    /// As [`XlsxBook::new`], continuing a table on a new worksheet after `max_rows` rows
    /// (tests use a small number).
    pub fn with_max_rows(tables: &[(&str, &[&str])], max_rows: u32) -> Result<XlsxBook, XlsxError> {
        let mut book = XlsxBook {
            workbook: Workbook::new(),
            tables: Vec::new(),
            bold: Format::new().set_bold(),
            decimals: (0..=6)
                .map(|places| Format::new().set_num_format(decimal_format(places)))
                .collect(),
            max_rows: max_rows.max(2),
        };
        for (name, columns) in tables {
            book.add_table(name, columns)?;
        }
        Ok(book)
    }

    /// A new worksheet after the others; gives its table's index.
    pub fn add_table(&mut self, name: &str, columns: &[&str]) -> Result<usize, XlsxError> {
        guarded(|| self.add_table_unguarded(name, columns))
    }

    fn add_table_unguarded(&mut self, name: &str, columns: &[&str]) -> Result<usize, XlsxError> {
        self.tables.push(TableSheet {
            name: name.to_string(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            worksheet: 0,
            rows: 0,
            part: 0,
            widths: columns.iter().map(|c| display_width(c)).collect(),
        });
        self.start_worksheet(self.tables.len() - 1)?;
        Ok(self.tables.len() - 1)
    }

    /// Append one row to table `table` (its index in the order given to `new`).
    pub fn write_row(&mut self, table: usize, row: &[Field]) -> Result<(), XlsxError> {
        guarded(|| self.write_row_unguarded(table, row))
    }

    fn write_row_unguarded(&mut self, table: usize, row: &[Field]) -> Result<(), XlsxError> {
        if self.tables[table].rows >= self.max_rows {
            self.finish_worksheet(table)?;
            self.start_worksheet(table)?;
        }
        let t = &mut self.tables[table];
        let at = t.rows;
        t.rows += 1;
        for (col, field) in row.iter().enumerate() {
            if let Some(width) = t.widths.get_mut(col) {
                *width = (*width).max(display_width(&field.to_csv()));
            }
        }
        let worksheet = self.workbook.worksheet_from_index(t.worksheet)?;
        for (col, field) in row.iter().enumerate() {
            write_field(worksheet, at, col as u16, field, &self.decimals)?;
        }
        Ok(())
    }

    /// Finish every worksheet and write the workbook to `out`. The first error writing
    /// `out` is the result, and nothing more is written to it (the zip writer, dropped after
    /// an error, would try to finish the archive and print its own failure on stderr).
    pub fn save<W: Write + Seek + Send>(self, out: W) -> Result<(), XlsxError> {
        let mut out = FirstError::new(out);
        let saved = guarded(|| self.save_unguarded(&mut out));
        match out.error {
            Some(first) => Err(XlsxError::IoError(first)),
            None => saved,
        }
    }

    fn save_unguarded<W: Write + Seek + Send>(mut self, out: W) -> Result<(), XlsxError> {
        for table in 0..self.tables.len() {
            self.finish_worksheet(table)?;
        }
        self.workbook.save_to_writer(out)
    }

    fn start_worksheet(&mut self, table: usize) -> Result<(), XlsxError> {
        let t = &mut self.tables[table];
        t.part += 1;
        t.rows = 1;
        let name = if t.part == 1 {
            t.name.clone()
        } else {
            format!("{} ({})", t.name, t.part)
        };
        let worksheet = self.workbook.add_worksheet_with_constant_memory()?;
        worksheet.set_name(name)?;
        worksheet.set_freeze_panes(1, 0)?;
        for (col, header) in t.columns.iter().enumerate() {
            worksheet.write_string_with_format(0, col as u16, header, &self.bold)?;
        }
        t.worksheet = self.workbook.worksheets().len() - 1;
        Ok(())
    }

    /// Column widths and the autofilter, once the worksheet's rows are known.
    fn finish_worksheet(&mut self, table: usize) -> Result<(), XlsxError> {
        let t = &self.tables[table];
        let worksheet = self.workbook.worksheet_from_index(t.worksheet)?;
        for (col, width) in t.widths.iter().enumerate() {
            let width = (*width as f64 + 2.0).min(MAX_COLUMN_WIDTH);
            worksheet.set_column_width(col as u16, width)?;
        }
        let last_col = t.columns.len().saturating_sub(1) as u16;
        worksheet.autofilter(0, 0, t.rows - 1, last_col)?;
        Ok(())
    }
}

/// Documents as one workbook: a worksheet per table, saved to the output at the end.
pub struct XlsxWriter<W> {
    book: XlsxBook,
    /// Each table and its worksheet's index in the book, once it has one.
    tables: Vec<(Table, Option<usize>)>,
    out: W,
}

impl<W: Write + Seek + Send> XlsxWriter<W> {
    /// A workbook with the worksheets `tables`, in that order, then those of `extra` that
    /// get rows, as they get them; saved to `out`.
    pub fn new(out: W, tables: &[Table], extra: &[Table]) -> io::Result<XlsxWriter<W>> {
        let specs: Vec<(&str, &[&str])> = tables.iter().map(|t| (t.name(), t.columns())).collect();
        let book = XlsxBook::new(&specs).map_err(io::Error::other)?;
        let tables = (tables.iter().enumerate().map(|(i, t)| (*t, Some(i))))
            .chain(extra.iter().map(|t| (*t, None)))
            .collect();
        Ok(XlsxWriter { book, tables, out })
    }
}

impl<W: Write + Seek + Send> Writer<W> for XlsxWriter<W> {
    fn write(&mut self, documents: &[Document]) -> io::Result<()> {
        for document in documents {
            for (table, index) in self.tables.iter_mut() {
                for row in table.rows(document) {
                    let at = match *index {
                        Some(at) => at,
                        None => {
                            let at = self.book.add_table(table.name(), table.columns());
                            *index.insert(at.map_err(io::Error::other)?)
                        }
                    };
                    self.book.write_row(at, &row).map_err(io::Error::other)?;
                }
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> io::Result<W> {
        let XlsxWriter { book, mut out, .. } = *self;
        book.save(&mut out).map_err(io::Error::other)?;
        Ok(out)
    }
}

/// A writer that, once a write, flush or seek of `inner` failed, keeps that error and
/// pretends to succeed without touching `inner` again.
struct FirstError<W> {
    inner: W,
    error: Option<io::Error>,
    /// The position the writes after the error would have reached.
    position: u64,
}

impl<W: Write + Seek> FirstError<W> {
    fn new(inner: W) -> FirstError<W> {
        FirstError {
            inner,
            error: None,
            position: 0,
        }
    }

    /// `result` of `inner`, or the first error kept.
    fn keep<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        result.inspect_err(|e| {
            if self.error.is_none() {
                self.error = Some(io::Error::new(e.kind(), e.to_string()));
            }
        })
    }
}

impl<W: Write + Seek> Write for FirstError<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.error.is_some() {
            self.position = self.position.saturating_add(buf.len() as u64);
            return Ok(buf.len());
        }
        let written = self.inner.write(buf);
        self.keep(written)
            .inspect(|&n| self.position = self.position.saturating_add(n as u64))
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.error.is_some() {
            return Ok(());
        }
        let flushed = self.inner.flush();
        self.keep(flushed)
    }
}

impl<W: Write + Seek> Seek for FirstError<W> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        if self.error.is_none() {
            let sought = self.inner.seek(pos);
            return self.keep(sought).inspect(|&at| self.position = at);
        }
        self.position = match pos {
            SeekFrom::Start(at) => at,
            SeekFrom::Current(by) | SeekFrom::End(by) => self.position.saturating_add_signed(by),
        };
        Ok(self.position)
    }
}

/// rust_xlsxwriter panics (an `expect`) when its temporary files of constant-memory
/// worksheets cannot be written (a full `$TMPDIR`): such a panic becomes that workbook's
/// error, with the reason the panic gives.
fn guarded<T>(write: impl FnOnce() -> Result<T, XlsxError>) -> Result<T, XlsxError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(write)) {
        Ok(result) => result,
        Err(panic) => {
            let reason = if let Some(s) = panic.downcast_ref::<&str>() {
                s.to_string()
            } else if let Some(s) = panic.downcast_ref::<String>() {
                s.clone()
            } else {
                "the workbook's temporary files cannot be written".into()
            };
            Err(XlsxError::IoError(io::Error::other(reason)))
        }
    }
}

fn write_field(
    worksheet: &mut Worksheet,
    row: u32,
    col: u16,
    field: &Field,
    decimals: &[Format],
) -> Result<(), XlsxError> {
    match field {
        Field::Text(text) => worksheet.write_string(row, col, text).map(|_| ()),
        Field::Integer(n) => worksheet.write_number(row, col, *n as f64).map(|_| ()),
        Field::Number(Number::Integer(n)) => {
            worksheet.write_number(row, col, *n as f64).map(|_| ())
        }
        Field::Number(n @ Number::Decimal(value)) => {
            let places = decimal_places(n).min(decimals.len() - 1);
            worksheet
                .write_number_with_format(row, col, *value, &decimals[places])
                .map(|_| ())
        }
        Field::Bool(b) => worksheet.write_boolean(row, col, *b).map(|_| ()),
        Field::Empty => Ok(()),
    }
}

/// Decimal places of a number as printed (`16.0` → 1, `0.25` → 2).
fn decimal_places(n: &Number) -> usize {
    let text = n.to_string();
    text.split_once('.')
        .map_or(0, |(_, fraction)| fraction.len())
}

/// `0.0`, `0.00`, … (`0` for no places).
fn decimal_format(places: usize) -> String {
    if places == 0 {
        "0".into()
    } else {
        format!("0.{}", "0".repeat(places))
    }
}

/// Width of a text in character cells: East Asian wide and full-width characters count 2.
pub fn display_width(text: &str) -> usize {
    text.lines()
        .map(|line| line.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum())
        .max()
        .unwrap_or(0)
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF |
        0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF |
        0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of `room` bytes: writes beyond fail as a full disk does; counts the calls
    /// made after the first failure.
    struct SmallDisk {
        data: io::Cursor<Vec<u8>>,
        room: u64,
        failed: bool,
        calls_after_failure: usize,
    }

    impl Write for SmallDisk {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.calls_after_failure += usize::from(self.failed);
            if self.data.position() + buf.len() as u64 > self.room {
                self.failed = true;
                return Err(io::Error::from_raw_os_error(28));
            }
            self.data.write(buf)
        }

        fn flush(&mut self) -> io::Result<()> {
            self.calls_after_failure += usize::from(self.failed);
            Ok(())
        }
    }

    impl Seek for SmallDisk {
        fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
            self.calls_after_failure += usize::from(self.failed);
            self.data.seek(pos)
        }
    }

    #[test]
    fn a_workbook_on_a_full_disk_gives_the_first_error_and_writes_nothing_after_it() {
        let mut book = XlsxBook::new(&[("t", &["a", "b"][..])]).unwrap();
        for n in 0..2000 {
            let row = [Field::Integer(n), Field::Text(format!("row {n}"))];
            book.write_row(0, &row).unwrap();
        }
        let mut disk = SmallDisk {
            data: io::Cursor::new(Vec::new()),
            room: 4096,
            failed: false,
            calls_after_failure: 0,
        };
        let error = book.save(&mut disk).unwrap_err();
        assert_eq!(
            error.to_string(),
            XlsxError::IoError(io::Error::from_raw_os_error(28)).to_string()
        );
        assert!(disk.failed);
        assert_eq!(disk.calls_after_failure, 0);
    }

    #[test]
    fn widths_count_wide_characters_twice() {
        assert_eq!(display_width("4-1"), 3);
        assert_eq!(display_width("産業の連携"), 10);
        assert_eq!(display_width("ＡＢ1"), 5);
    }

    #[test]
    fn decimal_places_follow_the_printed_form() {
        assert_eq!(decimal_places(&Number::Decimal(16.0)), 1);
        assert_eq!(decimal_places(&Number::Decimal(0.25)), 2);
        assert_eq!(decimal_format(1), "0.0");
    }
}
