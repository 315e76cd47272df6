//! The stages run over one file: [`pdf`](crate::pdf) pages (interpreted on several threads
//! for a long book) → the [`kind`](crate::kind) of each page (with its
//! [`grid`](crate::grid)) → [`book`](crate::book) sheet page ranges → the
//! [`sheet`](crate::sheet) model.
//!
//! Takes the bytes of a file and its [`Limits`]; gives each sheet, in page order, to an
//! [`Observer`] as soon as its last page is read, so that a book of thousands of pages is
//! never held whole: only the open sheet's grids and a bounded [`Window`] of pages read
//! ahead. The observer also sees every page as it is classified, and the file's rejection:
//! extraction and `inspect` are two observers of this one run, so they cannot disagree.
//!
//! A fault met while reading a page after the first sheet header (a stream over the decoded
//! size budget, a panic of the PDF engine) fails the sheet that page belongs to, not the file.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::book::{PageKind, PageSelection, SheetKind, SheetSpan, Splitter};
use crate::document::Document;
use crate::error::ExtractError;
use crate::form::FormPage;
use crate::grid::PageGrid;
use crate::kind::{self, Classified};
use crate::limits::Limits;
use crate::model::{Sheet, Source};
use crate::page::FilePage;
use crate::pdf::{FileBytes, PageCache, PageContent};
use crate::reader::{PageReader, describe_fonts as describe, open};
use crate::window::Window;

pub use crate::reader::{check_page_count, describe_fonts};

/// How many leading pages may be read to find the first sheet header; a file without one
/// there is not a sheet (decided without building any grid for foreign pages).
pub const HEADER_PROBE_PAGES: usize = 30;

/// Pages read ahead of the one the splitter waits for, per thread: bounds memory on books.
const READ_AHEAD_PER_THREAD: usize = 4;

/// Below this many pages after the first header, one thread reads them all: a second one
/// would parse the shared fonts again for little gain.
const MIN_PAGES_FOR_THREADS: usize = 8;

/// The pages of one sheet, ready for the sheet stage.
pub struct SheetPages<'a> {
    pub span: &'a SheetSpan,
    /// The grids of the span's non-blank pages, in order (each knows its file page).
    pub grids: &'a [PageGrid],
    /// The labelled pages of a project sheet's pages, in order (empty for a measure sheet).
    pub forms: &'a [FormPage],
    /// `source` for the sheet: file, first page, pages, sha256.
    pub source: Source,
}

impl SheetPages<'_> {
    /// Run the measure sheet stage on these pages (a project sheet's range is refused: see
    /// [`build_document`](Self::build_document)).
    pub fn build(&self) -> Result<Sheet, ExtractError> {
        self.readable()?;
        if self.span.kind == SheetKind::Project {
            return Err(ExtractError::NotASheet(
                "a project sheet (read it as a document: SheetPages::build_document)".into(),
            ));
        }
        crate::sheet::build(self.grids, self.source.clone())
    }

    /// Run the stage of the range's kind on these pages: a measure sheet or a project sheet.
    pub fn build_document(&self) -> Result<Document, ExtractError> {
        self.readable()?;
        match self.span.kind {
            SheetKind::Measure => {
                crate::sheet::build(self.grids, self.source.clone()).map(Document::Measure)
            }
            SheetKind::Project => {
                let mut sheet = crate::project::build(self.forms, None);
                sheet.source = self.source.clone();
                Ok(Document::Project(sheet))
            }
        }
    }

    /// [`build_document`](Self::build_document), also saying which field took each cell of
    /// the grids and whether each free line was used (for `inspect`): the same reading.
    pub fn build_inspected(&self) -> InspectedDocument {
        if let Err(e) = self.readable() {
            let fields = self.grids.iter().map(|g| vec![None; g.cells.len()]);
            let free = self.grids.iter().map(|g| vec![false; g.free_lines.len()]);
            return (Err(e), fields.collect(), free.collect());
        }
        match self.span.kind {
            SheetKind::Measure => {
                let (sheet, fields, free) =
                    crate::sheet::build_inspected(self.grids, self.source.clone());
                (sheet.map(Document::Measure), fields, free)
            }
            SheetKind::Project => self.project_inspected(),
        }
    }

    /// A project sheet with the member of each grid cell (that of the form cells inside it:
    /// `label` for a label) and the free lines no warning names as used.
    fn project_inspected(&self) -> InspectedDocument {
        let (mut sheet, members) = crate::project::build_inspected(self.forms, None);
        sheet.source = self.source.clone();
        let mut fields = Vec::new();
        let mut free = Vec::new();
        for grid in self.grids {
            let form = self.forms.iter().find(|f| f.page == grid.page.number());
            let member = |cell: &crate::grid::Cell| form.and_then(|f| member_of(f, cell, &members));
            fields.push(grid.cells.iter().map(member).collect());
            let used = |line: &crate::text::Line| {
                let text = crate::text::trim(&line.text);
                text.is_empty() || !sheet.warnings.iter().any(|w| w.text().contains(text))
            };
            free.push(grid.free_lines.iter().map(used).collect());
        }
        (Ok(Document::Project(sheet)), fields, free)
    }

    /// Why the sheet cannot be read: a page of it could not be, or its kind is not read yet.
    fn readable(&self) -> Result<(), ExtractError> {
        if let Some(fault) = &self.span.fault {
            return Err(fault.clone());
        }
        Ok(())
    }
}

