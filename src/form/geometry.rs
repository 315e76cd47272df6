//! Geometry of a page's cells for the form stage: neighbours in the four
//! directions (cells that share rows or columns and touch), and tables (connected groups of
//! cells). Takes cell rectangles; gives indices.

use crate::grid::Rect;

use crate::tolerances::TOLERANCES;

/// A direction from a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

/// The neighbour of cell `k` in `direction`: among the cells that share its rows (left,
/// right) or columns (up, down) and touch or overlap its side, the nearest; ties go to the
/// largest shared extent, then to the smallest cell (the innermost of overlapping cells).
pub fn neighbour(rects: &[Rect], k: usize, direction: Direction) -> Option<usize> {
    neighbour_along(rects, k, k, direction)
}

/// The neighbour of cell `k` in `direction` on a search that started at cell `origin`: it
/// must also share `origin`'s rows (columns), and ties go to the largest extent shared with
/// `origin` (a search through a unit cell spanning two rows stays on its own row).
pub fn neighbour_along(
    rects: &[Rect],
    k: usize,
    origin: usize,
    direction: Direction,
) -> Option<usize> {
    let candidates: Vec<(usize, f64)> = (0..rects.len())
        .filter(|&j| j != k)
        .filter_map(|j| reach(&rects[k], &rects[j], direction).map(|(d, _)| (j, d)))
        .collect();
    best(rects, &candidates, origin, direction)
}

/// Every cell's candidate neighbours in the four directions, found once (a page's header
/// searches then look at a few cells instead of all).
pub struct Neighbourhood {
    /// Per cell, per direction (left, right, up, down): (cell, distance).
    candidates: Vec<[Vec<(usize, f64)>; 4]>,
}

const DIRECTIONS: [Direction; 4] = [
    Direction::Left,
    Direction::Right,
    Direction::Up,
    Direction::Down,
];

impl Neighbourhood {
    pub fn new(rects: &[Rect]) -> Neighbourhood {
        let mut candidates: Vec<[Vec<(usize, f64)>; 4]> =
            (0..rects.len()).map(|_| Default::default()).collect();
        // Each pair once, both ways: every cell's candidates still come in cell order (those
        // before it from earlier pairs, then those after it).
        for (k, me) in rects.iter().enumerate() {
            for (j, other) in rects.iter().enumerate().skip(k + 1) {
                // Cells sharing neither rows nor columns are no candidates in any direction.
                if me.y_overlap(other) < TOLERANCES.min_overlap
                    && me.x_overlap(other) < TOLERANCES.min_overlap
                {
                    continue;
                }
                for (index, &direction) in DIRECTIONS.iter().enumerate() {
                    if let Some((distance, _)) = reach(me, other, direction) {
                        candidates[k][index].push((j, distance));
                    }
                    if let Some((distance, _)) = reach(other, me, direction) {
                        candidates[j][index].push((k, distance));
                    }
                }
            }
        }
        Neighbourhood { candidates }
    }

    /// [`neighbour_along`] from the candidates found once.
    pub fn along(
        &self,
        rects: &[Rect],
        k: usize,
        origin: usize,
        direction: Direction,
    ) -> Option<usize> {
        let index = DIRECTIONS.iter().position(|&d| d == direction).unwrap_or(0);
        best(rects, &self.candidates[k][index], origin, direction)
    }
}

/// The best of the candidates (cell, distance) for a search from `origin`.
fn best(
    rects: &[Rect],
    candidates: &[(usize, f64)],
    origin: usize,
    direction: Direction,
) -> Option<usize> {
    let (t, m) = (TOLERANCES.touch, TOLERANCES.min_overlap);
    let start = rects[origin];
    let mut best: Option<(f64, f64, f64, usize)> = None;
    for &(j, distance) in candidates {
        let other = &rects[j];
        let overlap = match direction {
            Direction::Left | Direction::Right => start.y_overlap(other),
            Direction::Up | Direction::Down => start.x_overlap(other),
        };
        if overlap < m {
            continue;
        }
        let area = other.width() * other.height();
        let better = match best {
            None => true,
            Some((d, o, a, _)) => {
                distance < d - t
                    || ((distance - d).abs() <= t
                        && (overlap > o + m || ((overlap - o).abs() <= m && area < a)))
            }
        };
        if better {
            best = Some((distance, overlap, area, j));
        }
    }
    best.map(|(.., j)| j)
}

