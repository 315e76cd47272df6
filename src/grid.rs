//! Stage 2 — **grid**: takes a page's ruling segments and glyphs, and gives the table cells
//! of that page (merged cells included) with the text lines inside each, plus the lines of
//! text that sit outside every cell.
//!
//! Segments are snapped to shared coordinates (within [`SNAP`]) and merged; a cell is the
//! smallest rectangle whose four sides are covered by rulings, so a missing interior border
//! yields one merged cell spanning the neighbours it would have separated.

use crate::page::FilePage;
use crate::pdf::{Axis, Glyph, PageContent, Segment};
use crate::text::{self, Line};
use crate::tolerances::TOLERANCES;

/// Distance under which two ruling positions are the same line (a double border's two
/// lines, ~1.7 pt apart, and a border both stroked and filled are one ruling).
const SNAP: f64 = TOLERANCES.snap;
/// Gap between a patterned ruling's end and a crossing ruling that the ruling is taken to
/// reach: dotted and dashed patterns may stop a few points short of the corner, plus up to
/// one pattern period where the last mark falls.
const CORNER_GAP: f64 = TOLERANCES.corner_gap;
/// Gap under which two collinear pieces of ruling join.
const JOIN_GAP: f64 = TOLERANCES.join_gap;
/// Cells smaller than this (in either direction) are artefacts, not cells.
const MIN_CELL: f64 = TOLERANCES.min_cell;

/// An axis-aligned rectangle, top-down coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }
    pub fn center_y(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }
    pub fn center_x(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1
    }
    /// Length of the overlap of the two x ranges (negative when apart).
    pub fn x_overlap(&self, other: &Rect) -> f64 {
        self.x1.min(other.x1) - self.x0.max(other.x0)
    }
    /// Length of the overlap of the two y ranges (negative when apart).
    pub fn y_overlap(&self, other: &Rect) -> f64 {
        self.y1.min(other.y1) - self.y0.max(other.y0)
    }
}

/// One cell of a ruled table, with the text drawn inside it.
#[derive(Debug, Clone)]
pub struct Cell {
    pub rect: Rect,
    pub lines: Vec<Line>,
}

impl Cell {
    /// All lines joined with nothing between them (SPEC: wrapped lines are joined).
    pub fn text(&self) -> String {
        text::join_lines(&self.lines)
    }
    /// The text with every kind of white space removed, for matching printed labels.
    pub fn label(&self) -> String {
        text::compact(&self.text())
    }
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// The cells of one page and the text outside them.
#[derive(Debug, Clone, Default)]
pub struct PageGrid {
    /// The file page the grid is of.
    pub page: FilePage,
    pub width: f64,
    pub height: f64,
    pub cells: Vec<Cell>,
    /// Text lines not inside any cell (titles, footnotes, headings).
    pub free_lines: Vec<Line>,
    /// Glyphs of the page that could not be decoded, and their fonts.
    pub undecoded: crate::pdf::Undecoded,
}

/// The page's grid tracks: the distinct edges of all its ruled cells along each axis (edges
/// within [`TRACK_TOLERANCE`] are one), so that every cell has a 1-based row and column
/// span (what `inspect` and `form` number cells by).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tracks {
    /// Distinct x edges, ascending.
    pub xs: Vec<f64>,
    /// Distinct y edges, ascending.
    pub ys: Vec<f64>,
}

/// Distance under which two cell edges are one track edge, in points.
pub const TRACK_TOLERANCE: f64 = TOLERANCES.track;

impl Tracks {
    /// The tracks of these cells.
    pub fn of(cells: &[Cell]) -> Tracks {
        Tracks {
            xs: distinct_edges(cells.iter().flat_map(|c| [c.rect.x0, c.rect.x1])),
            ys: distinct_edges(cells.iter().flat_map(|c| [c.rect.y0, c.rect.y1])),
        }
    }

    /// First (1-based) row and number of rows the rectangle spans.
    pub fn rows(&self, rect: &Rect) -> (usize, usize) {
        span(&self.ys, rect.y0, rect.y1)
    }

