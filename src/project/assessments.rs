//! Assessments and direction of a project sheet (SPEC.md "Project sheets"): labels of the
//! closed assessment list with the chosen phrase, grade or marked option and the 判断理由
//! serving them; the 方向性 label whose value is of the direction vocabulary. Takes the
//! sheet's form pages; gives them and the cells they took (other 方向性 labels' values are
//! left for `fields`).

use serde::{Deserialize, Serialize};

use super::indicators::cell_ref;
use super::{Context, Part, SheetPages};
use crate::form::{FormCell, FormPage};
use crate::labels::{self, project_tables};
use crate::warning::Warning;

/// One assessment (`{label: "事業の有効性", value: "A.有効的である…", reason}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub label: String,
    pub value: Option<String>,
    pub reason: Option<String>,
    /// The file page (1-based) of the assessment's label: not in SPEC's JSON, kept for the
    /// `assessments` table's `page` (and carried across the pool's pipe by
    /// [`JudgementPages`](super::model::JudgementPages)).
    #[serde(skip)]
    pub page: usize,
}

/// The sheet's direction (`{label: "R７年度以降の事業の方向性", value: "現状維持", reason}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Direction {
    pub label: String,
    pub value: Option<String>,
    pub reason: Option<String>,
    /// The file page (1-based) of the direction's label (as [`Assessment::page`]).
    #[serde(skip)]
    pub page: usize,
}

/// What [`read`] gives.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Judgements {
    pub assessments: Vec<Assessment>,
    pub direction: Option<Direction>,
}

/// What a reason may serve: an assessment (its index) or the direction, with the group
/// labels around its label (a reason serves only its own frame).
#[derive(Debug, Clone, PartialEq)]
enum Served {
    Assessment(usize),
    Direction,
}

/// Read the sheet's assessments and direction.
pub fn read(pages: SheetPages, context: &Context) -> Part<Judgements> {
    let _ = context;
    let mut part: Part<Judgements> = Part::default();
    let mut pending: Vec<(Served, Vec<String>)> = Vec::new();
    for page in pages {
        for label in page.cells.iter().filter(|c| names_judgement(page, c)) {
            let text = labels::output(&label.text);
            let mut group = label.row_headers.clone();
            group.extend(label.section.clone());
            let cells = values_of(page, label);
            if project_tables::is_assessment(&text) && !is_judgement(&text, JudgementKind::Other) {
                for (label, cells) in assessment_groups(page, label, text, cells) {
                    let (value, readable) = chosen(&cells);
                    if !readable {
                        part.warnings
                            .push(Warning::no_marked_option(page.page, &label));
                    }
                    pending.push((
                        Served::Assessment(part.value.assessments.len()),
                        group.clone(),
                    ));
                    part.value.assessments.push(Assessment {
                        label,
                        value,
                        reason: None,
                        page: page.page,
                    });
                    part.taken.extend(cells.iter().map(|c| cell_ref(page, c)));
                    let member = format!("assessments[{}]", part.value.assessments.len() - 1);
                    part.members
                        .extend(cells.iter().map(|c| (cell_ref(page, c), member.clone())));
                }
                continue;
            }
            if cells.is_empty() {
                continue;
            }
            if project_tables::is_reason(&text) {
                let reason = Some(plain_text(&cells)).filter(|r| !r.is_empty());
                let (mine, others): (Vec<_>, Vec<_>) =
                    pending.drain(..).partition(|(_, g)| *g == group);
                pending = others;
                let member = match mine.first() {
                    Some((Served::Assessment(i), _)) => format!("assessments[{i}].reason"),
                    Some((Served::Direction, _)) => "direction.reason".to_string(),
                    None => "reason".to_string(),
                };
                part.members
                    .extend(cells.iter().map(|c| (cell_ref(page, c), member.clone())));
                for (served, _) in mine {
                    serve(&mut part.value, served, reason.clone());
                }
                part.taken.extend(cells.iter().map(|c| cell_ref(page, c)));
            } else if project_tables::is_direction_label(&text) {
                let Some(value) = direction_value(&cells) else {
                    continue;
                };
                if part.value.direction.is_none() {
                    part.value.direction = Some(Direction {
                        label: text,
                        value: Some(value),
                        reason: None,
                        page: page.page,
                    });
                    pending.push((Served::Direction, group));
                    part.taken.extend(cells.iter().map(|c| cell_ref(page, c)));
                    part.members.extend(
                        cells
                            .iter()
                            .map(|c| (cell_ref(page, c), "direction".into())),
                    );
                }
            }
        }
    }
    part
}

/// Which judgement labels [`is_judgement`] asks about.
#[derive(Clone, Copy, PartialEq)]
enum JudgementKind {
    /// Reasons and directions (labels read before the assessment list).
    Other,
    /// Any: assessments, reasons and directions.
    Any,
}

