//! The related-projects table (関連するプロジェクト): columns are found from the printed
//! header labels, rows from the № column; group rows span from the № column across.

use crate::grid::Rect;
use crate::labels::measure as labels;
use crate::layout::{CellId, EDGE, Layout};
use crate::model::{Analysis, NextStep, Project, ProjectGroup, SplitText};
use crate::page::SheetPage;
use crate::text::{self, Item};
use crate::tolerances::TOLERANCES;
use crate::values::{self, parse_grade, parse_previous_grade, split_numbered_title};
use crate::warning::Warning;

/// Column x-ranges of a project table, from its header.
#[derive(Debug, Default)]
struct Columns {
    number: Option<Rect>,
    title: Option<Rect>,
    departments: Option<Rect>,
    indicators: Option<Rect>,
    /// The A–D columns where a mark gives the grade.
    grades: Vec<(char, Rect)>,
    /// A column headed 評価 or 達成状況評価 where the letter itself is printed.
    letter: Option<Rect>,
    status: Option<Rect>,
    internal: Option<Rect>,
    external: Option<Rect>,
    policy: Option<Rect>,
    next_steps: Option<Rect>,
    /// Marker → timing, from the 今後の方向性 header (`◇：R6に着手予定・着手済み`).
    timings: Vec<(char, String)>,
}

/// One table: its page, header bottom and columns.
struct Table {
    page: SheetPage,
    body_top: f64,
    columns: Columns,
}

/// Read every project table on every page, in order.
pub fn read(layout: &Layout, warnings: &mut Vec<Warning>) -> Vec<ProjectGroup> {
    let mut groups: Vec<ProjectGroup> = Vec::new();
    for number_header in layout.find_all(is_number_header) {
        let table = read_header(layout, number_header);
        read_body(layout, &table, &mut groups, warnings);
    }
    groups
}

/// The printed section label of the table (`関連するプロジェクト`, maybe in brackets).
fn is_section_label(label: &str) -> bool {
    label.trim_matches(labels::SECTION_BRACKETS) == labels::PROJECT_SECTION
}

fn is_number_header(label: &str) -> bool {
    labels::PROJECT_NUMBER.contains(&label)
}

fn read_header(layout: &Layout, number_header: CellId) -> Table {
    let page = number_header.page;
    let band = layout.rect(number_header);
    let region = Rect {
        x0: 0.0,
        y0: band.y0 - EDGE,
        x1: layout.page(page).width,
        y1: band.y1 + EDGE,
    };
    let mut columns = Columns {
        number: Some(band),
        ..Columns::default()
    };
    layout.reading("label");
    layout.take(number_header);
    for stack in header_stacks(layout, layout.cells_in(page, region)) {
        let label: String = stack.iter().map(|&id| layout.label(id)).collect();
        let text: String = stack.iter().map(|&id| layout.cell(id).text()).collect();
        let rect = stack.iter().fold(layout.rect(stack[0]), |acc, &id| {
            let r = layout.rect(id);
            Rect {
                y0: acc.y0.min(r.y0),
                y1: acc.y1.max(r.y1),
                ..acc
            }
        });
        if classify_header(&mut columns, &label, &text, rect) {
            for id in stack {
                layout.take(id);
            }
        }
    }
    mark_heading(layout, page, band.y0);
    Table {
        page,
        body_top: band.y1,
        columns,
    }
}

/// The header cells grouped into stacks of the same width, top to bottom: a heading spread
/// over rows (`達成状況` above `評価`) reads as one.
fn header_stacks(layout: &Layout, cells: Vec<CellId>) -> Vec<Vec<CellId>> {
    let mut stacks: Vec<Vec<CellId>> = Vec::new();
    for id in cells {
        let r = layout.rect(id);
        let same_column = |stack: &&mut Vec<CellId>| {
            let s = layout.rect(stack[0]);
            (s.x0 - r.x0).abs() <= EDGE && (s.x1 - r.x1).abs() <= EDGE
        };
        match stacks.iter_mut().find(same_column) {
            Some(stack) => stack.push(id),
            None => stacks.push(vec![id]),
        }
    }
    stacks
}