    /// First (1-based) column and number of columns the rectangle spans.
    pub fn cols(&self, rect: &Rect) -> (usize, usize) {
        span(&self.xs, rect.x0, rect.x1)
    }
}

fn distinct_edges(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut all: Vec<f64> = values.collect();
    all.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for v in all {
        if out.last().is_none_or(|&last| v - last > TRACK_TOLERANCE) {
            out.push(v);
        }
    }
    out
}

/// First track (1-based) and track count between the edges `from` and `to`.
fn span(edges: &[f64], from: f64, to: f64) -> (usize, usize) {
    let index = |v: f64| {
        edges
            .iter()
            .position(|&e| (e - v).abs() <= TRACK_TOLERANCE)
            .unwrap_or(0)
    };
    let (first, last) = (index(from), index(to));
    (first + 1, last.saturating_sub(first).max(1))
}

/// Build the grids of a document's pages, in order.
pub fn build_pages(pages: &[PageContent]) -> Vec<PageGrid> {
    pages
        .iter()
        .enumerate()
        .map(|(index, page)| build(index, page))
        .collect()
}

/// Build the grid of one page.
pub fn build(page_index: usize, content: &PageContent) -> PageGrid {
    let segments = without_glyph_strokes(&content.segments, &content.glyphs);
    let rulings = Rulings::new(&segments);
    let rects = rulings.cells();
    let (mut cell_glyphs, free_glyphs) = assign_glyphs(&rects, &content.glyphs);
    join_overflow(&rects, &mut cell_glyphs);
    let cells = rects
        .into_iter()
        .zip(cell_glyphs)
        .map(|(rect, glyphs)| Cell {
            rect,
            lines: text::lines(glyphs),
        })
        .collect();
    PageGrid {
        page: FilePage::at(page_index),
        width: content.width,
        height: content.height,
        cells,
        free_lines: text::lines(free_glyphs),
        undecoded: content.undecoded.clone(),
    }
}

/// Drop segments lying inside one glyph's box: they are strokes of glyph outlines (some
/// producers re-draw synthetic bold text as stroked paths), not table rulings.
fn without_glyph_strokes(segments: &[Segment], glyphs: &[Glyph]) -> Vec<Segment> {
    let max_size = glyphs.iter().map(|g| g.size).fold(0.0, f64::max);
    let max_width = glyphs.iter().map(|g| g.width).fold(0.0, f64::max);
    let pad = TOLERANCES.glyph_stroke_pad * max_size;
    let mut by_x: Vec<&Glyph> = glyphs.iter().collect();
    by_x.sort_by(|a, b| a.x.total_cmp(&b.x));
    let holds_segment = |seg: &Segment| {
        // A glyph holding the segment starts at most `pad` left of the segment's left end
        // and ends at least at its right end: only glyphs starting in that window qualify.
        let (left, right) = match seg.axis {
            Axis::Horizontal => (seg.start, seg.end),
            Axis::Vertical => (seg.pos, seg.pos),
        };
        let from = by_x.partition_point(|g| g.x < right - max_width - pad);
        by_x[from..]
            .iter()
            .take_while(|g| g.x <= left + pad)
            .any(|g| glyph_holds(g, seg))
    };
    segments
        .iter()
        .filter(|seg| {
            seg.end - seg.start > TOLERANCES.glyph_stroke_length * max_size || !holds_segment(seg)
        })
        .copied()
        .collect()
}

fn glyph_holds(glyph: &Glyph, seg: &Segment) -> bool {
    let pad = TOLERANCES.glyph_stroke_pad * glyph.size;
    let (x0, x1) = (glyph.x - pad, glyph.x + glyph.width + pad);
    let (y0, y1) = (glyph.top() - pad, glyph.bottom() + pad);
    match seg.axis {
        Axis::Horizontal => seg.pos > y0 && seg.pos < y1 && seg.start >= x0 && seg.end <= x1,
        Axis::Vertical => seg.pos > x0 && seg.pos < x1 && seg.start >= y0 && seg.end <= y1,
    }
}

