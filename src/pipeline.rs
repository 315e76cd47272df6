//! The stages run over one file: [`pdf`](crate::pdf) pages (interpreted on several threads
//! for a long book) → [`book`](crate::book) split into sheet page ranges → each range's
//! [`grid`](crate::grid)s → the [`sheet`](crate::sheet) model.
//!
//! Takes the bytes of a file and its [`Limits`]; gives each sheet, in page order, to a
//! callback as soon as its last page is read, so that a book of thousands of pages is never
//! held whole: only the open sheet's grids and a bounded window of pages read ahead.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

use sha2::{Digest, Sha256};

use crate::book::{self, PageKind, SheetSpan, Splitter};
use crate::error::ExtractError;
use crate::grid::PageGrid;
use crate::model::{Sheet, Source};
use crate::pdf::{Document, PageCache, PageContent, StreamBudget};
use crate::{Limits, MB};

/// How many leading pages may be read to find the first sheet header; a file without one
/// there is not a sheet (decided without building any grid for foreign pages).
pub const HEADER_PROBE_PAGES: usize = 30;

/// Pages read ahead of the one the splitter waits for, per thread: bounds memory on books.
const READ_AHEAD_PER_THREAD: usize = 4;

/// Fonts one interpreter cache may hold before a fresh one replaces it: the cache keeps every
/// font it parsed, and a book from mixed producers embeds new fonts sheet after sheet, so an
/// unbounded cache grows with the book. Books whose pages share their fonts never reach it.
const MAX_CACHED_FONTS: usize = 24;

/// Below this many pages after the first header, one thread reads them all: a second one
/// would parse the shared fonts again for little gain.
const MIN_PAGES_FOR_THREADS: usize = 8;

/// The pages of one sheet, ready for the sheet stage.
pub struct SheetPages<'a> {
    pub span: &'a SheetSpan,
    /// The grids of the span's non-blank pages, in order (each knows its file page).
    pub grids: &'a [PageGrid],
    /// `source` for the sheet: file, first page, pages, sha256.
    pub source: Source,
}

impl SheetPages<'_> {
    /// Run the sheet stage on these pages.
    pub fn build(&self) -> Result<Sheet, ExtractError> {
        crate::sheet::build(self.grids, self.source.clone())
    }
}

/// What a file held besides its sheets.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BookSummary {
    /// Pages (0-based) that belong to no sheet: cover, contents, dividers, blank pages.
    pub no_sheet_pages: Vec<usize>,
}

/// Read every sheet of a file, handing each to `each` in page order; `threads` bounds the
/// threads interpreting pages. `Err` when the file as a whole cannot be read or is no sheet.
pub fn run(
    bytes: Vec<u8>,
    file: &str,
    limits: &Limits,
    threads: usize,
    mut each: impl FnMut(SheetPages<'_>),
) -> Result<BookSummary, ExtractError> {
    let (document, sha256) = open(bytes, limits)?;
    let page_count = document.page_count();
    if page_count == 0 {
        return Err(ExtractError::Damaged("the page tree holds no pages".into()));
    }
    let reader = PageReader::new(&document, limits);
    let mut cache = document.cache();
    let mut splitter = Splitter::default();
    let first = reader.find_first_header(&cache, page_count, &mut splitter)?;
    check_page_count(page_count, limits)?;
    let mut assembler = Assembler {
        splitter,
        grids: BTreeMap::new(),
        summary: BookSummary::default(),
        file,
        sha256: &sha256,
        selection: limits.pages,
    };
    assembler.take(first.index, first.kind, first.grid, &mut each);
    let rest = first.index + 1..page_count;
    if threads > 1 && rest.len() >= MIN_PAGES_FOR_THREADS {
        reader.read_parallel(rest, threads, |index, page| {
            let (kind, grid) = page?;
            assembler.take(index, kind, grid, &mut each);
            Ok(())
        })?;
    } else {
        for index in rest {
            if cache.fonts() > MAX_CACHED_FONTS {
                cache = document.cache();
            }
            let (kind, grid) = reader.classify(&cache, index)?;
            assembler.take(index, kind, grid, &mut each);
        }
    }
    Ok(assembler.finish(&mut each))
}

/// A file's bytes within the input limit, parsed, and the hex SHA-256 of the bytes.
pub(crate) fn open(bytes: Vec<u8>, limits: &Limits) -> Result<(Document, String), ExtractError> {
    if bytes.len() as u64 > limits.max_input_bytes {
        // Callers may have stopped reading at the limit, so the size itself is not known.
        return Err(ExtractError::Limit(format!(
            "input is larger than the maximum of {} MB",
            limits.max_input_bytes / MB
        )));
    }
    let sha256 = hex(&Sha256::digest(&bytes));
    Ok((Document::open(bytes)?, sha256))
}

/// The page limit, which counts the whole file.
pub(crate) fn check_page_count(page_count: usize, limits: &Limits) -> Result<(), ExtractError> {
    if page_count > limits.max_pages {
        return Err(ExtractError::Limit(format!(
            "{page_count} pages, more than the maximum of {}",
            limits.max_pages
        )));
    }
    Ok(())
}

/// The first page that starts a sheet, classified, with its grid.
struct FirstHeader {
    index: usize,
    kind: PageKind,
    grid: Option<PageGrid>,
}

/// Interprets pages of one document within its limits (one decoded-size budget for all).
pub(crate) struct PageReader<'d> {
    document: &'d Document,
    budget: Mutex<StreamBudget>,
    limits: &'d Limits,
}