/// Assign one header cell to its column; false when the label is not a known header.
fn classify_header(columns: &mut Columns, label: &str, text: &str, rect: Rect) -> bool {
    let slot = if label == labels::GRADE_COLUMN || label.starts_with(labels::ACHIEVEMENT_EVALUATION)
    {
        &mut columns.letter
    } else if label.starts_with(labels::PROJECT_COLUMN) {
        &mut columns.title
    } else if label.starts_with(labels::DEPARTMENT) {
        &mut columns.departments
    } else if label.starts_with(labels::INDICATOR_COLUMN) || label == labels::INDICATOR {
        &mut columns.indicators
    } else if labels::ANALYSIS_HEADING
        .iter()
        .any(|h| label.starts_with(h))
    {
        return true;
    } else if label.starts_with(labels::STATUS_COLUMN) {
        &mut columns.status
    } else if label.starts_with(labels::INTERNAL_COLUMN) {
        &mut columns.internal
    } else if label.starts_with(labels::EXTERNAL_COLUMN) {
        &mut columns.external
    } else if label.starts_with(labels::POLICY_COLUMN) {
        &mut columns.policy
    } else if label.starts_with(labels::NEXT_STEPS_COLUMN) {
        columns.timings = parse_timings(text);
        &mut columns.next_steps
    } else if let Some(letter) = parse_grade(label) {
        columns.grades.push((letter, rect));
        return true;
    } else {
        return false;
    };
    *slot = Some(rect);
    true
}

/// `（◇：R6に着手予定・着手済み　◆：R7以降の着手を検討）` → [(◇, …), (◆, …)].
fn parse_timings(header: &str) -> Vec<(char, String)> {
    let mut out = Vec::new();
    for (at, marker) in header
        .char_indices()
        .filter(|(_, c)| matches!(c, '◇' | '◆'))
    {
        let rest = &header[at + marker.len_utf8()..];
        let rest = rest.trim_start_matches([':', '：']);
        let meaning: String = rest
            .chars()
            .take_while(|&c| !matches!(c, '◇' | '◆' | '）' | ')'))
            .collect();
        let meaning = text::trim(&meaning).to_string();
        if !meaning.is_empty() {
            out.push((marker, meaning));
        }
    }
    out
}

/// The section heading (関連するプロジェクト) printed just above the table.
fn mark_heading(layout: &Layout, page: SheetPage, table_top: f64) {
    let grid = &layout.page(page);
    // The section label may also be a (shaded) cell of its own.
    layout.reading("label");
    for id in layout.find(page, is_section_label) {
        layout.take(id);
    }
    for (i, line) in grid.free_lines.iter().enumerate() {
        let gap = table_top - line.y;
        let near = (0.0..=TOLERANCES.caption_above_table * line.size).contains(&gap)
            && line.text.contains(labels::PROJECT_COLUMN);
        if near || is_section_label(&crate::text::compact(&line.text)) {
            layout.mark_free(page, i);
        }
    }
}

/// A row of the body: a group heading or a project.
enum Row {
    Group(CellId),
    Project(CellId, u32),
}

fn read_body(
    layout: &Layout,
    table: &Table,
    groups: &mut Vec<ProjectGroup>,
    warnings: &mut Vec<Warning>,
) {
    let Some(number_col) = table.columns.number else {
        return;
    };
    for row in body_rows(layout, table, number_col) {
        match row {
            Row::Group(id) => {
                let path = format!("project_groups[{}]", groups.len());
                groups.push(read_group(layout, id, &path));
            }
            Row::Project(id, number) => {
                if groups.is_empty() {
                    warnings.push(Warning::project_without_group(&number.to_string()));
                    groups.push(ProjectGroup {
                        number: None,
                        title: String::new(),
                        description: None,
                        projects: Vec::new(),
                    });
                }
                let group = groups.len() - 1;
                let path = format!(
                    "project_groups[{group}].projects[{}]",
                    groups[group].projects.len()
                );
                layout.reading(format!("{path}.number"));
                layout.take(id);
                let project = read_project(layout, table, layout.rect(id), number, &path);
                groups[group].projects.push(project);
            }
        }
    }
}