/// A sheet as `inspect` shows it: the document, the field that took each cell of its grids
/// (`label` for labels; None where none did) and whether each free line was used.
pub type InspectedDocument = (
    Result<Document, ExtractError>,
    crate::sheet::CellFields,
    Vec<Vec<bool>>,
);

/// The member of a grid cell: that of a form cell whose box's centre lies in it, else
/// `label` when one of them is a label.
fn member_of(
    form: &FormPage,
    cell: &crate::grid::Cell,
    members: &crate::project::Members,
) -> Option<String> {
    let r = &cell.rect;
    let mut label = false;
    for c in &form.cells {
        let (x, y) = ((c.bbox[0] + c.bbox[2]) / 2.0, (c.bbox[1] + c.bbox[3]) / 2.0);
        if !(r.x0 <= x && x <= r.x1 && r.y0 <= y && y <= r.y1) {
            continue;
        }
        let at = crate::project::CellRef {
            page: form.page,
            row: c.row,
            col: c.col,
        };
        if let Some(member) = members.get(&at) {
            return Some(member.clone());
        }
        label |= c.label;
    }
    label.then(|| "label".to_string())
}

/// What a file held besides its sheets.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BookSummary {
    /// Pages (0-based) that belong to no sheet: cover, contents, dividers, blank pages.
    pub no_sheet_pages: Vec<usize>,
}

/// One page as the pipeline classified it, for an [`Observer`].
pub struct PageEvent<'a> {
    /// File page, 0-based.
    pub index: usize,
    /// The page's glyphs and segments (when the observer [wants pages](Observer::wants_pages)
    /// and the page could be read).
    pub content: Option<&'a PageContent>,
    pub kind: &'a PageKind,
    /// The grid the page-kind step built (pages that belong to a sheet).
    pub grid: Option<&'a PageGrid>,
    /// The first page of the sheet open after this page, if one is.
    pub open_since: Option<FilePage>,
}

