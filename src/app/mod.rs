//! The command line: parse arguments, expand inputs, pick the sink, run the batch, and map
//! the outcome to SPEC.md's exit status (0 all extracted, 1 some failed, 2 usage error).

/// `eprintln!` that never panics: with stderr closed the line is dropped and the run still
/// completes its outputs.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod args;
mod atomic;
mod batch;
mod dispatch;
mod form;
mod generate;
mod inputs;
mod inspect;
mod panics;
mod pool;
mod schema;
mod series;
mod signals;
mod sink;

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use sheet_extract::output::{Format, Options, Table};

use args::{Args, FormatArg};
use sink::{DirectorySink, Sink, StreamSink};

pub fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    if argv.get(1).map(String::as_str) == Some(pool::WORKER_ARG) {
        signals::worker_setup();
        return pool::worker_main();
    }
    panics::install();
    if argv.get(1).map(String::as_str) == Some("inspect") {
        return inspect::main(&argv[1..]);
    }
    if argv.get(1).map(String::as_str) == Some("series") {
        return series::main(&argv[1..]);
    }
    if argv.get(1).map(String::as_str) == Some("form") {
        return form::main(&argv[1..]);
    }
    if argv.get(1).map(String::as_str) == Some("help") {
        return help(argv.get(2).map(String::as_str));
    }
    if let Some(first) = argv.get(1)
        && let Some(subcommand) = dispatch::typo_of(first)
    {
        say!(
            "sheet-extract: '{first}' is neither a file nor a subcommand\n\n  \
             tip: did you mean 'sheet-extract {subcommand}'?"
        );
        return ExitCode::from(2);
    }
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    finish(run(args))
}

/// `sheet-extract help [SUBCOMMAND]`: the help of the main command or of the subcommand.
fn help(subcommand: Option<&str>) -> ExitCode {
    let help = |sub: &str| vec![sub.to_string(), "--help".into()];
    match subcommand {
        Some("inspect") => inspect::main(&help("inspect")),
        Some("series") => series::main(&help("series")),
        Some("form") => form::main(&help("form")),
        None | Some("help") => {
            let _ = <Args as clap::CommandFactory>::command().print_long_help();
            ExitCode::SUCCESS
        }
        Some(other) => {
            let hint = dispatch::typo_of(other)
                .map(|s| format!("\n\n  tip: did you mean 'sheet-extract help {s}'?"))
                .unwrap_or_default();
            say!("sheet-extract: no subcommand '{other}'{hint}");
            ExitCode::from(2)
        }
    }
}

/// No INPUT: stdin when it is not a terminal (`curl … | sheet-extract`), else the usage
/// and a hint (exit status 2).
fn default_input(
    inputs: &mut Vec<std::path::PathBuf>,
    usage: impl FnOnce() -> clap::builder::StyledStr,
) -> Option<ExitCode> {
    if !inputs.is_empty() {
        return None;
    }
    if std::io::stdin().is_terminal() {
        say!(
            "{}\n\nsheet-extract: no INPUT: give PDF files, directories or `-` for stdin \
             (or pipe a PDF in); see `sheet-extract --help`",
            usage()
        );
        return Some(ExitCode::from(2));
    }
    inputs.push("-".into());
    None
}

/// The exit status of a run, its error printed.
fn finish(result: Result<ExitCode, String>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(message) => {
            say!("sheet-extract: {message}");
            ExitCode::from(1)
        }
    }
}

