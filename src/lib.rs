//! sheet-extract: Japanese municipal policy-evaluation sheets (基本施策事後評価シート) from
//! PDF to the structured data of SPEC.md.
//!
//! The pipeline, one module per stage:
//! [`pdf`] (bytes → glyphs and ruling segments) → [`grid`] (→ cells with text lines) →
//! [`sheet`] (→ the typed [`model::Sheet`]) → [`output`] (→ JSON / CSV).
//! [`text`] and [`values`] hold SPEC.md's text and value rules.

pub mod error;
pub mod grid;
pub mod model;
pub mod pdf;
pub mod sheet;
pub mod text;
pub mod values;

pub use error::ExtractError;
pub use model::Sheet;

use sha2::{Digest, Sha256};

/// Extract one sheet from the bytes of a PDF. `file` is recorded as `source.file`.
pub fn extract(bytes: Vec<u8>, file: &str) -> Result<Sheet, ExtractError> {
    let sha256 = hex(&Sha256::digest(&bytes));
    let document = pdf::Document::open(bytes)?;
    let pages = document.page_count();
    let grids: Vec<grid::PageGrid> = (0..pages)
        .map(|i| grid::build(i, &document.page(i, pdf::PageLimits::default())))
        .collect();
    let source = model::Source {
        file: file.to_string(),
        pages,
        sha256,
    };
    sheet::build(&grids, source)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