/// What sees the stages of one run: each page once classified, each sheet once its pages
/// are complete.
pub trait Observer {
    /// A sheet's pages, in page order.
    fn sheet(&mut self, pages: SheetPages<'_>);

    /// Whether each page's content is wanted; the pages are then read on one thread.
    fn wants_pages(&self) -> bool {
        false
    }

    /// A page, once classified and given to the book stage.
    fn page(&mut self, event: PageEvent<'_>) {
        let _ = event;
    }

    /// Whether to stop reading pages (asked between pages when they are read on one
    /// thread); the sheet open then is still handed on.
    fn done(&self) -> bool {
        false
    }
}

/// An observer that only takes sheets.
struct Sheets<F>(F);

impl<F: FnMut(SheetPages<'_>)> Observer for Sheets<F> {
    fn sheet(&mut self, pages: SheetPages<'_>) {
        (self.0)(pages)
    }
}

/// Read every sheet of a file, handing each to `each` in page order; `threads` bounds the
/// threads interpreting pages. `Err` when the file as a whole cannot be read or is no sheet.
pub fn run(
    bytes: impl Into<FileBytes>,
    file: &str,
    limits: &Limits,
    threads: usize,
    each: impl FnMut(SheetPages<'_>),
) -> Result<BookSummary, ExtractError> {
    run_observed(bytes, file, limits, threads, &mut Sheets(each))
}

/// [`run`] with an [`Observer`] of every stage.
pub fn run_observed(
    bytes: impl Into<FileBytes>,
    file: &str,
    limits: &Limits,
    threads: usize,
    observer: &mut dyn Observer,
) -> Result<BookSummary, ExtractError> {
    let (document, sha256) = open(bytes, limits)?;
    let page_count = document.page_count();
    if page_count == 0 {
        return Err(ExtractError::Damaged("the page tree holds no pages".into()));
    }
    let reader = PageReader::new(&document, limits);
    let mut assembler = Assembler {
        splitter: Splitter::default(),
        grids: Default::default(),
        forms: Default::default(),
        summary: BookSummary::default(),
        file,
        sha256: &sha256,
        selection: limits.pages,
        observer,
    };
    let mut cache = document.cache();
    let first = find_first_header(&reader, &cache, page_count, &mut assembler)?;
    check_page_count(page_count, limits)?;
    let rest = first + 1..page_count;
    let parallel = threads > 1 && rest.len() >= MIN_PAGES_FOR_THREADS;
    if parallel && !assembler.observer.wants_pages() {
        read_parallel(&reader, rest, threads, &mut assembler)?;
    } else {
        for index in rest {
            if assembler.observer.done() {
                break;
            }
            if document.needs_fresh_cache(index, &cache) {
                cache = document.cache();
            }
            let (content, page) = read_page(&reader, &cache, index, true);
            assembler.take(index, page, content.as_ref());
        }
    }
    Ok(assembler.finish())
}

/// Read and classify one page; a fault (a limit, a panic of the engine) becomes an
/// unreadable page.
fn read_page<'d>(
    reader: &PageReader<'d>,
    cache: &PageCache<'d>,
    index: usize,
    continuations: bool,
) -> (Option<PageContent>, Classified) {
    let read = catch_unwind(AssertUnwindSafe(|| {
        let content = reader.load(cache, index)?;
        let classified = kind::classify_page(index, &content, continuations);
        Ok((content, classified))
    }));
    match read {
        Ok(Ok((content, classified))) => (Some(content), classified),
        Ok(Err(fault)) => (None, unreadable(fault)),
        Err(_) => (None, unreadable(engine_failed(index))),
    }
}

fn unreadable(fault: ExtractError) -> Classified {
    Classified {
        kind: PageKind::Unreadable { fault },
        grid: None,
        form: None,
    }
}

fn engine_failed(index: usize) -> ExtractError {
    ExtractError::Internal(format!("the PDF engine failed on page {}", index + 1))
}

/// What the pages before the first sheet header showed: enough to say why a file holds no
/// sheet.
#[derive(Default)]
struct TextSeen {
    glyphs: bool,
    undecoded: bool,
    undecodable_fonts: Vec<String>,
    /// The first page (0-based) too large for text to be placed on, and its size.
    oversized: Option<(usize, f64, f64)>,
}

/// The largest side of a page, in default user-space units (ISO 32000, Annex C: 14,400; the
/// engine ignores `UserUnit`): beyond it, positions lose their precision and glyphs are lost.
const MAX_PAGE_SIDE: f64 = 14_400.0;

impl TextSeen {
    fn saw(&mut self, index: usize, content: &PageContent) {
        let (width, height) = (content.width, content.height);
        let usable = |side: f64| side.is_finite() && side <= MAX_PAGE_SIDE;
        if self.oversized.is_none() && !(usable(width) && usable(height)) {
            self.oversized = Some((index, width, height));
        }
        self.glyphs |= !content.glyphs.is_empty();
        self.undecoded |= content.undecoded.glyphs > 0;
        for font in &content.undecoded.fonts {
            if content.undecoded.glyphs > 0 && !self.undecodable_fonts.contains(font) {
                self.undecodable_fonts.push(font.clone());
            }
        }
    }