/// Cells starting at the № column's left edge below the header: a number → a project row;
/// wider text → a group row.
fn body_rows(layout: &Layout, table: &Table, number_col: Rect) -> Vec<Row> {
    let page = &layout.page(table.page);
    let mut rows: Vec<(f64, Row)> = Vec::new();
    for (index, cell) in page.cells.iter().enumerate() {
        let r = cell.rect;
        if (r.x0 - number_col.x0).abs() > EDGE || r.y0 < table.body_top - EDGE || cell.is_empty() {
            continue;
        }
        let id = CellId {
            page: table.page,
            index,
        };
        let digits = values::ascii_digits(&cell.label());
        if (r.x1 - number_col.x1).abs() <= EDGE {
            if let Ok(n) = digits.parse::<u32>() {
                rows.push((r.y0, Row::Project(id, n)));
            }
        } else if r.x1 > number_col.x1 + EDGE {
            rows.push((r.y0, Row::Group(id)));
        }
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter().map(|(_, row)| row).collect()
}

fn read_group(layout: &Layout, id: CellId, path: &str) -> ProjectGroup {
    layout.reading(format!("{path}.title"));
    let text = layout.take_text(id).unwrap_or_default();
    let (number, title) = split_numbered_title(&text);
    layout.reading(format!("{path}.description"));
    let description = layout.right_of(id).and_then(|d| layout.take_text(d));
    ProjectGroup {
        number,
        title,
        description,
        projects: Vec::new(),
    }
}

fn read_project(layout: &Layout, table: &Table, row: Rect, number: u32, path: &str) -> Project {
    let cols = &table.columns;
    let page = table.page;
    let joined = |col: Option<Rect>, field: &str| -> String {
        layout.reading(format!("{path}.{field}"));
        column_cells(layout, page, col, row)
            .into_iter()
            .filter_map(|id| layout.take_text(id))
            .collect()
    };
    let title = joined(cols.title, "title");
    let departments = values::split_departments(&joined(cols.departments, "departments"));
    let indicators = values::parse_indicator_refs(&joined(cols.indicators, "indicators"));
    let (grade, previous_grade) = read_grade(layout, table, row, path);
    let split_y = row_split(layout, table, row);
    let split = |col: Option<Rect>, field: &str| {
        split_text(layout, page, col, row, split_y, &format!("{path}.{field}"))
    };
    let status = split(cols.status, "status");
    let analysis = Analysis {
        internal: split(cols.internal, "analysis.internal"),
        external: split(cols.external, "analysis.external"),
    };
    layout.reading(format!("{path}.policy_direction"));
    let policy_direction = items(layout, page, cols.policy, row)
        .into_iter()
        .map(|i| i.text)
        .collect();
    layout.reading(format!("{path}.next_steps"));
    let next_steps = items(layout, page, cols.next_steps, row)
        .into_iter()
        .map(|item| next_step(item, &cols.timings))
        .collect();
    Project {
        number,
        page: layout.file_page(page).number(),
        title,
        departments,
        indicators,
        grade,
        previous_grade,
        status,
        analysis,
        policy_direction,
        next_steps,
    }
}

/// Cells of a column whose centre lies within the row, top to bottom.
fn column_cells(layout: &Layout, page: SheetPage, col: Option<Rect>, row: Rect) -> Vec<CellId> {
    let Some(col) = col else {
        return Vec::new();
    };
    let region = Rect {
        x0: col.x0 - EDGE,
        y0: row.y0 - EDGE,
        x1: col.x1 + EDGE,
        y1: row.y1 + EDGE,
    };
    layout.cells_in(page, region)
}

fn items(layout: &Layout, page: SheetPage, col: Option<Rect>, row: Rect) -> Vec<Item> {
    column_cells(layout, page, col, row)
        .into_iter()
        .flat_map(|id| layout.take_items(id))
        .collect()
}

/// The y that divides a project row into its upper (indicator-based) and lower (other)
/// halves: the lowest interior cell bottom among the split columns.
fn row_split(layout: &Layout, table: &Table, row: Rect) -> Option<f64> {
    let cols = &table.columns;
    let grade_span = grade_span(cols);
    [cols.status, cols.internal, cols.external, grade_span]
        .into_iter()
        .flat_map(|col| column_cells(layout, table.page, col, row))
        .map(|id| layout.rect(id).y1)
        .filter(|&y| y < row.y1 - EDGE && y > row.y0 + EDGE)
        .min_by(f64::total_cmp)
}

fn split_text(
    layout: &Layout,
    page: SheetPage,
    col: Option<Rect>,
    row: Rect,
    split_y: Option<f64>,
    path: &str,
) -> SplitText {
    let mut out = SplitText::default();
    for id in column_cells(layout, page, col, row) {
        let lower = split_y.is_some_and(|y| layout.rect(id).center_y() > y);
        let half = if lower { "other" } else { "indicator_based" };
        layout.reading(format!("{path}.{half}"));
        let texts = layout.take_items(id).into_iter().map(|i| i.text);
        if lower {
            out.other.extend(texts);
        } else {
            out.indicator_based.extend(texts);
        }
    }
    out
}

/// The x-range of the grade columns: the A–D columns and the letter column.
fn grade_span(cols: &Columns) -> Option<Rect> {
    let mut rects = cols.grades.iter().map(|(_, r)| *r).chain(cols.letter);
    let first = rects.next()?;
    Some(rects.fold(first, |acc, r| Rect {
        x0: acc.x0.min(r.x0),
        y0: acc.y0,
        x1: acc.x1.max(r.x1),
        y1: acc.y1,
    }))
}

/// A ● (or similar mark) in one of the A–D columns, or a printed letter; last year's grade
/// in （ ）.
fn read_grade(
    layout: &Layout,
    table: &Table,
    row: Rect,
    path: &str,
) -> (Option<String>, Option<String>) {
    let cols = &table.columns;
    let (mut grade, mut previous) = (None, None);
    for id in column_cells(layout, table.page, grade_span(cols), row) {
        let cell = layout.cell(id);
        let is_previous = cell
            .lines
            .iter()
            .any(|l| parse_previous_grade(&text::compact(&l.text)).is_some());
        let field = if is_previous {
            "previous_grade"
        } else {
            "grade"
        };
        layout.reading(format!("{path}.{field}"));
        for line in &layout.take(id).lines {
            let t = text::compact(&line.text);
            if values::is_mark(&t) {
                let cx = (line.x0 + line.x1) / 2.0;
                grade = cols
                    .grades
                    .iter()
                    .find(|(_, r)| cx >= r.x0 - EDGE && cx <= r.x1 + EDGE)
                    .map(|(g, _)| g.to_string());
            } else if let Some(g) = parse_grade(&t) {
                grade = Some(g.to_string());
            } else if let Some(p) = parse_previous_grade(&t) {
                previous = p.map(String::from);
            }
        }
    }
    (grade, previous)
}

fn next_step(item: Item, timings: &[(char, String)]) -> NextStep {
    let timing = item
        .marker
        .and_then(|m| timings.iter().find(|(k, _)| *k == m))
        .map(|(_, t)| t.clone());
    NextStep {
        marker: item.marker.map(String::from),
        timing,
        text: item.text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_grade_columns_headed_評価_or_達成状況評価() {
        let rect = Rect {
            x0: 10.0,
            y0: 0.0,
            x1: 30.0,
            y1: 20.0,
        };
        for label in ["評価", "達成状況評価"] {
            let mut columns = Columns::default();
            assert!(classify_header(&mut columns, label, label, rect));
            assert_eq!(columns.letter, Some(rect), "{label}");
            assert_eq!(columns.status, None);
            assert_eq!(grade_span(&columns), Some(rect));
        }
        // 評価項目 heads the A–D mark columns, 達成状況 the status column.
        let mut columns = Columns::default();
        assert!(classify_header(&mut columns, "評価項目", "評価項目", rect));
        assert!(classify_header(
            &mut columns,
            "達成状況（対象：R5）",
            "",
            rect
        ));
        assert_eq!((columns.letter, columns.status), (None, Some(rect)));
    }

    #[test]
    fn timings_from_header() {
        let got = parse_timings("今後の方向性（◇：R6に着手予定・着手済み　◆：R7以降の着手を検討）");
        assert_eq!(
            got,
            vec![
                ('◇', "R6に着手予定・着手済み".to_string()),
                ('◆', "R7以降の着手を検討".to_string())
            ]
        );
    }
}
