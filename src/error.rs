//! Typed errors at the library boundary: each variant is one class of failure a user sees
//! as `path: reason`.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why a file could not be extracted.
#[derive(Debug, Error, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExtractError {
    /// The input file cannot be read.
    #[error("cannot read ({0})")]
    Unreadable(String),
    /// A JSON input of `series` that holds no sheets of this schema version.
    #[error("not sheet JSON {0}")]
    NotSheetJson(String),
    /// The bytes are not a PDF at all.
    #[error("not a PDF ({0})")]
    NotPdf(String),
    /// A PDF whose structure cannot be read.
    #[error("damaged PDF ({0})")]
    Damaged(String),
    /// Encrypted with a user password we do not have.
    #[error("encrypted: a password is needed")]
    Encrypted,
    /// Glyphs are drawn, but no page probed yields text: their fonts have no Unicode mapping.
    #[error("text cannot be decoded ({0})")]
    Undecodable(String),
    /// Pages hold no text at all.
    #[error("no text layer (scanned image?)")]
    NoText,
    /// A readable PDF that is not an evaluation sheet.
    #[error("not an evaluation sheet: {0}")]
    NotASheet(String),
    /// A configured limit was exceeded.
    #[error("limit exceeded: {0}")]
    Limit(String),
    /// A bug: a panic inside the extractor, caught.
    #[error("internal error: {0}")]
    Internal(String),
}
