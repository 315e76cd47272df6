//! The batch: takes the expanded inputs, runs them through the worker pool (a single input
//! runs in this process), writes results in input order as they complete (holding at most a
//! window of finished files: the library's ordered window, [`Reorder`]), reports each failure
//! as one `path: reason` line, and gives the counts for the summary.

use std::collections::BTreeSet;
use std::io::{self, IsTerminal};

use indicatif::{ProgressBar, ProgressStyle};

use sheet_extract::Document;
use sheet_extract::book::describe_pages;
use sheet_extract::window::Reorder;

use super::inputs::{Input, escape_path};
use super::pool::protocol::Stage;
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

/// The single input, extracted here: its sheets go to the sink one by one as they arrive
/// (memory stays flat over a book's length); a form's pages, units of one document, are
/// written when the file ends.
fn run_single(
    input: &Input,
    sink: &mut dyn Sink,
    config: &WorkerConfig,
    reporting: Reporting,
    tally: &mut Tally,
) -> io::Result<()> {
    let mut file = FileReport::new(input, sink, reporting);
    let streams = config.stage != Stage::Form;
    let outcome = pool::run_in_process(input, config, &mut |unit| {
        if !streams {
            return Some(unit);
        }
        file.add(unit);
        None
    });
    file.finish(outcome, tally, &ProgressBar::hidden())
}

/// A line about one unit, said when its file ends (a book's lines name pages: whether the
/// file is a book is known only once a second unit arrives or the file ends).
struct UnitLine {
    pages: String,
    text: String,
    /// The line reports a failure.
    fails: bool,
}

/// One input's report, built unit by unit: documents go to a sink that [`Sink::appends`]
/// as they arrive (the first held back until a second shows whether JSON is one object or
/// an array), to any other sink together at the end; stderr lines wait for the end (the
/// no-sheet note, known last, comes first, and a file failed with nothing read says only
/// its failure).
struct FileReport<'a> {
    input: &'a Input,
    sink: &'a mut dyn Sink,
    reporting: Reporting,
    /// Documents not yet given to the sink.
    pending: Vec<Document>,
    /// Documents the sink took.
    given: usize,
    kinds: BTreeSet<&'static str>,
    units: usize,
    /// Some unit was extracted (even if --strict refused it).
    extracted_any: bool,
    lines: Vec<UnitLine>,
    warnings: usize,
    error: Option<SinkError>,
}

impl<'a> FileReport<'a> {
    fn new(input: &'a Input, sink: &'a mut dyn Sink, reporting: Reporting) -> Self {
        FileReport {
            input,
            sink,
            reporting,
            pending: Vec::new(),
            given: 0,
            kinds: BTreeSet::new(),
            units: 0,
            extracted_any: false,
            lines: Vec::new(),
            warnings: 0,
            error: None,
        }
    }

    /// One unit, in page order: its lines kept, its document written or held.
    fn add(&mut self, unit: UnitOutcome) {
        self.units += 1;
        let pages = unit.pages;
        let mut line = |text: String, fails: bool| {
            let pages = pages.clone();
            self.lines.push(UnitLine { pages, text, fails });
        };
        let extracted = match unit.result {
            Err(reason) => return line(reason.to_string(), true),
            Ok(extracted) => extracted,
        };
        let warnings: &[sheet_extract::Warning] = if extracted.report_warnings {
            extracted.document.warnings()
        } else {
            &[]
        };
        if !self.reporting.quiet {
            for warning in warnings {
                line(format!("warning: {warning}"), false);
            }
        }
        let refused = self.reporting.strict && !warnings.is_empty();
        if refused {
            line(format!("{} warning(s) with --strict", warnings.len()), true);
        }
        self.warnings += warnings.len();
        self.extracted_any = true;
        if !refused {
            self.pending.push(extracted.document);
            if self.sink.appends() && (self.given > 0 || self.pending.len() > 1) {
                self.give();
            }
        }
    }

    /// Hand the pending documents to the sink (after a sink error, drop them).
    fn give(&mut self) {
        if self.error.is_none() {
            self.kinds.extend(self.pending.iter().map(Document::kind));
            match self.sink.write(self.input, &self.pending) {
                Ok(()) => self.given += self.pending.len(),
                Err(e) => self.error = Some(e),
            }
        }
        self.pending.clear();
    }