    /// Why the `probe` pages looked at hold no sheet.
    fn rejection(&self, reader: &PageReader<'_>, probe: usize) -> ExtractError {
        if !self.glyphs && self.undecoded {
            return ExtractError::Undecodable(describe(&self.undecodable_fonts));
        }
        if !self.glyphs && reader.saw_undecodable() {
            return ExtractError::Damaged(
                "a content stream cannot be decoded: corrupt data or an unsupported filter".into(),
            );
        }
        if let (false, Some((index, width, height))) = (self.glyphs, self.oversized) {
            return ExtractError::Damaged(format!(
                "page {} measures {width:.0e} x {height:.0e} units, more than the \
                 {MAX_PAGE_SIDE} a PDF page may: its text cannot be placed",
                index + 1
            ));
        }
        if !self.glyphs {
            return ExtractError::NoText;
        }
        let pages = if probe == 1 {
            "page 1".to_string()
        } else {
            format!("pages 1-{probe}")
        };
        ExtractError::NotASheet(format!(
            "no 基本施策 or 事務事業 sheet header on {pages} (sheet-extract form reads any form)"
        ))
    }
}

/// Read the first pages until one starts a sheet (its index); the pages before it hold no
/// sheet. Foreign documents are rejected here, cheaply: no grid for pages without the
/// labels. A fault on these pages fails the file.
fn find_first_header<'d>(
    reader: &PageReader<'d>,
    cache: &PageCache<'d>,
    page_count: usize,
    assembler: &mut Assembler<'_>,
) -> Result<usize, ExtractError> {
    let probe = page_count.min(HEADER_PROBE_PAGES);
    let mut seen = TextSeen::default();
    for index in 0..probe {
        let content = reader.load(cache, index)?;
        seen.saw(index, &content);
        let classified = catch_unwind(AssertUnwindSafe(|| {
            kind::classify_page(index, &content, false)
        }))
        .map_err(|_| engine_failed(index))?;
        let starts = matches!(
            classified.kind,
            PageKind::Header { .. } | PageKind::ProjectStart { .. }
        );
        assembler.take(index, classified, Some(&content));
        if starts {
            return Ok(index);
        }
    }
    Err(seen.rejection(reader, probe))
}

/// Classify `range` on `threads` threads, handing pages to the assembler in page order.
/// Threads read at most a window of pages ahead of the one the assembler waits for. A
/// reading thread that dies (a fault outside a page's reading) closes the window, so the
/// run fails instead of waiting for its page forever.
fn read_parallel(
    reader: &PageReader<'_>,
    range: std::ops::Range<usize>,
    threads: usize,
    assembler: &mut Assembler<'_>,
) -> Result<(), ExtractError> {
    let window = Window::new(range.start, threads * READ_AHEAD_PER_THREAD);
    let next = AtomicUsize::new(range.start);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (window, next, end) = (&window, &next, range.end);
            scope.spawn(move || {
                let _closes_if_it_dies = CloseOnPanic(window);
                let mut cache = reader.document().cache();
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    if index >= end || !window.admit(index) {
                        break;
                    }
                    if reader.document().needs_fresh_cache(index, &cache) {
                        cache = reader.document().cache();
                    }
                    let (_, page) = read_page(reader, &cache, index, true);
                    window.put(index, page);
                }
            });
        }
        let mut outcome = Ok(());
        for _ in range.clone() {
            let Some((index, page)) = window.take() else {
                outcome = Err(ExtractError::Internal(
                    "a page-reading thread failed".into(),
                ));
                break;
            };
            assembler.take(index, page, None);
        }
        window.close();
        outcome
    })
}

/// Closes the window when the thread holding it unwinds.
struct CloseOnPanic<'w, T>(&'w Window<T>);

impl<T> Drop for CloseOnPanic<'_, T> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.close();
        }
    }
}

/// Feeds page kinds to the splitter, keeps the open sheet's grids, and hands each finished
/// sheet on.
struct Assembler<'a> {
    splitter: Splitter,
    grids: std::collections::BTreeMap<usize, PageGrid>,
    forms: std::collections::BTreeMap<usize, FormPage>,
    summary: BookSummary,
    file: &'a str,
    sha256: &'a str,
    /// `--pages`: only the sheets whose first page it selects are handed on.
    selection: PageSelection,
    observer: &'a mut dyn Observer,
}