fn run(mut args: Args) -> Result<ExitCode, String> {
    if args.schema {
        let _ = std::io::Write::write_all(&mut std::io::stdout(), schema::text().as_bytes());
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(what) = args.generate {
        return match generate::run(what) {
            Ok(()) => Ok(ExitCode::SUCCESS),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
            Err(e) => Err(format!("cannot write stdout: {e}")),
        };
    }
    if let Some(code) = default_input(&mut args.inputs, || {
        <Args as clap::CommandFactory>::command().render_usage()
    }) {
        return Ok(code);
    }
    match resolve_format(args.format, args.output.as_deref()) {
        Ok(format) => args.format = Some(format),
        Err(message) => {
            say!("sheet-extract: {message}");
            return Ok(ExitCode::from(2));
        }
    }
    if let Some(message) = usage_error(&args) {
        say!("sheet-extract: {message}");
        return Ok(ExitCode::from(2));
    }
    let options = Options {
        format: Format::from(args.format()),
        table: args.table.unwrap_or(args::TableArg::Indicators).into(),
        workbook: &Table::WORKBOOK,
        extra: &Table::PROJECT,
        bom: args.bom,
    };
    run_batch(Plan {
        given: &args.inputs,
        batch: &args.batch,
        output: args.output.as_deref(),
        options,
        stage: pool::Stage::Sheets,
        pages: args.pages.unwrap_or_default(),
        nouns: ("sheet", "sheets"),
    })
}

/// What a batch command runs, its usage checked.
struct Plan<'a> {
    /// The INPUT arguments as given.
    given: &'a [std::path::PathBuf],
    batch: &'a args::BatchArgs,
    output: Option<&'a Path>,
    options: Options,
    stage: pool::Stage,
    pages: sheet_extract::book::PageSelection,
    /// What the summary counts (`sheet`, `sheets`).
    nouns: (&'static str, &'static str),
}

/// Expand the inputs, check for clashes, run the batch into the sink, print the summary.
fn run_batch(plan: Plan<'_>) -> Result<ExitCode, String> {
    let expanded = inputs::expand(plan.given, plan.batch.expansion(inputs::PDF));
    let inputs = expanded.inputs;
    if let Some(clash) = clash(plan.output, plan.options.format, &inputs) {
        say!("sheet-extract: {clash}");
        return Ok(ExitCode::from(2));
    }
    if !plan.batch.quiet {
        expanded.notes.iter().for_each(|note| say!("{note}"));
    }
    let mut config = plan.batch.worker_config(plan.stage, inputs.len());
    config.limits.pages = plan.pages;
    let cannot_write = |e: std::io::Error| format!("cannot write {}: {e}", describe(plan.output));
    let mut sink = open_sink(&plan, &inputs).map_err(cannot_write)?;
    let total = inputs.len();
    let workers = plan.batch.workers();
    let outcome = batch::run(
        inputs,
        sink.as_mut(),
        workers,
        config,
        plan.batch.reporting(),
    )
    .and_then(|tally| sink.finish().map(|()| tally));
    let tally = match outcome {
        Ok(tally) => tally,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(cannot_write(e)),
    };
    if let Some(note) = empty_table_note(&plan.options, &tally)
        && !plan.batch.quiet
    {
        say!("{note}");
    }
    if total > 1 || tally.extracted > 1 {
        say!("{}", summary(&tally, plan.nouns));
    }
    Ok(ExitCode::from(u8::from(tally.failed > 0)))
}

/// The note for a CSV table that no document of the run fills while others were written
/// (the measure tables hold measure sheets only, the project tables project sheets only).
fn empty_table_note(options: &Options, tally: &batch::Tally) -> Option<String> {
    let kind = options.table.kind()?;
    if options.format != Format::Csv || tally.kinds.is_empty() || tally.kinds.contains(kind) {
        return None;
    }
    let other = match kind {
        "measure" => "project-indicators",
        "project" => "indicators",
        _ => return None,
    };
    Some(format!(
        "no {kind} sheets in the inputs: try --table {other}"
    ))
}

/// Two inputs that would write one output file, or an output that is an input.
fn clash(output: Option<&Path>, format: Format, inputs: &[inputs::Input]) -> Option<String> {
    let to_directory = output.is_some_and(is_directory_target);
    inputs::output_clash(
        inputs,
        output
            .filter(|_| to_directory)
            .map(|dir| (dir, format.extension())),
        output.filter(|_| !to_directory),
    )
}

