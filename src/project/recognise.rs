//! Page kinds of project sheets (SPEC.md "Project sheets", recognition): whether a page
//! starts a project sheet (a project-name label with a value and two more labels of the
//! project vocabulary), continues the open one, or ends it. Takes a page's labelled cells
//! ([`FormPage`]); gives a [`ProjectStart`] or a [`Continuation`]. The book stage calls these
//! for every page beside the measure sheet's header probe; [`group`] is the grouping of page
//! kinds into sheets. Also gives the label/value geometry the header reader shares
//! ([`value_right_or_below`], [`value_of_line`]).

use std::collections::HashMap;

use crate::form::{FormCell, FormLine, FormPage};
use crate::labels;
use crate::text;

use crate::tolerances::TOLERANCES;

/// A column header with this many value cells below it heads a list.
const LIST_VALUES: usize = 2;

/// What identifies a project sheet: its name and number as printed on its first page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProjectStart {
    pub name: String,
    pub number: Option<String>,
}

impl ProjectStart {
    /// Whether `other` (a page's start) repeats this sheet: same name and, where both print
    /// one, same number.
    pub fn same_sheet(&self, other: &ProjectStart) -> bool {
        let same_number = match (&self.number, &other.number) {
            (Some(a), Some(b)) => labels::key(a) == labels::key(b),
            _ => true,
        };
        labels::key(&self.name) == labels::key(&other.name) && same_number
    }
}

/// What a page is to the open project sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Continuation {
    /// The page belongs to the open sheet.
    Continues,
    /// A blank page: skipped, belongs to no sheet, does not end the open one.
    Blank,
    /// The page ends the open sheet (a contents or appendix table, a page without ruled
    /// cells); it belongs to no sheet unless it starts one.
    Ends,
}

/// Whether `page` starts a project sheet, and which. A page repeating the open sheet's name
/// (and number) also gives Some: compare with [`ProjectStart::same_sheet`].
pub fn starts_sheet(page: &FormPage) -> Option<ProjectStart> {
    let headed = HeadedCounts::of(page);
    let (label, name) = project_name(page, &headed)?;
    let others = vocabulary_labels(page, &headed)
        .filter(|text| labels::key(text) != labels::key(label))
        .count();
    if others < 2 {
        return None;
    }
    Some(ProjectStart {
        name: name.text.clone(),
        number: sheet_number(page),
    })
}

/// What `page` is to the open sheet `open` (called only when [`starts_sheet`] found no
/// new sheet on it).
pub fn continues(page: &FormPage, open: &ProjectStart) -> Continuation {
    if page.cells.is_empty() {
        let blank = page.lines.iter().all(|l| text::trim(&l.text).is_empty());
        return if blank {
            Continuation::Blank
        } else {
            Continuation::Ends
        };
    }
    if starts_measure_sheet(page) {
        return Continuation::Ends;
    }
    let name = labels::key(&open.name);
    let repeats_name = page.cells.iter().any(|c| labels::key(&c.text) == name);
    // The sheet's title line repeated above the page's tables (its exact text is not kept).
    let repeats_title = title_lines(page)
        .iter()
        .any(|l| labels::is_sheet_title(&l.text));
    let section_page = page.lines.iter().any(|l| is_bracketed_heading(&l.text));
    let vocabulary = || {
        vocabulary_labels(page, &HeadedCounts::of(page))
            .next()
            .is_some()
    };
    if repeats_name || repeats_title || section_page || vocabulary() {
        Continuation::Continues
    } else {
        Continuation::Ends
    }
}

/// Whether the page starts a measure sheet: it holds a cell of every label of
/// [`MEASURE_HEADER_LABELS`](labels::MEASURE_HEADER_LABELS).
fn starts_measure_sheet(page: &FormPage) -> bool {
    labels::MEASURE_HEADER_LABELS
        .iter()
        .all(|wanted| page.cells.iter().any(|c| labels::key(&c.text) == *wanted))
}

