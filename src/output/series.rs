//! The output of `series`: its tables (`indicators`, `grades`) in the row model of
//! [`super::table`], and the series written as JSON, NDJSON (one line per measure), one CSV
//! table or a workbook (`indicators`, `grades`, `warnings`).

use std::io::{self, Seek, Write};

use serde::Serialize;

use super::Format;
use super::csv::{CsvWriter, write_row};
use super::table::Field;
use super::xlsx::XlsxBook;
use crate::model::SCHEMA_VERSION;
use crate::series::{GradeEntry, MeasureSeries, Series};

/// Write `series` in `format` to `out` (`table`: the CSV table; `bom`: a byte-order mark
/// before CSV).
pub fn write<W: Write + Seek + Send>(
    series: &Series,
    format: Format,
    table: SeriesTable,
    bom: bool,
    out: &mut W,
) -> io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, series)?;
            out.write_all(b"\n")
        }
        Format::Ndjson => {
            for measure in &series.measures {
                serde_json::to_writer(&mut *out, &MeasureLine::of(measure))?;
                out.write_all(b"\n")?;
            }
            Ok(())
        }
        Format::Csv => {
            let mut records = CsvWriter::with_columns(&mut *out, table.columns(), bom)?;
            for measure in &series.measures {
                for row in table.rows(measure) {
                    write_row(&mut records, &row, bom)?;
                }
            }
            records.flush()
        }
        Format::Xlsx => workbook(series)
            .and_then(|book| book.save(out))
            .map_err(io::Error::other),
    }
}

/// The series' tables in one workbook: `indicators`, `grades`, `warnings`.
fn workbook(series: &Series) -> Result<XlsxBook, rust_xlsxwriter::XlsxError> {
    let tables = [SeriesTable::Indicators, SeriesTable::Grades];
    let mut specs: Vec<(&str, &[&str])> = tables.iter().map(|t| (t.name(), t.columns())).collect();
    specs.push(("warnings", &["warning"]));
    let mut book = XlsxBook::new(&specs)?;
    for (index, table) in tables.iter().enumerate() {
        for measure in &series.measures {
            for row in table.rows(measure) {
                book.write_row(index, &row)?;
            }
        }
    }
    for warning in &series.warnings {
        book.write_row(tables.len(), &[Field::Text(warning.to_string())])?;
    }
    Ok(book)
}

/// One NDJSON line: a measure with the schema version.
#[derive(Serialize)]
struct MeasureLine<'a> {
    schema_version: u32,
    #[serde(flatten)]
    measure: &'a MeasureSeries,
}

impl<'a> MeasureLine<'a> {
    fn of(measure: &'a MeasureSeries) -> Self {
        MeasureLine {
            schema_version: SCHEMA_VERSION,
            measure,
        }
    }
}

/// The tables of a series (CSV, xlsx).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesTable {
    Indicators,
    Grades,
}

impl SeriesTable {
    pub fn name(self) -> &'static str {
        match self {
            SeriesTable::Indicators => "indicators",
            SeriesTable::Grades => "grades",
        }
    }

    pub fn columns(self) -> &'static [&'static str] {
        match self {
            SeriesTable::Indicators => &[
                "plan",
                "measure_number",
                "measure_title",
                "indicator_name",
                "unit",
                "year",
                "fiscal_year",
                "expected",
                "actual",
                "reported_in",
                "revised_from",
                "source",
                "page",
                "remarks",
            ],
            SeriesTable::Grades => &[
                "plan",
                "measure_number",
                "measure_title",
                "project_title",
                "evaluation_fiscal_year",
                "grade",
                "previous_grade",
                "source",
                "page",
            ],
        }
    }

    /// The rows one measure contributes, in the JSON's order.
    pub fn rows(self, measure: &MeasureSeries) -> Vec<Vec<Field>> {
        let head = || {
            vec![
                Field::text(measure.plan.as_str()),
                Field::text(measure.number.as_str()),
                Field::opt_text(measure.title.as_deref()),
            ]
        };
        let mut rows = Vec::new();
        match self {
            SeriesTable::Indicators => {
                for indicator in &measure.indicators {
                    for v in &indicator.values {
                        let mut row = head();
                        row.extend([
                            Field::text(indicator.name.as_str()),
                            Field::opt_text(indicator.unit.as_deref()),
                            Field::text(v.year.as_str()),
                            Field::int(v.fiscal_year),
                            Field::number(v.expected.as_ref()),
                            Field::number(v.actual.as_ref()),
                            Field::opt_int(v.reported_in),
                            Field::number(v.revised_from.as_ref()),
                            Field::opt_text(v.source.as_deref()),
                            Field::opt_int(v.page),
                            Field::opt_text(v.remarks.as_deref()),
                        ]);
                        rows.push(row);
                    }
                }
            }
            SeriesTable::Grades => {
                let grade_row = |project: &str, g: &GradeEntry| {
                    let mut row = head();
                    row.extend([
                        Field::text(project),
                        Field::int(g.evaluation_fiscal_year),
                        Field::opt_text(g.grade.as_deref()),
                        Field::opt_text(g.previous_grade.as_deref()),
                        Field::text(g.source.as_str()),
                        Field::int(g.page),
                    ]);
                    row
                };
                rows.extend(measure.evaluations.iter().map(|g| grade_row("", g)));
                for project in &measure.projects {
                    rows.extend(project.grades.iter().map(|g| grade_row(&project.title, g)));
                }
            }
        }
        rows
    }
}
