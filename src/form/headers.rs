//! Header search: takes the decided cells of a page and gives, for one cell, its row headers
//! (row labels to its left, outermost first) and column headers (column labels above it,
//! from the top down). A search passes the cell's own row (column) of values and empty
//! cells, and units to the left; after the first label only labels continue it; it stops at
//! a header of the other direction and at a section bar — so a table beside another never
//! lends it labels.

use super::classify::Kind;
use super::geometry::{Direction, neighbour, same_span};
use crate::grid::Rect;
use crate::labels;

/// Row headers of cell `k`; for a mark, ending with the option it marks.
pub fn row_headers(
    rects: &[Rect],
    texts: &[String],
    kinds: &[Kind],
    k: usize,
    marked: Option<usize>,
) -> Vec<String> {
    let mut found = walk(rects, kinds, k, Direction::Left);
    found.reverse();
    let mut headers: Vec<String> = found
        .into_iter()
        .map(|n| labels::output(&texts[n]))
        .collect();
    if let Some(option) = marked {
        headers.push(labels::output(&texts[option]));
    }
    headers
}

/// Column headers of cell `k`, from the top down.
pub fn column_headers(rects: &[Rect], texts: &[String], kinds: &[Kind], k: usize) -> Vec<String> {
    let mut found = walk(rects, kinds, k, Direction::Up);
    found.reverse();
    found
        .into_iter()
        .map(|n| labels::output(&texts[n]))
        .collect()
}

/// The labels met from `k` going `direction` (nearest first).
fn walk(rects: &[Rect], kinds: &[Kind], k: usize, direction: Direction) -> Vec<usize> {
    let across_rows = direction == Direction::Left;
    let mut in_body = !kinds[k].is_label();
    let mut found = Vec::new();
    let mut cur = k;
    while let Some(n) = neighbour(rects, cur, direction) {
        let same = same_span(&rects[n], &rects[k], across_rows);
        match kinds[n] {
            Kind::Label { row } if row == across_rows => {
                found.push(n);
                in_body = false;
            }
            Kind::Unit if across_rows => in_body = false,
            Kind::Option if across_rows && kinds[k] == Kind::Mark => {}
            Kind::Empty if in_body && same => {}
            Kind::Value | Kind::Unit | Kind::Mark | Kind::Options if in_body && same => {}
            _ => break,
        }
        cur = n;
    }
    found
}