/// The kind of one page for the grouping: what [`starts_sheet`] and [`continues`] said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    Starts(ProjectStart),
    Continues,
    Blank,
    Ends,
}

/// The kind of `page` given the open sheet (None: no sheet is open).
pub fn page_kind(page: &FormPage, open: Option<&ProjectStart>) -> PageKind {
    match (starts_sheet(page), open) {
        (Some(start), Some(open)) if open.same_sheet(&start) => PageKind::Continues,
        (Some(start), _) => PageKind::Starts(start),
        (None, Some(open)) => match continues(page, open) {
            Continuation::Continues => PageKind::Continues,
            Continuation::Blank => PageKind::Blank,
            Continuation::Ends => PageKind::Ends,
        },
        (None, None) => PageKind::Ends,
    }
}

/// What [`Grouper::push`] does with a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The page starts a sheet (closing the open one).
    Open,
    /// The page belongs to the open sheet.
    Add,
    /// A blank page: in no sheet; the open one stays open.
    Skip,
    /// The page closes the open sheet (if any) and belongs to none.
    Close,
}

/// The grouping of pages into sheets, one page kind at a time.
#[derive(Debug, Default)]
pub struct Grouper {
    open: Option<ProjectStart>,
    seen: usize,
}

impl Grouper {
    /// The open sheet's start.
    pub fn open(&self) -> Option<&ProjectStart> {
        self.open.as_ref()
    }

    /// How many pages were pushed.
    pub fn pages_seen(&self) -> usize {
        self.seen
    }

    /// Take the next page's kind.
    pub fn push(&mut self, kind: PageKind) -> Step {
        self.seen += 1;
        match kind {
            PageKind::Starts(start) => {
                self.open = Some(start);
                Step::Open
            }
            PageKind::Continues if self.open.is_some() => Step::Add,
            PageKind::Blank => Step::Skip,
            _ => {
                self.open = None;
                Step::Close
            }
        }
    }
}

/// Group page kinds (in page order, 0-based indices) into sheets: each sheet's start and the
/// indices of its pages (blank pages are in no sheet).
pub fn group(kinds: &[PageKind]) -> Vec<(ProjectStart, Vec<usize>)> {
    let mut grouper = Grouper::default();
    let mut sheets: Vec<(ProjectStart, Vec<usize>)> = Vec::new();
    for (index, kind) in kinds.iter().enumerate() {
        match (grouper.push(kind.clone()), kind) {
            (Step::Open, PageKind::Starts(start)) => sheets.push((start.clone(), vec![index])),
            (Step::Add, _) => {
                if let Some((_, pages)) = sheets.last_mut() {
                    pages.push(index);
                }
            }
            _ => {}
        }
    }
    sheets
}

/// The project-name label of the page (its printed text) and its value cell.
fn project_name<'p>(page: &'p FormPage, headed: &HeadedCounts) -> Option<(&'p str, &'p FormCell)> {
    let from_cells = page
        .cells
        .iter()
        .filter(|c| labels::is_project_name_label(&c.text))
        .filter(|c| !heads_a_list(page, headed, c))
        .find_map(|c| value_right_or_below(page, c).map(|v| (c.text.as_str(), v)));
    from_cells.or_else(|| {
        page.lines
            .iter()
            .filter(|l| labels::is_project_name_label(&l.text))
            .find_map(|l| value_of_line(page, l).map(|v| (l.text.as_str(), v)))
    })
}

/// The texts of the page's labels of the project vocabulary (label cells that do not head
/// a list, and text lines).
fn vocabulary_labels<'p>(
    page: &'p FormPage,
    headed: &'p HeadedCounts,
) -> impl Iterator<Item = &'p str> {
    let cells = page
        .cells
        .iter()
        .filter(|c| c.label && labels::has_project_word(&c.text))
        .filter(move |c| !heads_a_list(page, headed, c))
        .map(|c| c.text.as_str());
    let lines = page
        .lines
        .iter()
        .filter(|l| labels::has_project_word(&l.text))
        .map(|l| l.text.as_str());
    cells.chain(lines)
}

