//! Bounds on what one input may cost ([`Limits`]), set by the caller and read by every stage
//! that reads a file. Takes nothing from the stages above it.

use crate::book::PageSelection;
use crate::pdf::PageLimits;

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
    pub pages: PageSelection,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 200 * MB,
            max_pages: 5_000,
            max_stream_bytes: 1024 * MB,
            page: PageLimits::default(),
            pages: PageSelection::default(),
        }
    }
}

/// One mebibyte, the unit of the size limits.
pub const MB: u64 = 1024 * 1024;
