//! `sheet-extract series [OPTIONS] <INPUT>...`: read every sheet of the inputs (PDFs, books,
//! directories, or JSON/NDJSON written by the main command) through the same batch as the
//! main command, link them into series (`sheet_extract::series`) and write them as JSON,
//! NDJSON (one line per measure) or a CSV table.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

use sheet_extract::output::{self, Format, series::SeriesTable};
use sheet_extract::series::Series;

use super::args::{BatchArgs, FormatArg};
use super::batch;
use super::inputs;
use super::pool::Stage;
use super::sink::{Out, SeriesSink};

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
    if args
        .output
        .as_deref()
        .is_some_and(super::is_directory_target)
    {
        return Some("-o takes a file: a series is one output, not one per input");
    }
    let format = match args.format {
        SeriesFormat::Json => FormatArg::Json,
        SeriesFormat::Ndjson => FormatArg::Ndjson,
        SeriesFormat::Csv => FormatArg::Csv,
        SeriesFormat::Xlsx => FormatArg::Xlsx,
    };
    super::output_usage_error(
        format,
        args.table.is_some(),
        args.bom,
        args.output.as_deref(),
    )
    .or_else(|| args.batch.usage_error(&args.inputs))
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
    let mut sink = SeriesSink::default();
    let reporting = args.batch.reporting();
    let tally = batch::run(
        expanded.inputs,
        &mut sink,
        workers,
        args.batch.worker_config(Stage::SheetsOrJson, files),
        reporting,
    )
    .map_err(|e| format!("cannot read the sheets: {e}"))?;
    if sink.skipped_projects > 0 && !args.batch.quiet {
        say!(
            "series: {} project {} skipped (series links measure sheets)",
            sink.skipped_projects,
            super::plural(sink.skipped_projects, "sheet", "sheets")
        );
    }
    let series = sink.builder.finish();
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
            "{}; series of {} {}, {} series {}",
            super::summary(&tally, ("sheet", "sheets")),
            series.measures.len(),
            super::plural(series.measures.len(), "measure", "measures"),
            series.warnings.len(),
            super::plural(series.warnings.len(), "warning", "warnings"),
        );
    }
    let failed = tally.failed > 0 || (args.batch.strict && !series.warnings.is_empty());
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The series in the chosen format, to `-o FILE` (atomically) or stdout.
fn write_series(series: &Series, args: &SeriesArgs) -> io::Result<()> {
    let (format, seeks) = match args.format {
        SeriesFormat::Json => (Format::Json, false),
        SeriesFormat::Ndjson => (Format::Ndjson, false),
        SeriesFormat::Csv => (Format::Csv, false),
        SeriesFormat::Xlsx => (Format::Xlsx, true),
    };
    let table = match args.table.unwrap_or(SeriesTableArg::Indicators) {
        SeriesTableArg::Indicators => SeriesTable::Indicators,
        SeriesTableArg::Grades => SeriesTable::Grades,
    };
    let mut out = Out::open(args.output.as_deref(), seeks)?;
    super::panics::quietly(|| output::series::write(series, format, table, args.bom, &mut out))?;
    out.close()
}
