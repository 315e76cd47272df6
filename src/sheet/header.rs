//! The header of page 1: title, plan, evaluation and target years, sheet label and number,
//! 基本方針, 基本施策, 担当部等, and the 達成状況評価 box with its legend.

use crate::grid::Rect;
use crate::labels::measure as labels;
use crate::layout::{CellId, EDGE, Layout};
use crate::model::{Evaluation, GradeLegend, Numbered, SheetLabel, YearLabel};
use crate::page::SheetPage;
use crate::text::{self, compact};
use crate::values::{
    self, find_era_label, is_mark, parse_grade, parse_previous_grade, split_numbered_title,
};

/// Everything in the header, before the related-projects table.
#[derive(Debug, Default)]
pub struct Header {
    pub title: Option<String>,
    pub plan: Option<String>,
    pub evaluation_year: Option<YearLabel>,
    pub target_period: Option<YearLabel>,
    pub sheet: Option<SheetLabel>,
    pub policy: Option<Numbered>,
    pub measure: Option<Numbered>,
    pub departments: Vec<String>,
    pub evaluation: Evaluation,
    pub grade_legend: GradeLegend,
}

/// Read the header from the first page that carries a 基本施策 label.
pub fn read(layout: &Layout) -> Header {
    let mut header = Header::default();
    let Some(measure_label) = layout.find_all(|l| l == labels::MEASURE).first().copied() else {
        return header;
    };
    let page = measure_label.page;
    let policy_label = layout.find(page, |l| l == labels::POLICY).first().copied();
    header.measure = numbered_value(layout, measure_label, "measure");
    header.policy = policy_label.and_then(|id| numbered_value(layout, id, "policy"));
    header.departments = departments(layout, measure_label);
    let top = policy_label
        .map(|id| layout.rect(id).y0)
        .unwrap_or(layout.rect(measure_label).y0);
    read_title(layout, page, top, &mut header);
    header.sheet = sheet_label(layout, page, top);
    read_evaluation(layout, page, &mut header);
    header
}

fn numbered_value(layout: &Layout, label: CellId, field: &str) -> Option<Numbered> {
    layout.reading("label");
    layout.take(label);
    layout.reading(field);
    let value = layout.right_of(label)?;
    let text = layout.take_text(value)?;
    let (number, title) = split_numbered_title(&text);
    Some(Numbered { number, title })
}

/// The 担当部等 beside the measure: the one whose row holds the 基本施策 label's centre,
/// else the topmost on the page.
fn departments(layout: &Layout, measure_label: CellId) -> Vec<String> {
    let row = layout.rect(measure_label);
    let labels = layout.find(measure_label.page, |l| l == labels::DEPARTMENTS);
    let chosen = labels
        .iter()
        .copied()
        .find(|&id| {
            let r = layout.rect(id);
            r.y0 <= row.center_y() && r.y1 >= row.center_y()
        })
        .or_else(|| labels.first().copied());
    let Some(label) = chosen else {
        return Vec::new();
    };
    layout.reading("label");
    layout.take(label);
    layout.reading("departments");
    layout
        .right_of(label)
        .and_then(|v| layout.take_text(v))
        .map(|t| values::split_departments(&t))
        .unwrap_or_default()
}

/// Title and 評価対象期間 from the free text above the header table.
fn read_title(layout: &Layout, page: SheetPage, top: f64, header: &mut Header) {
    let grid = &layout.page(page);
    let mut above: Vec<usize> = (0..grid.free_lines.len())
        .filter(|&i| grid.free_lines[i].y <= top + EDGE)
        .collect();
    above.sort_by(|&a, &b| grid.free_lines[a].y.total_cmp(&grid.free_lines[b].y));
    for (n, &i) in above.iter().enumerate() {
        read_title_line(header, &grid.free_lines[i].text, n == 0);
        layout.mark_free(page, i);
    }
    read_title_cells(layout, page, top, header);
}

