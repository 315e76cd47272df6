//! Text outside the cells and section headings: takes the page's glyphs and cell rectangles;
//! gives the free lines, each split where a gap is wider than
//! [`line_split_gap`](crate::tolerances::Tolerances::line_split_gap) characters (so that two
//! headings on one baseline are two lines), and finds the heading of a cell: of the free
//! lines and shaded bars above its table, the nearest level; on that level the heading over
//! the cell, else the one starting left of it. Unit notes (`（単位：千円）`) and page numbers
//! are lines, not headings (the caller filters them).

use crate::grid::Rect;
use crate::pdf::{ASCENT, DESCENT, Glyph};
use crate::text::{self, Line};
use crate::tolerances::TOLERANCES;

/// A piece of free text: its box and line.
#[derive(Debug, Clone)]
pub struct Piece {
    pub rect: Rect,
    pub line: Line,
}

/// Glyphs whose centre lies in no cell.
pub fn free_glyphs<'g>(glyphs: &'g [Glyph], cells: &[Rect]) -> Vec<&'g Glyph> {
    let bands = Bands::of(cells);
    glyphs
        .iter()
        .filter(|g| {
            let (x, y) = g.center();
            !bands.any_contains(cells, x, y)
        })
        .collect()
}

/// Cells sorted into horizontal bands of the page, so that a point is tested against the
/// cells of its band instead of every cell (a page has hundreds of cells and thousands of
/// glyphs). A cell is in every band its rows cross.
struct Bands {
    top: f64,
    bottom: f64,
    height: f64,
    bands: Vec<Vec<usize>>,
}

impl Bands {
    fn of(cells: &[Rect]) -> Bands {
        let top = cells.iter().map(|c| c.y0).fold(f64::INFINITY, f64::min);
        let bottom = cells.iter().map(|c| c.y1).fold(f64::NEG_INFINITY, f64::max);
        let count = cells.len().clamp(1, 256);
        let height = (bottom - top) / count as f64;
        if !(height.is_finite() && height > 0.0) {
            // No cells, one row of them or unusable coordinates: one band holds them all.
            let all = (0..cells.len()).collect();
            return Bands {
                top: f64::NEG_INFINITY,
                bottom: f64::INFINITY,
                height: f64::INFINITY,
                bands: vec![all],
            };
        }
        let mut bands = vec![Vec::new(); count];
        for (k, cell) in cells.iter().enumerate() {
            let (first, last) = (
                Self::band(top, height, count, cell.y0),
                Self::band(top, height, count, cell.y1),
            );
            for band in &mut bands[first..=last] {
                band.push(k);
            }
        }
        Bands {
            top,
            bottom,
            height,
            bands,
        }
    }

    /// The band of height `height` from `top` holding `y` (the first or last for a `y`
    /// outside them).
    fn band(top: f64, height: f64, count: usize, y: f64) -> usize {
        (((y - top) / height).floor().max(0.0) as usize).min(count - 1)
    }

    /// Whether one of `cells` (those the bands were made of) contains the point.
    fn any_contains(&self, cells: &[Rect], x: f64, y: f64) -> bool {
        if y < self.top || y > self.bottom {
            return false;
        }
        let band = Self::band(self.top, self.height, self.bands.len(), y);
        self.bands[band].iter().any(|&k| cells[k].contains(x, y))
    }
}

/// The free glyphs as lines split at wide gaps, top to bottom, then left to right.
pub fn pieces(glyphs: Vec<&Glyph>) -> Vec<Piece> {
    let mut out = Vec::new();
    for line in baselines(glyphs) {
        let mut piece: Vec<&Glyph> = Vec::new();
        for g in line {
            let wide = piece.last().is_some_and(|p: &&Glyph| {
                g.x - (p.x + p.width) > TOLERANCES.line_split_gap * p.size.max(g.size)
            });
            if wide {
                out.extend(piece_of(std::mem::take(&mut piece)));
            }
            piece.push(g);
        }
        out.extend(piece_of(piece));
    }
    out
}

/// Glyphs grouped by baseline as the text rules do, each group left to right.
fn baselines(mut glyphs: Vec<&Glyph>) -> Vec<Vec<&Glyph>> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    for glyph in glyphs {
        let joins = rows.last().is_some_and(|row| {
            (glyph.y - row[0].y).abs() <= TOLERANCES.line_baseline * row[0].size.min(glyph.size)
        });
        if joins {
            rows.last_mut().expect("checked").push(glyph);
        } else {
            rows.push(vec![glyph]);
        }
    }
    for row in &mut rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    rows
}

