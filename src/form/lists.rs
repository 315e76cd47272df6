//! List tables (a contents page, an appendix table of a book): one header row of labels over
//! rows that are entries of a list (`番号 | 事務事業名 | 所管課 | ページ`, `略語 | 正式名称`).
//! Takes the page's cells and the decision so far; every text of such a table's body is a
//! value named by its column's header, not a label of the entries beside it.

use super::classify::{Kind, Page};
use super::geometry::same_span;
use crate::labels;
use crate::tolerances::TOLERANCES;

/// Least number of entry rows of a list.
const MIN_ENTRIES: usize = 2;

/// In every list table, the header cells are column labels and the body's texts are values.
/// A list table: its first row holds ≥ 2 header cells (each a known label or shaded, none a
/// year, basis or unit heading: those head measured series whose rows are named by their
/// first column), spanning the table's width; every other cell has exactly one header cell's
/// columns, at least [`MIN_ENTRIES`] full rows of them, none shaded, a mark or options, and no
/// column of entries is mostly known labels (a label column).
pub fn lists(page: &Page<'_>, kinds: &mut [Kind]) {
    let mut ids: Vec<usize> = page.tables.to_vec();
    ids.sort_unstable();
    ids.dedup();
    for table in ids {
        let cells: Vec<usize> = (0..kinds.len())
            .filter(|&k| page.tables[k] == table)
            .collect();
        if let Some(header) = list_header(page, kinds, &cells) {
            for &k in &cells {
                if header.contains(&k) {
                    kinds[k] = Kind::Label { row: false };
                } else if matches!(kinds[k], Kind::Open | Kind::Label { .. }) {
                    kinds[k] = Kind::Value;
                }
            }
        }
    }
}

/// The header cells of the table made of `cells`, when it is a list table.
fn list_header(page: &Page<'_>, kinds: &[Kind], cells: &[usize]) -> Option<Vec<usize>> {
    let touch = TOLERANCES.touch;
    let top = cells
        .iter()
        .map(|&k| page.rects[k].y0)
        .fold(f64::INFINITY, f64::min);
    let (header, body): (Vec<usize>, Vec<usize>) = cells
        .iter()
        .partition(|&&k| page.rects[k].y0 <= top + touch);
    let heads_attribute = |k: usize| {
        let text = &page.texts[k];
        matches!(kinds[k], Kind::Open | Kind::Label { .. })
            && (labels::is_known_label(text) || page.shaded[k])
            && !super::classify::is_year(text)
            && !labels::contains_basis_word(text)
            && !labels::is_unit_label(text)
    };
    if header.len() < 2 || !header.iter().all(|&k| heads_attribute(k)) {
        return None;
    }
    let header_height = page.rects[header[0]].height();
    let same_header_height = header
        .iter()
        .all(|&k| (page.rects[k].height() - header_height).abs() <= touch);
    let column_of = |k: usize| {
        let mut under = header
            .iter()
            .filter(|&&h| same_span(&page.rects[h], &page.rects[k], false));
        under.next().filter(|_| under.next().is_none()).copied()
    };
    let entry = |k: usize| {
        column_of(k).is_some()
            && !page.shaded[k]
            && matches!(
                kinds[k],
                Kind::Open | Kind::Value | Kind::Empty | Kind::Label { .. }
            )
    };
    // A column whose entries are mostly known labels is a label column (`区分 | 内容` over
    // `目的 | …`, `手段 | …`): a form, not a list.
    let label_column = header.iter().any(|&h| {
        let texts: Vec<&String> = body
            .iter()
            .filter(|&&k| column_of(k) == Some(h) && kinds[k] != Kind::Empty)
            .map(|&k| &page.texts[k])
            .collect();
        let known = texts.iter().filter(|t| labels::is_known_label(t)).count();
        !texts.is_empty() && 2 * known >= texts.len()
    });
    let mut rows: Vec<f64> = body.iter().map(|&k| page.rects[k].y0).collect();
    rows.sort_by(f64::total_cmp);
    rows.dedup_by(|a, b| (*a - *b).abs() <= touch);
    let full_rows = body.len() == rows.len() * header.len();
    let entries = rows.len() >= MIN_ENTRIES && full_rows && body.iter().all(|&k| entry(k));
    let has_text = body.iter().any(|&k| kinds[k] != Kind::Empty);
    (same_header_height && entries && has_text && !label_column).then_some(header)
}