/// Merged rulings on snapped coordinates.
struct Rulings {
    /// Distinct x positions of vertical rulings, ascending.
    xs: Vec<f64>,
    /// Distinct y positions of horizontal rulings, ascending.
    ys: Vec<f64>,
    /// For each y in `ys`, the merged x intervals covered by horizontal rulings.
    horizontal: Vec<Vec<(f64, f64)>>,
    /// For each x in `xs`, the merged y intervals covered by vertical rulings.
    vertical: Vec<Vec<(f64, f64)>>,
    /// `corners[j * xs.len() + i]`: rulings meet at (xs[i], ys[j]).
    corners: Vec<bool>,
}

impl Rulings {
    fn new(segments: &[Segment]) -> Self {
        let segments = reach_corners(segments);
        let (ys, horizontal) = merge_axis(&segments, Axis::Horizontal);
        let (xs, vertical) = merge_axis(&segments, Axis::Vertical);
        let corners = ys
            .iter()
            .enumerate()
            .flat_map(|(j, &y)| {
                let (horizontal, vertical) = (&horizontal, &vertical);
                xs.iter()
                    .enumerate()
                    .map(move |(i, &x)| covers(&horizontal[j], x, x) && covers(&vertical[i], y, y))
            })
            .collect();
        Rulings {
            xs,
            ys,
            horizontal,
            vertical,
            corners,
        }
    }

    fn h_covers(&self, j: usize, a: f64, b: f64) -> bool {
        covers(&self.horizontal[j], a, b)
    }

    fn v_covers(&self, i: usize, a: f64, b: f64) -> bool {
        covers(&self.vertical[i], a, b)
    }

    fn is_corner(&self, i: usize, j: usize) -> bool {
        self.corners[j * self.xs.len() + i]
    }

    /// Every minimal closed rectangle: for each corner, the nearest corner below-right
    /// such that all four sides are ruled.
    fn cells(&self) -> Vec<Rect> {
        let mut cells = Vec::new();
        for j in 0..self.ys.len() {
            for i in 0..self.xs.len() {
                if !self.is_corner(i, j) {
                    continue;
                }
                if let Some(rect) = self.cell_from(i, j) {
                    cells.push(rect);
                }
            }
        }
        cells
    }

    fn cell_from(&self, i: usize, j: usize) -> Option<Rect> {
        let (x0, y0) = (self.xs[i], self.ys[j]);
        for j2 in j + 1..self.ys.len() {
            let y1 = self.ys[j2];
            if !self.v_covers(i, y0, y1) {
                return None;
            }
            if !self.is_corner(i, j2) {
                continue;
            }
            for i2 in i + 1..self.xs.len() {
                let x1 = self.xs[i2];
                if !self.h_covers(j, x0, x1) {
                    break;
                }
                if self.is_corner(i2, j2) && self.h_covers(j2, x0, x1) && self.v_covers(i2, y0, y1)
                {
                    let rect = Rect { x0, y0, x1, y1 };
                    return (rect.width() >= MIN_CELL && rect.height() >= MIN_CELL).then_some(rect);
                }
            }
        }
        None
    }
}

fn covers(intervals: &[(f64, f64)], a: f64, b: f64) -> bool {
    intervals
        .iter()
        .any(|&(s, e)| s <= a + SNAP && e >= b - SNAP)
}

/// The segments, with each patterned one (dotted, dashed) extended to a crossing ruling that
/// lies within [`CORNER_GAP`] beyond one of its ends: such patterns may stop short of the
/// corner they run to. Solid rulings are left as drawn.
fn reach_corners(segments: &[Segment]) -> Vec<Segment> {
    let mut out = segments.to_vec();
    for seg in out.iter_mut().filter(|s| s.patterned) {
        let crossing = segments
            .iter()
            .filter(|c| c.axis != seg.axis && c.start - SNAP <= seg.pos && c.end + SNAP >= seg.pos);
        let (mut start, mut end) = (seg.start, seg.end);
        for c in crossing {
            if c.pos > seg.end && c.pos - seg.end <= CORNER_GAP {
                end = end.max(c.pos);
            }
            if c.pos < seg.start && seg.start - c.pos <= CORNER_GAP {
                start = start.min(c.pos);
            }
        }
        (seg.start, seg.end) = (start, end);
    }
    out
}