/// The title row printed in ruled cells above the header (a boxed title, maybe overflowing
/// the empty cells beside it), read as the free-text title line is: the cell holding the
/// 評価対象期間 by itself gives the target period, and the widest cell whose text — without
/// its period — names a year gives the title (when no free line gave one).
fn read_title_cells(layout: &Layout, page: SheetPage, top: f64, header: &mut Header) {
    let above = Rect {
        x0: 0.0,
        y0: 0.0,
        x1: layout.page(page).width,
        y1: top + EDGE,
    };
    let cells: Vec<(CellId, String)> = layout
        .cells_in(page, above)
        .into_iter()
        .filter(|&id| layout.rect(id).y1 <= top + EDGE)
        .map(|id| (id, text::trim(&layout.cell(id).text()).to_string()))
        .collect();
    if header.target_period.is_none()
        && let Some((id, text)) = cells.iter().find(|(_, text)| {
            let (before, period) = split_period(text);
            before.is_empty() && period.is_some()
        })
    {
        layout.reading("target_period");
        layout.take(*id);
        read_title_line(header, text, false);
    }
    if header.title.is_some() {
        return;
    }
    let title = cells
        .iter()
        .filter(|(_, text)| find_era_label(&split_period(text).0).is_some())
        .max_by(|(a, _), (b, _)| layout.rect(*a).width().total_cmp(&layout.rect(*b).width()));
    let Some((id, text)) = title else {
        return;
    };
    layout.reading("title");
    layout.take(*id);
    read_title_line(header, text, true);
}

/// One line above the header: its 評価対象期間, and the title when `is_title`.
fn read_title_line(header: &mut Header, line: &str, is_title: bool) {
    let (before, period) = split_period(text::trim(line));
    if let Some(period) = period {
        header.target_period = year_label(&period);
    }
    if is_title && !before.is_empty() {
        set_title(header, before);
    }
}

/// `…シート（評価対象期間：令和５年度）` → (`…シート`, Some(`令和５年度`)).
fn split_period(line: &str) -> (String, Option<String>) {
    let Some(at) = line.find(labels::EVALUATION_PERIOD) else {
        return (line.to_string(), None);
    };
    let before = text::trim(line[..at].trim_end_matches(['（', '('])).to_string();
    let after = &line[at + labels::EVALUATION_PERIOD.len()..];
    let period: String = after
        .trim_start_matches([':', '：', ' ', '\u{3000}'])
        .chars()
        .take_while(|&c| c != '）' && c != ')')
        .collect();
    (before, Some(text::trim(&period).to_string()))
}

fn year_label(text: &str) -> Option<YearLabel> {
    let (label, year) = find_era_label(text).or_else(|| {
        let year = values::parse_era_year(text)?;
        Some((text::trim(text).to_string(), year))
    })?;
    Some(YearLabel {
        label,
        fiscal_year: year.fiscal_year,
    })
}

fn set_title(header: &mut Header, title: String) {
    if let Some((label, year)) = find_era_label(&title) {
        let plan = title[..title.find(&label).unwrap_or(0)].to_string();
        let plan = text::trim(&plan).to_string();
        header.plan = (!plan.is_empty()).then_some(plan);
        header.evaluation_year = Some(YearLabel {
            label,
            fiscal_year: year.fiscal_year,
        });
    }
    header.title = Some(title);
}

