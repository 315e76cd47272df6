//! The heading members of a project sheet (SPEC.md "Project sheets"): title,
//! evaluation_year, number, name, departments, plan_position, outline, and `fields` — every
//! labelled value that no other part took — with warnings for text no field took. Takes the
//! sheet's pages, its [`Context`] and the cells the table readers took; gives a [`Header`].

use std::collections::{HashMap, HashSet};

use super::recognise::{self, title_lines, value_of_line, value_right_or_below};
use super::{CellRef, Context, Field, LabelledText, Outline, Part, SheetPages};
use crate::form::{FormCell, FormPage};
use crate::labels;
use crate::model::YearLabel;
use crate::text;
use crate::values::{self, EraYear, YearForm};
use crate::warning::Warning;

/// The heading members of a sheet.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Header {
    pub title: Option<String>,
    pub evaluation_year: Option<YearLabel>,
    pub number: Option<String>,
    pub name: Option<String>,
    pub departments: Vec<String>,
    pub plan_position: Vec<LabelledText>,
    pub outline: Outline,
    pub fields: Vec<Field>,
}

/// Words after an era year in a title that make it the year of the projects evaluated
/// (`（令和６年度実施事業）`, `令和５年度新規・充実事業の取組状況`).
const QUALIFYING_WORDS: &[&str] = &["事業", "取組"];

/// Read the heading members of the sheet whose pages are `pages`; `taken` are the cells the
/// table readers took (they are not fields).
pub fn read(pages: SheetPages, _context: &Context, taken: &[CellRef]) -> Part<Header> {
    let Some(first) = pages.first() else {
        return Part::default();
    };
    let title_parts: Vec<String> = title_lines(first)
        .iter()
        .map(|l| text::trim(&l.text).to_string())
        .collect();
    let title = (!title_parts.is_empty()).then(|| title_parts.join("\u{3000}"));
    let mut header = Header {
        evaluation_year: evaluation_year(title.as_deref(), first),
        title,
        number: recognise::sheet_number(first),
        ..Header::default()
    };
    let taken: HashSet<CellRef> = taken.iter().copied().collect();
    let mut warnings = Vec::new();
    let mut members = Vec::new();
    for page in pages {
        read_page(page, &taken, &mut header, &mut members);
        warnings.extend(stray_lines(page, pages));
    }
    Part {
        value: header,
        taken: Vec::new(),
        members,
        warnings,
    }
}

/// The fiscal year the sheet evaluates: the title's era year that qualifies the projects,
/// else the year of a project-name label (`令和６年度事業名`), else the title's first.
pub fn evaluation_year(title: Option<&str>, first: &FormPage) -> Option<YearLabel> {
    let years = title.map(era_years).unwrap_or_default();
    let qualifying = years.iter().enumerate().find(|(i, (label, _))| {
        let title = title.unwrap_or("");
        let start = title.find(label.as_str()).unwrap_or(0) + label.len();
        let end = years
            .get(i + 1)
            .and_then(|(next, _)| title[start..].find(next.as_str()).map(|e| start + e))
            .unwrap_or(title.len());
        QUALIFYING_WORDS
            .iter()
            .any(|w| title[start..end].contains(w))
    });
    let from_label = || {
        first
            .cells
            .iter()
            .map(|c| c.text.as_str())
            .chain(first.lines.iter().map(|l| l.text.as_str()))
            .filter(|t| labels::is_project_name_label(t))
            .find_map(|t| era_years(t).into_iter().next())
    };
    qualifying
        .map(|(_, y)| y.clone())
        .or_else(from_label)
        .or_else(|| years.first().cloned())
        .map(|(label, year)| YearLabel {
            label,
            fiscal_year: year.fiscal_year,
        })
}