/// How far `other` lies from `me` in `direction` and how much they share across it, when it
/// is a candidate neighbour: sharing rows/columns, reaching beyond `me`'s side without
/// reaching behind its opposite side, and touching that side (or enclosing it).
fn reach(me: &Rect, other: &Rect, direction: Direction) -> Option<(f64, f64)> {
    let (t, m) = (TOLERANCES.touch, TOLERANCES.min_overlap);
    let (overlap, candidate, distance) = match direction {
        Direction::Left => (
            me.y_overlap(other),
            other.x0 < me.x0 - t && other.x1 <= me.x1 + t && other.x1 >= me.x0 - t,
            me.x0 - other.x1,
        ),
        Direction::Right => (
            me.y_overlap(other),
            other.x1 > me.x1 + t && other.x0 >= me.x0 - t && other.x0 <= me.x1 + t,
            other.x0 - me.x1,
        ),
        Direction::Up => (
            me.x_overlap(other),
            other.y0 < me.y0 - t && other.y1 <= me.y1 + t && other.y1 >= me.y0 - t,
            me.y0 - other.y1,
        ),
        Direction::Down => (
            me.x_overlap(other),
            other.y1 > me.y1 + t && other.y0 >= me.y0 - t && other.y0 <= me.y1 + t,
            other.y0 - me.y1,
        ),
    };
    (candidate && overlap >= m).then_some((distance.max(0.0), overlap))
}

/// Whether two cells share exactly the same rows (`across_rows`) or columns.
pub fn same_span(a: &Rect, b: &Rect, across_rows: bool) -> bool {
    let t = TOLERANCES.touch;
    if across_rows {
        (a.y0 - b.y0).abs() <= t && (a.y1 - b.y1).abs() <= t
    } else {
        (a.x0 - b.x0).abs() <= t && (a.x1 - b.x1).abs() <= t
    }
}

