//! sheet-extract: Japanese municipal policy-evaluation sheets (基本施策事後評価シート) from
//! PDF to the structured data of SPEC.md.
//!
//! The pipeline, one module per stage, in the order data flows:
//! [`pdf`] (bytes → glyphs and ruling segments per page, read within [`limits`] by
//! [`reader`]) → [`grid`] (→ cells with text lines; [`layout`] walks them) → [`kind`] (→ what
//! each page is: blank, a measure sheet's header or continuation, a project sheet's page,
//! other) → [`book`] (page kinds → the page ranges of the sheets a file holds) → [`sheet`]
//! (→ the typed [`model::Sheet`]) → [`output`] (→ JSON / CSV). [`pipeline`] runs them over a
//! file, streaming sheets as their last page is read, and tells an observer what each stage
//! gave ([`pipeline::Observer`]; [`inspect`] is one); [`window`] keeps results in input
//! order. [`text`], [`values`] and [`labels`] hold SPEC.md's text and value rules and the
//! printed labels.
//!
//! Imports go one way: a module uses only modules before it in [`LAYERS`] (a test checks
//! it), so the page-kind step, which reads each page with the readers of the stages that own
//! its kind (the sheet stage's page facts, project recognition), comes after them.

pub mod book;
pub mod document;
pub mod error;
pub mod form;
pub mod grid;
pub mod inspect;
pub mod kind;
pub mod labels;
#[cfg(test)]
mod layering;
pub mod layout;
pub mod limits;
pub mod model;
pub mod output;
pub mod page;
pub mod pdf;
pub mod pipeline;
pub mod project;
pub mod reader;
pub mod series;
pub mod sheet;
pub mod text;
pub mod tolerances;
pub mod values;
pub mod warning;
pub mod window;

pub use document::Document;
pub use error::ExtractError;

/// The library's modules from the bottom up: each uses only modules before it.
pub const LAYERS: [&str; 24] = [
    "error",
    "page",
    "warning",
    "tolerances",
    "window",
    "pdf",
    "text",
    "values",
    "labels",
    "model",
    "grid",
    "layout",
    "book",
    "limits",
    "reader",
    "sheet",
    "form",
    "project",
    "document",
    "kind",
    "pipeline",
    "inspect",
    "series",
    "output",
];
pub use limits::{Limits, MB};
pub use model::Sheet;
pub use warning::{Warning, WarningKind};

use book::SheetSpan;
use pdf::PageContent;
pub use pipeline::BookSummary;

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
    let (document, sha256) = reader::open(bytes, limits)?;
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
    reader::read_pages(bytes, file, limits, pages)
}