fn is_judgement(text: &str, kind: JudgementKind) -> bool {
    project_tables::is_reason(text)
        || project_tables::is_direction_label(text)
        || (kind == JudgementKind::Any && project_tables::is_assessment(text))
}

/// The assessments of an assessment label: its own value cells — split by row when every
/// row starts with its own label that the form reading took for a value (`公益性`, then
/// options) —, else the values under nested labels that are no judgement labels of their
/// own (`公共性` > `公益性`: label = the innermost one).
fn assessment_groups<'a>(
    page: &'a FormPage,
    label: &FormCell,
    text: String,
    cells: Vec<&'a FormCell>,
) -> Vec<(String, Vec<&'a FormCell>)> {
    if cells.is_empty() {
        return nested(page, label);
    }
    rows_with_own_labels(&cells).unwrap_or_else(|| vec![(text, cells)])
}

/// Value cells under nested labels of `label`, by innermost label.
fn nested<'a>(page: &'a FormPage, label: &FormCell) -> Vec<(String, Vec<&'a FormCell>)> {
    let name = labels::output(&label.text);
    let mut groups: Vec<(String, Vec<&FormCell>)> = Vec::new();
    for cell in page.cells.iter().filter(|c| {
        !c.label
            && c.row < label.row + label.rows
            && label.row < c.row + c.rows
            && c.col >= label.col + label.cols
    }) {
        let headers = &cell.row_headers;
        let Some(at) = headers.iter().position(|h| *h == name) else {
            continue;
        };
        let end = headers.len() - usize::from(labels::is_mark(&cell.text));
        if end <= at + 1 || is_judgement(&headers[end - 1], JudgementKind::Any) {
            continue;
        }
        let inner = headers[end - 1].clone();
        match groups.iter_mut().find(|(l, _)| *l == inner) {
            Some((_, list)) => list.push(cell),
            None => groups.push((inner, vec![cell])),
        }
    }
    groups
}

/// Value cells of two or more rows, each starting with a plain text (a nested label read as
/// a value) followed by marked options: one group per row (that text and its options), named
/// by that text.
fn rows_with_own_labels<'a>(cells: &[&'a FormCell]) -> Option<Vec<(String, Vec<&'a FormCell>)>> {
    let mut rows: Vec<usize> = cells.iter().map(|c| c.row).collect();
    rows.sort_unstable();
    rows.dedup();
    if rows.len() < 2 {
        return None;
    }
    let mut groups = Vec::new();
    for row in rows {
        let mut in_row: Vec<&FormCell> = cells.iter().copied().filter(|c| c.row == row).collect();
        in_row.sort_by_key(|c| c.col);
        let (first, rest) = in_row.split_first()?;
        if !options(&[first]).is_empty() || options(rest).is_empty() {
            return None;
        }
        groups.push((labels::output(&first.text), in_row.clone()));
    }
    Some(groups)
}

fn serve(judgements: &mut Judgements, served: Served, reason: Option<String>) {
    match served {
        Served::Assessment(i) => judgements.assessments[i].reason = reason,
        Served::Direction => {
            if let Some(direction) = judgements.direction.as_mut() {
                direction.reason = reason;
            }
        }
    }
}

/// Whether a cell is the label of an assessment, reason or direction: a label cell, or a
/// cell the form reading took for a value whose text is such a label and whose right
/// neighbour holds text (the value it names).
fn names_judgement(page: &FormPage, cell: &FormCell) -> bool {
    if cell.label {
        return true;
    }
    // Asked of every value cell: its text is keyed once.
    let full_key = labels::key(&cell.text);
    let key = labels::without_parenthesis(&full_key);
    let judgement = project_tables::is_assessment_key(key)
        || project_tables::is_reason_key(key)
        || project_tables::is_direction_label_key(key);
    judgement
        && labels::is_known_label_key(&full_key)
        && right_neighbour(page, cell).is_some_and(|c| !c.label)
}

/// The cell starting right of `cell` on its first row.
fn right_neighbour<'a>(page: &'a FormPage, cell: &FormCell) -> Option<&'a FormCell> {
    page.cells
        .iter()
        .find(|c| c.row == cell.row && c.col == cell.col + cell.cols)
}