/// The table of each cell: cells that touch or overlap along a shared side are one table.
/// Returns a table id per cell (ids are the smallest cell index of the table).
pub fn tables(rects: &[Rect]) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..rects.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // Each table's id is its smallest cell index whatever order the pairs are joined in.
    for (a, b) in touching_rows(rects) {
        if connected(&rects[a], &rects[b]) {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    (0..rects.len()).map(|i| root(&mut parent, i)).collect()
}

/// The pairs of cells whose heights overlap or come within the touch tolerance — every pair
/// that can be [`connected`] —, found by a sweep down the page instead of trying all pairs;
/// all pairs when a coordinate is NaN.
fn touching_rows(rects: &[Rect]) -> Vec<(usize, usize)> {
    let t = TOLERANCES.touch;
    let n = rects.len();
    if rects.iter().any(|r| r.y0.is_nan() || r.y1.is_nan()) {
        return (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .collect();
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| rects[a].y0.total_cmp(&rects[b].y0));
    let mut pairs = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for &k in &order {
        // Cells ending above this one's top (less the tolerance) meet no cell from here on.
        open.retain(|&j| rects[j].y1 >= rects[k].y0 - t);
        pairs.extend(open.iter().map(|&j| (j.min(k), j.max(k))));
        open.push(k);
    }
    pairs
}

fn connected(a: &Rect, b: &Rect) -> bool {
    let (t, m) = (TOLERANCES.touch, TOLERANCES.min_overlap);
    let x_touch = a.x_overlap(b) >= -t;
    let y_touch = a.y_overlap(b) >= -t;
    (x_touch && a.y_overlap(b) >= m) || (y_touch && a.x_overlap(b) >= m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::test_pages::rect as r;

    #[test]
    fn neighbours_share_rows_and_touch() {
        // | A | B |
        // |   C   |
        let rects = [
            r(0., 0., 10., 10.),
            r(10., 0., 20., 10.),
            r(0., 10., 20., 20.),
        ];
        assert_eq!(neighbour(&rects, 0, Direction::Right), Some(1));
        assert_eq!(neighbour(&rects, 1, Direction::Left), Some(0));
        assert_eq!(neighbour(&rects, 0, Direction::Left), None);
        assert_eq!(neighbour(&rects, 2, Direction::Up), Some(0));
        assert_eq!(neighbour(&rects, 1, Direction::Down), Some(2));
    }

    #[test]
    fn a_search_through_a_two_row_cell_stays_on_its_rows() {
        // | 実績 | 単位 | 1 |
        // | 期待 |      | 2 |   (単位 spans both rows)
        let rects = [
            r(0., 0., 10., 10.),
            r(0., 10., 10., 20.),
            r(10., 0., 20., 20.),
            r(20., 0., 30., 10.),
            r(20., 10., 30., 20.),
        ];
        assert_eq!(neighbour_along(&rects, 2, 3, Direction::Left), Some(0));
        assert_eq!(neighbour_along(&rects, 2, 4, Direction::Left), Some(1));
    }

    #[test]
    fn an_enclosing_cell_is_the_left_neighbour_of_a_cell_inside_it() {
        // `その他` spans c1-c2 on the upper row, and `うち` sits inside it on the lower row.
        let rects = [
            r(0., 0., 20., 20.),
            r(10., 10., 20., 20.),
            r(20., 10., 30., 20.),
        ];
        assert_eq!(neighbour(&rects, 1, Direction::Left), Some(0));
        assert_eq!(neighbour(&rects, 2, Direction::Left), Some(1));
        assert_eq!(neighbour(&rects, 0, Direction::Right), Some(2));
    }

    /// The neighbourhood is the one a scan of every cell from every cell finds.
    #[test]
    fn the_neighbourhood_is_that_of_a_scan_of_all_cells() {
        // A 6 x 5 grid of 10 pt cells, some merged, with snapping errors, and one around all.
        let mut rects = Vec::new();
        for row in 0..6 {
            for col in 0..5 {
                let (x, y) = (f64::from(col) * 10.0, f64::from(row) * 10.0);
                let wobble = f64::from((row * 7 + col * 3) % 5) * 0.3;
                let wide = if (row + col) % 4 == 0 { 20.0 } else { 10.0 };
                rects.push(r(x + wobble, y, x + wide, y + 10.0 + wobble));
            }
        }
        rects.push(r(0.0, 0.0, 50.0, 60.0));
        let hood = Neighbourhood::new(&rects);
        for k in 0..rects.len() {
            for (index, &direction) in DIRECTIONS.iter().enumerate() {
                let scan: Vec<(usize, f64)> = (0..rects.len())
                    .filter(|&j| j != k)
                    .filter_map(|j| reach(&rects[k], &rects[j], direction).map(|(d, _)| (j, d)))
                    .collect();
                assert_eq!(hood.candidates[k][index], scan, "cell {k} {direction:?}");
            }
        }
    }

    /// The sweep finds every pair a scan of all pairs finds connected.
    #[test]
    fn tables_are_those_of_a_scan_of_all_pairs() {
        let mut rects = Vec::new();
        for row in 0..6 {
            for col in 0..4 {
                let (x, y) = (f64::from(col) * 12.0, f64::from(row) * 10.0);
                let gap = f64::from((row * 5 + col * 3) % 4) * 0.4;
                rects.push(r(x + gap, y + gap, x + 10.0, y + 10.0 + gap));
            }
        }
        rects.push(r(0.0, 70.0, 40.0, 90.0));
        rects.push(r(40.0, 60.0, 60.0, 100.0));
        let scan: Vec<(usize, usize)> = (0..rects.len())
            .flat_map(|a| (a + 1..rects.len()).map(move |b| (a, b)))
            .filter(|&(a, b)| connected(&rects[a], &rects[b]))
            .collect();
        let mut swept: Vec<(usize, usize)> = touching_rows(&rects)
            .into_iter()
            .filter(|&(a, b)| connected(&rects[a], &rects[b]))
            .collect();
        swept.sort_unstable();
        assert_eq!(swept, scan);
        assert!(scan.len() > 20);
    }

    #[test]
    fn distant_cells_are_not_neighbours_but_separate_tables() {
        let rects = [
            r(0., 0., 10., 10.),
            r(30., 0., 40., 10.),
            r(10., 0., 20., 10.),
        ];
        assert_eq!(neighbour(&rects, 0, Direction::Right), Some(2));
        assert_eq!(tables(&rects), [0, 1, 0]);
    }
}
