//! Stage 3 — **sheet**: takes the pages' cell grids and gives the typed [`Sheet`] model.
//! Every field is found from its printed label and the grid around it, never from absolute
//! coordinates. Text that no field takes is reported in `warnings`.

mod header;
mod indicators;
pub mod layout;
mod projects;

use crate::error::ExtractError;
use crate::grid::PageGrid;
use crate::model::{SCHEMA_VERSION, Sheet, Source};
use layout::Layout;

/// Labels whose presence makes a document an evaluation sheet.
const SHEET_LABELS: [&str; 3] = ["基本施策", "基本方針", "指標"];

/// Build the sheet model from the grids of all pages.
pub fn build(pages: &[PageGrid], source: Source) -> Result<Sheet, ExtractError> {
    let layout = Layout::new(pages);
    if SHEET_LABELS
        .iter()
        .all(|label| layout.find_all(|l| l == *label).is_empty())
    {
        return Err(ExtractError::NotASheet(
            "no 基本方針, 基本施策 or 指標 label in a ruled cell".into(),
        ));
    }
    let mut warnings = Vec::new();
    let header = header::read(&layout);
    let project_groups = projects::read(&layout, &mut warnings);
    let indicators = indicators::read(&layout, &mut warnings);
    mark_footnotes(&layout);
    warnings.extend(layout.leftovers().into_iter().map(|(page, rect, text)| {
        format!(
            "unassigned text on page {} at x={:.0} y={:.0}: \"{}\"",
            page + 1,
            rect.x0,
            rect.y0,
            text
        )
    }));
    Ok(Sheet {
        schema_version: SCHEMA_VERSION,
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
    for (page, grid) in layout.pages.iter().enumerate() {
        for (i, line) in grid.free_lines.iter().enumerate() {
            if crate::text::trim(&line.text).starts_with('※') {
                layout.mark_free(page, i);
            }
        }
    }
}
