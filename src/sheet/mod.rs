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
use crate::pdf::PageContent;
use layout::Layout;

/// Labels of the measure's cell; a sheet has one of them in a ruled cell.
const MEASURE_LABELS: [&str; 2] = ["基本施策", "施策"];

/// What page 1 of every sheet prints: the 基本施策 (or 施策) label. Checking it before
/// interpreting the rest rejects foreign documents after one page.
const FIRST_PAGE_MARK: &str = "施策";

/// `Ok` if page 1 can belong to an evaluation sheet.
pub fn check_first_page(page: &PageContent) -> Result<(), ExtractError> {
    // Fast path: glyphs in drawing order, which is reading order for almost every producer.
    let drawn: String = page.glyphs.iter().map(|g| g.text.as_str()).collect();
    if crate::text::compact(&drawn).contains(FIRST_PAGE_MARK) {
        return Ok(());
    }
    // Glyphs drawn out of order: rebuild the lines before deciding.
    let text: String = crate::text::lines(page.glyphs.iter().collect())
        .iter()
        .map(|line| crate::text::compact(&line.text))
        .collect();
    if text.contains(FIRST_PAGE_MARK) {
        Ok(())
    } else {
        Err(ExtractError::NotASheet(
            "page 1 has no 基本施策 label".into(),
        ))
    }
}

/// Build the sheet model from the grids of all pages.
pub fn build(pages: &[PageGrid], source: Source) -> Result<Sheet, ExtractError> {
    read(&Layout::new(pages), source)
}

/// What the sheet stage made of each cell: the field path it was read as (`label` for
/// printed labels), `None` where no field took it.
pub type CellFields = Vec<Vec<Option<String>>>;

/// [`build`], also saying which field took each cell and whether each free line was used.
pub fn build_inspected(
    pages: &[PageGrid],
    source: Source,
) -> (Result<Sheet, ExtractError>, CellFields, Vec<Vec<bool>>) {
    let layout = Layout::new(pages);
    let sheet = read(&layout, source);
    (sheet, layout.cell_fields(), layout.free_lines_used())
}

fn read(layout: &Layout, source: Source) -> Result<Sheet, ExtractError> {
    if layout.find_all(|l| MEASURE_LABELS.contains(&l)).is_empty() {
        return Err(ExtractError::NotASheet(
            "no ruled cell labelled 基本施策".into(),
        ));
    }
    let mut warnings = Vec::new();
    let header = header::read(layout);
    let project_groups = projects::read(layout, &mut warnings);
    let indicators = indicators::read(layout, &mut warnings);
    if project_groups.is_empty() && indicators.is_empty() {
        return Err(ExtractError::NotASheet(
            "neither a 関連するプロジェクト table nor 指標 blocks".into(),
        ));
    }
    mark_footnotes(layout);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::Glyph;

    fn page(glyphs: &[(&str, f64)]) -> PageContent {
        PageContent {
            glyphs: glyphs
                .iter()
                .map(|&(text, x)| Glyph {
                    text: text.into(),
                    x,
                    y: 100.0,
                    width: 10.0,
                    size: 10.0,
                })
                .collect(),
            ..PageContent::default()
        }
    }

    #[test]
    fn first_page_label_found_even_when_drawn_out_of_order() {
        let in_order = page(&[("基", 0.0), ("本", 10.0), ("施", 20.0), ("策", 30.0)]);
        assert!(check_first_page(&in_order).is_ok());
        let reversed = page(&[("策", 30.0), ("施", 20.0), ("本", 10.0), ("基", 0.0)]);
        assert!(check_first_page(&reversed).is_ok());
        let other = page(&[("予", 0.0), ("算", 10.0)]);
        assert_eq!(
            check_first_page(&other),
            Err(ExtractError::NotASheet(
                "page 1 has no 基本施策 label".into()
            ))
        );
    }
}