/// Snap the positions of one axis' segments and merge their intervals.
fn merge_axis(segments: &[Segment], axis: Axis) -> (Vec<f64>, Vec<Vec<(f64, f64)>>) {
    let mut segs: Vec<&Segment> = segments.iter().filter(|s| s.axis == axis).collect();
    segs.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut positions: Vec<f64> = Vec::new();
    let mut groups: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut group_sum = 0.0;
    let mut group_n = 0.0;
    for seg in segs {
        let same = positions
            .last()
            .is_some_and(|&p| (seg.pos - p).abs() <= SNAP);
        if !same {
            positions.push(seg.pos);
            groups.push(Vec::new());
            group_sum = 0.0;
            group_n = 0.0;
        }
        group_sum += seg.pos;
        group_n += 1.0;
        *positions.last_mut().expect("pushed above") = group_sum / group_n;
        groups
            .last_mut()
            .expect("pushed above")
            .push((seg.start, seg.end));
    }
    let merged = groups.into_iter().map(merge_intervals).collect();
    (positions, merged)
}

fn merge_intervals(mut intervals: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    intervals.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(intervals.len());
    for (s, e) in intervals {
        match out.last_mut() {
            Some(last) if s <= last.1 + JOIN_GAP => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Put each glyph into the smallest cell holding its centre; the rest are free.
fn assign_glyphs<'g>(cells: &[Rect], glyphs: &'g [Glyph]) -> (Vec<Vec<&'g Glyph>>, Vec<&'g Glyph>) {
    let mut per_cell: Vec<Vec<&Glyph>> = vec![Vec::new(); cells.len()];
    let mut free = Vec::new();
    let strips = Strips::new(cells);
    for glyph in glyphs {
        let (cx, cy) = glyph.center();
        let best = strips
            .at(cy)
            .iter()
            .copied()
            .filter(|&k| cells[k].contains(cx, cy))
            .min_by(|&a, &b| {
                let area = |r: &Rect| r.width() * r.height();
                area(&cells[a]).total_cmp(&area(&cells[b]))
            });
        match best {
            Some(k) => per_cell[k].push(glyph),
            None => free.push(glyph),
        }
    }
    (per_cell, free)
}

/// Largest gap between two glyphs of one line of text, in em: wider gaps separate texts of
/// neighbouring cells (each cell pads its text), narrower ones are one text.
const OVERFLOW_GAP: f64 = TOLERANCES.overflow_gap;

/// A text that overflows its cell to the right across empty neighbouring cells (Excel prints
/// a long title so) is one text: when every glyph of a cell continues, on the same baseline
/// and without a gap, a line of the cell on its left, the cell's glyphs go to that cell.
fn join_overflow(cells: &[Rect], per_cell: &mut [Vec<&Glyph>]) {
    // Candidates: one-line cells whose text starts within a glyph of their left border,
    // where the rest of a text crossing the border would be; with their first glyph.
    let mut candidates: Vec<(usize, &Glyph)> = Vec::new();
    for (k, glyphs) in per_cell.iter().enumerate() {
        let Some(first) = glyphs.iter().min_by(|a, b| a.x.total_cmp(&b.x)).copied() else {
            continue;
        };
        let near_border = first.x <= cells[k].x0 + (1.0 + OVERFLOW_GAP) * first.size;
        if near_border && glyphs.iter().all(|g| on_line_of(g, first)) {
            candidates.push((k, first));
        }
    }
    if candidates.is_empty() {
        return;
    }
    candidates.sort_by(|a, b| cells[a.0].x0.total_cmp(&cells[b.0].x0));
    // Where each cell's glyphs are now (a chain A → B → C all ends in A).
    let mut owner: Vec<usize> = (0..cells.len()).collect();
    // Cells by right edge, to find the one left of a candidate without a scan of all.
    let mut by_right: Vec<usize> = (0..cells.len()).collect();
    by_right.sort_by(|&a, &b| cells[a].x1.total_cmp(&cells[b].x1));
    for (k, first) in candidates {
        let from = by_right.partition_point(|&j| cells[j].x1 < cells[k].x0 - SNAP);
        let source = by_right[from..]
            .iter()
            .copied()
            .take_while(|&j| cells[j].x1 <= cells[k].x0 + SNAP)
            .find(|&j| {
                j != k
                    && cells[j].y0 <= first.y
                    && cells[j].y1 >= first.y
                    // The left cell's glyphs, wherever they went, hold the one before.
                    && per_cell[owner[j]].iter().any(|g| {
                        on_line_of(g, first)
                            && (first.x - (g.x + g.width)).abs() <= OVERFLOW_GAP * g.size
                    })
            });
        let Some(j) = source else { continue };
        let run = overflow_run(&per_cell[k], first);
        if run == per_cell[k].len() {
            owner[k] = owner[j];
            let moved = std::mem::take(&mut per_cell[k]);
            per_cell[owner[k]].extend(moved);
        } else {
            // Only the glyphs running on without a gap overflow; after a gap the cell's own
            // text starts (a label drawn half a glyph past its border, then the value).
            per_cell[k].sort_by(|a, b| a.x.total_cmp(&b.x));
            let moved: Vec<&Glyph> = per_cell[k].drain(..run).collect();
            per_cell[owner[j]].extend(moved);
        }
    }
}

/// How many glyphs, from `first` rightwards, follow each other without a gap.
fn overflow_run(glyphs: &[&Glyph], first: &Glyph) -> usize {
    let mut sorted: Vec<&Glyph> = glyphs.to_vec();
    sorted.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut end = first.x + first.width;
    let mut run = 1;
    for g in sorted.iter().skip(1) {
        if g.x - end > OVERFLOW_GAP * g.size {
            break;
        }
        end = end.max(g.x + g.width);
        run += 1;
    }
    run
}

/// Whether `g` stands on the baseline of `first`.
fn on_line_of(g: &Glyph, first: &Glyph) -> bool {
    (g.y - first.y).abs() <= TOLERANCES.overflow_baseline * first.size
}

/// Cells indexed by horizontal strips of the page, so that finding the cells at a given y
/// looks at one strip instead of every cell.
struct Strips {
    top: f64,
    height: f64,
    cells: Vec<Vec<usize>>,
}

impl Strips {
    const COUNT: usize = 64;

    fn new(cells: &[Rect]) -> Strips {
        let top = cells.iter().map(|c| c.y0).fold(f64::INFINITY, f64::min);
        let bottom = cells.iter().map(|c| c.y1).fold(f64::NEG_INFINITY, f64::max);
        let height = ((bottom - top) / Self::COUNT as f64).max(1.0);
        let mut strips = Strips {
            top,
            height,
            cells: vec![Vec::new(); Self::COUNT],
        };
        for (k, cell) in cells.iter().enumerate() {
            let (first, last) = (strips.index(cell.y0), strips.index(cell.y1));
            for strip in &mut strips.cells[first..=last] {
                strip.push(k);
            }
        }
        strips
    }

    fn index(&self, y: f64) -> usize {
        let i = ((y - self.top) / self.height).floor();
        if i.is_nan() || i < 0.0 {
            0
        } else {
            (i as usize).min(Self::COUNT - 1)
        }
    }

    /// Cells that may hold the point at height `y`.
    fn at(&self, y: f64) -> &[usize] {
        &self.cells[self.index(y)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f64, x0: f64, x1: f64) -> Segment {
        Segment {
            axis: Axis::Horizontal,
            pos: y,
            start: x0,
            end: x1,
            patterned: false,
        }
    }
    fn v(x: f64, y0: f64, y1: f64) -> Segment {
        Segment {
            axis: Axis::Vertical,
            pos: x,
            start: y0,
            end: y1,
            patterned: false,
        }
    }

    #[test]
    fn tracks_number_cells_by_distinct_edges() {
        let cell = |x0, y0, x1, y1| Cell {
            rect: Rect { x0, y0, x1, y1 },
            lines: Vec::new(),
        };
        // A header spanning two columns over two cells; edges 0.5 pt apart are one.
        let cells = [
            cell(0.0, 0.0, 100.0, 10.0),
            cell(0.0, 10.0, 50.0, 20.0),
            cell(50.5, 10.0, 100.0, 20.0),
        ];
        let tracks = Tracks::of(&cells);
        assert_eq!(tracks.xs, [0.0, 50.0, 100.0]);
        assert_eq!(tracks.ys, [0.0, 10.0, 20.0]);
        assert_eq!(tracks.cols(&cells[0].rect), (1, 2));
        assert_eq!(tracks.rows(&cells[0].rect), (1, 1));
        assert_eq!(tracks.cols(&cells[2].rect), (2, 1));
        assert_eq!(tracks.rows(&cells[2].rect), (2, 1));
    }

    #[test]
    fn two_by_two_grid_gives_four_cells() {
        let segs = vec![
            h(0.0, 0.0, 100.0),
            h(50.0, 0.0, 100.0),
            h(100.0, 0.0, 100.0),
            v(0.0, 0.0, 100.0),
            v(50.0, 0.0, 100.0),
            v(100.0, 0.0, 100.0),
        ];
        let cells = Rulings::new(&segs).cells();
        assert_eq!(cells.len(), 4);
    }

    #[test]
    fn missing_interior_border_merges_cells() {
        // The vertical divider stops at y=50: the bottom row is one merged cell.
        let segs = vec![
            h(0.0, 0.0, 100.0),
            h(50.0, 0.0, 100.0),
            h(100.0, 0.0, 100.0),
            v(0.0, 0.0, 100.0),
            v(50.0, 0.0, 50.0),
            v(100.0, 0.0, 100.0),
        ];
        let mut cells = Rulings::new(&segs).cells();
        cells.sort_by(|a, b| (a.y0, a.x0).partial_cmp(&(b.y0, b.x0)).unwrap());
        assert_eq!(cells.len(), 3);
        assert_eq!(
            cells[2],
            Rect {
                x0: 0.0,
                y0: 50.0,
                x1: 100.0,
                y1: 100.0
            }
        );
    }

    #[test]
    fn a_dashed_split_stopping_short_of_the_corner_still_splits() {
        let mut split = h(50.0, 4.0, 93.0);
        split.patterned = true;
        let segs = vec![
            h(0.0, 0.0, 100.0),
            split,
            h(100.0, 0.0, 100.0),
            v(0.0, 0.0, 100.0),
            v(100.0, 0.0, 100.0),
        ];
        assert_eq!(Rulings::new(&segs).cells().len(), 2);
        // A solid line that stops short is drawn as it is: no split.
        let mut solid = segs.clone();
        solid[1].patterned = false;
        assert_eq!(Rulings::new(&solid).cells().len(), 1);
    }

    #[test]
    fn a_double_border_is_one_ruling() {
        let segs = vec![
            h(0.0, 0.0, 100.0),
            h(49.15, 0.0, 100.0),
            h(50.85, 0.0, 100.0),
            h(100.0, 0.0, 100.0),
            v(0.0, 0.0, 100.0),
            v(100.0, 0.0, 100.0),
        ];
        let cells = Rulings::new(&segs).cells();
        assert_eq!(cells.len(), 2, "{cells:?}");
        assert!(cells.iter().all(|c| c.height() > 40.0));
    }

    fn glyphs_at(text: &str, x0: f64, advance: f64) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                text: c.to_string(),
                x: x0 + advance * i as f64,
                y: 15.0,
                width: advance,
                size: 10.0,
            })
            .collect()
    }

    fn texts(per_cell: &[Vec<&Glyph>]) -> Vec<String> {
        per_cell
            .iter()
            .map(|glyphs| glyphs.iter().map(|g| g.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn text_overflowing_into_empty_ruled_cells_stays_one_text() {
        let row = |x0: f64| Rect {
            x0,
            y0: 0.0,
            x1: x0 + 20.0,
            y1: 20.0,
        };
        let cells = [row(0.0), row(20.0), row(40.0)];
        // A title running on across three cells, glyph after glyph.
        let title = glyphs_at("北上市総合計画", 2.0, 8.0);
        let (mut per_cell, _) = assign_glyphs(&cells, &title);
        join_overflow(&cells, &mut per_cell);
        assert_eq!(texts(&per_cell), ["北上市総合計画", "", ""]);
        // Texts of neighbouring cells, each padded in its cell: left as they are.
        let mut apart = glyphs_at("12", 6.0, 6.0);
        apart.extend(glyphs_at("ab", 22.0, 6.0));
        let (mut per_cell, _) = assign_glyphs(&cells, &apart);
        join_overflow(&cells, &mut per_cell);
        assert_eq!(texts(&per_cell), ["12", "ab", ""]);
    }

    #[test]
    fn a_label_running_past_its_border_leaves_the_value_beside_it_alone() {
        let row = |x0: f64| Rect {
            x0,
            y0: 0.0,
            x1: x0 + 30.0,
            y1: 20.0,
        };
        let cells = [row(0.0), row(30.0)];
        // `（B）` ends half a glyph past the border; the value `375` stands apart, right.
        let mut glyphs = glyphs_at("一般（B）", 0.0, 7.0);
        glyphs.extend(glyphs_at("375", 45.0, 4.0));
        let (mut per_cell, _) = assign_glyphs(&cells, &glyphs);
        join_overflow(&cells, &mut per_cell);
        assert_eq!(texts(&per_cell), ["一般（B）", "375"]);
    }

    #[test]
    fn near_collinear_pieces_snap_and_join() {
        // Borders drawn cell by cell, each piece a little off.
        let segs = vec![
            h(0.0, 0.0, 50.5),
            h(0.4, 50.0, 100.0),
            h(40.0, 0.0, 100.0),
            v(0.0, 0.0, 40.0),
            v(100.3, 0.0, 40.0),
        ];
        let cells = Rulings::new(&segs).cells();
        assert_eq!(cells.len(), 1);
    }

    fn glyph(x: f64, y: f64) -> Glyph {
        Glyph {
            text: "字".into(),
            x,
            y,
            width: 10.0,
            size: 10.0,
        }
    }

    #[test]
    fn strokes_inside_a_glyph_are_dropped_borders_kept() {
        let glyphs = [glyph(20.0, 30.0), glyph(200.0, 30.0)];
        let segments = [
            h(25.0, 21.0, 28.0),  // a stroke of the first glyph's outline
            v(205.0, 23.0, 28.0), // a stroke of the second
            h(40.0, 0.0, 300.0),  // a border
            v(15.0, 10.0, 14.0),  // short, but outside every glyph
        ];
        let kept = without_glyph_strokes(&segments, &glyphs);
        assert_eq!(kept, [segments[2], segments[3]]);
    }

    #[test]
    fn glyphs_go_to_the_smallest_cell_holding_their_centre() {
        let outer = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 100.0,
            y1: 100.0,
        };
        let inner = Rect {
            x0: 10.0,
            y0: 10.0,
            x1: 50.0,
            y1: 50.0,
        };
        let glyphs = [glyph(20.0, 30.0), glyph(70.0, 80.0), glyph(200.0, 30.0)];
        let (per_cell, free) = assign_glyphs(&[outer, inner], &glyphs);
        assert_eq!(per_cell[0], [&glyphs[1]]);
        assert_eq!(per_cell[1], [&glyphs[0]]);
        assert_eq!(free, [&glyphs[2]]);
    }
}
