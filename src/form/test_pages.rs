//! Builders of small test pages for the form stage's unit tests: glyphs on a line and cells
//! on a regular grid (10 pt tracks).

use crate::grid::Rect;
use crate::pdf::Glyph;

/// The glyphs of `text` on the baseline `y` from `x0`, 10 pt each.
pub fn glyphs(text: &str, x0: f64, y: f64) -> Vec<Glyph> {
    text.chars()
        .enumerate()
        .map(|(i, c)| Glyph {
            text: c.to_string(),
            x: x0 + 10.0 * i as f64,
            y,
            width: 10.0,
            size: 10.0,
        })
        .collect()
}

/// A rectangle from its edges.
pub fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
    Rect { x0, y0, x1, y1 }
}

/// The rectangle of a cell at grid `row`, `col` spanning `rows` × `cols` 10 pt tracks.
pub fn grid_rect(row: usize, col: usize, rows: usize, cols: usize) -> Rect {
    Rect {
        x0: 10.0 * col as f64,
        y0: 10.0 * row as f64,
        x1: 10.0 * (col + cols) as f64,
        y1: 10.0 * (row + rows) as f64,
    }
}
