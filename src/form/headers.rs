//! Header search: takes the decided cells of a page and gives, for one cell, its row headers
//! (row labels to its left, outermost first) and column headers (column labels above it,
//! from the top down). A search passes empty cells as wide as the cell, the cell's own row (column) of values
//! until the first label, and units to the left; it stops at any other value, at a header of
//! the other direction, at a section bar and at a cell of another section — so a table
//! beside another never lends it labels.

use super::classify::Kind;
use super::geometry::{Direction, neighbour_along, same_span};
use crate::grid::Rect;
use crate::labels;

/// Row headers of cell `k`; for a mark, ending with the option it marks.
pub fn row_headers(page: &Walk<'_>, k: usize, marked: Option<usize>) -> Vec<String> {
    let texts = page.texts;
    let mut found = walk(page, k, Direction::Left);
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
pub fn column_headers(page: &Walk<'_>, k: usize) -> Vec<String> {
    let mut found = walk(page, k, Direction::Up);
    found.reverse();
    found
        .into_iter()
        .map(|n| labels::output(&page.texts[n]))
        .collect()
}

/// What a header search looks at: the page's cells, their texts, kinds and sections.
pub struct Walk<'a> {
    pub rects: &'a [Rect],
    pub texts: &'a [String],
    pub kinds: &'a [Kind],
    /// Each cell's section: a search never crosses into another section (two tables side
    /// by side under two headings).
    pub sections: &'a [Option<&'a str>],
}

/// Whether `outer` spans at least the rows (`across_rows`) or columns of `inner`.
fn covers(outer: &Rect, inner: &Rect, across_rows: bool) -> bool {
    let t = super::geometry::tolerance::TOUCH;
    if across_rows {
        outer.y0 <= inner.y0 + t && outer.y1 >= inner.y1 - t
    } else {
        outer.x0 <= inner.x0 + t && outer.x1 >= inner.x1 - t
    }
}

/// The labels met from `k` going `direction` (nearest first).
fn walk(page: &Walk<'_>, k: usize, direction: Direction) -> Vec<usize> {
    let (rects, kinds) = (page.rects, page.kinds);
    let across_rows = direction == Direction::Left;
    let mut in_body = !kinds[k].is_label();
    let mut found = Vec::new();
    let mut cur = k;
    while let Some(n) = neighbour_along(rects, cur, k, direction) {
        if page.sections[n] != page.sections[k] {
            break;
        }
        let same = same_span(&rects[n], &rects[k], across_rows);
        match kinds[n] {
            Kind::Label { row } if row == across_rows => {
                found.push(n);
                in_body = false;
            }
            Kind::Unit if across_rows => in_body = false,
            Kind::Empty if covers(&rects[n], &rects[k], across_rows) => {}
            kind if kind.is_value() && in_body && same => {}
            _ => break,
        }
        cur = n;
    }
    found
}
