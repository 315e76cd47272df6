//! The batch: takes the expanded inputs, runs them through the worker pool (a single input
//! runs in this process), writes results in
//! input order as they complete (holding at most a window of finished sheets), reports each
//! failure as one `path: reason` line, and gives the counts for the summary.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal};

use indicatif::{ProgressBar, ProgressStyle};

use super::inputs::Input;
use super::sink::Sink;
use super::worker::{self, Job, Outcome, Pool, WorkerConfig};

/// Finished sheets that may wait for an earlier, slower one, per worker.
const WINDOW_PER_WORKER: usize = 8;

/// What happened to the batch.
#[derive(Debug, Default)]
pub struct Tally {
    pub extracted: usize,
    pub failed: usize,
    pub warnings: usize,
}

/// Run every input; `Err` only when the output itself cannot be written.
pub fn run(
    inputs: Vec<Input>,
    sink: &mut Sink,
    workers: usize,
    config: WorkerConfig,
    strict: bool,
) -> io::Result<Tally> {
    let total = inputs.len();
    if total == 1 {
        let mut tally = Tally::default();
        let outcome = Outcome {
            index: 0,
            result: worker::run_in_process(&inputs[0], &config),
        };
        report(
            &inputs[0],
            outcome,
            sink,
            strict,
            &mut tally,
            &ProgressBar::hidden(),
        )?;
        return Ok(tally);
    }
    let pool = Pool::new(workers.min(total.max(1)), config);
    let progress = progress_bar(total);
    let window = workers.max(1) * WINDOW_PER_WORKER;
    let mut pending: BTreeMap<usize, Outcome> = BTreeMap::new();
    let mut tally = Tally::default();
    let (mut next_submit, mut next_write) = (0, 0);
    while next_write < total {
        while next_submit < total && next_submit < next_write + window {
            pool.submit(Job {
                index: next_submit,
                input: inputs[next_submit].clone(),
            });
            next_submit += 1;
        }
        let Some(outcome) = pool.next() else { break };
        pending.insert(outcome.index, outcome);
        while let Some(outcome) = pending.remove(&next_write) {
            let input = &inputs[next_write];
            report(input, outcome, sink, strict, &mut tally, &progress)?;
            next_write += 1;
            progress.inc(1);
        }
    }
    progress.finish_and_clear();
    Ok(tally)
}

fn report(
    input: &Input,
    outcome: Outcome,
    sink: &mut Sink,
    strict: bool,
    tally: &mut Tally,
    progress: &ProgressBar,
) -> io::Result<()> {
    let say = |line: String| progress.suspend(|| eprintln!("{line}"));
    match outcome.result {
        Err(reason) => {
            tally.failed += 1;
            say(format!("{}: {reason}", input.display));
        }
        Ok(extracted) => {
            tally.warnings += extracted.warnings.len();
            for warning in &extracted.warnings {
                say(format!("{}: warning: {warning}", input.display));
            }
            if strict && !extracted.warnings.is_empty() {
                tally.failed += 1;
                say(format!(
                    "{}: {} warning(s) with --strict",
                    input.display,
                    extracted.warnings.len()
                ));
            } else {
                sink.write(input, &extracted.bytes)?;
                tally.extracted += 1;
            }
        }
    }
    Ok(())
}

fn progress_bar(total: usize) -> ProgressBar {
    if total < 2 || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} sheets  {eta} left") {
        bar.set_style(style);
    }
    bar
}
