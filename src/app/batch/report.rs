//! One input's report, built unit by unit as its units arrive: its documents to the sink
//! (as they come to a sink that appends, so that a long file's sheets and a form's pages are
//! not held), its lines for stderr at its end, its counts into the batch's [`Tally`].

use std::collections::BTreeSet;
use std::io;

use indicatif::ProgressBar;

use sheet_extract::Document;
use sheet_extract::book::describe_pages;
use sheet_extract::output::FormPiece;

use super::{Reporting, Tally};
use crate::app::inputs::{Input, escape_path};
use crate::app::pool::protocol::Extracted;
use crate::app::pool::{FileOutcome, Part, UnitOutcome};
use crate::app::sink::{Sink, SinkError};

/// A line about one unit, said when its file ends (a book's lines name pages: whether the
/// file is a book is known only once a second unit arrives or the file ends).
struct UnitLine {
    pages: String,
    text: String,
    /// The line reports a failure.
    fails: bool,
}

/// The input's form, from its parts. Written page by page when the sink can take pieces and
/// no warning can refuse it ([`streams_forms`]): its parts are held until one holds text (a
/// file with no text layer is known only at its end, and writes nothing), then written as
/// they come. Else held whole and added as one document at its end.
struct FormStream {
    /// The form without pages or warnings (to close it if its end never comes).
    head: Document,
    /// Parts not written yet.
    held: Vec<Document>,
    /// The form is written in pieces.
    writes: bool,
    opened: bool,
    closed: bool,
    /// Where the form's lines go among the file's lines, and the pages they name.
    line_at: usize,
    pages: String,
}

/// Whether a form's parts can be written as they come: the sink appends, and no warning,
/// known only at the form's end, can refuse it (--strict).
pub(super) fn streams_forms(sink: &dyn Sink, reporting: Reporting) -> bool {
    sink.appends() && !reporting.strict
}

/// One input's report, built unit by unit: documents go to a sink that [`Sink::appends`]
/// as they arrive (the first held back until a second shows whether JSON is one object or
/// an array; a form page by page, see [`FormStream`]), to any other sink together at the
/// end; stderr lines wait for the end (the no-sheet note, known last, comes first, and a
/// file failed with nothing read says only its failure).
pub(super) struct FileReport<'a> {
    input: &'a Input,
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
    form: Option<FormStream>,
}

impl<'a> FileReport<'a> {
    pub(super) fn new(input: &'a Input, reporting: Reporting) -> Self {
        FileReport {
            input,
            reporting,
            pending: Vec::new(),
            given: 0,
            kinds: BTreeSet::new(),
            units: 0,
            extracted_any: false,
            lines: Vec::new(),
            warnings: 0,
            error: None,
            form: None,
        }
    }

    /// One unit, in page order: its lines kept, its document written or held.
    pub(super) fn add(&mut self, sink: &mut dyn Sink, unit: UnitOutcome) {
        if let Ok(extracted) = &unit.result
            && extracted.part != Part::Whole
        {
            return self.add_form_part(sink, unit);
        }
        self.units += 1;
        let pages = unit.pages;
        match unit.result {
            Err(reason) => self.line(&pages, reason.to_string(), true),
            Ok(extracted) => self.add_document(sink, &pages, extracted),
        }
    }

    /// A whole document: its warning lines, then written or held (refused under --strict
    /// when it has warnings).
    fn add_document(&mut self, sink: &mut dyn Sink, pages: &str, extracted: Extracted) {
        let count = self.warning_lines(pages, &extracted);
        let refused = self.reporting.strict && count > 0;
        if refused {
            self.line(pages, format!("{count} warning(s) with --strict"), true);
        }
        self.extracted_any = true;
        if !refused {
            self.pending.push(extracted.document);
            if sink.appends() && (self.given > 0 || self.pending.len() > 1) {
                self.give(sink);
            }
        }
    }

    /// Run `add` with its lines going at `at` among the lines (a form's go where its first
    /// part came, as when it was one unit).
    fn lines_at(&mut self, at: usize, add: impl FnOnce(&mut Self)) {
        let after = self.lines.split_off(at.min(self.lines.len()));
        add(self);
        self.lines.extend(after);
    }

    fn line(&mut self, pages: &str, text: String, fails: bool) {
        let pages = pages.to_string();
        self.lines.push(UnitLine { pages, text, fails });
    }

