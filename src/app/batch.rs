//! The batch: takes the expanded inputs, runs them through the worker pool (a single input
//! runs in this process), writes results in input order as they complete (holding at most a
//! window of finished files: the library's ordered window, [`Reorder`]), reports each failure
//! as one `path: reason` line, and gives the counts for the summary.

use std::io::{self, IsTerminal};

use indicatif::{ProgressBar, ProgressStyle};

use sheet_extract::Document;
use sheet_extract::book::describe_pages;
use sheet_extract::window::Reorder;

use super::inputs::{Input, escape_path};
use super::pool::{self, FileOutcome, Job, Pool, UnitOutcome, WorkerConfig};
use super::sink::{Sink, SinkError};

/// Finished sheets that may wait for an earlier, slower one, per worker.
const WINDOW_PER_WORKER: usize = 8;

/// What happened to the batch.
#[derive(Debug, Default)]
pub struct Tally {
    /// Sheets written.
    pub extracted: usize,
    /// Files with at least one sheet written.
    pub files: usize,
    /// Failure lines: files and sheets that could not be extracted or written.
    pub failed: usize,
    pub warnings: usize,
    /// The kinds of the documents written (`measure`, `project`, `form`).
    pub kinds: std::collections::BTreeSet<&'static str>,
}

/// How the batch reports.
#[derive(Debug, Clone, Copy)]
pub struct Reporting {
    /// Warnings count as failures.
    pub strict: bool,
    /// No warning or information lines.
    pub quiet: bool,
}

/// Run every input; `Err` only when the one output itself cannot be written.
pub fn run(
    inputs: Vec<Input>,
    sink: &mut dyn Sink,
    workers: usize,
    config: WorkerConfig,
    reporting: Reporting,
) -> io::Result<Tally> {
    let total = inputs.len();
    let mut tally = Tally::default();
    if total == 1 {
        let outcome = pool::run_in_process(&inputs[0], &config);
        report(
            &inputs[0],
            outcome,
            sink,
            reporting,
            &mut tally,
            &ProgressBar::hidden(),
        )?;
        return Ok(tally);
    }
    let pool = Pool::new(workers.min(total.max(1)), config);
    let progress = progress_bar(total);
    let mut window = Reorder::new(0, workers.max(1) * WINDOW_PER_WORKER);
    let mut next_submit = 0;
    while window.next() < total {
        while next_submit < total && window.admits(next_submit) {
            pool.submit(Job {
                index: next_submit,
                input: inputs[next_submit].clone(),
            });
            next_submit += 1;
        }
        let Some(outcome) = pool.next() else { break };
        window.insert(outcome.index, outcome);
        while let Some((index, outcome)) = window.pop() {
            report(
                &inputs[index],
                outcome.result,
                sink,
                reporting,
                &mut tally,
                &progress,
            )?;
            progress.inc(1);
        }
    }
    progress.finish_and_clear();
    Ok(tally)
}

/// Report one input's outcome on stderr and write its sheets.
fn report(
    input: &Input,
    mut outcome: FileOutcome,
    sink: &mut dyn Sink,
    reporting: Reporting,
    tally: &mut Tally,
    progress: &ProgressBar,
) -> io::Result<()> {
    let say = |line: String| progress.suspend(|| say!("{line}"));
    let name = &input.shown;
    // A file that failed with nothing read gets its one failure line only.
    if outcome.failure.is_some() && outcome.units.iter().all(|u| u.result.is_err()) {
        outcome.units.clear();
        outcome.no_sheet_pages.clear();
    }
    if !reporting.quiet && !outcome.no_sheet_pages.is_empty() {
        let pages = describe_pages(&outcome.no_sheet_pages);
        let verb = if outcome.no_sheet_pages.len() == 1 {
            "holds"
        } else {
            "hold"
        };
        say(format!("{name}: {pages} {verb} no sheet"));
    }
    // A file holding one sheet is reported by its name alone; a book's sheets by pages.
    let book = outcome.units.len() > 1 || outcome.failure.is_some();
    let written: Vec<Document> = outcome
        .units
        .into_iter()
        .filter_map(|sheet| {
            let at = if book {
                format!("{name}: {}", sheet.pages)
            } else {
                name.clone()
            };
            report_sheet(&at, sheet, reporting, tally, &say)
        })
        .collect();
    if let Some(reason) = &outcome.failure {
        tally.failed += 1;
        say(format!("{name}: {reason}"));
    }
    match sink.write(input, &written) {
        Ok(()) => {
            tally.extracted += written.len();
            tally.kinds.extend(written.iter().map(Document::kind));
            tally.files += usize::from(!written.is_empty());
            Ok(())
        }
        Err(SinkError::Output(e)) => Err(e),
        Err(SinkError::File(path, e)) => {
            tally.failed += 1;
            say(format!(
                "{name}: cannot write {}: {e}",
                escape_path(path.as_os_str())
            ));
            Ok(())
        }
    }
}

/// Report one sheet (`at`: where it is); its document when it is to be written.
fn report_sheet(
    at: &str,
    sheet: UnitOutcome,
    reporting: Reporting,
    tally: &mut Tally,
    say: &impl Fn(String),
) -> Option<Document> {
    let extracted = match sheet.result {
        Err(reason) => {
            tally.failed += 1;
            say(format!("{at}: {reason}"));
            return None;
        }
        Ok(extracted) => extracted,
    };
    let warnings: &[sheet_extract::Warning] = if extracted.report_warnings {
        extracted.document.warnings()
    } else {
        &[]
    };
    tally.warnings += warnings.len();
    if !reporting.quiet {
        for warning in warnings {
            say(format!("{at}: warning: {warning}"));
        }
    }
    if reporting.strict && !warnings.is_empty() {
        tally.failed += 1;
        say(format!("{at}: {} warning(s) with --strict", warnings.len()));
        return None;
    }
    Some(extracted.document)
}

fn progress_bar(total: usize) -> ProgressBar {
    if total < 2 || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files  {eta} left") {
        bar.set_style(style);
    }
    bar
}
