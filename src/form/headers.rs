//! Header search: takes the decided cells of a page and gives, for one cell, its row headers
//! (row labels to its left, outermost first) and column headers (column labels above it,
//! from the top down). A search passes empty cells as wide as the cell, the cell's own row (column) of values
//! until the first label, and units to the left; it stops at any other value, at a header of
//! the other direction, at a section bar and at a cell of another section — so a table
//! beside another never lends it labels.

use super::classify::Kind;
use super::geometry::{Direction, same_span};
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
    pub hood: &'a super::geometry::Neighbourhood,
    /// Each cell's section: a search never crosses into another section (two tables side
    /// by side under two headings).
    pub sections: &'a [Option<&'a str>],
}

/// Whether `outer` spans at least the rows (`across_rows`) or columns of `inner`.
fn covers(outer: &Rect, inner: &Rect, across_rows: bool) -> bool {
    let t = crate::tolerances::TOLERANCES.touch;
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
    // A value that prints its own label (`【事業実施期間】令和5年度～9年度`) starts a field of
    // its own in its row: the value left of it stops a row header search (a column of such
    // values still shares the header above it).
    let headed = across_rows && labels::headed_value(&page.texts[k]).is_some();
    let mut in_body = !kinds[k].is_label() && !headed;
    let mut found = Vec::new();
    let mut cur = k;
    while let Some(n) = page.hood.along(rects, cur, k, direction) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::classify::{self, Page};
    use crate::form::geometry::tables;

    /// Cells on a 10 pt grid: `(row, col, rows, cols, text)`; the headers of every cell with
    /// text, as `(text, row_headers, column_headers)`.
    fn headers(
        cells: &[(usize, usize, usize, usize, &str)],
    ) -> Vec<(String, Vec<String>, Vec<String>)> {
        let rects: Vec<Rect> = cells
            .iter()
            .map(|&(r, c, rs, cs, _)| crate::form::test_pages::grid_rect(r, c, rs, cs))
            .collect();
        let texts: Vec<String> = cells.iter().map(|c| c.4.to_string()).collect();
        let shaded = vec![false; cells.len()];
        let tables = tables(&rects);
        let page = Page::new(&rects, &texts, &shaded, &tables);
        let (kinds, marked) = classify::classify(&page);
        let sections = vec![None; cells.len()];
        let walk = Walk {
            rects: &rects,
            texts: &texts,
            kinds: &kinds,
            hood: &page.hood,
            sections: &sections,
        };
        (0..cells.len())
            .filter(|&k| !texts[k].is_empty())
            .map(|k| {
                (
                    texts[k].clone(),
                    row_headers(&walk, k, marked[k]),
                    column_headers(&walk, k),
                )
            })
            .collect()
    }

    fn of<'a>(
        got: &'a [(String, Vec<String>, Vec<String>)],
        text: &str,
    ) -> (&'a [String], &'a [String]) {
        let (_, rows, cols) = got.iter().find(|c| c.0 == text).expect(text);
        (rows, cols)
    }

    #[test]
    fn nested_headers_in_both_directions() {
        // |      |    | R6年度      |
        // |      |    | 予算 | 決算 |
        // | 財源 | 国 |  1   |  2   |
        // |      | 他 |  3   |  4   |
        let got = headers(&[
            (0, 0, 2, 2, ""),
            (0, 2, 1, 2, "R6年度"),
            (1, 2, 1, 1, "予　算"),
            (1, 3, 1, 1, "決　算"),
            (2, 0, 2, 1, "財 源"),
            (2, 1, 1, 1, "国"),
            (2, 2, 1, 1, "1"),
            (2, 3, 1, 1, "2"),
            (3, 1, 1, 1, "その他"),
            (3, 2, 1, 1, "3"),
            (3, 3, 1, 1, "4"),
        ]);
        assert_eq!(
            of(&got, "4"),
            (
                &["財源".to_string(), "その他".into()][..],
                &["R6年度".to_string(), "決算".into()][..]
            )
        );
        assert_eq!(of(&got, "1").0, ["財源", "国"]);
        assert_eq!(of(&got, "決　算"), (&[][..], &["R6年度".to_string()][..]));
    }

    #[test]
    fn a_table_beside_another_lends_it_no_labels() {
        // |        |   |     | 単位 |    |
        // | 事業費 | 5 | 名X | 件   | 27 |   (a cost row, then an indicator row beside it)
        let got = headers(&[
            (0, 3, 1, 1, "単位"),
            (1, 0, 1, 1, "事業費"),
            (1, 1, 1, 1, "5"),
            (1, 2, 1, 1, "名X"),
            (1, 3, 1, 1, "件"),
            (1, 4, 1, 1, "27"),
        ]);
        assert_eq!(of(&got, "27").0, ["名X"]);
        assert_eq!(of(&got, "5").0, ["事業費"]);
    }

    #[test]
    fn a_value_printing_its_own_label_takes_no_row_header_across_a_value() {
        // | 事業名 | 名X | 【期間】令和5年度 |
        let got = headers(&[
            (0, 0, 1, 1, "事業名"),
            (0, 1, 1, 1, "名X"),
            (0, 2, 1, 1, "【期間】令和5年度"),
        ]);
        assert_eq!(of(&got, "名X").0, ["事業名"]);
        assert_eq!(of(&got, "【期間】令和5年度"), (&[][..], &[][..]));
        // Under a column header it keeps that header.
        let got = headers(&[(0, 0, 1, 1, "評価方法等"), (1, 0, 1, 1, "【方法】X")]);
        assert_eq!(of(&got, "【方法】X").1, ["評価方法等"]);
    }

    #[test]
    fn a_mark_names_the_option_beside_it_last() {
        // | ゴール | ○ | 貧困X |   | 飢餓X |
        let got = headers(&[
            (0, 0, 1, 2, "関連するゴール"),
            (0, 2, 1, 1, "○"),
            (0, 3, 1, 3, "貧困X"),
            (0, 6, 1, 1, ""),
            (0, 7, 1, 3, "飢餓X"),
        ]);
        assert_eq!(of(&got, "○").0, ["関連するゴール", "貧困X"]);
        assert_eq!(of(&got, "飢餓X").0, ["関連するゴール"]);
    }
}
