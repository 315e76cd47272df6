//! Navigation over the cells of the pages: find a cell by its printed label, step to the
//! cell on its right or below, collect the cells inside a region. Every cell handed out is
//! marked as used, so that what no field took can be reported as a warning.

use std::cell::{Cell as Flag, RefCell};

use crate::grid::{Cell, PageGrid, Rect};
use crate::page::{FilePage, SheetPage};
use crate::pdf::{ASCENT, DESCENT};
use crate::text::{self, Item, Line};
use crate::tolerances::TOLERANCES;

/// Positional tolerance when comparing shared cell edges, in points.
pub const EDGE: f64 = TOLERANCES.edge;

/// A cell on a page: (page index, cell index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellId {
    pub page: SheetPage,
    pub index: usize,
}

/// All pages' grids, with a record of which field took each cell, and which free lines were
/// used.
pub struct Layout<'g> {
    pages: &'g [PageGrid],
    /// Each cell's compacted text, computed once: labels are looked up many times.
    labels: Vec<Vec<String>>,
    /// The field path (`indicators[1].name`) or `label` each cell was taken as.
    cell_fields: Vec<Vec<RefCell<Option<String>>>>,
    used_free: Vec<Vec<Flag<bool>>>,
    /// What the cells taken next are read as; set by the readers with [`Layout::reading`].
    current_field: RefCell<String>,
}

impl<'g> Layout<'g> {
    pub fn new(pages: &'g [PageGrid]) -> Self {
        Layout {
            pages,
            labels: pages
                .iter()
                .map(|p| p.cells.iter().map(Cell::label).collect())
                .collect(),
            cell_fields: pages
                .iter()
                .map(|p| p.cells.iter().map(|_| RefCell::new(None)).collect())
                .collect(),
            used_free: pages
                .iter()
                .map(|p| p.free_lines.iter().map(|_| Flag::new(false)).collect())
                .collect(),
            current_field: RefCell::new("label".into()),
        }
    }

    /// Name the field that the cells taken from now on are read as (`label` for printed
    /// labels, else a path such as `indicators[1].values[R5].actual`).
    pub fn reading(&self, field: impl Into<String>) {
        *self.current_field.borrow_mut() = field.into();
    }

    /// Whether each free line (text outside the ruled cells) was used, per page.
    pub fn free_lines_used(&self) -> Vec<Vec<bool>> {
        self.used_free
            .iter()
            .map(|page| page.iter().map(Flag::get).collect())
            .collect()
    }

    /// The field each cell was taken as, per page and cell; `None` for cells no field took.
    pub fn cell_fields(&self) -> Vec<Vec<Option<String>>> {
        self.cell_fields
            .iter()
            .map(|page| page.iter().map(|f| f.borrow().clone()).collect())
            .collect()
    }

    /// The file page that the sheet's page `page` was printed on.
    pub fn file_page(&self, page: SheetPage) -> FilePage {
        self.pages[page.0].page
    }

