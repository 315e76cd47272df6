//! Command-line arguments (SPEC.md, "Command line").

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

use sheet_extract::output::{Format, Table};

#[derive(Debug, Parser)]
#[command(
    name = "sheet-extract",
    version,
    about = "Extract Japanese municipal policy-evaluation sheets (基本施策事後評価シート) from PDF to JSON, CSV and xlsx",
    after_help = "Subcommands:\n  \
        sheet-extract series INPUT...   link every year's sheets into series (see `sheet-extract help series`)\n  \
        sheet-extract inspect FILE      show the cells the extractor saw (see `sheet-extract help inspect`)\n\n\
        Exit status: 0 all inputs extracted; 1 one or more inputs failed; 2 usage error; 130/143 stopped by SIGINT/SIGTERM.\n\n\
        Examples:\n  \
        sheet-extract sheet.pdf                                 one sheet as JSON\n  \
        sheet-extract book.pdf -f ndjson                        a yearly book, one line per sheet\n  \
        sheet-extract sheets/ -r -f csv --table measures --bom -o measures.csv\n  \
        sheet-extract sheets/2024/ -f xlsx -o 2024.xlsx          every table in one workbook"
)]
pub struct Args {
    /// PDF files, directories (their *.pdf, sorted) or `-` for stdin.
    #[arg(required_unless_present_any = ["schema", "generate"])]
    pub inputs: Vec<PathBuf>,

    /// Print a shell completion script or the man page, and exit.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub generate: Option<Generate>,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = FormatArg::Json)]
    pub format: FormatArg,

    /// CSV table to write (csv only; default indicators).
    #[arg(long, value_enum)]
    pub table: Option<TableArg>,

    /// Output file; or, when PATH is an existing directory or ends with `/`, one file per input.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Recurse into subdirectories of directory inputs.
    #[arg(short, long)]
    pub recursive: bool,

    /// Follow symbolic links to directories when expanding directories (loops are detected).
    #[arg(short = 'L', long)]
    pub follow: bool,

    /// Parallel workers (default: available cores). Output order is input order.
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Start CSV output with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    pub bom: bool,

    /// Treat warnings as failures: such a sheet is not written and the exit status is 1.
    #[arg(long)]
    pub strict: bool,

    /// No warning or information lines on stderr (failures and the summary stay).
    #[arg(short, long)]
    pub quiet: bool,

    /// Print the JSON Schema of the output and exit.
    #[arg(long)]
    pub schema: bool,

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
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,
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
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Json => Format::Json,
            FormatArg::Ndjson => Format::Ndjson,
            FormatArg::Csv => Format::Csv,
            // Sheets travel from the workers as NDJSON; the workbook is written here.
            FormatArg::Xlsx => Format::Ndjson,
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
        }
    }
}