fn piece_of(glyphs: Vec<&Glyph>) -> Option<Piece> {
    let line = text::lines(glyphs).into_iter().next()?;
    if text::trim(&line.text).is_empty() {
        return None;
    }
    let rect = Rect {
        x0: line.x0,
        y0: line.y - ASCENT * line.size,
        x1: line.x1,
        y1: line.y + DESCENT * line.size,
    };
    Some(Piece {
        rect,
        line: Line {
            text: text::trim(&line.text).to_string(),
            ..line
        },
    })
}

/// The heading of a cell at `cell` in a table spanning `table` (x0, x1): among `headings`
/// (box, text) above the cell that overlap the table, those nearest above; of these the one
/// over the cell, else the last one starting left of it (two headings on one baseline each
/// head the part of the table below and right of them).
pub fn section_of<'a>(
    cell: &Rect,
    table: &(f64, f64),
    headings: &[(Rect, &'a str)],
) -> Option<&'a str> {
    let above: Vec<&(Rect, &str)> = headings
        .iter()
        .filter(|(r, _)| {
            r.y1 <= cell.y0 + TOLERANCES.touch && r.x1.min(table.1) > r.x0.max(table.0)
        })
        .collect();
    let nearest = above
        .iter()
        .map(|(r, _)| r.y1)
        .fold(f64::NEG_INFINITY, f64::max);
    let level: Vec<&&(Rect, &str)> = above
        .iter()
        .filter(|(r, _)| r.y1 >= nearest - TOLERANCES.touch)
        .collect();
    level
        .iter()
        .find(|(r, _)| r.x_overlap(cell) > 0.0)
        .or_else(|| {
            level
                .iter()
                .filter(|(r, _)| r.x0 <= cell.x0)
                .max_by(|a, b| a.0.x0.total_cmp(&b.0.x0))
        })
        .or(level.first())
        .map(|(_, t)| *t)
}

/// Whether a free line can be a name: short, holding a letter (kanji, kana, Latin), and not a
/// number with its unit (`(11.0%)`, `3,773,176千円` are values printed outside cells).
fn names_something(text: &str) -> bool {
    text.chars().count() as f64 <= TOLERANCES.free_label_length
        && text.chars().any(char::is_alphabetic)
        && super::classify::cell_number(text).is_none()
}

/// Whether free line `k` is one line of a block of text (a wrapped heading or note): another
/// free line over or under it, less than a line apart.
fn in_a_block(pieces: &[Piece], k: usize) -> bool {
    let p = &pieces[k].rect;
    let height = p.y1 - p.y0;
    pieces.iter().enumerate().any(|(i, q)| {
        let q = &q.rect;
        i != k && q.x0 < p.x1 && p.x0 < q.x1 && (q.y0 - p.y1).max(p.y0 - q.y1) < height
    })
}

/// A free line that names one value box, as a printed form's field name does when it is
/// not ruled into a cell of its own (`Ｎｏ．` above a number box, `所管局` left of the
/// department's box): the piece, the cell it names, and whether it stands left of it (a row
/// header) or above it (a column header).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FreeLabel {
    pub piece: usize,
    pub cell: usize,
    pub left: bool,
}

