//! The pages of one file within its [`Limits`]: opens the bytes (size limit, SHA-256), checks
//! the page count, and interprets pages one at a time against one decoded-size budget for the
//! whole document. Takes bytes and limits; gives [`Document`]s and [`PageContent`]s. Shared
//! by every kind of reading (the sheet pipeline, `form`, `inspect`).

use std::sync::Mutex;

use sha2::{Digest, Sha256};

use crate::error::ExtractError;
use crate::limits::{Limits, MB};
use crate::model;
use crate::pdf::{Document, FileBytes, PageCache, PageContent, StreamBudget};

pub use crate::pdf::describe_fonts;

/// A file's bytes within the input limit, parsed, and the hex SHA-256 of the bytes.
pub fn open(
    bytes: impl Into<FileBytes>,
    limits: &Limits,
) -> Result<(Document, String), ExtractError> {
    let bytes: FileBytes = bytes.into();
    if bytes.len() as u64 > limits.max_input_bytes {
        // Callers may have stopped reading at the limit, so the size itself is not known.
        return Err(ExtractError::Limit(format!(
            "input is larger than the maximum of {} MB",
            limits.max_input_bytes / MB
        )));
    }
    let sha256 = hex(&Sha256::digest(bytes.as_slice()));
    Ok((Document::open(bytes)?, sha256))
}

/// The page limit, which counts the whole file.
pub fn check_page_count(page_count: usize, limits: &Limits) -> Result<(), ExtractError> {
    if page_count > limits.max_pages {
        return Err(ExtractError::Limit(format!(
            "{page_count} pages, more than the maximum of {}",
            limits.max_pages
        )));
    }
    Ok(())
}

/// Interprets pages of one document within its limits (one decoded-size budget for all).
pub struct PageReader<'d> {
    document: &'d Document,
    budget: Mutex<StreamBudget>,
    limits: &'d Limits,
}

impl<'d> PageReader<'d> {
    pub fn new(document: &'d Document, limits: &'d Limits) -> Self {
        PageReader {
            document,
            budget: Mutex::new(StreamBudget::new(limits.max_stream_bytes)),
            limits,
        }
    }

    /// The document read.
    pub fn document(&self) -> &'d Document {
        self.document
    }

    /// Interpret one page after checking that its streams fit the decoded-size budget.
    pub fn load(&self, cache: &PageCache<'d>, index: usize) -> Result<PageContent, ExtractError> {
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

    /// Whether a stream charged so far had an unknown filter or corrupt compressed data.
    pub fn saw_undecodable(&self) -> bool {
        let budget = self.budget.lock().unwrap_or_else(|e| e.into_inner());
        budget.saw_undecodable()
    }
}

/// The pdf stage alone over a file, within `limits`: its [`model::Source`] and the glyphs
/// and segments of its pages (`pages`: 1-based, inclusive; all when `None`), foreign
/// documents included.
pub fn read_pages(
    bytes: Vec<u8>,
    file: &str,
    limits: &Limits,
    pages: Option<(usize, usize)>,
) -> Result<(model::Source, Vec<PageContent>), ExtractError> {
    let (document, sha256) = open(bytes, limits)?;
    let page_count = document.page_count();
    check_page_count(page_count, limits)?;
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

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