impl<'d> PageReader<'d> {
    pub(crate) fn new(document: &'d Document, limits: &'d Limits) -> Self {
        PageReader {
            document,
            budget: Mutex::new(StreamBudget::new(limits.max_stream_bytes)),
            limits,
        }
    }

    /// Interpret one page after checking that its streams fit the decoded-size budget.
    pub(crate) fn load(
        &self,
        cache: &PageCache<'d>,
        index: usize,
    ) -> Result<PageContent, ExtractError> {
        let fits = {
            let mut budget = self.budget.lock().unwrap_or_else(|e| e.into_inner());
            self.document.charge_streams(index, &mut budget)
        };
        if !fits {
            return Err(ExtractError::Limit(format!(
                "content streams inflate to more than {} MB (decompression bomb?)",
                self.limits.max_stream_bytes / MB
            )));
        }
        Ok(self.document.page(index, self.limits.page, cache))
    }

    fn classify(
        &self,
        cache: &PageCache<'d>,
        index: usize,
    ) -> Result<(PageKind, Option<PageGrid>), ExtractError> {
        let content = self.load(cache, index)?;
        Ok(book::classify(index, &content))
    }

    /// Read the first pages until one starts a sheet; the pages before it hold no sheet.
    /// Foreign documents are rejected here, cheaply: no grid for pages without the labels.
    fn find_first_header(
        &self,
        cache: &PageCache<'d>,
        page_count: usize,
        splitter: &mut Splitter,
    ) -> Result<FirstHeader, ExtractError> {
        let probe = page_count.min(HEADER_PROBE_PAGES);
        let mut any_glyphs = false;
        let mut undecodable_fonts: Vec<String> = Vec::new();
        let mut any_undecoded = false;
        for index in 0..probe {
            let content = self.load(cache, index)?;
            any_glyphs |= !content.glyphs.is_empty();
            any_undecoded |= content.undecoded.glyphs > 0;
            for font in &content.undecoded.fonts {
                if content.undecoded.glyphs > 0 && !undecodable_fonts.contains(font) {
                    undecodable_fonts.push(font.clone());
                }
            }
            let (kind, grid) = book::probe(index, &content);
            if matches!(kind, PageKind::Header { .. }) {
                return Ok(FirstHeader { index, kind, grid });
            }
            splitter.push(index, &kind);
        }
        if !any_glyphs && any_undecoded {
            return Err(ExtractError::Undecodable(describe_fonts(
                &undecodable_fonts,
            )));
        }
        let budget = self.budget.lock().unwrap_or_else(|e| e.into_inner());
        if !any_glyphs && budget.saw_undecodable() {
            return Err(ExtractError::Damaged(
                "a content stream cannot be decoded: corrupt data or an unsupported filter".into(),
            ));
        }
        if !any_glyphs {
            return Err(ExtractError::NoText);
        }
        let pages = if probe == 1 {
            "page 1".to_string()
        } else {
            format!("pages 1-{probe}")
        };
        Err(ExtractError::NotASheet(format!(
            "no sheet header (基本方針/基本施策) on {pages}"
        )))
    }

