//! The batch: takes the expanded inputs, runs them through the worker pool (a single input
//! runs in this process), writes results in input order as they complete (holding at most a
//! window of finished files: the library's ordered window, [`Reorder`]), reports each failure
//! as one `path: reason` line, and gives the counts for the summary.

use std::collections::BTreeSet;
use std::io::{self, IsTerminal};

use indicatif::{ProgressBar, ProgressStyle};

use sheet_extract::window::Reorder;

use super::inputs::Input;
use super::pool::protocol::Stage;
use super::pool::{self, FileOutcome, Job, Pool, WorkerConfig};
use super::sink::Sink;
use report::FileReport;

mod report;

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
    pub kinds: BTreeSet<&'static str>,
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
        run_single(&inputs[0], sink, &config, reporting, &mut tally)?;
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
    outcome: FileOutcome,
    sink: &mut dyn Sink,
    reporting: Reporting,
    tally: &mut Tally,
    progress: &ProgressBar,
) -> io::Result<()> {
    FileReport::new(input, sink, reporting).finish(outcome, tally, progress)
}

/// The single input, extracted here: its sheets go to the sink one by one as they arrive,
/// and a form page by page when it can (memory stays flat over a book's length).
fn run_single(
    input: &Input,
    sink: &mut dyn Sink,
    config: &WorkerConfig,
    reporting: Reporting,
    tally: &mut Tally,
) -> io::Result<()> {
    let mut file = FileReport::new(input, sink, reporting);
    let streams = config.stage != Stage::Form || file.streams_forms();
    let outcome = pool::run_in_process(input, config, &mut |unit| {
        if !streams {
            return Some(unit);
        }
        file.add(unit);
        None
    });
    file.finish(outcome, tally, &ProgressBar::hidden())
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