    /// Keep a line for each of the document's warnings to report; give their count.
    fn warning_lines(&mut self, pages: &str, extracted: &Extracted) -> usize {
        let warnings = match extracted.report_warnings {
            true => extracted.document.warnings(),
            false => &[],
        };
        if !self.reporting.quiet {
            for warning in warnings {
                self.line(pages, format!("warning: {warning}"), false);
            }
        }
        self.warnings += warnings.len();
        warnings.len()
    }

    /// A part of the input's form: held, or written (see [`FormStream`]).
    fn add_form_part(&mut self, sink: &mut dyn Sink, unit: UnitOutcome) {
        let Ok(extracted) = unit.result else { return };
        if self.form.is_none() {
            self.units += 1;
            let mut head = extracted.document.clone();
            if let Document::Form(form) = &mut head {
                form.pages.clear();
                form.warnings.clear();
            }
            self.form = Some(FormStream {
                head,
                held: Vec::new(),
                writes: streams_forms(sink, self.reporting),
                opened: false,
                closed: false,
                line_at: self.lines.len(),
                pages: unit.pages.clone(),
            });
        }
        let Some(mut form) = self.form.take() else {
            return;
        };
        let end = extracted.part == Part::FormEnd;
        if !end {
            if form.opened {
                self.give_piece(sink, FormPiece::Page, &extracted.document);
            } else {
                let holds_text = holds_text(&extracted.document);
                form.held.push(extracted.document);
                if form.writes && holds_text {
                    self.open_form(sink, &mut form);
                }
            }
        } else if form.writes {
            self.open_form(sink, &mut form);
            self.lines_at(form.line_at, |report| {
                report.warning_lines(&form.pages, &extracted);
            });
            self.give_piece(sink, FormPiece::Close, &extracted.document);
        } else {
            let whole = Extracted {
                document: joined(std::mem::take(&mut form.held), extracted.document),
                report_warnings: extracted.report_warnings,
                part: Part::Whole,
            };
            self.add_whole_form(sink, &form, whole);
        }
        form.closed |= end;
        self.form = Some(form);
    }

    /// A form held whole (not written in pieces) is added as one document, its lines where
    /// its first part came.
    fn add_whole_form(&mut self, sink: &mut dyn Sink, form: &FormStream, whole: Extracted) {
        let pages = form.pages.clone();
        self.lines_at(form.line_at, |report| {
            report.add_document(sink, &pages, whole);
        });
    }

    /// Write the form's head and the parts held.
    fn open_form(&mut self, sink: &mut dyn Sink, form: &mut FormStream) {
        if form.opened {
            return;
        }
        form.opened = true;
        self.extracted_any = true;
        self.given += 1;
        self.kinds.insert("form");
        self.give_piece(sink, FormPiece::Open, &form.head);
        for part in std::mem::take(&mut form.held) {
            self.give_piece(sink, FormPiece::Page, &part);
        }
    }

    /// The file ended: a form whose end never came keeps the pages read when one holds text
    /// (closed if it was being written, else added whole); with no page of text it is
    /// dropped.
    fn settle_form(&mut self, sink: &mut dyn Sink) {
        let Some(mut form) = self.form.take() else {
            return;
        };
        if form.closed {
            return;
        }
        if form.opened {
            self.give_piece(sink, FormPiece::Close, &form.head);
        } else if !form.writes && form.held.iter().any(holds_text) {
            let whole = Extracted {
                document: joined(std::mem::take(&mut form.held), form.head.clone()),
                report_warnings: false,
                part: Part::Whole,
            };
            self.add_whole_form(sink, &form, whole);
        }
    }

    fn give_piece(&mut self, sink: &mut dyn Sink, piece: FormPiece, form: &Document) {
        if self.error.is_none()
            && let Err(e) = sink.write_form_piece(self.input, piece, form)
        {
            self.error = Some(e);
        }
    }

    /// Hand the pending documents to the sink (after a sink error, drop them).
    fn give(&mut self, sink: &mut dyn Sink) {
        if self.error.is_none() {
            self.kinds.extend(self.pending.iter().map(Document::kind));
            match sink.write(self.input, &self.pending) {
                Ok(()) => self.given += self.pending.len(),
                Err(e) => self.error = Some(e),
            }
        }
        self.pending.clear();
    }