/// Whether the label cell heads a list: two or more value cells carry it as a column
/// header, or it stands in a row of labels (a label touching it left or right) with two or
/// more cells stacked below it within its columns (a contents table, a list of projects;
/// not a row of labels above their values, followed by a wider row).
fn heads_a_list(page: &FormPage, headed: &HeadedCounts, label: &FormCell) -> bool {
    let headed = headed.cells_under(&label.text);
    let in_header_row = page.cells.iter().any(|c| {
        c.label
            && rows_overlap(c, label)
            && ((c.bbox[0] - label.bbox[2]).abs() <= TOLERANCES.label_adjacent
                || (label.bbox[0] - c.bbox[2]).abs() <= TOLERANCES.label_adjacent)
    });
    let mut under: Vec<&FormCell> = page
        .cells
        .iter()
        .filter(|c| c.row >= label.row + label.rows && cols_overlap(c, label))
        .collect();
    under.sort_by_key(|c| c.row);
    // The entries stacked in its columns, down to the first cell of another layout.
    let below = under
        .iter()
        .take_while(|c| c.col >= label.col && c.col + c.cols <= label.col + label.cols)
        .count();
    headed >= LIST_VALUES || (in_header_row && below >= LIST_VALUES)
}

/// How many value cells of a page carry each column header (by matching key), counted once
/// for the page instead of once per label asked about.
struct HeadedCounts(HashMap<String, usize>);

impl HeadedCounts {
    fn of(page: &FormPage) -> HeadedCounts {
        let mut counts: HashMap<String, usize> = HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        for cell in page.cells.iter().filter(|c| !c.label) {
            keys.clear();
            keys.extend(cell.column_headers.iter().map(|h| labels::key(h)));
            keys.sort_unstable();
            keys.dedup();
            for key in keys.drain(..) {
                *counts.entry(key).or_default() += 1;
            }
        }
        HeadedCounts(counts)
    }

    /// The value cells with `label` among their column headers.
    fn cells_under(&self, label: &str) -> usize {
        self.0.get(&labels::key(label)).copied().unwrap_or(0)
    }
}

/// The sheet's own number: the value of a number label (cell or text line), or the number
/// printed inline after it (`No.12`).
pub fn sheet_number(page: &FormPage) -> Option<String> {
    let cell = page
        .cells
        .iter()
        .filter(|c| labels::is_number_label(&c.text))
        .find_map(|c| value_right_or_below(page, c));
    if let Some(cell) = cell {
        return Some(text::compact(&cell.text));
    }
    page.lines.iter().find_map(|line| {
        if labels::is_number_label(&line.text) {
            return value_of_line(page, line).map(|c| text::compact(&c.text));
        }
        inline_number(&line.text)
    })
}

/// `No.12` / `整理番号 12`: the number printed after a number label on one line.
fn inline_number(printed: &str) -> Option<String> {
    let compact = text::compact(printed);
    let folded = labels::key(printed).to_lowercase();
    labels::NUMBER_LABELS.iter().find_map(|label| {
        let rest = folded.strip_prefix(label)?;
        let rest = rest.trim_start_matches([':', '：']);
        let all_digits =
            !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        let starts_digit = rest.chars().next().is_some_and(|c| c.is_ascii_digit());
        (all_digits && starts_digit).then(|| {
            let skip = compact.chars().count() - rest.chars().count();
            compact.chars().skip(skip).collect()
        })
    })
}