/// Every era year printed in `printed` (`令和６年度`, `Ｒ４年度`, `H30`), as printed (with its
/// 年度 when printed) and parsed.
pub fn era_years(printed: &str) -> Vec<(String, EraYear)> {
    let chars: Vec<char> = printed.chars().collect();
    let mut found = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let after_letter =
            start > 0 && chars[start - 1].is_alphanumeric() && !is_kanji(chars[start - 1]);
        let rest: String = chars[start..].iter().collect();
        let year = values::read_year(&rest, None)
            .filter(|y| y.form == YearForm::Era && !after_letter && !rest.starts_with(' '));
        match year {
            Some(year) => {
                let visible = year.label.chars().count() + year.suffix.chars().count();
                let len = printed_len(&chars[start..], visible);
                found.push((
                    chars[start..start + len].iter().collect(),
                    EraYear {
                        short: year.short.unwrap_or_default(),
                        fiscal_year: year.fiscal_year.unwrap_or_default(),
                    },
                ));
                start += len;
            }
            None => start += 1,
        }
    }
    found
}

fn is_kanji(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3040}'..='\u{30ff}').contains(&c)
}

/// How many of `chars` hold their first `visible` characters that are not spaces (a year
/// read from compacted text, as printed).
fn printed_len(chars: &[char], visible: usize) -> usize {
    let mut seen = 0;
    for (i, &c) in chars.iter().enumerate() {
        if seen == visible {
            return i;
        }
        if !crate::text::is_space(c) {
            seen += 1;
        }
    }
    chars.len()
}

/// The latest era year printed on `pages` (cells and lines), if any.
pub fn latest_era_year(pages: SheetPages) -> Option<i32> {
    pages
        .iter()
        .flat_map(|p| {
            p.cells
                .iter()
                .map(|c| c.text.as_str())
                .chain(p.lines.iter().map(|l| l.text.as_str()))
        })
        .flat_map(era_years)
        .map(|(_, y)| y.fiscal_year)
        .max()
}

/// The label of each value cell that a text line labels (所管局 printed beside its box).
fn line_labels(page: &FormPage) -> HashMap<(usize, usize), String> {
    page.lines
        .iter()
        .filter(|l| labels::is_known_label(&l.text) || labels::is_number_label(&l.text))
        .filter(|l| !recognise::is_section_heading(&l.text))
        .filter_map(|l| value_of_line(page, l).map(|c| ((c.row, c.col), labels::output(&l.text))))
        .collect()
}

/// A cell's grid position (row, col) on its page.
type GridAt = (usize, usize);

/// The value cells of the page's project-name and number labels.
fn name_and_number_cells(page: &FormPage) -> (Vec<GridAt>, Vec<GridAt>) {
    let mut names = Vec::new();
    let mut numbers = Vec::new();
    for cell in &page.cells {
        let target = if labels::is_project_name_label(&cell.text) {
            &mut names
        } else if labels::is_number_label(&cell.text) {
            &mut numbers
        } else {
            continue;
        };
        if let Some(value) = value_right_or_below(page, cell) {
            target.push((value.row, value.col));
        }
    }
    for line in &page.lines {
        let target = if labels::is_project_name_label(&line.text) {
            &mut names
        } else if labels::is_number_label(&line.text) {
            &mut numbers
        } else {
            continue;
        };
        if let Some(value) = value_of_line(page, line) {
            target.push((value.row, value.col));
        }
    }
    (names, numbers)
}

/// Give every value cell of `page` to its member, or to `fields`.
/// `members`: the member each cell went to.
fn read_page(
    page: &FormPage,
    taken: &HashSet<CellRef>,
    header: &mut Header,
    members: &mut Vec<(CellRef, String)>,
) {
    let line_labels = line_labels(page);
    let (names, numbers) = name_and_number_cells(page);
    let counts = label_counts(page);
    let at = |cell: &FormCell| CellRef {
        page: page.page,
        row: cell.row,
        col: cell.col,
    };
    for labelled in page.cells.iter().filter_map(bracketed_pair) {
        let member = take_member(&labelled, None, &counts, header)
            .unwrap_or_else(|| add_field(header, page.page, &labelled));
        members.push((at(&labelled), member));
    }
    for cell in page.cells.iter().filter(|c| !c.label) {
        let names_a_field =
            labels::is_project_name_label(&cell.text) || labels::is_number_label(&cell.text);
        if names_a_field || taken.contains(&at(cell)) || own_bracketed_label(cell).is_some() {
            continue;
        }
        if numbers.contains(&(cell.row, cell.col)) {
            members.push((at(cell), "number".into()));
            continue;
        }
        if names.contains(&(cell.row, cell.col)) {
            header.name.get_or_insert_with(|| cell.text.clone());
            members.push((at(cell), "name".into()));
            continue;
        }
        let line_label = line_labels.get(&(cell.row, cell.col));
        let member = take_member(cell, line_label, &counts, header)
            .unwrap_or_else(|| add_field(header, page.page, cell));
        members.push((at(cell), member));
    }
}

