//! Stage 5 — **sheet**: takes the pages' cell grids and gives the typed [`Sheet`] model.
//! Every field is found from its printed label and the grid around it, never from absolute
//! coordinates. Text that no field takes is reported in `warnings`.

mod header;
mod indicators;
mod projects;

pub use crate::book::{Held, SheetKey};
/// Navigation over the cells (it lives below the stages that use it).
pub use crate::layout;

use crate::error::ExtractError;
use crate::grid::PageGrid;
use crate::labels::measure as labels;
use crate::model::{Kind, SCHEMA_VERSION, Sheet, Source};
use crate::warning::Warning;
use layout::Layout;

/// Build the sheet model from the grids of all pages.
pub fn build(pages: &[PageGrid], source: Source) -> Result<Sheet, ExtractError> {
    read(&Layout::new(pages), source)
}

/// What one page says about the sheet it belongs to, for splitting a book into sheets
/// (SPEC.md, "Documents that hold several sheets").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageFacts {
    /// The header's measure number, evaluation year and sheet number (header pages only).
    pub key: SheetKey,
    /// The project numbers (№) and indicator numbers (①…) the page prints.
    pub held: Held,
}

/// The facts of one page's grid: the header key when the page carries the 基本施策 label,
/// and the numbers of its project rows and indicator blocks.
pub fn page_facts(grid: &PageGrid) -> PageFacts {
    let layout = Layout::new(std::slice::from_ref(grid));
    let header = header::read(&layout);
    let key = SheetKey {
        measure: header.measure.and_then(|m| m.number),
        fiscal_year: header.evaluation_year.map(|y| y.fiscal_year),
        sheet_number: header.sheet.and_then(|s| s.number),
    };
    let projects = projects::read(&layout, &mut Vec::new())
        .iter()
        .flat_map(|g| g.projects.iter().map(|p| p.number))
        .collect();
    let indicators = indicators::read(&layout).iter().map(|i| i.number).collect();
    PageFacts {
        key,
        held: Held {
            projects,
            indicators,
        },
    }
}

/// What the sheet stage made of each cell: the field path it was read as (`label` for
/// printed labels), `None` where no field took it.
pub type CellFields = Vec<Vec<Option<String>>>;

/// The sheet, the field that took each cell, and whether each free line was used (per page).
pub type Inspected = (Result<Sheet, ExtractError>, CellFields, Vec<Vec<bool>>);

/// [`build`], also saying which field took each cell and whether each free line was used.
pub fn build_inspected(pages: &[PageGrid], source: Source) -> Inspected {
    let layout = Layout::new(pages);
    let sheet = read(&layout, source);
    (sheet, layout.cell_fields(), layout.free_lines_used())
}

fn read(layout: &Layout, source: Source) -> Result<Sheet, ExtractError> {
    if layout
        .find_all(|l| labels::MEASURE_CELL.contains(&l))
        .is_empty()
    {
        return Err(ExtractError::NotASheet(
            "no ruled cell labelled 基本施策".into(),
        ));
    }
    let mut warnings = Vec::new();
    let header = header::read(layout);
    let project_groups = projects::read(layout, &mut warnings);
    let indicators = indicators::read(layout);
    if project_groups.is_empty() && indicators.is_empty() {
        return Err(ExtractError::NotASheet(
            "neither a 関連するプロジェクト table nor 指標 blocks".into(),
        ));
    }
    mark_footnotes(layout);
    mark_page_numbers(layout);
    for (page, grid) in layout.sheet_pages() {
        if grid.undecoded.glyphs > 0 {
            warnings.push(Warning::undecodable_on_sheet(
                grid.undecoded.glyphs,
                layout.file_page(page),
                &crate::pdf::describe_fonts(&grid.undecoded.fonts),
            ));
        }
    }
    warnings.extend(layout.leftovers().into_iter().map(|(page, rect, text)| {
        Warning::unassigned_text(layout.file_page(page), rect.x0, rect.y0, &text)
    }));
    Ok(Sheet {
        schema_version: SCHEMA_VERSION,
        kind: Kind::Measure,
        source,
        title: header.title,
        plan: header.plan,
        evaluation_year: header.evaluation_year,
        target_period: header.target_period,
        sheet: header.sheet,
        policy: header.policy,
        measure: header.measure,
        departments: header.departments,
        evaluation: header.evaluation,
        grade_legend: header.grade_legend,
        project_groups,
        indicators,
        warnings,
    })
}

/// Lines starting with ※ outside the tables explain the template (e.g. what （ ） means);
/// they hold no data.
fn mark_footnotes(layout: &Layout) {
    for (page, grid) in layout.sheet_pages() {
        for (i, line) in grid.free_lines.iter().enumerate() {
            if crate::text::trim(&line.text).starts_with('※') {
                layout.mark_free(page, i);
            }
        }
    }
}

/// Page numbers (`- 3 -`, `3 / 20`, `３`) printed alone in the top or bottom margin, above or
/// below every ruled cell and level with none: not content (SPEC.md, value rules).
fn mark_page_numbers(layout: &Layout) {
    for (page, grid) in layout.sheet_pages() {
        let top = grid
            .cells
            .iter()
            .map(|c| c.rect.y0)
            .fold(f64::INFINITY, f64::min);
        let bottom = grid
            .cells
            .iter()
            .map(|c| c.rect.y1)
            .fold(f64::NEG_INFINITY, f64::max);
        for (i, line) in grid.free_lines.iter().enumerate() {
            let rect = layout::line_rect(line);
            let in_margin = rect.y0 >= bottom || rect.y1 <= top;
            if in_margin && crate::values::is_page_number(&crate::text::compact(&line.text)) {
                layout.mark_free(page, i);
            }
        }
    }
}