/// The value box of a label cell: the text cell adjacent to its right (sharing rows), else
/// the one adjacent below it (sharing columns), if that is no label of the vocabulary.
pub fn value_right_or_below<'a>(page: &'a FormPage, label: &FormCell) -> Option<&'a FormCell> {
    let right = page
        .cells
        .iter()
        .filter(|c| rows_overlap(c, label))
        .filter(|c| (c.bbox[0] - label.bbox[2]).abs() <= TOLERANCES.label_adjacent)
        .min_by(|a, b| a.bbox[0].total_cmp(&b.bbox[0]));
    let below = || {
        page.cells
            .iter()
            .filter(|c| cols_overlap(c, label))
            .filter(|c| (c.bbox[1] - label.bbox[3]).abs() <= TOLERANCES.label_adjacent)
            .min_by(|a, b| a.bbox[1].total_cmp(&b.bbox[1]))
    };
    [right, below()]
        .into_iter()
        .flatten()
        .find(|c| is_value_box(c))
}

/// The value box a text line labels: the nearest text cell to its right on its baseline,
/// else the nearest one below it under the line.
pub fn value_of_line<'a>(page: &'a FormPage, line: &FormLine) -> Option<&'a FormCell> {
    let [x0, y0, x1, y1] = line.bbox;
    let height = (y1 - y0).max(1.0);
    let reach = TOLERANCES.label_line_reach * height;
    let middle_y = (y0 + y1) / 2.0;
    let middle_x = (x0 + x1) / 2.0;
    let right = page
        .cells
        .iter()
        .filter(|c| c.bbox[1] <= middle_y && middle_y <= c.bbox[3])
        .filter(|c| c.bbox[0] >= x1 - 1.0 && c.bbox[0] - x1 <= reach)
        .min_by(|a, b| a.bbox[0].total_cmp(&b.bbox[0]));
    let below = || {
        page.cells
            .iter()
            .filter(|c| c.bbox[0] <= middle_x && middle_x <= c.bbox[2])
            .filter(|c| c.bbox[1] >= y1 - 1.0 && c.bbox[1] - y1 <= reach)
            .min_by(|a, b| a.bbox[1].total_cmp(&b.bbox[1]))
    };
    [right, below()]
        .into_iter()
        .flatten()
        .find(|c| is_value_box(c))
}

/// A box holding a value: text that is not itself a label of the vocabulary.
fn is_value_box(cell: &FormCell) -> bool {
    let names_a_field = (cell.label && labels::is_known_label(&cell.text))
        || labels::is_project_name_label(&cell.text)
        || labels::is_number_label(&cell.text);
    !text::trim(&cell.text).is_empty() && !names_a_field
}

fn rows_overlap(a: &FormCell, b: &FormCell) -> bool {
    a.row < b.row + b.rows && b.row < a.row + a.rows
}

fn cols_overlap(a: &FormCell, b: &FormCell) -> bool {
    a.col < b.col + b.cols && b.col < a.col + a.cols
}

/// The page's heading lines above its first table (the number box aside), top to bottom,
/// without section headings, label lines and the number label.
pub fn title_lines(page: &FormPage) -> Vec<&FormLine> {
    let number_boxes: Vec<&FormCell> = page
        .lines
        .iter()
        .filter(|l| labels::is_number_label(&l.text))
        .filter_map(|l| value_of_line(page, l))
        .collect();
    let top = page
        .cells
        .iter()
        .filter(|c| !number_boxes.iter().any(|b| std::ptr::eq(*b, *c)))
        .map(|c| c.bbox[1])
        .fold(f64::INFINITY, f64::min);
    page.lines
        .iter()
        .filter(|l| l.bbox[3] <= top + 1.0)
        .filter(|l| !is_section_heading(&l.text) && !is_label_line(&l.text))
        .filter(|l| inline_number(&l.text).is_none())
        .collect()
}

/// A line naming a field rather than titling the page (所管局, NO., ※備考).
fn is_label_line(printed: &str) -> bool {
    labels::is_number_label(printed)
        || labels::is_department_label(printed)
        || labels::is_person_label(printed)
        || labels::is_project_name_label(printed)
        || labels::is_unit_note(printed)
}