    /// Classify `range` on `threads` threads, handing pages to `consume` in page order.
    /// Threads read at most a window of pages ahead of the one `consume` waits for.
    fn read_parallel(
        &self,
        range: std::ops::Range<usize>,
        threads: usize,
        mut consume: impl FnMut(usize, PageResult) -> Result<(), ExtractError>,
    ) -> Result<(), ExtractError> {
        let window = threads * READ_AHEAD_PER_THREAD;
        let next = AtomicUsize::new(range.start);
        let consumed = (Mutex::new(range.start), Condvar::new());
        let (sender, receiver) = mpsc::channel::<(usize, PageResult)>();
        std::thread::scope(|scope| {
            for _ in 0..threads {
                let sender = sender.clone();
                let (next, consumed) = (&next, &consumed);
                let end = range.end;
                scope.spawn(move || self.read_pages(next, end, consumed, window, &sender));
            }
            drop(sender);
            let mut waiting = BTreeMap::new();
            let mut expected = range.start;
            let mut outcome = Ok(());
            for (index, page) in receiver.iter() {
                waiting.insert(index, page);
                while let Some(page) = waiting.remove(&expected) {
                    if outcome.is_ok() {
                        outcome = consume(expected, page);
                    }
                    expected += 1;
                    // After a failure the window stays where it is and the threads stop
                    // on their next page.
                    if outcome.is_ok() {
                        let (lock, signal) = &consumed;
                        *lock.lock().unwrap_or_else(|e| e.into_inner()) = expected;
                        signal.notify_all();
                    }
                }
                if outcome.is_err() {
                    next.store(range.end, Ordering::SeqCst);
                    let (lock, signal) = &consumed;
                    *lock.lock().unwrap_or_else(|e| e.into_inner()) = usize::MAX / 2;
                    signal.notify_all();
                }
            }
            outcome
        })
    }
}

/// `font F1 has no Unicode mapping` / `fonts A, B have no Unicode mapping`.
pub fn describe_fonts(fonts: &[String]) -> String {
    match fonts {
        [] => "their font has no Unicode mapping".into(),
        [one] => format!("font {one} has no Unicode mapping"),
        many => format!("fonts {} have no Unicode mapping", many.join(", ")),
    }
}

type PageResult = Result<(PageKind, Option<PageGrid>), ExtractError>;

impl PageReader<'_> {
    /// One reading thread: take the next page number, wait until it is within the window,
    /// classify it (a panic of the engine fails the page) and send it on.
    fn read_pages(
        &self,
        next: &AtomicUsize,
        end: usize,
        consumed: &(Mutex<usize>, Condvar),
        window: usize,
        sender: &mpsc::Sender<(usize, PageResult)>,
    ) {
        let mut cache = self.document.cache();
        loop {
            let index = next.fetch_add(1, Ordering::SeqCst);
            if index >= end {
                break;
            }
            if cache.fonts() > MAX_CACHED_FONTS {
                cache = self.document.cache();
            }
            wait_for_window(consumed, index, window);
            let page = catch_unwind(AssertUnwindSafe(|| self.classify(&cache, index)))
                .unwrap_or_else(|_| {
                    Err(ExtractError::Internal(format!(
                        "the PDF engine failed on page {}",
                        index + 1
                    )))
                });
            if sender.send((index, page)).is_err() {
                break;
            }
        }
    }
}

/// Block until `index` is within `window` pages of the page being waited for.
fn wait_for_window(consumed: &(Mutex<usize>, Condvar), index: usize, window: usize) {
    let (lock, signal) = consumed;
    let mut done = lock.lock().unwrap_or_else(|e| e.into_inner());
    while index >= *done + window {
        done = signal.wait(done).unwrap_or_else(|e| e.into_inner());
    }
}

/// Feeds page kinds to the splitter, keeps the open sheet's grids, and hands each finished
/// sheet on.
struct Assembler<'a> {
    splitter: Splitter,
    grids: BTreeMap<usize, PageGrid>,
    summary: BookSummary,
    file: &'a str,
    sha256: &'a str,
    /// `--pages`: only the sheets whose first page it selects are handed on.
    selection: book::PageSelection,
}

impl Assembler<'_> {
    fn take(
        &mut self,
        index: usize,
        kind: PageKind,
        grid: Option<PageGrid>,
        each: &mut impl FnMut(SheetPages<'_>),
    ) {
        let ended = self.splitter.push(index, &kind);
        if let Some(span) = ended {
            self.emit(&span, each);
        }
        if let Some(grid) = grid {
            self.grids.insert(index, grid);
        }
    }

    fn finish(mut self, each: &mut impl FnMut(SheetPages<'_>)) -> BookSummary {
        if let Some(span) = self.splitter.finish() {
            self.emit(&span, each);
        }
        self.summary.no_sheet_pages = self.splitter.no_sheet_pages().to_vec();
        self.summary
    }

    fn emit(&mut self, span: &SheetSpan, each: &mut impl FnMut(SheetPages<'_>)) {
        let grids: Vec<PageGrid> = span
            .pages
            .iter()
            .filter_map(|p| self.grids.remove(p))
            .collect();
        // Grids of pages that ended up in no sheet are dropped with the sheet before them.
        self.grids.retain(|&p, _| p > span.last);
        if !self.selection.selects(span) {
            return;
        }
        each(SheetPages {
            span,
            grids: &grids,
            source: Source {
                file: self.file.to_string(),
                first_page: span.first + 1,
                pages: span.last - span.first + 1,
                sha256: self.sha256.to_string(),
            },
        });
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