    /// The grid of the sheet's page `page`.
    pub fn page(&self, page: SheetPage) -> &'g PageGrid {
        &self.pages[page.0]
    }

    /// The sheet's pages with their grids, in order.
    pub fn sheet_pages(&self) -> impl Iterator<Item = (SheetPage, &'g PageGrid)> + use<'g> {
        self.pages
            .iter()
            .enumerate()
            .map(|(i, grid)| (SheetPage(i), grid))
    }

    pub fn cell(&self, id: CellId) -> &'g Cell {
        &self.pages[id.page.0].cells[id.index]
    }

    /// The cell's text without any white space (`指　   標` → `指標`).
    pub fn label(&self, id: CellId) -> &str {
        &self.labels[id.page.0][id.index]
    }

    pub fn rect(&self, id: CellId) -> Rect {
        self.cell(id).rect
    }

    /// Mark a cell as taken by the field being read (the first field to take it keeps it).
    pub fn take(&self, id: CellId) -> &'g Cell {
        let mut field = self.cell_fields[id.page.0][id.index].borrow_mut();
        if field.is_none() {
            *field = Some(self.current_field.borrow().clone());
        }
        self.cell(id)
    }

    /// The joined text of a cell, marking it taken; `None` when empty.
    pub fn take_text(&self, id: CellId) -> Option<String> {
        let text = self.take(id).text();
        (!text.is_empty()).then_some(text)
    }

    /// The items of a cell, marking it taken.
    pub fn take_items(&self, id: CellId) -> Vec<Item> {
        text::items(&self.take(id).lines)
    }

    pub fn mark_free(&self, page: SheetPage, line: usize) {
        self.used_free[page.0][line].set(true);
    }

    /// Cells of a page whose compacted text satisfies `pred`, top to bottom, left to right.
    pub fn find(&self, page: SheetPage, pred: impl Fn(&str) -> bool) -> Vec<CellId> {
        self.cells_where(page, |index, _| {
            let label = &self.labels[page.0][index];
            !label.is_empty() && pred(label)
        })
    }

    /// Cells of a page that satisfy `keep`, in reading order (top to bottom, left to right).
    fn cells_where(&self, page: SheetPage, keep: impl Fn(usize, &Cell) -> bool) -> Vec<CellId> {
        let mut ids: Vec<CellId> = self.pages[page.0]
            .cells
            .iter()
            .enumerate()
            .filter(|(index, cell)| keep(*index, cell))
            .map(|(index, _)| CellId { page, index })
            .collect();
        ids.sort_by(|a, b| {
            let (ra, rb) = (self.rect(*a), self.rect(*b));
            ra.y0.total_cmp(&rb.y0).then(ra.x0.total_cmp(&rb.x0))
        });
        ids
    }

    /// Cells on any page whose compacted text equals `label`.
    pub fn find_all(&self, pred: impl Fn(&str) -> bool + Copy) -> Vec<CellId> {
        (0..self.pages.len())
            .flat_map(|p| self.find(SheetPage(p), pred))
            .collect()
    }

    /// The cell sharing `id`'s right edge, at the height of its centre.
    pub fn right_of(&self, id: CellId) -> Option<CellId> {
        let r = self.rect(id);
        self.neighbour(id.page, |c| {
            (c.x0 - r.x1).abs() <= EDGE && c.y0 <= r.center_y() && c.y1 >= r.center_y()
        })
    }

    /// The cell sharing `id`'s bottom edge, below its horizontal centre.
    pub fn below(&self, id: CellId) -> Option<CellId> {
        let r = self.rect(id);
        self.neighbour(id.page, |c| {
            (c.y0 - r.y1).abs() <= EDGE && c.x0 <= r.center_x() && c.x1 >= r.center_x()
        })
    }

    fn neighbour(&self, page: SheetPage, pred: impl Fn(&Rect) -> bool) -> Option<CellId> {
        self.pages[page.0]
            .cells
            .iter()
            .position(|c| pred(&c.rect))
            .map(|index| CellId { page, index })
    }

    /// Cells whose centre lies inside `region`, top to bottom.
    pub fn cells_in(&self, page: SheetPage, region: Rect) -> Vec<CellId> {
        self.cells_where(page, |_, c| {
            region.contains(c.rect.center_x(), c.rect.center_y())
        })
    }

    /// Mark every cell inside `region` as taken (a block consumed as a whole).
    pub fn take_region(&self, page: SheetPage, region: Rect) {
        for id in self.cells_in(page, region) {
            self.take(id);
        }
    }

    /// Text that no field took: non-empty untaken cells and free lines, as warnings.
    pub fn leftovers(&self) -> Vec<(SheetPage, Rect, String)> {
        let mut out = Vec::new();
        for (p, page) in self.pages.iter().enumerate() {
            for (i, cell) in page.cells.iter().enumerate() {
                if self.cell_fields[p][i].borrow().is_none() && !cell.is_empty() {
                    out.push((SheetPage(p), cell.rect, cell.text()));
                }
            }
            for (i, line) in page.free_lines.iter().enumerate() {
                if !self.used_free[p][i].get() && !text::trim(&line.text).is_empty() {
                    out.push((
                        SheetPage(p),
                        line_rect(line),
                        text::trim(&line.text).to_string(),
                    ));
                }
            }
        }
        out
    }
}

/// The rectangle a free line occupies.
pub fn line_rect(line: &Line) -> Rect {
    Rect {
        x0: line.x0,
        y0: line.y - ASCENT * line.size,
        x1: line.x1,
        y1: line.y + DESCENT * line.size,
    }
}