/// A section heading: `≪基本事項≫`, `【…】`, `（１）…`, `１　…`, `1.…`, `Ⅰ …`.
pub fn is_section_heading(printed: &str) -> bool {
    let key = labels::key(printed);
    let mut chars = key.chars();
    let first = chars.next().unwrap_or(' ');
    let second = chars.next().unwrap_or(' ');
    let bracketed = is_bracketed_heading(printed) || first == '【' || first == '■';
    let numbered_paren = first == '(' && second.is_ascii_digit();
    let numbered = first.is_ascii_digit()
        && !key.contains("年度")
        && (second == '.'
            || !second.is_ascii_digit() && text::trim(printed).chars().nth(1) == Some('\u{3000}'));
    let roman = ('Ⅰ'..='Ⅻ').contains(&first);
    bracketed || numbered_paren || numbered || roman
}

/// A ≪section≫ heading (`≪基本事項≫`, `《評価》`).
fn is_bracketed_heading(printed: &str) -> bool {
    let trimmed = text::trim(printed);
    trimmed.starts_with(['≪', '《', '＜', '<'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::test_cell as cell;

    fn line(bbox: [f64; 4], text: &str) -> FormLine {
        FormLine {
            bbox,
            text: text.into(),
        }
    }

    fn page(cells: Vec<FormCell>, lines: Vec<FormLine>) -> FormPage {
        FormPage {
            page: 1,
            width: 595.0,
            height: 842.0,
            cells,
            lines,
        }
    }

    /// A label cell at `row` with its value right of it.
    fn pair(row: usize, label: &str, value: &str) -> [FormCell; 2] {
        let y = 100.0 + 20.0 * row as f64;
        [
            cell(row, 1, [50.0, y, 150.0, y + 20.0], label, true),
            cell(row, 2, [150.0, y, 500.0, y + 20.0], value, false),
        ]
    }

    fn first_page() -> FormPage {
        let mut cells = Vec::new();
        cells.extend(pair(1, "事務事業名", "環境学習推進事業"));
        cells.extend(pair(2, "担当課", "環境政策課"));
        cells.extend(pair(3, "目　的", "学ぶ"));
        page(
            cells,
            vec![line([200.0, 40.0, 400.0, 52.0], "事務事業評価シート")],
        )
    }

    #[test]
    fn a_name_label_with_a_value_and_two_vocabulary_labels_starts_a_sheet() {
        let start = starts_sheet(&first_page()).unwrap();
        assert_eq!(
            start,
            ProjectStart {
                name: "環境学習推進事業".into(),
                number: None,
            }
        );
    }

    #[test]
    fn a_name_label_read_as_a_value_still_names_the_project() {
        let mut p = first_page();
        p.cells[0].label = false;
        assert_eq!(
            starts_sheet(&p).map(|s| s.name),
            Some("環境学習推進事業".to_string())
        );
    }

    #[test]
    fn one_vocabulary_label_is_not_enough() {
        let mut cells = Vec::new();
        cells.extend(pair(1, "事務事業名", "環境学習推進事業"));
        cells.extend(pair(2, "担当課", "環境政策課"));
        assert_eq!(starts_sheet(&page(cells, vec![])), None);
    }

    #[test]
    fn an_empty_name_box_starts_nothing() {
        let mut p = first_page();
        p.cells.remove(1);
        assert_eq!(starts_sheet(&p), None);
    }

    #[test]
    fn sub_project_names_are_not_project_names() {
        let mut p = first_page();
        p.cells[0].text = "細事業名称".into();
        assert_eq!(starts_sheet(&p), None);
    }

    #[test]
    fn a_list_column_header_is_not_a_project_name_label() {
        let mut cells = vec![
            cell(1, 1, [50.0, 100.0, 150.0, 120.0], "事業名", true),
            cell(1, 2, [150.0, 100.0, 250.0, 120.0], "所管課", true),
            cell(1, 3, [250.0, 100.0, 350.0, 120.0], "事業費", true),
        ];
        for row in 2..5 {
            let y = 80.0 + 20.0 * row as f64;
            for (col, (x0, x1, header)) in [
                (50.0, 150.0, "事業名"),
                (150.0, 250.0, "所管課"),
                (250.0, 350.0, "事業費"),
            ]
            .into_iter()
            .enumerate()
            {
                let mut c = cell(
                    row,
                    col + 1,
                    [x0, y, x1, y + 20.0],
                    &format!("値{row}{col}"),
                    false,
                );
                c.column_headers = vec![header.into()];
                cells.push(c);
            }
        }
        assert_eq!(starts_sheet(&page(cells, vec![])), None);
    }

    #[test]
    fn a_name_label_above_its_value_and_text_line_labels() {
        let cells = vec![
            cell(
                1,
                1,
                [50.0, 100.0, 300.0, 120.0],
                "事業名（令和６年度）",
                true,
            ),
            cell(
                2,
                1,
                [50.0, 120.0, 300.0, 140.0],
                "京都市脱炭素先行地域創出事業",
                false,
            ),
            cell(
                3,
                1,
                [50.0, 140.0, 300.0, 160.0],
                "１　事業概要（令和６年度）",
                true,
            ),
            cell(1, 2, [340.0, 60.0, 500.0, 80.0], "環境政策局", false),
            cell(1, 3, [50.0, 60.0, 100.0, 80.0], "1", false),
        ];
        let lines = vec![
            line([300.0, 64.0, 330.0, 74.0], "所管局"),
            line([52.0, 48.0, 70.0, 58.0], "Ｎｏ．"),
        ];
        let start = starts_sheet(&page(cells, lines)).unwrap();
        assert_eq!(start.name, "京都市脱炭素先行地域創出事業");
        assert_eq!(start.number.as_deref(), Some("1"));
    }

    #[test]
    fn continuation_pages() {
        let open = starts_sheet(&first_page()).unwrap();
        let table = |text: &str| cell(1, 1, [50.0, 100.0, 300.0, 120.0], text, false);
        let footer = line([280.0, 800.0, 320.0, 812.0], "－ 37 －");
        let title = line([200.0, 40.0, 400.0, 52.0], "事務事業評価シート");
        let section = line([50.0, 80.0, 120.0, 92.0], "≪取組状況≫");
        let cases = [
            (
                page(vec![table("値")], vec![title, footer.clone()]),
                Continuation::Continues,
            ),
            (
                page(vec![table("値")], vec![section]),
                Continuation::Continues,
            ),
            (
                page(vec![table("環境学習推進事業")], vec![]),
                Continuation::Continues,
            ),
            (
                page(
                    vec![cell(1, 1, [50.0, 100.0, 150.0, 120.0], "成果指標", true)],
                    vec![],
                ),
                Continuation::Continues,
            ),
            (
                page(vec![table("値")], vec![footer.clone()]),
                Continuation::Ends,
            ),
            (page(vec![], vec![footer]), Continuation::Ends),
            (page(vec![], vec![]), Continuation::Blank),
        ];
        for (index, (p, want)) in cases.iter().enumerate() {
            assert_eq!(continues(p, &open), *want, "case {index}");
        }
    }

    #[test]
    fn a_contents_table_ends_the_sheet_even_when_its_entries_read_as_labels() {
        let open = starts_sheet(&first_page()).unwrap();
        let mut cells = vec![
            cell(1, 1, [50.0, 100.0, 250.0, 120.0], "施策名", true),
            cell(1, 2, [250.0, 100.0, 350.0, 120.0], "担当部等", true),
        ];
        for row in 2..5 {
            let y = 80.0 + 20.0 * row as f64;
            cells.push(cell(row, 1, [50.0, y, 250.0, y + 20.0], "市政の推進", true));
            cells.push(cell(row, 2, [250.0, y, 350.0, y + 20.0], "総務部", true));
        }
        let contents = page(cells, vec![line([280.0, 40.0, 320.0, 52.0], "目　次")]);
        assert_eq!(continues(&contents, &open), Continuation::Ends);
    }

    #[test]
    fn a_row_of_labels_above_their_values_is_no_list() {
        let at = |row: usize, col: usize, y: f64, x0: f64, x1: f64, text: &str, label: bool| {
            let mut c = cell(row, col, [x0, y, x1, y + 20.0], text, label);
            c.cols = if x1 - x0 > 200.0 { 3 } else { 1 };
            c
        };
        let mut name = at(2, 1, 120.0, 50.0, 150.0, "環境学習推進事業", false);
        name.column_headers = vec!["事務事業名".into()];
        let cells = vec![
            at(1, 1, 100.0, 50.0, 150.0, "事務事業名", true),
            at(1, 2, 100.0, 150.0, 250.0, "担当課", true),
            at(1, 3, 100.0, 250.0, 350.0, "施策の柱", true),
            name,
            at(2, 2, 120.0, 150.0, 250.0, "環境政策課", false),
            at(3, 1, 140.0, 50.0, 350.0, "目　的", true),
            at(4, 1, 160.0, 50.0, 350.0, "学ぶ", false),
            at(5, 1, 180.0, 50.0, 150.0, "指標名", true),
        ];
        let start = starts_sheet(&page(cells, vec![])).unwrap();
        assert_eq!(start.name, "環境学習推進事業");
    }

    #[test]
    fn a_measure_sheet_ends_the_open_sheet() {
        let open = starts_sheet(&first_page()).unwrap();
        let mut cells = Vec::new();
        cells.extend(pair(1, "基本方針", "2.安全なまち"));
        cells.extend(pair(2, "基本施策", "2-1.地域防災力の強化"));
        cells.extend(pair(3, "施策の目的", "守る"));
        assert_eq!(continues(&page(cells, vec![]), &open), Continuation::Ends);
    }

    #[test]
    fn grouping_page_kinds() {
        let start = |name: &str| {
            PageKind::Starts(ProjectStart {
                name: name.into(),
                number: None,
            })
        };
        let kinds = [
            PageKind::Ends,
            start("a"),
            PageKind::Continues,
            PageKind::Blank,
            PageKind::Continues,
            start("b"),
            PageKind::Blank,
            PageKind::Ends,
            PageKind::Continues,
        ];
        let groups: Vec<(String, Vec<usize>)> = group(&kinds)
            .into_iter()
            .map(|(s, pages)| (s.name, pages))
            .collect();
        assert_eq!(
            groups,
            vec![("a".to_string(), vec![1, 2, 4]), ("b".to_string(), vec![5])]
        );
    }

    #[test]
    fn a_page_repeating_the_name_continues_and_another_name_starts() {
        let open = starts_sheet(&first_page()).unwrap();
        assert_eq!(page_kind(&first_page(), Some(&open)), PageKind::Continues);
        let mut other = first_page();
        other.cells[1].text = "別の事業".into();
        assert!(matches!(
            page_kind(&other, Some(&open)),
            PageKind::Starts(_)
        ));
    }

    #[test]
    fn section_headings() {
        for heading in [
            "≪基本事項≫",
            "（１）事務事業名・総合計画の体系等",
            "【事業概要】",
            "１　事業概要",
            "2.事業費",
        ] {
            assert!(is_section_heading(heading), "{heading}");
        }
        for title in [
            "事務事業評価シート",
            "令和５年度新規・充実事業の取組状況",
            "20年度 事業評価",
        ] {
            assert!(!is_section_heading(title), "{title}");
        }
    }
}
