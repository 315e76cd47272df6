//! Stage 4 — **book**: takes the kind of each page of a file, in page order ([`PageKind`],
//! given by the [`kind`](crate::kind) step), and gives the page ranges of the sheets it holds,
//! so that a yearly book (cover, contents, dividers, blank pages, then sheet after sheet)
//! becomes one sheet per range, and a single-sheet file one range. It looks at no page.
//!
//! The rules (SPEC.md, "Documents that hold several sheets"):
//! - a header page *starts* a sheet; a header with the open sheet's measure, evaluation year
//!   and sheet number (print titles; a member the repeat does not print counts as the same)
//!   continues it, unless the page prints a project № or indicator number the sheet already
//!   holds (a sheet bound twice); any other header starts a new sheet;
//! - a continuation page (indicator blocks or project rows) continues the open sheet;
//! - a blank page is skipped without ending a sheet; any other page ends it;
//! - a page that cannot be read (a fault met while interpreting it) belongs to the sheet open
//!   before it and fails that sheet alone; with no sheet open it is a failed range of its own;
//! - a project sheet starts and continues as [`crate::project::recognise`] says.
//!
//! [`Splitter`] turns the sequence of page kinds into [`SheetSpan`]s and the list of pages
//! that hold no sheet.

use crate::error::ExtractError;
use crate::page::FilePage;

/// What one page is, for splitting a file into sheets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    /// No text at all (or only a page number).
    Blank,
    /// Carries a measure sheet's header: its measure, year and sheet number, and the numbers
    /// it holds.
    Header { key: SheetKey, held: Held },
    /// Holds indicator blocks or rows of the measure sheet's project table (whose numbers it
    /// gives).
    Continuation { held: Held },
    /// Starts a project sheet (its name and number as printed).
    ProjectStart { key: ProjectKey },
    /// Continues the open project sheet.
    ProjectContinuation,
    /// Could not be read: the fault, which fails the sheet the page belongs to.
    Unreadable { fault: ExtractError },
    /// Anything else: cover, contents, divider, notes, appendix.
    Other,
}

/// What tells one measure sheet's header from another's: a header with the same key repeats
/// it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetKey {
    pub measure: Option<String>,
    pub fiscal_year: Option<i32>,
    pub sheet_number: Option<i64>,
}

impl SheetKey {
    /// Whether a header with key `other` may repeat this one: no member printed on both
    /// differs (a print-titles repeat without the title row prints no year; both null counts
    /// as the same).
    pub fn repeated_by(&self, other: &SheetKey) -> bool {
        fn agree<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
            a.is_none() || b.is_none() || a == b
        }
        agree(&self.measure, &other.measure)
            && agree(&self.fiscal_year, &other.fiscal_year)
            && agree(&self.sheet_number, &other.sheet_number)
    }
}

/// Project and indicator numbers printed on a sheet's pages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Held {
    pub projects: Vec<u32>,
    pub indicators: Vec<u32>,
}

impl Held {
    /// Whether `other` prints a number that is already held.
    pub fn overlaps(&self, other: &Held) -> bool {
        other.projects.iter().any(|n| self.projects.contains(n))
            || other.indicators.iter().any(|n| self.indicators.contains(n))
    }

    pub fn extend(&mut self, other: &Held) {
        self.projects.extend(&other.projects);
        self.indicators.extend(&other.indicators);
    }
}

/// What identifies a project sheet: its name and number as printed on its first page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectKey {
    pub name: String,
    pub number: Option<String>,
}

impl ProjectKey {
    /// Whether `other` names the same sheet: the same name (as labels compare) and the same
    /// number where both print one (a later page may repeat the name without the number).
    pub fn same_sheet(&self, other: &ProjectKey) -> bool {
        let same_number = match (&self.number, &other.number) {
            (Some(a), Some(b)) => crate::labels::key(a) == crate::labels::key(b),
            _ => true,
        };
        crate::labels::key(&self.name) == crate::labels::key(&other.name) && same_number
    }
}

/// The kind of sheet a range of pages holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SheetKind {
    #[default]
    Measure,
    Project,
}

/// The pages of one sheet: `first..=last` (pages of the file) and the non-blank ones among
/// them, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetSpan {
    pub first: FilePage,
    pub last: FilePage,
    pub pages: Vec<FilePage>,
    /// The kind of sheet the pages hold.
    pub kind: SheetKind,
    /// The fault of a page of the range that could not be read: the sheet fails with it.
    pub fault: Option<ExtractError>,
}

impl SheetSpan {
    /// The span of one page (a page of `form`, a page a selection is asked about).
    pub fn single(page: FilePage) -> SheetSpan {
        SheetSpan {
            first: page,
            last: page,
            pages: vec![page],
            kind: SheetKind::default(),
            fault: None,
        }
    }

    /// How many pages of the file the sheet covers, from its first to its last.
    pub fn page_count(&self) -> usize {
        self.last.index() - self.first.index() + 1
    }