/// The boxed sheet label and number above the header table (`R6事後` `7`).
fn sheet_label(layout: &Layout, page: SheetPage, top: f64) -> Option<SheetLabel> {
    let region = Rect {
        x0: 0.0,
        y0: 0.0,
        x1: layout.page(page).width,
        y1: top + EDGE,
    };
    let cells: Vec<CellId> = layout
        .cells_in(page, region)
        .into_iter()
        .filter(|&id| !layout.cell(id).is_empty() && layout.rect(id).y1 <= top + EDGE)
        .collect();
    let number_cell = cells.iter().copied().find(|&id| {
        let t = values::ascii_digits(layout.label(id));
        !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
    });
    let label_cell = cells.iter().copied().find(|&id| {
        Some(id) != number_cell && number_cell.is_none_or(|n| layout.right_of(id) == Some(n))
    });
    if number_cell.is_none() && label_cell.is_none() {
        return None;
    }
    layout.reading("sheet.number");
    let number = number_cell
        .and_then(|id| layout.take_text(id))
        .and_then(|t| values::ascii_digits(&compact(&t)).parse().ok());
    layout.reading("sheet.label");
    let label = label_cell.and_then(|id| layout.take_text(id));
    Some(SheetLabel { label, number })
}

/// The 達成状況評価 box: legend headers with their letters, and 総合評価 with this year's
/// grade and last year's in （ ）.
fn read_evaluation(layout: &Layout, page: SheetPage, header: &mut Header) {
    let Some(total) = layout
        .find(page, |l| l == labels::OVERALL_EVALUATION)
        .first()
        .copied()
    else {
        return;
    };
    layout.reading("label");
    layout.take(total);
    for id in layout.find(page, |l| l.starts_with(labels::ACHIEVEMENT_EVALUATION)) {
        if layout.rect(id).y0 < layout.rect(total).y1 {
            layout.take(id);
        }
    }
    let (letters_bottom, letters) = read_legend(layout, total, &mut header.grade_legend);
    layout.reading("evaluation");
    let mut next = layout.below(total);
    while let Some(id) = next {
        if layout.rect(id).y0 > letters_bottom + EDGE {
            break;
        }
        for line in &layout.take(id).lines {
            if let Some(g) = parse_grade(&line.text) {
                header.evaluation.grade = Some(g.to_string());
            } else if let Some(prev) = parse_previous_grade(&line.text) {
                header.evaluation.previous_grade = prev.map(String::from);
            }
        }
        next = layout.below(id);
    }
    if header.evaluation.grade.is_none() {
        header.evaluation.grade = marked_letter(layout, &letters);
    }
    header.evaluation.label = header
        .evaluation
        .grade
        .as_ref()
        .and_then(|g| header.grade_legend.get(g.chars().next()?).cloned());
}

/// Legend headers share the 総合評価 cell's top edge and have a grade letter below them.
/// Returns the bottom of the letter row.
/// The legend's labels (順調 …) and their letters (A–D, the cell below each); gives the
/// bottom of the letters and the letter cells.
fn read_legend(
    layout: &Layout,
    total: CellId,
    legend: &mut GradeLegend,
) -> (f64, Vec<(char, CellId)>) {
    let t = layout.rect(total);
    let mut bottom = t.y1;
    let mut letters = Vec::new();
    let headers = layout.find(total.page, |_| true);
    for id in headers {
        let r = layout.rect(id);
        if (r.y0 - t.y0).abs() > EDGE || r.x1 > t.x0 + EDGE {
            continue;
        }
        let Some(below) = layout.below(id) else {
            continue;
        };
        if let Some(letter) = parse_grade(&layout.cell(below).text()) {
            legend.set(letter, layout.cell(id).text());
            layout.reading(format!("grade_legend.{letter}"));
            layout.take(id);
            layout.reading("label");
            layout.take(below);
            bottom = bottom.max(layout.rect(below).y1);
            letters.push((letter, below));
        }
    }
    (bottom, letters)
}

/// The measure's grade printed as a mark (●, ○, …) in the cell below one of the legend's
/// letters.
fn marked_letter(layout: &Layout, letters: &[(char, CellId)]) -> Option<String> {
    let mut grade = None;
    for &(letter, cell) in letters {
        let Some(below) = layout.below(cell) else {
            continue;
        };
        if is_mark(&layout.cell(below).label()) {
            layout.reading("evaluation");
            layout.take(below);
            grade = Some(letter.to_string());
        } else if layout.cell(below).is_empty() {
            layout.take(below);
        }
    }
    grade
}