/// Where the documents go: one file per input (`-o DIR/`), or one output.
fn open_sink(plan: &Plan<'_>, inputs: &[inputs::Input]) -> std::io::Result<Box<dyn Sink>> {
    Ok(match plan.output {
        Some(dir) if is_directory_target(dir) => Box::new(DirectorySink::open(dir, plan.options)?),
        path => {
            // JSON is one object only for a single file argument holding exactly one document.
            let single_file = plan.given.len() == 1 && inputs.len() == 1 && !plan.given[0].is_dir();
            Box::new(StreamSink::open(
                path,
                &plan.options,
                (!single_file).then_some(true),
            )?)
        }
    })
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// The summary line of a batch: `extracted 3 sheets from 1 file, failed 0, warnings 2`
/// (`nouns`: what is counted, one and many).
fn summary(tally: &batch::Tally, nouns: (&str, &str)) -> String {
    format!(
        "extracted {} {} from {} {}, failed {}, warnings {}",
        tally.extracted,
        plural(tally.extracted, nouns.0, nouns.1),
        tally.files,
        plural(tally.files, "file", "files"),
        tally.failed,
        tally.warnings
    )
}

/// Options that do nothing in the chosen mode, and values out of range (exit status 2).
fn usage_error(args: &Args) -> Option<&'static str> {
    output_usage_error(
        args.format(),
        args.table.is_some(),
        args.bom,
        args.output.as_deref(),
    )
    .or_else(|| args.batch.usage_error(&args.inputs))
}

/// The output options every command shares: `--table` and `--bom` need csv; a workbook is
/// not written to a terminal.
fn output_usage_error(
    format: FormatArg,
    table: bool,
    bom: bool,
    output: Option<&Path>,
) -> Option<&'static str> {
    let csv = format == FormatArg::Csv;
    if table && !csv {
        return Some("--table applies to --format csv only");
    }
    if bom && !csv {
        return Some("--bom applies to --format csv only");
    }
    if format == FormatArg::Xlsx && output.is_none() && std::io::stdout().is_terminal() {
        return Some("--format xlsx writes a binary workbook: use -o FILE.xlsx or a pipe");
    }
    None
}

/// The output format: `-f`, else the extension of `-o FILE` (`.json`, `.ndjson`/`.jsonl`,
/// `.csv`, `.xlsx`), else JSON; `Err` when `-f` contradicts the extension.
fn resolve_format(given: Option<FormatArg>, output: Option<&Path>) -> Result<FormatArg, String> {
    let file = output.filter(|path| !is_directory_target(path));
    let implied = file.and_then(format_of_extension);
    match (given, implied) {
        (Some(given), Some(implied)) if given != implied => Err(format!(
            "-f {} contradicts the extension of {}",
            format_name(given),
            file.map_or(String::new(), |p| p.display().to_string())
        )),
        (Some(given), _) => Ok(given),
        (None, implied) => Ok(implied.unwrap_or(FormatArg::Json)),
    }
}

/// The format a file name's extension stands for (case-insensitive), if any.
fn format_of_extension(path: &Path) -> Option<FormatArg> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "json" => Some(FormatArg::Json),
        "ndjson" | "jsonl" => Some(FormatArg::Ndjson),
        "csv" => Some(FormatArg::Csv),
        "xlsx" => Some(FormatArg::Xlsx),
        _ => None,
    }
}

fn format_name(format: FormatArg) -> &'static str {
    match format {
        FormatArg::Json => "json",
        FormatArg::Ndjson => "ndjson",
        FormatArg::Csv => "csv",
        FormatArg::Xlsx => "xlsx",
    }
}

/// `-o PATH` names a directory when it exists as one or ends with `/`.
pub(crate) fn is_directory_target(path: &Path) -> bool {
    path.is_dir() || path.as_os_str().as_encoded_bytes().ends_with(b"/")
}

pub(crate) fn describe(output: Option<&Path>) -> String {
    output.map_or("stdout".into(), |p| p.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_extension_picks_the_format_and_a_contradicting_flag_is_refused() {
        let resolve = |given, name: &str| resolve_format(given, Some(Path::new(name)));
        assert_eq!(resolve(None, "k.xlsx"), Ok(FormatArg::Xlsx));
        assert_eq!(resolve(None, "k.CSV"), Ok(FormatArg::Csv));
        assert_eq!(resolve(None, "k.jsonl"), Ok(FormatArg::Ndjson));
        assert_eq!(resolve(None, "k.txt"), Ok(FormatArg::Json));
        assert_eq!(resolve(Some(FormatArg::Csv), "k.txt"), Ok(FormatArg::Csv));
        assert_eq!(resolve(Some(FormatArg::Csv), "k.csv"), Ok(FormatArg::Csv));
        assert_eq!(
            resolve(Some(FormatArg::Xlsx), "k.csv"),
            Err("-f xlsx contradicts the extension of k.csv".into())
        );
        assert_eq!(resolve_format(None, None), Ok(FormatArg::Json));
    }
}
