//! Stage 2 — **book**: takes the pages of a file one at a time and gives the page ranges of
//! the sheets it holds, so that a yearly book (cover, contents, dividers, blank pages, then
//! sheet after sheet) becomes one sheet per range, and a single-sheet file one range.
//!
//! Sheets are found by what their pages print, never by page count or position
//! (SPEC.md, "Documents that hold several sheets"):
//! - a page *starts* a sheet when it carries a sheet header: the 基本方針 and 基本施策 labels,
//!   each with its numbered heading in the cell on its right, and 総合評価 or 関連するプロジェクト;
//!   a header with the open sheet's measure, evaluation year and sheet number (print titles;
//!   a member the repeat does not print counts as the same) continues it, unless the page prints a project № or indicator number the sheet already
//!   holds (a sheet bound twice); any other header starts a new sheet;
//! - a page *continues* the open sheet when it holds indicator blocks or project rows;
//! - a blank page is skipped without ending a sheet; any other page ends it.
//!
//! [`classify`] looks at one page (building its grid only when the cheap text test says it
//! may start or continue a sheet); [`Splitter`] turns the sequence of page kinds into
//! [`SheetSpan`]s and the list of pages that hold no sheet.

use crate::grid::{self, PageGrid};
use crate::pdf::PageContent;
use crate::sheet::layout::Layout;
use crate::sheet::{self, Held, SheetKey};
use crate::text;
use crate::values::{self, split_numbered_title};

/// What one page is, for splitting a file into sheets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    /// No text at all (or only a page number).
    Blank,
    /// Carries a sheet header: its measure, year and sheet number, and the numbers it holds.
    Header { key: SheetKey, held: Held },
    /// Holds indicator blocks or rows of the project table (whose numbers it gives).
    Continuation { held: Held },
    /// Anything else: cover, contents, divider, notes, appendix.
    Other,
}

/// Labels a sheet header prints (compacted); the cheap test looks for them in the page text.
const POLICY_LABEL: &str = "基本方針";
const MEASURE_LABEL: &str = "基本施策";
/// One of these must also be printed on a header page.
const HEADER_COMPANIONS: [&str; 2] = ["総合評価", "関連するプロジェクト"];
/// Labels of an indicator block's rows.
const INDICATOR_LABELS: [&str; 2] = ["実績値", "期待値"];
/// Column headings of the project table (repeated on its continuation pages by print titles).
const PROJECT_TABLE_LABELS: [&str; 3] = ["推進方針", "今後の方向性", "達成状況分析"];

/// A page's text in drawing order, without white space: enough for the label tests.
fn page_text(content: &PageContent) -> String {
    let drawn: String = content.glyphs.iter().map(|g| g.text.as_str()).collect();
    text::compact(&drawn)
}

/// A page's text with its lines rebuilt (for producers that draw glyphs out of order).
fn page_text_by_lines(content: &PageContent) -> String {
    text::lines(content.glyphs.iter().collect())
        .iter()
        .map(|line| text::compact(&line.text))
        .collect()
}

/// Whether the page text holds the header labels: the cheap test that keeps grids from being
/// built for foreign pages.
fn holds_header_labels(content: &PageContent, drawn: &str) -> bool {
    let holds = |text: &str| {
        text.contains(POLICY_LABEL)
            && text.contains("施策")
            && HEADER_COMPANIONS.iter().any(|c| text.contains(c))
    };
    holds(drawn) || (has_chars_of(drawn, &HEADER_CHARS) && holds(&page_text_by_lines(content)))
}

/// Every character of the header labels: without all of them on the page, no reading order
/// can make the labels, and the lines need not be rebuilt.
const HEADER_CHARS: [&str; 2] = ["基本方針", "施策"];

fn has_chars_of(text: &str, labels: &[&str]) -> bool {
    labels
        .iter()
        .flat_map(|l| l.chars())
        .all(|c| text.contains(c))
}

/// The kind of a page and, for pages that belong to sheets, its grid (file page `index`,
/// 0-based).
pub fn classify(index: usize, content: &PageContent) -> (PageKind, Option<PageGrid>) {
    classify_as(index, content, true)
}