/// Add `cell` to `fields`; gives its member (`fields[3]`).
fn add_field(header: &mut Header, page: usize, cell: &FormCell) -> String {
    header.fields.push(field(page, cell));
    format!("fields[{}]", header.fields.len() - 1)
}

/// The bracketed label and the value of a cell that prints both
/// (`【事業実施期間】令和5年度～9年度`, [`labels::headed_value`]) when no label cell names it: a
/// box under a printed label keeps that label (`事業概要` over `【目的】…【内容】…`).
fn own_bracketed_label(cell: &FormCell) -> Option<(&str, &str)> {
    if !cell.row_headers.is_empty() || !cell.column_headers.is_empty() {
        return None;
    }
    labels::headed_value(&cell.text)
}

/// A cell with its [`own_bracketed_label`] as that value, labelled.
fn bracketed_pair(cell: &FormCell) -> Option<FormCell> {
    let (label, value) = own_bracketed_label(cell)?;
    Some(FormCell {
        text: value.to_string(),
        label: false,
        row_headers: vec![labels::output(label)],
        column_headers: vec![],
        number: None,
        options: None,
        ..cell.clone()
    })
}

/// How many value cells each innermost label names on the page.
fn label_counts(page: &FormPage) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for cell in page.cells.iter().filter(|c| !c.label) {
        if let Some(label) = own_label(cell, None) {
            *counts.entry(labels::key(&label)).or_insert(0) += 1;
        }
    }
    counts
}

/// The innermost label of a header member's value: its row label, or the label above it,
/// else the text line labelling it, else its section (a bar `１　事業概要` heading a box);
/// None for a table cell (headed both ways) or an unlabelled cell.
fn own_label(cell: &FormCell, line_label: Option<&String>) -> Option<String> {
    match (cell.row_headers.last(), cell.column_headers.last()) {
        (Some(row), None) => Some(row.clone()),
        (None, Some(col)) => Some(col.clone()),
        (None, None) => line_label.cloned().or_else(|| cell.section.clone()),
        (Some(_), Some(_)) => None,
    }
}

/// Put `cell` into the member its label names, giving that member (`departments`,
/// `outline.purpose`, `plan_position[1]`); None when no member takes it.
fn take_member(
    cell: &FormCell,
    line_label: Option<&String>,
    counts: &HashMap<String, usize>,
    header: &mut Header,
) -> Option<String> {
    let label = own_label(cell, line_label)?;
    let single = counts.get(&labels::key(&label)).copied().unwrap_or(1) <= 1;
    if labels::is_department_label(&label) {
        for department in split_departments(&cell.text) {
            if !header.departments.contains(&department) {
                header.departments.push(department);
            }
        }
        return Some("departments".into());
    }
    if let Some(member) = labels::outline_member(&label) {
        let slot = outline_slot(&mut header.outline, member);
        let taken = slot.as_deref() == Some(cell.text.as_str()) // repeated on a later page
            || (single && slot.is_none());
        if !taken {
            return None;
        }
        *slot = Some(cell.text.clone());
        return Some(format!("outline.{member}"));
    }
    if is_plan_position(cell, &label) {
        let item = LabelledText {
            label: labels::output(&label),
            text: cell.text.clone(),
        };
        let at = match header.plan_position.iter().position(|p| *p == item) {
            Some(at) => at,
            None => {
                header.plan_position.push(item);
                header.plan_position.len() - 1
            }
        };
        return Some(format!("plan_position[{at}]"));
    }
    None
}

/// A plan position: under a plan group label (総合計画の体系 …), or labelled by a plan label
/// (施策の柱, 根拠法令 …) that no other group label holds (国土強靭化地域計画の体系 › 施策分野 is not).
fn is_plan_position(cell: &FormCell, label: &str) -> bool {
    let path: Vec<&String> = cell
        .row_headers
        .iter()
        .chain(&cell.column_headers)
        .collect();
    let outer = &path[..path.len().saturating_sub(1)];
    if outer.is_empty() {
        labels::is_plan_label(label)
    } else {
        outer.iter().any(|h| labels::is_plan_group_label(h))
    }
}