/// The value cells a label names: beside it (their innermost row header is the label, or
/// the one before a marked option), else below it.
fn values_of<'a>(page: &'a FormPage, label: &FormCell) -> Vec<&'a FormCell> {
    let name = labels::output(&label.text);
    let names_it = |headers: &[String], c: &FormCell| {
        let n = headers.len();
        (n >= 1 && headers[n - 1] == name)
            || (n >= 2 && labels::is_mark(&c.text) && headers[n - 2] == name)
    };
    let beside: Vec<&FormCell> = page
        .cells
        .iter()
        .filter(|c| {
            !c.label
                && c.row < label.row + label.rows
                && label.row < c.row + c.rows
                && c.col >= label.col + label.cols
                && names_it(&c.row_headers, c)
        })
        .collect();
    if !beside.is_empty() {
        return beside;
    }
    if !label.label {
        // A label the form reading took for a value heads nothing: its right neighbour.
        return right_neighbour(page, label).into_iter().collect();
    }
    page.cells
        .iter()
        .filter(|c| {
            !c.label
                && c.row == label.row + label.rows
                && c.col < label.col + label.cols
                && label.col < c.col + c.cols
                && names_it(&c.column_headers, c)
        })
        .collect()
}

/// The text of value cells, one per line.
fn plain_text(cells: &[&FormCell]) -> String {
    cells
        .iter()
        .map(|c| c.text.as_str())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Marks that stand out as chosen among hollow ones.
const FILLED_MARKS: &[char] = &['●', '■', '◉', '☑', '✓', '✔', '◎'];

/// The options of value cells with their marks: options of a cell, a mark alone (the
/// option it marks ends its row headers), or a text starting with a mark.
fn options(cells: &[&FormCell]) -> Vec<(char, String)> {
    let mut options = Vec::new();
    for cell in cells {
        if let Some(list) = &cell.options {
            for option in list {
                if let Some(mark) = option.mark.chars().next() {
                    options.push((mark, option.text.clone()));
                }
            }
            continue;
        }
        let text = crate::text::trim(&cell.text);
        let mut chars = text.chars();
        let Some(first) = chars.next().filter(|&c| labels::is_mark_char(c)) else {
            continue;
        };
        let rest = crate::text::trim(chars.as_str());
        if rest.is_empty() {
            if let Some(option) = cell.row_headers.last() {
                options.push((first, option.clone()));
            }
        } else {
            options.push((first, rest.to_string()));
        }
    }
    options
}

/// The chosen option: the only filled mark among hollow ones, the only mark, or the mark
/// that is the odd one out.
fn marked(options: &[(char, String)]) -> Option<String> {
    let filled: Vec<&(char, String)> = options
        .iter()
        .filter(|(m, _)| FILLED_MARKS.contains(m))
        .collect();
    match filled.as_slice() {
        [only] => return Some(only.1.clone()),
        [] => {}
        // Two filled marks: two options chosen, none stands out.
        _ => return None,
    }
    if let [only] = options {
        return Some(only.1.clone());
    }
    let count = |mark: char| options.iter().filter(|(m, _)| *m == mark).count();
    let odd: Vec<&(char, String)> = options.iter().filter(|(m, _)| count(*m) == 1).collect();
    match odd.as_slice() {
        [only] if options.len() > 2 => Some(only.1.clone()),
        _ => None,
    }
}

/// An assessment's value: the marked option, else the text; and whether it was readable
/// (false when options are printed but none stands out).
fn chosen(cells: &[&FormCell]) -> (Option<String>, bool) {
    let options = options(cells);
    if options.is_empty() {
        let text = plain_text(cells);
        return ((!text.is_empty()).then_some(text), true);
    }
    match marked(&options) {
        Some(value) => (Some(value), true),
        None => (None, false),
    }
}

/// The direction's value: a marked option, or a text of the direction vocabulary.
fn direction_value(cells: &[&FormCell]) -> Option<String> {
    let options = options(cells);
    if !options.is_empty() {
        return marked(&options);
    }
    let text = plain_text(cells);
    project_tables::is_direction_value(&text).then(|| crate::text::trim(&text).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(list: &[(char, &str)]) -> Vec<(char, String)> {
        list.iter().map(|&(m, t)| (m, t.to_string())).collect()
    }

    #[test]
    fn the_odd_mark_is_chosen() {
        let one_filled = opts(&[('○', "達成"), ('●', "おおむね達成"), ('○', "困難")]);
        assert_eq!(marked(&one_filled), Some("おおむね達成".into()));
        let boxes = opts(&[('□', "拡充"), ('■', "現状維持"), ('□', "縮小")]);
        assert_eq!(marked(&boxes), Some("現状維持".into()));
        assert_eq!(marked(&opts(&[('○', "現状維持")])), Some("現状維持".into()));
        let hollow_odd = opts(&[('×', "a"), ('○', "b"), ('×', "c")]);
        assert_eq!(marked(&hollow_odd), Some("b".into()));
        let none = opts(&[('○', "a"), ('○', "b")]);
        assert_eq!(marked(&none), None);
        let two = opts(&[('●', "a"), ('●', "b"), ('○', "c")]);
        assert_eq!(marked(&two), None);
    }
}