    /// The file's end: its remaining units, its lines, its last documents, the tally.
    fn finish(
        mut self,
        mut outcome: FileOutcome,
        tally: &mut Tally,
        progress: &ProgressBar,
    ) -> io::Result<()> {
        for unit in std::mem::take(&mut outcome.units) {
            self.add(unit);
        }
        if self.given == 0 || !self.pending.is_empty() {
            self.give();
        }
        if self.error.is_none()
            && let Err(e) = self.sink.end(self.input)
        {
            self.error = Some(e);
        }
        let say = |line: String| progress.suspend(|| say!("{line}"));
        let name = &self.input.shown;
        // A file that failed with nothing read gets its one failure line only.
        if outcome.failure.is_some() && !self.extracted_any {
            self.lines.clear();
            outcome.no_sheet_pages.clear();
        }
        if !self.reporting.quiet && !outcome.no_sheet_pages.is_empty() {
            let pages = describe_pages(&outcome.no_sheet_pages);
            let verb = if outcome.no_sheet_pages.len() == 1 {
                "holds"
            } else {
                "hold"
            };
            say(format!("{name}: {pages} {verb} no sheet"));
        }
        // A file holding one sheet is reported by its name alone; a book's sheets by pages.
        let book = self.units > 1 || outcome.failure.is_some();
        for line in &self.lines {
            tally.failed += usize::from(line.fails);
            if book {
                say(format!("{name}: {}: {}", line.pages, line.text));
            } else {
                say(format!("{name}: {}", line.text));
            }
        }
        tally.warnings += self.warnings;
        if let Some(reason) = &outcome.failure {
            tally.failed += 1;
            say(format!("{name}: {reason}"));
        }
        match self.error {
            None => {
                tally.extracted += self.given;
                tally.kinds.extend(self.kinds);
                tally.files += usize::from(self.given > 0);
                Ok(())
            }
            Some(SinkError::Output(e)) => Err(e),
            Some(SinkError::File(path, e)) => {
                tally.failed += 1;
                say(format!(
                    "{name}: cannot write {}: {e}",
                    escape_path(path.as_os_str())
                ));
                Ok(())
            }
        }
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

    use super::*;
    use crate::app::pool::protocol::Extracted;
    use crate::app::pool::protocol::tests::test_sheet;

    /// A sink recording how many documents each write brought.
    struct Recording {
        appends: bool,
        writes: Rc<RefCell<Vec<usize>>>,
    }

    impl Sink for Recording {
        fn write(&mut self, _: &Input, documents: &[Document]) -> Result<(), SinkError> {
            self.writes.borrow_mut().push(documents.len());
            Ok(())
        }

        fn appends(&self) -> bool {
            self.appends
        }

        fn finish(self: Box<Self>) -> io::Result<()> {
            Ok(())
        }
    }

    fn unit(page: usize) -> UnitOutcome {
        let mut sheet = test_sheet(include_str!("../../fixtures/kitakami-r6-4-1.expected.json"));
        sheet.source.first_page = page;
        UnitOutcome {
            pages: format!("pages {page}-{page}"),
            result: Ok(Extracted::whole(Document::Measure(sheet), false)),
        }
    }

    /// The writes made by the time each unit was added, then at the file's end; the sheets
    /// tallied.
    fn writes_as_units_arrive(units: usize, appends: bool) -> (Vec<Vec<usize>>, usize) {
        let input = Input::test_file("book.pdf");
        let writes = Rc::new(RefCell::new(Vec::new()));
        let mut sink = Recording {
            appends,
            writes: Rc::clone(&writes),
        };
        let reporting = Reporting {
            strict: false,
            quiet: true,
        };
        let mut seen = Vec::new();
        let mut tally = Tally::default();
        let mut file = FileReport::new(&input, &mut sink, reporting);
        for page in 1..=units {
            file.add(unit(page));
            seen.push(writes.borrow().clone());
        }
        let progress = ProgressBar::hidden();
        file.finish(FileOutcome::default(), &mut tally, &progress)
            .unwrap();
        seen.push(writes.borrow().clone());
        (seen, tally.extracted)
    }

    #[test]
    fn a_books_sheets_go_to_an_appending_sink_as_they_arrive_the_first_held_for_the_second() {
        let (seen, extracted) = writes_as_units_arrive(4, true);
        let expected: [&[usize]; 5] = [&[], &[2], &[2, 1], &[2, 1, 1], &[2, 1, 1]];
        assert_eq!(seen, expected);
        assert_eq!(extracted, 4);
    }

    #[test]
    fn a_single_sheet_is_written_at_the_files_end_alone() {
        let (seen, extracted) = writes_as_units_arrive(1, true);
        let expected: [&[usize]; 2] = [&[], &[1]];
        assert_eq!(seen, expected);
        assert_eq!(extracted, 1);
    }

    #[test]
    fn a_sink_that_does_not_append_gets_a_files_sheets_in_one_write_at_its_end() {
        let (seen, extracted) = writes_as_units_arrive(3, false);
        let expected: [&[usize]; 4] = [&[], &[], &[], &[3]];
        assert_eq!(seen, expected);
        assert_eq!(extracted, 3);
    }
}
