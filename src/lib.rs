//! sheet-extract: Japanese municipal policy-evaluation sheets (基本施策事後評価シート) from
//! PDF to the structured data of SPEC.md.
//!
//! The pipeline, one module per stage:
//! [`pdf`] (bytes → glyphs and ruling segments per page) → [`book`] (pages → the page ranges
//! of the sheets a file holds) → [`grid`] (→ cells with text lines) → [`sheet`] (→ the typed
//! [`model::Sheet`], a [`Document`]) → [`output`] (→ JSON / CSV / xlsx). [`pipeline`] runs them over a file;
//! [`text`] and [`values`] hold SPEC.md's text and value rules.

pub mod book;
pub mod document;
pub mod error;
pub mod form;
pub mod grid;
pub mod inspect;
pub mod labels;
pub mod model;
pub mod output;
pub mod pdf;
pub mod pipeline;
pub mod project;
pub mod series;
pub mod sheet;
pub mod text;
pub mod values;

pub use document::Document;
pub use error::ExtractError;
pub use model::Sheet;

use book::SheetSpan;
use pdf::{PageContent, PageLimits};
pub use pipeline::BookSummary;
use pipeline::PageReader;

/// Bounds on what one input may cost. Exceeding one is an error for that input only.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest input file accepted, in bytes.
    pub max_input_bytes: u64,
    /// Most pages a file may have (a yearly book of sheets included).
    pub max_pages: usize,
    /// Most bytes all content streams of the document may inflate to.
    pub max_stream_bytes: u64,
    /// Bounds per interpreted page.
    pub page: PageLimits,
    /// The sheets to give (`--pages`): those whose first page is selected; all by default.
    pub pages: book::PageSelection,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 200 * MB,
            max_pages: 5_000,
            max_stream_bytes: 1024 * MB,
            page: PageLimits::default(),
            pages: book::PageSelection::default(),
        }
    }
}

/// One mebibyte, the unit of the size limits.
pub const MB: u64 = 1024 * 1024;

/// Every sheet of a file, in page order, and the pages that hold none.
#[derive(Debug)]
pub struct Book {
    pub sheets: Vec<(SheetSpan, Result<Sheet, ExtractError>)>,
    pub summary: BookSummary,
}

/// Extract the first sheet of a PDF with the default [`Limits`] (for single-sheet files).
/// `file` is recorded as `source.file`.
pub fn extract(bytes: Vec<u8>, file: &str) -> Result<Sheet, ExtractError> {
    extract_with(bytes, file, &Limits::default())
}

/// Extract the first sheet of a PDF within `limits`.
pub fn extract_with(bytes: Vec<u8>, file: &str, limits: &Limits) -> Result<Sheet, ExtractError> {
    let book = extract_book(bytes, file, limits, 1)?;
    match book.sheets.into_iter().next() {
        Some((_, sheet)) => sheet,
        None => Err(ExtractError::NotASheet("no sheet found".into())),
    }
}

/// Extract every sheet of a PDF (a single sheet or a book) within `limits`, reading pages on
/// up to `threads` threads. A foreign document is rejected from its first pages.
pub fn extract_book(
    bytes: Vec<u8>,
    file: &str,
    limits: &Limits,
    threads: usize,
) -> Result<Book, ExtractError> {
    let mut sheets = Vec::new();
    let summary = pipeline::run(bytes, file, limits, threads, |pages| {
        sheets.push((pages.span.clone(), pages.build()));
    })?;
    Ok(Book { sheets, summary })
}

/// The page count of a PDF within `limits`, and its SHA-256 (hex); a file beyond the page
/// limit fails as in extraction.
pub fn page_count(bytes: Vec<u8>, limits: &Limits) -> Result<(usize, String), ExtractError> {
    let (document, sha256) = pipeline::open(bytes, limits)?;
    let page_count = document.page_count();
    pipeline::check_page_count(page_count, limits)?;
    Ok((page_count, sha256))
}

/// The pdf stage alone over a file, within `limits` (for `inspect`): its [`model::Source`]
/// and the glyphs and segments of its pages (`pages`: 1-based, inclusive; all when `None`),
/// foreign documents included.
pub fn read_pages(
    bytes: Vec<u8>,
    file: &str,
    limits: &Limits,
    pages: Option<(usize, usize)>,
) -> Result<(model::Source, Vec<PageContent>), ExtractError> {
    let (document, sha256) = pipeline::open(bytes, limits)?;
    let page_count = document.page_count();
    pipeline::check_page_count(page_count, limits)?;
    let (from, to) = pages.unwrap_or((1, page_count));
    if from == 0 || from > to || to > page_count {
        return Err(ExtractError::NotASheet(format!(
            "pages {from}-{to} are not in the file ({page_count} pages)"
        )));
    }
    let reader = PageReader::new(&document, limits);
    let cache = document.cache();
    let pages = (from - 1..to)
        .map(|index| reader.load(&cache, index))
        .collect::<Result<Vec<_>, _>>()?;
    let source = model::Source {
        file: file.to_string(),
        first_page: 1,
        pages: page_count,
        sha256,
    };
    Ok((source, pages))
}