/// [`classify`] for a page before the first sheet header, where a continuation would belong
/// to no sheet anyway: only a page with the header labels gets a grid, so that a foreign
/// document is rejected cheaply.
pub fn probe(index: usize, content: &PageContent) -> (PageKind, Option<PageGrid>) {
    classify_as(index, content, false)
}

fn classify_as(
    index: usize,
    content: &PageContent,
    continuations: bool,
) -> (PageKind, Option<PageGrid>) {
    let text = page_text(content);
    if is_blank(&text) {
        return (PageKind::Blank, None);
    }
    if holds_header_labels(content, &text) {
        let grid = grid::build(index, content);
        if is_header(&grid) {
            let facts = sheet::page_facts(&grid);
            let kind = PageKind::Header {
                key: facts.key,
                held: facts.held,
            };
            return (kind, Some(grid));
        }
        return continuation(grid);
    }
    if !continuations {
        return (PageKind::Other, None);
    }
    let labels: Vec<&str> = INDICATOR_LABELS
        .iter()
        .chain(&PROJECT_TABLE_LABELS)
        .copied()
        .collect();
    let mentioned = labels.iter().any(|l| text.contains(l))
        || labels.iter().any(|l| has_chars_of(&text, &[l])) && {
            let lines = page_text_by_lines(content);
            labels.iter().any(|l| lines.contains(l))
        };
    if !mentioned {
        return (PageKind::Other, None);
    }
    continuation(grid::build(index, content))
}

/// A page with a grid: a continuation when it holds sheet content, else other.
fn continuation(grid: PageGrid) -> (PageKind, Option<PageGrid>) {
    if holds_sheet_content(&grid) {
        let held = sheet::page_facts(&grid).held;
        (PageKind::Continuation { held }, Some(grid))
    } else {
        (PageKind::Other, None)
    }
}

/// A page without text, or whose only text is a page number.
fn is_blank(compact_text: &str) -> bool {
    compact_text.is_empty() || values::is_page_number(compact_text)
}

/// Whether the grid carries a sheet header: 基本方針 and 基本施策 label cells each with a
/// numbered heading on their right (a contents page lists them as column headings, with other
/// headings beside them).
fn is_header(grid: &PageGrid) -> bool {
    let pages = std::slice::from_ref(grid);
    let layout = Layout::new(pages);
    let numbered_beside = |label: &str| {
        layout.find(0, |l| l == label).into_iter().find_map(|id| {
            let text = layout.cell(layout.right_of(id)?).text();
            let (number, _) = split_numbered_title(&text);
            number
        })
    };
    numbered_beside(POLICY_LABEL).is_some() && numbered_beside(MEASURE_LABEL).is_some()
}

/// Whether the grid holds indicator blocks (a 指標 label with 実績値/期待値 rows) or the
/// project table's columns.
fn holds_sheet_content(grid: &PageGrid) -> bool {
    let (mut indicator_label, mut value_label) = (false, false);
    // Labels are short: longer cells (narrative, descriptions) are not looked at.
    let short = |c: &&crate::grid::Cell| {
        c.lines.len() <= 3 && c.lines.iter().map(|l| l.text.len()).sum::<usize>() <= 120
    };
    for cell in grid.cells.iter().filter(short) {
        let label = cell.label();
        indicator_label |= label == "指標";
        value_label |= INDICATOR_LABELS.contains(&label.as_str());
        let project_column = PROJECT_TABLE_LABELS.iter().any(|l| label.starts_with(l));
        if (indicator_label && value_label) || project_column {
            return true;
        }
    }
    false
}

/// The pages of one sheet: `first..=last` (0-based file pages) and the non-blank ones among
/// them, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetSpan {
    pub first: usize,
    pub last: usize,
    pub pages: Vec<usize>,
}

impl SheetSpan {
    /// `pages 31-33` (1-based), or `page 5`, for messages.
    pub fn describe(&self) -> String {
        if self.first == self.last {
            format!("page {}", self.first + 1)
        } else {
            format!("pages {}-{}", self.first + 1, self.last + 1)
        }
    }
}

