//! Command-line arguments (SPEC.md, "Command line").

use std::path::PathBuf;

use std::time::Duration;

use clap::{Parser, ValueEnum};

use sheet_extract::output::{Format, Table};
use sheet_extract::{Limits, MB};

use super::batch::Reporting;
use super::inputs::Expansion;
use super::pool::{Stage, WorkerConfig};

#[derive(Debug, Parser)]
#[command(
    name = "sheet-extract",
    version,
    about = "Extract Japanese municipal policy-evaluation sheets (基本施策事後評価シート) from PDF to JSON, CSV and xlsx",
    after_help = "Subcommands:\n  \
        sheet-extract series INPUT...   link every year's sheets into series (see `sheet-extract help series`)\n  \
        sheet-extract inspect FILE      show the cells the extractor saw (see `sheet-extract help inspect`)\n  \
        sheet-extract form INPUT...     any ruled PDF as labelled cells (see `sheet-extract help form`)\n\n\
        Exit status: 0 all inputs extracted; 1 one or more inputs failed; 2 usage error; 130/143 stopped by SIGINT/SIGTERM.\n\n\
        Examples:\n  \
        sheet-extract sheet.pdf                                 one sheet as JSON\n  \
        sheet-extract book.pdf -f ndjson                        a yearly book, one line per sheet\n  \
        sheet-extract sheets/ -r -f csv --table measures --bom -o measures.csv\n  \
        sheet-extract sheets/2024/ -f xlsx -o 2024.xlsx          every table in one workbook"
)]
pub struct Args {
    /// PDF files, directories (their *.pdf, sorted) or `-` for stdin (the default when stdin
    /// is not a terminal).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Print a shell completion script or the man page, and exit.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub generate: Option<Generate>,

    /// Output format (default: from the extension of -o FILE, else json).
    #[arg(short, long, value_enum)]
    pub format: Option<FormatArg>,

    /// CSV table to write (csv only; default indicators).
    #[arg(long, value_enum)]
    pub table: Option<TableArg>,

    /// Output file; or, when PATH is an existing directory or ends with `/`, one file per input.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Start CSV output with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    pub bom: bool,

    /// Only the sheets whose first page is in these pages (`12-14`, `5`, `30-`, `1-3,7`).
    #[arg(long, value_name = "N-M", value_parser = sheet_extract::book::PageSelection::parse)]
    pub pages: Option<sheet_extract::book::PageSelection>,

    /// Print the JSON Schema of the output and exit.
    #[arg(long)]
    pub schema: bool,

    #[command(flatten)]
    pub batch: BatchArgs,
}

/// Options every batch shares (the main command and `series`): how inputs are expanded,
/// how many workers, how failures and warnings count, and the limits.
#[derive(Debug, clap::Args)]
pub struct BatchArgs {
    /// Recurse into subdirectories of directory inputs.
    #[arg(short, long)]
    pub recursive: bool,

    /// Follow symbolic links to directories when expanding directories (loops are detected).
    #[arg(short = 'L', long)]
    pub follow: bool,

    /// Parallel workers (default: available cores). Output order is input order.
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Treat warnings as failures: such a sheet is left out and the exit status is 1.
    #[arg(long)]
    pub strict: bool,

    /// No warning or information lines on stderr (failures and the summary stay).
    #[arg(short, long)]
    pub quiet: bool,

    /// Largest input file accepted, in MB.
    #[arg(long, value_name = "MB", default_value_t = 200)]
    pub max_input_mb: u64,

    /// Most bytes the content streams of one file may inflate to, in MB.
    #[arg(long, value_name = "MB", default_value_t = 1024)]
    pub max_stream_mb: u64,

    /// Most pages one file may have (a yearly book of sheets included).
    #[arg(long, value_name = "N", default_value_t = 5000)]
    pub max_pages: usize,

    /// Time limit per sheet, in seconds.
    ///
    /// Counts the time the extraction runs without progress, not the time it is stopped
    /// (Ctrl-Z, SIGSTOP): a run continued after a long stop keeps every sheet. A worker
    /// stopped alone and never continued fails its sheet after ten times the limit. A limit
    /// met between sheets of a book fails no sheet: extraction resumes after the last one.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,
}

impl Args {
    /// The chosen format (`-f`, or what [`super::resolve_format`] read from `-o FILE`).
    pub fn format(&self) -> FormatArg {
        self.format.unwrap_or(FormatArg::Json)
    }
}

impl BatchArgs {
    /// Values out of range and options that do nothing for `inputs` (exit status 2).
    pub fn usage_error(&self, inputs: &[PathBuf]) -> Option<&'static str> {
        if self.jobs == Some(0) {
            return Some("--jobs must be at least 1");
        }
        if self.timeout == 0 {
            return Some("--timeout must be at least 1 second");
        }
        if self.follow && !inputs.iter().any(|p| p.is_dir()) {
            return Some("-L/--follow applies to directory inputs only");
        }
        None
    }

    pub fn workers(&self) -> usize {
        self.jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
    }

    /// What each extraction needs to know: the limits, and the threads one file may use
    /// (all workers' share when there are fewer files than workers).
    pub fn worker_config(&self, stage: Stage, files: usize) -> WorkerConfig {
        let workers = self.workers();
        WorkerConfig {
            stage,
            limits: Limits {
                max_input_bytes: self.max_input_mb.saturating_mul(MB),
                max_pages: self.max_pages,
                max_stream_bytes: self.max_stream_mb.saturating_mul(MB),
                ..Limits::default()
            },
            timeout: Duration::from_secs(self.timeout.max(1)),
            threads: workers.div_ceil(files.clamp(1, workers.max(1))).max(1),
        }
    }

    pub fn expansion(&self, extensions: &'static [&'static str]) -> Expansion {
        Expansion {
            recursive: self.recursive,
            follow: self.follow,
            extensions,
        }
    }

    pub fn reporting(&self) -> Reporting {
        Reporting {
            strict: self.strict,
            quiet: self.quiet,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Generate {
    CompleteBash,
    CompleteZsh,
    CompleteFish,
    CompletePowershell,
    Man,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Json,
    Ndjson,
    Csv,
    /// Every table in one Excel workbook (to -o FILE.xlsx, -o DIR/, or a pipe).
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableArg {
    Indicators,
    Projects,
    Text,
    Measures,
    ProjectSheets,
    ProjectIndicators,
    Costs,
    Assessments,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Json => Format::Json,
            FormatArg::Ndjson => Format::Ndjson,
            FormatArg::Csv => Format::Csv,
            FormatArg::Xlsx => Format::Xlsx,
        }
    }
}

impl From<TableArg> for Table {
    fn from(t: TableArg) -> Table {
        match t {
            TableArg::Indicators => Table::Indicators,
            TableArg::Projects => Table::Projects,
            TableArg::Text => Table::Text,
            TableArg::Measures => Table::Measures,
            TableArg::ProjectSheets => Table::ProjectSheets,
            TableArg::ProjectIndicators => Table::ProjectIndicators,
            TableArg::Costs => Table::Costs,
            TableArg::Assessments => Table::Assessments,
        }
    }
}