/// The free lines that name a value box (`values[k]`: cell `k` holds a value): a line
/// ending within [`free_label_gap`](crate::tolerances::Tolerances::free_label_gap) left of a
/// box whose rows hold its middle, or lying that close above a box that starts where it
/// starts and holds it. (The caller gives such a label only to a box no cell names.)
pub fn free_labels(pieces: &[Piece], cells: &[Rect], values: &[bool]) -> Vec<FreeLabel> {
    let touch = TOLERANCES.touch;
    let mut found = Vec::new();
    for (piece, p) in pieces.iter().enumerate() {
        if !names_something(&p.line.text) || in_a_block(pieces, piece) {
            continue;
        }
        let reach = TOLERANCES.free_label_gap * p.line.size;
        let middle = (p.rect.y0 + p.rect.y1) / 2.0;
        let beside = |c: &Rect| {
            let gap = c.x0 - p.rect.x1;
            (c.y0..=c.y1).contains(&middle) && gap >= -touch && gap <= reach
        };
        // Above: starting where the box starts (a title over a wide box is no field name).
        let aligned = TOLERANCES.left_aligned * p.line.size;
        let above = |c: &Rect| {
            let gap = c.y0 - p.rect.y1;
            gap >= -touch
                && gap <= reach
                && (p.rect.x0 - c.x0).abs() <= aligned + touch
                && p.rect.x1 <= c.x1 + touch
        };
        let nearest = |test: &dyn Fn(&Rect) -> bool, distance: &dyn Fn(&Rect) -> f64| {
            (0..cells.len())
                .filter(|&k| values[k] && test(&cells[k]))
                .min_by(|&a, &b| distance(&cells[a]).total_cmp(&distance(&cells[b])))
        };
        // The box on its row first; only then one below it.
        let named = nearest(&beside, &|c| c.x0 - p.rect.x1)
            .map(|cell| (cell, true))
            .or_else(|| nearest(&above, &|c| c.y0 - p.rect.y1).map(|cell| (cell, false)));
        if let Some((cell, left)) = named {
            found.push(FreeLabel { piece, cell, left });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::form::test_pages::{glyphs, rect as r};

    #[test]
    fn two_headings_on_one_baseline_are_two_lines() {
        let mut all = glyphs("（４）事業費", 0.0, 100.0);
        all.extend(glyphs("（５）成果", 200.0, 100.0));
        let got = pieces(all.iter().collect());
        let texts: Vec<&str> = got.iter().map(|p| p.line.text.as_str()).collect();
        assert_eq!(texts, ["（４）事業費", "（５）成果"]);
    }

    #[test]
    fn a_free_line_names_the_value_box_it_stands_left_of_or_starts_above() {
        let mut all = glyphs("NO", 100.0, 50.0); // above a box starting where it starts
        all.extend(glyphs("局", 200.0, 80.0)); // left of a box on its row
        all.extend(glyphs("表題", 400.0, 50.0)); // above a wide box, not where it starts
        all.extend(glyphs("名", 200.0, 120.0)); // left of a label
        all.extend(glyphs("12", 400.0, 120.0)); // a number left of a value
        let lines = pieces(all.iter().collect());
        let cells = [
            r(99.0, 54.0, 160.0, 70.0),
            r(214.0, 70.0, 300.0, 90.0),
            r(300.0, 54.0, 600.0, 70.0),
            r(214.0, 110.0, 300.0, 130.0),
            r(425.0, 110.0, 500.0, 130.0),
        ];
        let texts: Vec<&str> = lines.iter().map(|p| p.line.text.as_str()).collect();
        assert_eq!(texts, ["NO", "表題", "局", "名", "12"]);
        let found = free_labels(&lines, &cells, &[true, true, true, false, true]);
        let label = |piece, cell, left| FreeLabel { piece, cell, left };
        assert_eq!(found, [label(0, 0, false), label(2, 1, true)]);
    }

    #[test]
    fn glyphs_in_cells_are_not_free() {
        let all = glyphs("AB", 0.0, 10.0);
        let cell = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 12.0,
            y1: 20.0,
        };
        let free = free_glyphs(&all, &[cell]);
        assert_eq!(free.len(), 1);
        assert_eq!(free[0].text, "B");
    }

    #[test]
    fn bands_find_the_cells_holding_a_point_as_a_scan_does() {
        let cells = [
            r(0.0, 0.0, 50.0, 10.0),
            r(50.0, 0.0, 100.0, 40.0),
            r(0.0, 10.0, 50.0, 40.0),
            r(0.0, 60.0, 100.0, 61.0),
            r(20.0, 70.0, 30.0, 70.0),
        ];
        let bands = Bands::of(&cells);
        for y in (-20..=100)
            .map(|y| f64::from(y) * 0.5 + 0.25)
            .chain([0.0, 10.0, 40.0, 61.0, 70.0])
        {
            for x in (-10..=110).step_by(5).map(f64::from) {
                let scan = cells.iter().any(|c| c.contains(x, y));
                assert_eq!(bands.any_contains(&cells, x, y), scan, "({x}, {y})");
            }
        }
        assert!(!Bands::of(&[]).any_contains(&[], 0.0, 0.0));
        let flat = [r(0.0, 5.0, 10.0, 5.0)];
        assert!(Bands::of(&flat).any_contains(&flat, 1.0, 5.0));
    }

    #[test]
    fn the_nearest_heading_above_the_table_over_or_left_of_the_cell() {
        let headings = [
            (r(0.0, 0.0, 100.0, 10.0), "title"),
            (r(0.0, 20.0, 50.0, 30.0), "left"),
            (r(60.0, 20.0, 100.0, 30.0), "right"),
        ];
        let table = (0.0, 100.0);
        let of = |cell: Rect| section_of(&cell, &table, &headings);
        assert_eq!(of(r(0.0, 40.0, 40.0, 50.0)), Some("left"));
        assert_eq!(of(r(70.0, 40.0, 90.0, 50.0)), Some("right"));
        // Under neither heading of the nearest level: the one starting left of it.
        assert_eq!(of(r(52.0, 40.0, 58.0, 50.0)), Some("left"));
        assert_eq!(of(r(0.0, 15.0, 40.0, 18.0)), Some("title"));
        assert_eq!(of(r(0.0, 5.0, 40.0, 8.0)), None);
    }
}