/// Which sheets `--pages` selects: those whose first page (1-based) is in one of its ranges
/// (SPEC.md, "Command line"); every sheet by default. Copy, so that it travels with the
/// limits: at most [`PageSelection::MAX_RANGES`] ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageSelection {
    ranges: [(usize, usize); PageSelection::MAX_RANGES],
    count: usize,
}

impl Default for PageSelection {
    fn default() -> Self {
        let mut all = PageSelection {
            ranges: [(0, 0); PageSelection::MAX_RANGES],
            count: 1,
        };
        all.ranges[0] = (1, usize::MAX);
        all
    }
}

impl PageSelection {
    pub const MAX_RANGES: usize = 16;

    /// `N`, `N-M`, `N-` and lists of them (`1-3,7`), pages counted from 1.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut selection = PageSelection {
            count: 0,
            ..PageSelection::default()
        };
        for part in text.split(',') {
            let part = part.trim();
            let page = |n: &str| match n.trim().parse::<usize>() {
                Ok(n) if n >= 1 => Ok(n),
                _ => Err(format!("`{part}` is not a page or range (N, N-M, N-)")),
            };
            let range = match part.split_once('-') {
                Some((from, "")) => (page(from)?, usize::MAX),
                Some((from, to)) => (page(from)?, page(to)?),
                None => (page(part)?, page(part)?),
            };
            if range.0 > range.1 {
                return Err(format!("`{part}` ends before it starts"));
            }
            if selection.count == Self::MAX_RANGES {
                return Err(format!("at most {} ranges", Self::MAX_RANGES));
            }
            selection.ranges[selection.count] = range;
            selection.count += 1;
        }
        Ok(selection)
    }

    /// Whether the sheet of `span` is selected (its first page is in a range).
    pub fn selects(&self, span: &SheetSpan) -> bool {
        let first = span.first + 1;
        self.ranges[..self.count]
            .iter()
            .any(|&(from, to)| from <= first && first <= to)
    }

    /// The selection as `parse` reads it (`1-3,7,12-`).
    pub fn to_arg(&self) -> String {
        let part = |&(from, to): &(usize, usize)| match to {
            usize::MAX => format!("{from}-"),
            to if to == from => format!("{from}"),
            to => format!("{from}-{to}"),
        };
        let parts: Vec<String> = self.ranges[..self.count].iter().map(part).collect();
        parts.join(",")
    }

    /// The last selected page (1-based), `usize::MAX` when the selection is open-ended.
    pub fn last_page(&self) -> usize {
        self.ranges[..self.count]
            .iter()
            .map(|r| r.1)
            .max()
            .unwrap_or(0)
    }
}

/// Turns page kinds, pushed in page order, into sheet spans.
#[derive(Debug, Default)]
pub struct Splitter {
    open: Option<OpenSheet>,
    /// Blank pages after the open sheet's last page: they join it if it continues.
    pending_blanks: Vec<usize>,
    no_sheet: Vec<usize>,
}

#[derive(Debug)]
struct OpenSheet {
    key: SheetKey,
    /// Project and indicator numbers printed on the sheet's pages so far.
    held: Held,
    span: SheetSpan,
}

impl Splitter {
    /// Take page `index` (0-based, in order); gives the sheet it ends, if any.
    pub fn push(&mut self, index: usize, kind: &PageKind) -> Option<SheetSpan> {
        match kind {
            PageKind::Blank => {
                if self.open.is_some() {
                    self.pending_blanks.push(index);
                } else {
                    self.no_sheet.push(index);
                }
                None
            }
            PageKind::Header { key, held } => {
                if let Some(open) = &mut self.open
                    && open.key.repeated_by(key)
                    && !open.held.overlaps(held)
                {
                    open.extend(index, held, &mut self.pending_blanks);
                    return None;
                }
                let ended = self.close();
                self.open = Some(OpenSheet {
                    key: key.clone(),
                    held: held.clone(),
                    span: SheetSpan {
                        first: index,
                        last: index,
                        pages: vec![index],
                    },
                });
                ended
            }
            PageKind::Continuation { held } if self.open.is_some() => {
                let open = self.open.as_mut().expect("checked");
                open.extend(index, held, &mut self.pending_blanks);
                None
            }
            PageKind::Continuation { .. } | PageKind::Other => {
                let ended = self.close();
                self.no_sheet.push(index);
                ended
            }
        }
    }

