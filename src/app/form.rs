//! `sheet-extract form [OPTIONS] <INPUT>...` (SPEC.md "Any form"): every page of any PDF
//! with a text layer as cells with the labels that name them, one document per input file,
//! through the same batch, pool and sinks as the main command (a unit of work is a page).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use sheet_extract::book::PageSelection;
use sheet_extract::output::{Format, Options, Table};

use super::args::{BatchArgs, FormatArg};
use super::pool::Stage;

#[derive(Debug, Parser)]
#[command(
    name = "sheet-extract form",
    about = "Read any ruled PDF form as cells with the labels that name them (JSON, NDJSON, CSV, xlsx)",
    after_help = "Output: one object per input file (json: one object for one file, else an array; ndjson: one line per file); csv: one row per cell holding text; xlsx: a worksheet `cells`.\n\n\
        Examples:\n  \
        sheet-extract form sheet.pdf | jq '.pages[0].cells[] | select(.column_headers[-1] == \"決算\")'\n  \
        sheet-extract form sheets/ -r -f csv --bom -o cells.csv\n  \
        sheet-extract form book.pdf --pages 3-5 -f ndjson"
)]
pub struct FormArgs {
    /// PDF files, directories (their *.pdf, sorted) or `-` for stdin (the default when stdin
    /// is not a terminal).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Output format (default: from the extension of -o FILE, else json).
    #[arg(short, long, value_enum)]
    pub format: Option<FormatArg>,

    /// Output file; or, when PATH is an existing directory or ends with `/`, one file per input.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Start CSV output with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    pub bom: bool,

    /// Only these pages of each file (`12-14`, `5`, `30-`, `1-3,7`).
    #[arg(long, value_name = "N-M", value_parser = PageSelection::parse)]
    pub pages: Option<PageSelection>,

    /// Not for `form`: its CSV is one table (cells); refused with a usage error.
    #[arg(long, hide = true, value_name = "TABLE")]
    pub table: Option<String>,

    #[command(flatten)]
    pub batch: BatchArgs,
}

pub fn main(argv: &[String]) -> ExitCode {
    let argv = std::iter::once("sheet-extract form".to_string()).chain(argv[1..].iter().cloned());
    let mut args = match FormArgs::try_parse_from(argv) {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    if let Some(code) = super::default_input(&mut args.inputs, || {
        <FormArgs as clap::CommandFactory>::command().render_usage()
    }) {
        return code;
    }
    let format = match super::resolve_format(args.format, args.output.as_deref()) {
        Ok(format) => format,
        Err(message) => return usage(&message),
    };
    if args.table.is_some() {
        return usage("--table does not apply to form: its CSV is one table (cells)");
    }
    let checks = super::output_usage_error(format, false, args.bom, args.output.as_deref())
        .or_else(|| args.batch.usage_error(&args.inputs));
    if let Some(message) = checks {
        return usage(message);
    }
    let options = Options {
        format: Format::from(format),
        table: Table::Cells,
        workbook: &[Table::Cells],
        extra: &[],
        bom: args.bom,
    };
    let plan = super::Plan {
        given: &args.inputs,
        batch: &args.batch,
        output: args.output.as_deref(),
        options,
        stage: Stage::Form,
        pages: args.pages.unwrap_or_default(),
        nouns: ("form", "forms"),
    };
    super::finish(super::run_batch(plan))
}

fn usage(message: &str) -> ExitCode {
    say!("sheet-extract form: {message}");
    ExitCode::from(2)
}