    /// The file's end: its remaining units, its last documents, its lines, the tally.
    pub(super) fn finish(
        mut self,
        sink: &mut dyn Sink,
        mut outcome: FileOutcome,
        tally: &mut Tally,
        progress: &ProgressBar,
    ) -> io::Result<()> {
        for unit in std::mem::take(&mut outcome.units) {
            self.add(sink, unit);
        }
        self.settle_form(sink);
        if self.given == 0 || !self.pending.is_empty() {
            self.give(sink);
        }
        if self.error.is_none()
            && let Err(e) = sink.end(self.input)
        {
            self.error = Some(e);
        }
        let say = |line: String| progress.suspend(|| say!("{line}"));
        self.say_lines(&mut outcome, tally, &say);
        let name = &self.input.shown;
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

    /// Say the file's lines: the pages without a sheet, each unit's, the file's failure.
    fn say_lines(&mut self, outcome: &mut FileOutcome, tally: &mut Tally, say: &impl Fn(String)) {
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
    }
}

/// Whether a form part's page prints any text.
fn holds_text(part: &Document) -> bool {
    matches!(part, Document::Form(form) if form.pages.iter().any(|p| p.holds_text()))
}

/// One form of `parts`' pages in order and the source and warnings of `end`.
fn joined(parts: Vec<Document>, end: Document) -> Document {
    let Document::Form(mut whole) = end else {
        return end;
    };
    whole.pages = parts
        .into_iter()
        .flat_map(|part| match part {
            Document::Form(form) => form.pages,
            _ => Vec::new(),
        })
        .collect();
    Document::Form(whole)
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use super::*;
    use crate::app::pool::protocol::tests::test_sheet;

    /// A sink recording how many documents each write brought.
    struct Recording {
        appends: bool,
        writes: Rc<RefCell<Vec<usize>>>,
        /// The form pieces written: `open`, `page N`, `close`.
        pieces: Rc<RefCell<Vec<String>>>,
    }

    impl Sink for Recording {
        fn write(&mut self, _: &Input, documents: &[Document]) -> Result<(), SinkError> {
            self.writes.borrow_mut().push(documents.len());
            for document in documents {
                if let Document::Form(form) = document {
                    let pages: Vec<usize> = form.pages.iter().map(|p| p.page).collect();
                    let warnings = form.warnings.len();
                    let whole = format!("form of pages {pages:?} with {warnings} warning(s)");
                    self.pieces.borrow_mut().push(whole);
                }
            }
            Ok(())
        }

        fn appends(&self) -> bool {
            self.appends
        }

        fn write_form_piece(
            &mut self,
            _: &Input,
            piece: FormPiece,
            form: &Document,
        ) -> Result<(), SinkError> {
            let Document::Form(form) = form else {
                panic!("a piece that is no form")
            };
            let recorded = match piece {
                FormPiece::Open => "open".to_string(),
                FormPiece::Page => format!("page {}", form.pages[0].page),
                FormPiece::Close => format!("close with {} warning(s)", form.warnings.len()),
            };
            self.pieces.borrow_mut().push(recorded);
            Ok(())
        }

        fn finish(self: Box<Self>) -> io::Result<()> {
            Ok(())
        }
    }

    fn unit(page: usize) -> UnitOutcome {
        let mut sheet = test_sheet(include_str!(
            "../../../fixtures/kitakami-r6-4-1.expected.json"
        ));
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
            pieces: Rc::default(),
        };
        let reporting = Reporting {
            strict: false,
            quiet: true,
        };
        let mut seen = Vec::new();
        let mut tally = Tally::default();
        let mut file = FileReport::new(&input, reporting);
        for page in 1..=units {
            file.add(&mut sink, unit(page));
            seen.push(writes.borrow().clone());
        }
        let progress = ProgressBar::hidden();
        file.finish(&mut sink, FileOutcome::default(), &mut tally, &progress)
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

    /// The parts of a three-page form, the first page printing no text, and its end with
    /// one warning.
    fn form_parts() -> Vec<UnitOutcome> {
        let text = include_str!("../../../fixtures/projects/excel-c1.expected-form.json");
        let whole: sheet_extract::form::FormDocument = serde_json::from_str(text).unwrap();
        let part = |pages, warnings, kind| {
            let mut form = whole.clone();
            form.pages = pages;
            form.warnings = warnings;
            let document = Document::Form(form);
            let (report_warnings, part) = (kind == Part::FormEnd, kind);
            Ok(Extracted {
                document,
                report_warnings,
                part,
            })
        };
        let mut parts: Vec<UnitOutcome> = whole
            .pages
            .iter()
            .map(|page| UnitOutcome {
                pages: format!("page {}", page.page),
                result: part(vec![page.clone()], Vec::new(), Part::FormPage),
            })
            .collect();
        if let Ok(Extracted {
            document: Document::Form(first),
            ..
        }) = &mut parts[0].result
        {
            first.pages[0].cells.clear();
            first.pages[0].lines.clear();
        }
        let warning = serde_json::from_str(r#"["page 2: 3 glyphs cannot be decoded"]"#).unwrap();
        parts.push(UnitOutcome {
            pages: "the file".into(),
            result: part(Vec::new(), warning, Part::FormEnd),
        });
        parts
    }

    /// The form pieces written by the time each of the first `parts` arrived, then at the
    /// file's end (failed or not); the tally.
    fn pieces_as_parts_arrive(parts: usize, failure: Option<&str>) -> (Vec<Vec<String>>, Tally) {
        pieces_to(true, parts, failure)
    }

    /// As [`pieces_as_parts_arrive`], to a sink that appends or not.
    fn pieces_to(appends: bool, parts: usize, failure: Option<&str>) -> (Vec<Vec<String>>, Tally) {
        let input = Input::test_file("form.pdf");
        let pieces = Rc::new(RefCell::new(Vec::new()));
        let mut sink = Recording {
            appends,
            writes: Rc::default(),
            pieces: Rc::clone(&pieces),
        };
        let reporting = Reporting {
            strict: false,
            quiet: true,
        };
        let (mut seen, mut tally) = (Vec::new(), Tally::default());
        let mut file = FileReport::new(&input, reporting);
        for part in form_parts().into_iter().take(parts) {
            file.add(&mut sink, part);
            seen.push(pieces.borrow().clone());
        }
        let outcome = FileOutcome {
            failure: failure.map(String::from),
            ..FileOutcome::default()
        };
        file.finish(&mut sink, outcome, &mut tally, &ProgressBar::hidden())
            .unwrap();
        seen.push(pieces.borrow().clone());
        (seen, tally)
    }

    #[test]
    fn a_form_is_written_page_by_page_from_its_first_page_with_text() {
        let (seen, tally) = pieces_as_parts_arrive(4, None);
        let open = ["open", "page 1", "page 2"];
        let expected: Vec<Vec<&str>> = vec![
            vec![],
            open.to_vec(),
            [&open[..], &["page 3"]].concat(),
            [&open[..], &["page 3", "close with 1 warning(s)"]].concat(),
            [&open[..], &["page 3", "close with 1 warning(s)"]].concat(),
        ];
        assert_eq!(seen, expected);
        assert_eq!((tally.extracted, tally.failed, tally.warnings), (1, 0, 1));
    }

    #[test]
    fn a_form_whose_file_fails_is_closed_with_the_pages_read() {
        let (seen, tally) = pieces_as_parts_arrive(2, Some("the extractor process died"));
        let expected = ["open", "page 1", "page 2", "close with 0 warning(s)"];
        assert_eq!(seen.last().unwrap(), &expected);
        assert_eq!((tally.extracted, tally.failed), (1, 1));
    }

    #[test]
    fn a_form_with_no_page_of_text_writes_nothing_when_its_file_fails() {
        let (seen, tally) = pieces_as_parts_arrive(1, Some("no text layer"));
        assert_eq!(seen, vec![Vec::<String>::new(); 2]);
        assert_eq!((tally.extracted, tally.failed), (0, 1));
    }

    #[test]
    fn a_form_to_a_sink_that_takes_whole_documents_is_one_document_at_its_end() {
        let (seen, tally) = pieces_to(false, 4, None);
        let whole = "form of pages [1, 2, 3] with 1 warning(s)";
        // A sink that does not append takes a file's documents at its end.
        assert_eq!(seen, [vec![], vec![], vec![], vec![], vec![whole]]);
        assert_eq!((tally.extracted, tally.failed, tally.warnings), (1, 0, 1));
    }

    #[test]
    fn a_whole_form_whose_file_fails_keeps_its_pages_when_one_prints_text() {
        let (seen, tally) = pieces_to(false, 2, Some("the extractor process died"));
        let whole = "form of pages [1, 2] with 0 warning(s)";
        assert_eq!(seen.last().unwrap(), &[whole]);
        assert_eq!((tally.extracted, tally.failed), (1, 1));
        let (seen, tally) = pieces_to(false, 1, Some("no text layer"));
        assert_eq!(seen.last().unwrap(), &Vec::<String>::new());
        assert_eq!((tally.extracted, tally.failed), (0, 1));
    }
}