    /// End of the file: the last open sheet, if any.
    pub fn finish(&mut self) -> Option<SheetSpan> {
        self.close()
    }

    /// Pages (0-based, ascending) that belong to no sheet.
    pub fn no_sheet_pages(&self) -> &[usize] {
        &self.no_sheet
    }

    fn close(&mut self) -> Option<SheetSpan> {
        let mut blanks = std::mem::take(&mut self.pending_blanks);
        self.no_sheet.append(&mut blanks);
        self.no_sheet.sort_unstable();
        self.open.take().map(|open| open.span)
    }
}

impl OpenSheet {
    fn extend(&mut self, index: usize, held: &Held, blanks: &mut Vec<usize>) {
        blanks.clear();
        self.held.extend(held);
        self.span.last = index;
        self.span.pages.push(index);
    }
}

/// `pages 1-2, 7` for the information line on pages that hold no sheet (1-based).
pub fn describe_pages(pages: &[usize]) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &p in pages {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == p => *end = p,
            _ => runs.push((p, p)),
        }
    }
    let parts: Vec<String> = runs
        .iter()
        .map(|&(a, b)| {
            if a == b {
                format!("{}", a + 1)
            } else {
                format!("{}-{}", a + 1, b + 1)
            }
        })
        .collect();
    let noun = if pages.len() == 1 { "page" } else { "pages" };
    format!("{noun} {}", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(measure: &str) -> PageKind {
        header_of(Some(measure), Some(2024), Some(1), &[], &[])
    }

    fn header_of(
        measure: Option<&str>,
        fiscal_year: Option<i32>,
        sheet_number: Option<i64>,
        projects: &[u32],
        indicators: &[u32],
    ) -> PageKind {
        PageKind::Header {
            key: SheetKey {
                measure: measure.map(String::from),
                fiscal_year,
                sheet_number,
            },
            held: held(projects, indicators),
        }
    }

    fn held(projects: &[u32], indicators: &[u32]) -> Held {
        Held {
            projects: projects.to_vec(),
            indicators: indicators.to_vec(),
        }
    }

    /// A continuation page without numbers.
    fn more() -> PageKind {
        PageKind::Continuation {
            held: Held::default(),
        }
    }

    fn split(kinds: &[PageKind]) -> (Vec<SheetSpan>, Vec<usize>) {
        let mut splitter = Splitter::default();
        let mut spans: Vec<SheetSpan> = kinds
            .iter()
            .enumerate()
            .filter_map(|(i, k)| splitter.push(i, k))
            .collect();
        spans.extend(splitter.finish());
        (spans, splitter.no_sheet_pages().to_vec())
    }

    fn span(first: usize, last: usize, pages: &[usize]) -> SheetSpan {
        SheetSpan {
            first,
            last,
            pages: pages.to_vec(),
        }
    }

    #[test]
    fn book_with_cover_contents_blank_and_appendix() {
        use PageKind::{Blank, Other};
        let kinds = [
            Other,
            Other,
            header("1-1"),
            more(),
            header("3-1"),
            more(),
            Blank,
            header("6-1"),
            more(),
            Other,
        ];
        let (spans, no_sheet) = split(&kinds);
        assert_eq!(
            spans,
            vec![
                span(2, 3, &[2, 3]),
                span(4, 5, &[4, 5]),
                span(7, 8, &[7, 8])
            ]
        );
        assert_eq!(no_sheet, vec![0, 1, 6, 9]);
        assert_eq!(describe_pages(&no_sheet), "pages 1-2, 7, 10");
    }

    #[test]
    fn blank_page_inside_a_sheet_does_not_end_it() {
        use PageKind::Blank;
        let (spans, no_sheet) = split(&[header("2-3"), Blank, more(), Blank]);
        assert_eq!(spans, vec![span(0, 2, &[0, 2])]);
        assert_eq!(no_sheet, vec![3]);
    }

    #[test]
    fn repeated_header_with_the_same_measure_continues_the_sheet() {
        let (spans, _) = split(&[header("4-1"), header("4-1"), header("4-2")]);
        assert_eq!(spans, vec![span(0, 1, &[0, 1]), span(2, 2, &[2])]);
    }

    #[test]
    fn consecutive_years_of_one_measure_are_separate_sheets() {
        let kinds = [
            header_of(Some("2-3"), Some(2022), Some(5), &[1, 2], &[]),
            PageKind::Continuation {
                held: held(&[], &[1, 2]),
            },
            header_of(Some("2-3"), Some(2023), Some(5), &[1, 2], &[]),
            header_of(Some("2-3"), Some(2024), Some(5), &[1], &[]),
            header_of(Some("2-3"), Some(2024), Some(6), &[], &[1]),
        ];
        let (spans, _) = split(&kinds);
        assert_eq!(
            spans,
            vec![
                span(0, 1, &[0, 1]),
                span(2, 2, &[2]),
                span(3, 3, &[3]),
                span(4, 4, &[4])
            ]
        );
    }

    #[test]
    fn a_sheet_bound_twice_starts_over_where_a_number_repeats() {
        let page1 = header_of(Some("4-1"), Some(2024), None, &[1, 2], &[]);
        let page2 = header_of(Some("4-1"), Some(2024), None, &[], &[1, 2]);
        let kinds = [page1.clone(), page2.clone(), page1, page2];
        let (spans, _) = split(&kinds);
        assert_eq!(spans, vec![span(0, 1, &[0, 1]), span(2, 3, &[2, 3])]);
    }

    #[test]
    fn a_repeat_without_the_title_row_continues_the_sheet() {
        let page1 = header_of(Some("4-1"), Some(2024), Some(7), &[1, 2], &[]);
        let page2 = header_of(Some("4-1"), None, None, &[], &[1, 2]);
        let next = header_of(Some("4-2"), None, None, &[1], &[]);
        let (spans, _) = split(&[page1, page2, next]);
        assert_eq!(spans, vec![span(0, 1, &[0, 1]), span(2, 2, &[2])]);
    }

    #[test]
    fn headers_without_key_repeat_each_other() {
        let page1 = header_of(None, None, None, &[1], &[]);
        let page2 = header_of(None, None, None, &[2], &[1]);
        let (spans, _) = split(&[page1, page2]);
        assert_eq!(spans, vec![span(0, 1, &[0, 1])]);
    }

    #[test]
    fn other_page_ends_a_sheet_and_a_continuation_without_sheet_is_no_sheet() {
        use PageKind::Other;
        let (spans, no_sheet) = split(&[more(), header("1-1"), Other, more()]);
        assert_eq!(spans, vec![span(1, 1, &[1])]);
        assert_eq!(no_sheet, vec![0, 2, 3]);
    }

    #[test]
    fn page_selection_selects_sheets_by_their_first_page() {
        let selection = PageSelection::parse("3-4, 9,12-").unwrap();
        let firsts: Vec<usize> = (1..=14)
            .filter(|&p| selection.selects(&span(p - 1, p, &[p - 1, p])))
            .collect();
        assert_eq!(firsts, vec![3, 4, 9, 12, 13, 14]);
        assert!(PageSelection::default().selects(&span(4999, 4999, &[4999])));
        assert_eq!(PageSelection::parse("5").unwrap().last_page(), 5);
        assert_eq!(selection.to_arg(), "3-4,9,12-");
        assert_eq!(PageSelection::parse(&selection.to_arg()), Ok(selection));
        assert_eq!(PageSelection::default().to_arg(), "1-");
        for bad in ["", "0", "4-2", "a-3", "1,,2"] {
            assert!(PageSelection::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn single_page_description() {
        assert_eq!(describe_pages(&[6]), "page 7");
        assert_eq!(span(30, 32, &[30, 31, 32]).describe(), "pages 31-33");
    }
}
