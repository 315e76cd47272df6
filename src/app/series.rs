//! `sheet-extract series [OPTIONS] <INPUT>...`: read every sheet of the inputs (PDFs, books,
//! directories, or JSON/NDJSON written by the main command) through the same batch as the
//! main command, link them into series (`sheet_extract::series`) and write them as JSON,
//! NDJSON (one line per measure) or a CSV table.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

use std::io::IsTerminal;

use sheet_extract::output::table::Field;
use sheet_extract::output::xlsx::XlsxBook;
use sheet_extract::output::{Format, Renderer, Table, csv::write_records};
use sheet_extract::series::{MeasureSeries, Series, SeriesTable};

use super::args::BatchArgs;
use super::atomic::AtomicFile;
use super::batch;
use super::inputs;
use super::sink::{Sink, save_workbook};

#[derive(Debug, Parser)]
#[command(
    name = "sheet-extract series",
    about = "Link every year's sheets into one time series per indicator and one grade history per measure and project",
    after_help = "Examples:\n  \
        sheet-extract series sheets/ -r -f csv --table indicators > series.csv\n  \
        sheet-extract series r4.pdf r5.pdf r6.pdf -f json | jq '.measures[].indicators[0]'\n  \
        sheet-extract series 2022.ndjson 2023.ndjson book-2024.pdf -o series.json"
)]
pub struct SeriesArgs {
    /// PDF files or books, directories (their *.pdf, *.json, *.ndjson), JSON/NDJSON written
    /// by `sheet-extract`, or `-` for stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = SeriesFormat::Json)]
    pub format: SeriesFormat,

    /// CSV table to write (csv only; default indicators).
    #[arg(long, value_enum)]
    pub table: Option<SeriesTableArg>,

    /// Output file (a directory is refused: the series is one output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Start CSV output with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    pub bom: bool,

    #[command(flatten)]
    pub batch: BatchArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeriesFormat {
    Json,
    Ndjson,
    Csv,
    /// `indicators`, `grades` and `warnings` in one Excel workbook.
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeriesTableArg {
    Indicators,
    Grades,
}

pub fn main(argv: &[String]) -> ExitCode {
    let argv = std::iter::once("sheet-extract series".to_string()).chain(argv[1..].iter().cloned());
    let args = match SeriesArgs::try_parse_from(argv) {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    if let Some(message) = usage_error(&args) {
        say!("sheet-extract series: {message}");
        return ExitCode::from(2);
    }
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            say!("sheet-extract: {message}");
            ExitCode::from(1)
        }
    }
}

fn usage_error(args: &SeriesArgs) -> Option<&'static str> {
    let csv = args.format == SeriesFormat::Csv;
    if args
        .output
        .as_deref()
        .is_some_and(super::is_directory_target)
    {
        return Some("-o takes a file: a series is one output, not one per input");
    }
    if args.table.is_some() && !csv {
        return Some("--table applies to --format csv only");
    }
    if args.bom && !csv {
        return Some("--bom applies to --format csv only");
    }
    if args.format == SeriesFormat::Xlsx && args.output.is_none() && io::stdout().is_terminal() {
        return Some("--format xlsx writes a binary workbook: use -o FILE.xlsx or a pipe");
    }
    args.batch.usage_error(&args.inputs)
}

fn run(args: &SeriesArgs) -> Result<ExitCode, String> {
    let expanded = inputs::expand(&args.inputs, args.batch.expansion(inputs::PDF_OR_JSON));
    if let Some(clash) = inputs::output_clash(&expanded.inputs, None, args.output.as_deref()) {
        say!("sheet-extract series: {clash}");
        return Ok(ExitCode::from(2));
    }
    if !args.batch.quiet {
        expanded.notes.iter().for_each(|note| say!("{note}"));
    }
    let workers = args.batch.workers();
    let files = expanded.inputs.len();
    let mut sink = Sink::Series(Default::default());
    let reporting = args.batch.reporting();
    let tally = batch::run(
        expanded.inputs,
        &mut sink,
        workers,
        args.batch.worker_config(SHEETS_AS_NDJSON, files, true),
        reporting,
    )
    .map_err(|e| format!("cannot read the sheets: {e}"))?;
    let series = sink.into_series().unwrap_or_default().finish();
    for warning in &series.warnings {
        say!("series: warning: {warning}");
    }
    match write_series(&series, args) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => {
            return Err(format!(
                "cannot write {}: {e}",
                super::describe(args.output.as_deref())
            ));
        }
        Ok(()) => {}
    }
    if files > 1 || tally.extracted > 1 {
        say!(
            "extracted {} sheets from {} files, failed {}, warnings {}; series of {} measure(s), {} series warning(s)",
            tally.extracted,
            tally.files,
            tally.failed,
            tally.warnings,
            series.measures.len(),
            series.warnings.len()
        );
    }
    let failed = tally.failed > 0 || (args.batch.strict && !series.warnings.is_empty());
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Sheets travel from the workers as NDJSON lines, parsed back by the series sink.
const SHEETS_AS_NDJSON: Renderer = Renderer {
    format: Format::Ndjson,
    table: Table::Indicators,
    bom: false,
};

/// The series in the chosen format, to `-o FILE` (atomically) or stdout.
fn write_series(series: &Series, args: &SeriesArgs) -> io::Result<()> {
    if args.format == SeriesFormat::Xlsx {
        let book = workbook(series).map_err(io::Error::other)?;
        return save_workbook(book, args.output.as_deref());
    }
    let bytes = render(series, args);
    match args.output.as_deref() {
        Some(path) => write_file(path, &bytes),
        None => {
            let mut out = io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()
        }
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes)?;
    file.commit()
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
        book.write_row(tables.len(), &[Field::Text(warning.clone())])?;
    }
    Ok(book)
}

fn render(series: &Series, args: &SeriesArgs) -> Vec<u8> {
    match args.format {
        SeriesFormat::Xlsx => unreachable!("workbooks are written by write_series"),
        SeriesFormat::Json => {
            let mut out = serde_json::to_vec_pretty(series).expect("a series serialises");
            out.push(b'\n');
            out
        }
        SeriesFormat::Ndjson => {
            let mut out = Vec::new();
            for measure in &series.measures {
                out.extend(serde_json::to_vec(&MeasureLine::of(measure)).expect("serialises"));
                out.push(b'\n');
            }
            out
        }
        SeriesFormat::Csv => {
            let table = match args.table.unwrap_or(SeriesTableArg::Indicators) {
                SeriesTableArg::Indicators => SeriesTable::Indicators,
                SeriesTableArg::Grades => SeriesTable::Grades,
            };
            let mut out = if args.bom {
                "\u{feff}".as_bytes().to_vec()
            } else {
                Vec::new()
            };
            let header = table.columns().iter().map(|c| c.to_string()).collect();
            let rows = series
                .measures
                .iter()
                .flat_map(|m| table.rows(m))
                .map(|row| row.iter().map(|f| f.to_csv()).collect());
            out.extend(write_records(std::iter::once(header).chain(rows)));
            out
        }
    }
}

/// One NDJSON line: a measure with the schema version.
#[derive(serde::Serialize)]
struct MeasureLine<'a> {
    schema_version: u32,
    #[serde(flatten)]
    measure: &'a MeasureSeries,
}

impl<'a> MeasureLine<'a> {
    fn of(measure: &'a MeasureSeries) -> Self {
        MeasureLine {
            schema_version: sheet_extract::model::SCHEMA_VERSION,
            measure,
        }
    }
}