fn outline_slot<'a>(outline: &'a mut Outline, member: &str) -> &'a mut Option<String> {
    match member {
        "purpose" => &mut outline.purpose,
        "target" => &mut outline.target,
        "intent" => &mut outline.intent,
        "means" => &mut outline.means,
        "period" => &mut outline.period,
        "method" => &mut outline.method,
        _ => &mut outline.content,
    }
}

/// Departments of a value: split on ・ 、 ， , spaces and line breaks.
pub fn split_departments(printed: &str) -> Vec<String> {
    printed
        .split(|c: char| {
            matches!(c, '・' | '、' | '，' | ',' | '\n') || c.is_whitespace() || c == '\u{3000}'
        })
        .map(text::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A value cell as a field (the cell shape of `form`).
fn field(page: usize, cell: &FormCell) -> Field {
    Field {
        page,
        section: cell.section.clone(),
        row_headers: cell.row_headers.clone(),
        column_headers: cell.column_headers.clone(),
        text: cell.text.clone(),
        number: cell.number,
    }
}

/// Warnings for the page's text lines outside every cell that no member took: not the title
/// (nor a repeated one), a section, a label, a unit note or a page footer.
fn stray_lines(page: &FormPage, pages: SheetPages) -> Vec<Warning> {
    let titles: Vec<String> = pages
        .first()
        .map(|p| {
            title_lines(p)
                .iter()
                .map(|l| labels::key(&l.text))
                .collect()
        })
        .unwrap_or_default();
    let sections: HashSet<String> = page
        .cells
        .iter()
        .filter_map(|c| c.section.as_deref())
        .map(labels::key)
        .collect();
    page.lines
        .iter()
        .filter(|l| {
            let key = labels::key(&l.text);
            !(key.is_empty()
                || titles.contains(&key)
                || sections.contains(&key)
                || recognise::is_section_heading(&l.text)
                || labels::is_known_label(&l.text)
                || labels::is_number_label(&l.text)
                || labels::is_unit_note(&l.text)
                || is_page_footer(&l.text)
                || value_of_line(page, l).is_some_and(|_| {
                    labels::key(&l.text).chars().count() <= labels::MAX_LABEL_CHARS
                }))
        })
        .map(|l| Warning::stray_line(page.page, text::trim(&l.text)))
        .collect()
}

/// A page number or footer: `－ 36 －`, `- 3 -`, `3`, `3/12`, `P.3`.
fn is_page_footer(printed: &str) -> bool {
    let key = labels::key(printed).to_lowercase();
    let body = key
        .trim_matches(|c: char| matches!(c, '-' | '−' | '–' | '—' | 'ー' | '(' | ')'))
        .trim_start_matches("p.")
        .trim_start_matches('p');
    !body.is_empty() && body.chars().all(|c| c.is_ascii_digit() || c == '/')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::test_cell as cell;

    #[test]
    fn departments_split_on_separators_and_breaks() {
        assert_eq!(
            split_departments("保健福祉局高齢福祉部高齢福祉課\n保健福祉局総務部保護課"),
            vec!["保健福祉局高齢福祉部高齢福祉課", "保健福祉局総務部保護課"]
        );
        assert_eq!(
            split_departments("環境政策課・ごみ減量推進課"),
            vec!["環境政策課", "ごみ減量推進課"]
        );
        assert_eq!(
            split_departments("企画課、財政課　総務課"),
            vec!["企画課", "財政課", "総務課"]
        );
    }

    #[test]
    fn era_years_as_printed() {
        let years: Vec<(String, i32)> =
            era_years("第７次池田市総合計画 前期基本計画　事務事業評価（令和６年度実施事業）")
                .into_iter()
                .map(|(l, y)| (l, y.fiscal_year))
                .collect();
        assert_eq!(years, vec![("令和６年度".to_string(), 2024)]);
        let years: Vec<String> = era_years("Ｒ４年度とH30、CO2とSDGs")
            .into_iter()
            .map(|(l, _)| l)
            .collect();
        assert_eq!(years, vec!["Ｒ４年度", "H30"]);
    }

    fn page_with_title(title: &str) -> FormPage {
        FormPage {
            page: 1,
            width: 595.0,
            height: 842.0,
            cells: vec![],
            lines: vec![crate::form::FormLine {
                bbox: [0.0, 0.0, 10.0, 10.0],
                text: title.into(),
            }],
        }
    }

    #[test]
    fn the_year_qualifying_the_projects_is_the_year_evaluated() {
        let cases = [
            (
                "事務事業評価（令和６年度実施事業）",
                Some(("令和６年度", 2024)),
            ),
            (
                "令和５年度新規・充実事業の取組状況と令和７年度当初予算（案）への反映状況について",
                Some(("令和５年度", 2023)),
            ),
            (
                "令和７年度に向けた令和６年度事業の評価",
                Some(("令和６年度", 2024)),
            ),
            ("令和７年度 行政評価調書", Some(("令和７年度", 2025))),
            ("事務事業評価シート", None),
        ];
        for (title, want) in cases {
            let got = evaluation_year(Some(title), &page_with_title(title));
            let want = want.map(|(label, fiscal_year)| YearLabel {
                label: label.into(),
                fiscal_year,
            });
            assert_eq!(got, want, "{title}");
        }
    }

    #[test]
    fn page_footers() {
        for footer in ["－ 36 －", "- 3 -", "12", "3/12", "P.3"] {
            assert!(is_page_footer(footer), "{footer}");
        }
        assert!(!is_page_footer("令和6年度"));
    }

    /// A value cell at `row` with its row labels (outermost first).
    fn value(row: usize, text: &str, row_headers: &[&str]) -> FormCell {
        let y = 100.0 + 20.0 * row as f64;
        let mut c = cell(row, 3, [200.0, y, 500.0, y + 20.0], text, false);
        c.row_headers = row_headers.iter().map(|h| h.to_string()).collect();
        c
    }

    fn label(row: usize, text: &str) -> FormCell {
        let y = 100.0 + 20.0 * row as f64;
        cell(row, 2, [100.0, y, 200.0, y + 20.0], text, true)
    }

    fn sheet(cells: Vec<FormCell>, lines: Vec<(f64, &str)>) -> Vec<FormPage> {
        let lines = lines
            .into_iter()
            .map(|(y, text)| crate::form::FormLine {
                bbox: [60.0, y, 300.0, y + 10.0],
                text: text.into(),
            })
            .collect();
        vec![FormPage {
            page: 1,
            width: 595.0,
            height: 842.0,
            cells,
            lines,
        }]
    }

    #[test]
    fn members_by_label_and_the_rest_as_fields() {
        let cells = vec![
            label(1, "事務事業名"),
            value(1, "見守り事業", &["事務事業名"]),
            label(2, "担当課"),
            value(2, "長寿福祉課・地域福祉課", &["担当課"]),
            value(3, "福祉課長　山田　太郎", &["評価責任者"]),
            value(4, "３－２　地域福祉の推進", &["総合計画の体系", "施策"]),
            value(
                5,
                "⑤　環境／国土保全",
                &["国土強靭化地域計画の体系", "施策分野"],
            ),
            value(6, "介護保険法", &["根拠法令等"]),
            value(7, "高齢者", &["事業の対象（誰を、何を）"]),
            value(8, "平成28年度～", &["事業開始年度"]),
        ];
        let pages = sheet(cells, vec![(40.0, "令和５年度　事務事業評価シート")]);
        let header = read(&pages, &Context::default(), &[]).value;
        let fields: Vec<(&str, Vec<String>)> = header
            .fields
            .iter()
            .map(|f| (f.text.as_str(), f.row_headers.clone()))
            .collect();
        assert_eq!(
            header.title.as_deref(),
            Some("令和５年度　事務事業評価シート")
        );
        assert_eq!(header.name.as_deref(), Some("見守り事業"));
        assert_eq!(header.departments, ["長寿福祉課", "地域福祉課"]);
        let plan: Vec<(&str, &str)> = header
            .plan_position
            .iter()
            .map(|p| (p.label.as_str(), p.text.as_str()))
            .collect();
        assert_eq!(
            plan,
            [
                ("施策", "３－２　地域福祉の推進"),
                ("根拠法令等", "介護保険法")
            ]
        );
        assert_eq!(header.outline.target.as_deref(), Some("高齢者"));
        assert_eq!(header.outline.period.as_deref(), Some("平成28年度～"));
        assert_eq!(
            fields,
            [
                ("福祉課長　山田　太郎", vec!["評価責任者".to_string()]),
                (
                    "⑤　環境／国土保全",
                    vec![
                        "国土強靭化地域計画の体系".to_string(),
                        "施策分野".to_string()
                    ]
                ),
            ]
        );
    }

    #[test]
    fn a_label_with_values_in_every_year_column_is_no_outline_member() {
        let mut cells = Vec::new();
        for (col, year) in [(3, "20年度決算"), (4, "21年度決算")] {
            let mut c = value(1, "一部委託", &["実施方法"]);
            c.col = col;
            c.column_headers = vec![year.into()];
            cells.push(c);
        }
        cells.push(value(2, "直営", &["実施形態"]));
        let header = read(&sheet(cells, vec![]), &Context::default(), &[]).value;
        assert_eq!(header.outline.method.as_deref(), Some("直営"));
        assert_eq!(header.fields.len(), 2);
    }

    #[test]
    fn a_bracketed_label_prints_its_value_in_the_same_cell() {
        let cells = vec![cell(
            1,
            1,
            [50.0, 100.0, 300.0, 120.0],
            "【事業実施期間】令和5年度～9年度",
            false,
        )];
        let header = read(&sheet(cells, vec![]), &Context::default(), &[]).value;
        assert_eq!(header.outline.period.as_deref(), Some("令和5年度～9年度"));
        assert!(header.fields.is_empty(), "{:?}", header.fields);
        // A box a label cell names keeps that label, whatever heading it prints first.
        let cells = vec![
            label(1, "事業概要"),
            value(1, "【目的】市民の健康を守る。【内容】検診", &["事業概要"]),
        ];
        let header = read(&sheet(cells, vec![]), &Context::default(), &[]).value;
        let content = Some("【目的】市民の健康を守る。【内容】検診");
        assert_eq!(header.outline.content.as_deref(), content);
        assert_eq!(header.outline.purpose, None);
    }

    #[test]
    fn members_repeated_on_a_later_page_are_no_fields() {
        let cells = || {
            vec![
                label(1, "事業名"),
                value(1, "見守り事業", &["事業名"]),
                value(2, "長寿福祉課", &["所管課"]),
                value(3, "令和5年度～", &["事業期間"]),
            ]
        };
        let mut pages = sheet(cells(), vec![]);
        let mut second = sheet(cells(), vec![]).remove(0);
        second.page = 2;
        pages.push(second);
        let header = read(&pages, &Context::default(), &[]).value;
        assert_eq!(header.name.as_deref(), Some("見守り事業"));
        assert_eq!(header.departments, ["長寿福祉課"]);
        assert_eq!(header.outline.period.as_deref(), Some("令和5年度～"));
        assert_eq!(header.fields, []);
    }

    #[test]
    fn taken_cells_are_no_fields_and_stray_text_is_a_warning() {
        let cells = vec![
            value(1, "12,000", &["事業費"]),
            value(2, "備考の値", &["備考"]),
        ];
        let lines = vec![
            (40.0, "事務事業評価シート"),
            (700.0, "注：数値は四月一日現在のものを記載しています。"),
            (800.0, "－ 3 －"),
        ];
        let taken = [CellRef {
            page: 1,
            row: 1,
            col: 3,
        }];
        let part = read(&sheet(cells, lines), &Context::default(), &taken);
        let texts: Vec<&str> = part.value.fields.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, ["備考の値"]);
        assert_eq!(
            part.warnings,
            [Warning::stray_line(
                1,
                "注：数値は四月一日現在のものを記載しています。"
            )]
        );
        assert_eq!(
            part.warnings[0].text(),
            "page 1: text outside every cell and under no label: 注：数値は四月一日現在のものを記載しています。"
        );
    }
}
