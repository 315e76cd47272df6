//! sheet-extract: Japanese municipal policy-evaluation sheets (基本施策事後評価シート) from
//! PDF to the structured data of SPEC.md.
//!
//! The pipeline, one module per stage:
//! [`pdf`] (bytes → glyphs and ruling segments) → [`grid`] (→ cells with text lines) →
//! [`sheet`] (→ the typed [`model::Sheet`]) → [`output`] (→ JSON / CSV).
//! [`text`] and [`values`] hold SPEC.md's text and value rules.

pub mod error;
pub mod grid;
pub mod inspect;
pub mod model;
pub mod output;
pub mod pdf;
pub mod sheet;
pub mod text;
pub mod values;

pub use error::ExtractError;
pub use model::Sheet;

use sha2::{Digest, Sha256};

use pdf::{Document, PageCache, PageContent, PageLimits, StreamBudget};

/// Bounds on what one input may cost. Exceeding one is an error for that input only.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest input file accepted, in bytes.
    pub max_input_bytes: u64,
    /// Most pages a sheet may have.
    pub max_pages: usize,
    /// Most bytes all content streams of the document may inflate to.
    pub max_stream_bytes: u64,
    /// Bounds per interpreted page.
    pub page: PageLimits,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 200 * MB,
            max_pages: 500,
            max_stream_bytes: 1024 * MB,
            page: PageLimits::default(),
        }
    }
}

/// One mebibyte, the unit of the size limits.
pub const MB: u64 = 1024 * 1024;

/// How many leading pages are looked at before deciding that a file has no text layer.
const TEXT_PROBE_PAGES: usize = 3;

/// Extract one sheet from the bytes of a PDF with the default [`Limits`].
/// `file` is recorded as `source.file`.
pub fn extract(bytes: Vec<u8>, file: &str) -> Result<Sheet, ExtractError> {
    extract_with(bytes, file, &Limits::default())
}

/// Extract one sheet from the bytes of a PDF within `limits`.
///
/// A foreign document is rejected from its first page alone, so a 600-page PDF that is not a
/// sheet costs one page of interpretation.
pub fn extract_with(bytes: Vec<u8>, file: &str, limits: &Limits) -> Result<Sheet, ExtractError> {
    let (source, pages) = read_pages(bytes, file, limits)?;
    sheet::build(&grid::build_pages(&pages), source)
}

/// The pdf stage over a whole file, within `limits`: its [`model::Source`] and every page's
/// glyphs and segments. Rejects foreign documents from page 1.
pub fn read_pages(
    bytes: Vec<u8>,
    file: &str,
    limits: &Limits,
) -> Result<(model::Source, Vec<PageContent>), ExtractError> {
    if bytes.len() as u64 > limits.max_input_bytes {
        // Callers may have stopped reading at the limit, so the size itself is not known.
        return Err(ExtractError::Limit(format!(
            "input is larger than the maximum of {} MB",
            limits.max_input_bytes / MB
        )));
    }
    let sha256 = hex(&Sha256::digest(&bytes));
    let document = Document::open(bytes)?;
    let page_count = document.page_count();
    if page_count == 0 {
        return Err(ExtractError::Damaged("the page tree holds no pages".into()));
    }
    let mut loader = PageLoader {
        document: &document,
        cache: document.cache(),
        budget: StreamBudget::new(limits.max_stream_bytes),
        limits,
    };
    let first = loader.load(0)?;
    if first.glyphs.is_empty() {
        loader.ensure_text_layer(page_count)?;
    }
    sheet::check_first_page(&first)?;
    if page_count > limits.max_pages {
        return Err(ExtractError::Limit(format!(
            "{page_count} pages, more than the maximum of {}",
            limits.max_pages
        )));
    }
    let mut pages = vec![first];
    for index in 1..page_count {
        pages.push(loader.load(index)?);
    }
    let source = model::Source {
        file: file.to_string(),
        pages: page_count,
        sha256,
    };
    Ok((source, pages))
}

/// Interprets pages of one document within its limits, sharing parsed fonts between pages.
struct PageLoader<'a> {
    document: &'a Document,
    cache: PageCache<'a>,
    budget: StreamBudget,
    limits: &'a Limits,
}

impl PageLoader<'_> {
    /// Interpret one page after checking that its streams fit the decoded-size budget.
    fn load(&mut self, index: usize) -> Result<PageContent, ExtractError> {
        if !self.document.charge_streams(index, &mut self.budget) {
            return Err(ExtractError::Limit(format!(
                "content streams inflate to more than {} MB (decompression bomb?)",
                self.limits.max_stream_bytes / MB
            )));
        }
        Ok(self.document.page(index, self.limits.page, &self.cache))
    }

    /// `Ok` if one of the first pages holds text; otherwise why not.
    fn ensure_text_layer(&mut self, page_count: usize) -> Result<(), ExtractError> {
        for index in 1..page_count.min(TEXT_PROBE_PAGES) {
            if !self.load(index)?.glyphs.is_empty() {
                return Ok(());
            }
        }
        if self.budget.saw_undecodable() {
            return Err(ExtractError::Damaged(
                "a content stream cannot be decoded: corrupt data or an unsupported filter".into(),
            ));
        }
        Err(ExtractError::NoText)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
