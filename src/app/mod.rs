//! The command line: parse arguments, expand inputs, pick the sink, run the batch, and map
//! the outcome to SPEC.md's exit status (0 all extracted, 1 some failed, 2 usage error).

mod args;
mod batch;
mod inputs;
mod inspect;
mod sink;
mod worker;

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;

use sheet_extract::output::{Format, Renderer};
use sheet_extract::{Limits, MB};

use args::{Args, FormatArg};
use sink::Sink;
use worker::WorkerConfig;

/// The JSON Schema of the output (`--schema`).
const SCHEMA: &str = include_str!("../../schema/sheet.schema.json");

pub fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    if argv.get(1).map(String::as_str) == Some(worker::WORKER_ARG) {
        return worker::worker_main(&argv[1..]);
    }
    if argv.get(1).map(String::as_str) == Some("inspect") {
        return inspect::main(&argv[1..]);
    }
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("sheet-extract: {message}");
            ExitCode::from(1)
        }
    }
}

fn run(args: Args) -> Result<ExitCode, String> {
    if args.schema {
        print!("{SCHEMA}");
        return Ok(ExitCode::SUCCESS);
    }
    if args.format != FormatArg::Csv && args.table != args::TableArg::Indicators {
        eprintln!("sheet-extract: --table applies to --format csv only");
        return Ok(ExitCode::from(2));
    }
    if args.jobs == Some(0) {
        eprintln!("sheet-extract: --jobs must be at least 1");
        return Ok(ExitCode::from(2));
    }
    let inputs = inputs::expand(&args.inputs, args.recursive);
    let to_directory = args.output.as_deref().is_some_and(is_directory_target);
    let many = inputs.len() > 1 || args.inputs.iter().any(|p| p.is_dir());
    let config = worker_config(&args, many && !to_directory);
    let renderer = config.renderer;
    let mut sink = match args.output.as_deref() {
        Some(dir) if to_directory => Sink::directory(dir, renderer),
        path => Sink::stream(path, renderer),
    }
    .map_err(|e| format!("cannot write {}: {e}", describe(args.output.as_deref())))?;
    let workers = args.jobs.unwrap_or_else(default_jobs);
    let total = inputs.len();
    let tally = match batch::run(inputs, &mut sink, workers, config, args.strict)
        .and_then(|tally| sink.finish().map(|()| tally))
    {
        Ok(tally) => tally,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => {
            return Err(format!(
                "cannot write {}: {e}",
                describe(args.output.as_deref())
            ));
        }
    };
    if total > 1 {
        eprintln!(
            "extracted {}, failed {}, warnings {}",
            tally.extracted, tally.failed, tally.warnings
        );
    }
    Ok(if tally.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// What each extraction needs to know: the output rendering and the limits.
fn worker_config(args: &Args, one_stream_of_many: bool) -> WorkerConfig {
    let format = Format::from(args.format);
    WorkerConfig {
        renderer: Renderer {
            format,
            table: args.table.into(),
            json_array: format == Format::Json && one_stream_of_many,
            bom: args.bom,
        },
        limits: Limits {
            max_input_bytes: args.max_input_mb.saturating_mul(MB),
            max_pages: args.max_pages,
            max_stream_bytes: args.max_stream_mb.saturating_mul(MB),
            ..Limits::default()
        },
        timeout: Duration::from_secs(args.timeout.max(1)),
    }
}

/// `-o PATH` names a directory when it exists as one or ends with `/`.
fn is_directory_target(path: &Path) -> bool {
    path.is_dir() || path.as_os_str().as_encoded_bytes().ends_with(b"/")
}

fn describe(output: Option<&Path>) -> String {
    output.map_or("stdout".into(), |p| p.display().to_string())
}

fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