    /// `pages 31-33` (1-based), or `page 5`, for messages.
    pub fn describe(&self) -> String {
        if self.first == self.last {
            format!("page {}", self.first)
        } else {
            format!("pages {}-{}", self.first, self.last)
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
        let first = span.first.number();
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

/// What the open sheet is known by.
#[derive(Debug)]
enum OpenKey {
    Measure(SheetKey),
    Project(ProjectKey),
}

#[derive(Debug)]
struct OpenSheet {
    key: OpenKey,
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
                    && let OpenKey::Measure(open_key) = &open.key
                    && open_key.repeated_by(key)
                    && !open.held.overlaps(held)
                {
                    open.extend(index, held, &mut self.pending_blanks);
                    return None;
                }
                self.start(index, OpenKey::Measure(key.clone()), held.clone())
            }
            PageKind::ProjectStart { key } => {
                if self.open_project().is_some_and(|open| open.same_sheet(key)) {
                    let open = self.open.as_mut().expect("checked");
                    open.extend(index, &Held::default(), &mut self.pending_blanks);
                    return None;
                }
                self.start(index, OpenKey::Project(key.clone()), Held::default())
            }
            PageKind::Continuation { held } if self.open_measure() => {
                let open = self.open.as_mut().expect("checked");
                open.extend(index, held, &mut self.pending_blanks);
                None
            }
            PageKind::ProjectContinuation if self.open_project().is_some() => {
                let open = self.open.as_mut().expect("checked");
                open.extend(index, &Held::default(), &mut self.pending_blanks);
                None
            }
            PageKind::Unreadable { fault } => match self.open.as_mut() {
                Some(open) => {
                    open.extend(index, &Held::default(), &mut self.pending_blanks);
                    open.span.fault.get_or_insert_with(|| fault.clone());
                    None
                }
                None => Some(SheetSpan {
                    first: FilePage::at(index),
                    last: FilePage::at(index),
                    pages: vec![FilePage::at(index)],
                    kind: SheetKind::Measure,
                    fault: Some(fault.clone()),
                }),
            },
            PageKind::Continuation { .. } | PageKind::ProjectContinuation | PageKind::Other => {
                let ended = self.close();
                self.no_sheet.push(index);
                ended
            }
        }
    }

    /// The open project sheet, if the open sheet is one: the page-kind step asks whether
    /// a page continues it.
    pub fn open_project(&self) -> Option<&ProjectKey> {
        match &self.open {
            Some(OpenSheet {
                key: OpenKey::Project(key),
                ..
            }) => Some(key),
            _ => None,
        }
    }

    /// The first page of the sheet open after the last page pushed, if any.
    pub fn open_since(&self) -> Option<FilePage> {
        self.open.as_ref().map(|open| open.span.first)
    }

    fn open_measure(&self) -> bool {
        matches!(
            self.open,
            Some(OpenSheet {
                key: OpenKey::Measure(_),
                ..
            })
        )
    }

    fn start(&mut self, index: usize, key: OpenKey, held: Held) -> Option<SheetSpan> {
        let ended = self.close();
        let kind = match key {
            OpenKey::Measure(_) => SheetKind::Measure,
            OpenKey::Project(_) => SheetKind::Project,
        };
        self.open = Some(OpenSheet {
            key,
            held,
            span: SheetSpan {
                first: FilePage::at(index),
                last: FilePage::at(index),
                pages: vec![FilePage::at(index)],
                kind,
                fault: None,
            },
        });
        ended
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
        self.span.last = FilePage::at(index);
        self.span.pages.push(FilePage::at(index));
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
            first: FilePage::at(first),
            last: FilePage::at(last),
            pages: pages.iter().copied().map(FilePage::at).collect(),
            kind: SheetKind::Measure,
            fault: None,
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

    fn fault() -> ExtractError {
        ExtractError::Limit("bomb".into())
    }

    #[test]
    fn an_unreadable_page_fails_the_sheet_open_before_it_alone() {
        use PageKind::Other;
        let unreadable = PageKind::Unreadable { fault: fault() };
        let kinds = [
            header("1-1"),
            unreadable.clone(),
            more(),
            header("1-2"),
            Other,
            unreadable,
            header("1-3"),
        ];
        let (spans, no_sheet) = split(&kinds);
        let failed = SheetSpan {
            fault: Some(fault()),
            ..span(0, 2, &[0, 1, 2])
        };
        let alone = SheetSpan {
            fault: Some(fault()),
            ..span(5, 5, &[5])
        };
        assert_eq!(
            spans,
            vec![failed, span(3, 3, &[3]), alone, span(6, 6, &[6])]
        );
        assert_eq!(no_sheet, vec![4]);
    }

    #[test]
    fn project_sheets_start_and_continue_as_recognition_says() {
        let start = |name: &str| PageKind::ProjectStart {
            key: ProjectKey {
                name: name.into(),
                number: None,
            },
        };
        let kinds = [
            start("A"),
            PageKind::ProjectContinuation,
            PageKind::Blank,
            PageKind::ProjectContinuation,
            start("B"),
            more(),
            header("1-1"),
            PageKind::ProjectContinuation,
        ];
        let (spans, no_sheet) = split(&kinds);
        let project = |first, last, pages: &[usize]| SheetSpan {
            kind: SheetKind::Project,
            ..span(first, last, pages)
        };
        assert_eq!(
            spans,
            vec![
                project(0, 3, &[0, 1, 3]),
                project(4, 4, &[4]),
                span(6, 6, &[6])
            ]
        );
        assert_eq!(no_sheet, vec![5, 7]);
    }

    #[test]
    fn single_page_description() {
        assert_eq!(describe_pages(&[6]), "page 7");
        assert_eq!(span(30, 32, &[30, 31, 32]).describe(), "pages 31-33");
    }
}