impl Assembler<'_> {
    fn take(&mut self, index: usize, page: Classified, content: Option<&PageContent>) {
        let Classified {
            mut kind,
            grid,
            form,
        } = page;
        if let Some(open) = self.splitter.open_project() {
            kind = match kind {
                PageKind::Other => kind::continues(form.as_deref(), open),
                // Ruled cells under indicator or table labels (what the measure probe calls
                // a continuation) are labels of the project vocabulary: the open project
                // sheet continues (SPEC "Project sheets", recognition).
                PageKind::Continuation { .. } => PageKind::ProjectContinuation,
                other => other,
            };
        }
        let ended = self.splitter.push(index, &kind);
        if let Some(span) = ended {
            self.emit(&span);
        }
        self.observer.page(PageEvent {
            index,
            content,
            kind: &kind,
            grid: grid.as_ref(),
            open_since: self.splitter.open_since(),
        });
        if let Some(grid) = grid {
            self.grids.insert(index, grid);
        }
        if let Some(form) = form
            && matches!(
                kind,
                PageKind::ProjectStart { .. } | PageKind::ProjectContinuation
            )
        {
            self.forms.insert(index, *form);
        }
    }

    fn finish(mut self) -> BookSummary {
        if let Some(span) = self.splitter.finish() {
            self.emit(&span);
        }
        self.summary.no_sheet_pages = self.splitter.no_sheet_pages().to_vec();
        self.summary
    }

    fn emit(&mut self, span: &SheetSpan) {
        let grids: Vec<PageGrid> = span
            .pages
            .iter()
            .filter_map(|p| self.grids.remove(&p.index()))
            .collect();
        let forms: Vec<FormPage> = span
            .pages
            .iter()
            .filter_map(|p| self.forms.remove(&p.index()))
            .collect();
        // Grids of pages that ended up in no sheet are dropped with the sheet before them.
        self.grids.retain(|&p, _| p > span.last.index());
        self.forms.retain(|&p, _| p > span.last.index());
        if !self.selection.selects(span) {
            return;
        }
        self.observer.sheet(SheetPages {
            span,
            grids: &grids,
            forms: &forms,
            source: Source {
                file: self.file.to_string(),
                first_page: span.first.number(),
                pages: span.page_count(),
                sha256: self.sha256.to_string(),
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records what the run shows it, and stops once page `stop` (0-based) is read.
    struct Recorder {
        stop: usize,
        pages: Vec<(usize, bool, &'static str, Option<usize>)>,
        sheets: Vec<(usize, usize, bool)>,
    }

    impl Observer for Recorder {
        fn sheet(&mut self, pages: SheetPages<'_>) {
            let built = pages.build().is_ok();
            self.sheets
                .push((pages.span.first.index(), pages.span.last.index(), built));
        }

        fn wants_pages(&self) -> bool {
            true
        }

        fn page(&mut self, event: PageEvent<'_>) {
            let kind = match event.kind {
                PageKind::Blank => "blank",
                PageKind::Header { .. } => "header",
                PageKind::Continuation { .. } => "continuation",
                _ => "other",
            };
            let since = event.open_since.map(FilePage::index);
            let seen = (event.index, event.content.is_some(), kind, since);
            self.pages.push(seen);
        }

        fn done(&self) -> bool {
            self.pages.last().is_some_and(|p| p.0 >= self.stop)
        }
    }

    /// The observer sees every page in order with its content and kind, then each sheet as
    /// its last page is read; stopping hands on the sheet open at that point. The book
    /// (pdftotext): a cover, a blank page, sheet 6-1 on pages 3-4, sheet 7-4 from page 5.
    #[test]
    fn an_observer_sees_pages_then_sheets_and_can_stop() {
        let bytes = std::fs::read("fixtures/books/gen-book-merge.pdf").unwrap();
        let mut recorder = Recorder {
            stop: 4,
            pages: Vec::new(),
            sheets: Vec::new(),
        };
        let limits = Limits::default();
        let summary = run_observed(bytes, "book.pdf", &limits, 4, &mut recorder).unwrap();
        assert_eq!(
            recorder.pages,
            [
                (0, true, "other", None),
                (1, true, "blank", None),
                (2, true, "header", Some(2)),
                (3, true, "continuation", Some(2)),
                (4, true, "header", Some(4)),
            ]
        );
        assert_eq!(recorder.sheets, [(2, 3, true), (4, 4, true)]);
        assert_eq!(summary.no_sheet_pages, [0, 1]);
    }
}
