//! The batch: takes the expanded inputs, runs them through the worker pool (a single input
//! runs in this process), writes results in input order as they come (the file being
//! written, unit by unit; later files held in a window: the library's ordered window,
//! [`Reorder`]), reports each failure as one `path: reason` line ([`report`]), and gives the
//! counts for the summary.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, IsTerminal};

use indicatif::{ProgressBar, ProgressStyle};

use sheet_extract::window::Reorder;

use super::inputs::Input;
use super::pool::{self, Event, FileOutcome, Job, Pool, UnitOutcome, WorkerConfig};
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
    let mut files = InOrder::new(&inputs, workers.max(1) * WINDOW_PER_WORKER, reporting);
    let mut next_submit = 0;
    while files.next() < total {
        while next_submit < total && files.admits(next_submit) {
            pool.submit(Job {
                index: next_submit,
                input: inputs[next_submit].clone(),
            });
            next_submit += 1;
        }
        let Some(event) = pool.next() else { break };
        files.take(event, sink, &mut tally, &progress)?;
    }
    progress.finish_and_clear();
    Ok(tally)
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
    let mut file = FileReport::new(input, reporting);
    let outcome = pool::run_in_process(input, config, &mut |unit| {
        file.add(sink, unit);
        None
    });
    file.finish(sink, outcome, tally, &ProgressBar::hidden())
}

/// The pool's events, which come in any order, reported in input order: the first file not
/// yet reported (the head) as its units arrive, so that a long book is not held; the units
/// of later files wait, and their outcomes wait in the ordered window.
struct InOrder<'a> {
    inputs: &'a [Input],
    reporting: Reporting,
    window: Reorder<FileOutcome>,
    /// Units of files after the head, waiting for their turn.
    waiting: BTreeMap<usize, Vec<UnitOutcome>>,
    /// The head's report, built as its units arrive.
    head: Option<FileReport<'a>>,
}

impl<'a> InOrder<'a> {
    fn new(inputs: &'a [Input], window: usize, reporting: Reporting) -> Self {
        InOrder {
            inputs,
            reporting,
            window: Reorder::new(0, window),
            waiting: BTreeMap::new(),
            head: None,
        }
    }

    /// The input reported next.
    fn next(&self) -> usize {
        self.window.next()
    }

    /// Whether work on input `index` may start.
    fn admits(&self, index: usize) -> bool {
        self.window.admits(index)
    }

    /// Take one event; report what is now due.
    fn take(
        &mut self,
        event: Event,
        sink: &mut dyn Sink,
        tally: &mut Tally,
        progress: &ProgressBar,
    ) -> io::Result<()> {
        match event {
            Event::Unit { index, unit } if index == self.window.next() => {
                self.report_of(index, sink).add(sink, *unit);
            }
            Event::Unit { index, unit } => self.waiting.entry(index).or_default().push(*unit),
            Event::Done { index, outcome } => self.window.insert(index, outcome),
        }
        while let Some((index, outcome)) = self.window.pop() {
            let report = self.take_report(index, sink);
            report.finish(sink, outcome, tally, progress)?;
            progress.inc(1);
        }
        Ok(())
    }

    /// The report of the head, `index`, kept in its place.
    fn report_of(&mut self, index: usize, sink: &mut dyn Sink) -> &mut FileReport<'a> {
        let report = self.take_report(index, sink);
        self.head.insert(report)
    }

    /// The report of the head, `index`: the one built as its units arrived, or a new one
    /// with the units that waited.
    fn take_report(&mut self, index: usize, sink: &mut dyn Sink) -> FileReport<'a> {
        if let Some(report) = self.head.take() {
            return report;
        }
        let mut report = FileReport::new(&self.inputs[index], self.reporting);
        for unit in self.waiting.remove(&index).unwrap_or_default() {
            report.add(sink, unit);
        }
        report
    }
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

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use sheet_extract::Document;

    use super::*;
    use crate::app::pool::protocol::Extracted;
    use crate::app::pool::protocol::tests::test_sheet;
    use crate::app::sink::SinkError;

    /// A sink recording each write: the input and how many documents.
    struct Recording(Rc<RefCell<Vec<String>>>);

    impl Sink for Recording {
        fn write(&mut self, input: &Input, documents: &[Document]) -> Result<(), SinkError> {
            let write = format!("{} {}", input.shown, documents.len());
            self.0.borrow_mut().push(write);
            Ok(())
        }

        fn appends(&self) -> bool {
            true
        }

        fn finish(self: Box<Self>) -> io::Result<()> {
            Ok(())
        }
    }

    fn unit(index: usize) -> Event {
        let sheet = test_sheet(include_str!("../../fixtures/kitakami-r6-4-1.expected.json"));
        let unit = UnitOutcome {
            pages: "pages 1-2".into(),
            result: Ok(Extracted::whole(Document::Measure(sheet), false)),
        };
        let unit = Box::new(unit);
        Event::Unit { index, unit }
    }

    fn done(index: usize) -> Event {
        let outcome = FileOutcome::default();
        Event::Done { index, outcome }
    }

    #[test]
    fn the_first_file_not_reported_is_written_as_its_units_arrive_and_later_ones_wait() {
        let inputs: Vec<Input> = ["a", "b", "c"].map(Input::test_file).to_vec();
        let writes = Rc::new(RefCell::new(Vec::new()));
        let mut sink = Recording(Rc::clone(&writes));
        let reporting = Reporting {
            strict: false,
            quiet: true,
        };
        let mut files = InOrder::new(&inputs, 8, reporting);
        let (mut tally, progress) = (Tally::default(), ProgressBar::hidden());
        let events = [
            unit(1),
            unit(0),
            unit(0),
            done(1),
            unit(2),
            done(0),
            done(2),
        ];
        let mut seen = Vec::new();
        for event in events {
            files.take(event, &mut sink, &mut tally, &progress).unwrap();
            seen.push(writes.borrow().join(", "));
        }
        let a = "a 2";
        let expected = ["", "", a, a, a, "a 2, b 1", "a 2, b 1, c 1"];
        assert_eq!(seen, expected);
        assert_eq!((files.next(), tally.extracted, tally.files), (3, 4, 3));
    }
}
