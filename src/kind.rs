//! Stage 3 — **kind of page**: takes one page's content and gives what the page is for the
//! [`book`](crate::book) stage ([`PageKind`]) and, for a page that belongs to a sheet, its
//! [`grid`](crate::grid). Each kind of sheet recognises its own pages with its own readers:
//! the measure sheet's probe first ([`classify`]: header labels, then the grid, then the
//! sheet stage's [`page_facts`](crate::sheet::page_facts)); the project sheet's recognition
//! ([`crate::project::recognise`]) only for pages the measure probe did not claim, behind
//! [`project_seam`], because it needs the `form` stage's labelled page (about twice the cost
//! of a measure page).
//!
//! A page's grid is built only when the cheap text test says it may start or continue a
//! sheet, so that a foreign document is rejected without building grids.

use crate::book::{PageKind, ProjectKey};
use crate::form::{self, FormPage};
use crate::grid::{self, PageGrid};
use crate::labels::measure as labels;
use crate::layout::Layout;
use crate::page::SheetPage;
use crate::pdf::PageContent;
use crate::project::recognise::{self, Continuation, ProjectStart};
use crate::sheet;
use crate::text;
use crate::values::{self, split_numbered_title};

/// Whether the page-kind step asks project recognition about pages the measure probe did
/// not claim. Off until [`crate::project::recognise`] recognises pages (its functions are
/// stubs today): the labelled page it needs would be computed for nothing.
pub const RECOGNISE_PROJECT_PAGES: bool = true;

/// A page's kind and what was built to decide it, kept for the stage that reads the sheet.
pub struct Classified {
    pub kind: PageKind,
    /// The grid of a page that belongs to a sheet (measure or project).
    pub grid: Option<PageGrid>,
    /// The labelled page of a page the measure probe did not claim, when project recognition
    /// looked at it (to ask [`continues`](recognise::continues) in page order).
    pub form: Option<Box<FormPage>>,
}

impl Classified {
    fn of(kind: PageKind, grid: Option<PageGrid>) -> Self {
        Classified {
            kind,
            grid,
            form: None,
        }
    }
}

/// A page's text in drawing order, without white space: enough for the label tests.
fn page_text(content: &PageContent) -> String {
    let drawn: String = content.glyphs.iter().map(|g| g.text.as_str()).collect();
    text::compact(&drawn)
}

/// Whether the page's compact text holds a project-name label (事業名 …): the cheap test
/// before a measure continuation page is asked whether it starts a project sheet.
fn names_a_project(text: &str) -> bool {
    crate::labels::PROJECT_NAME_LABELS
        .iter()
        .any(|l| text.contains(l))
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
        text.contains(labels::POLICY)
            && text.contains("施策")
            && labels::HEADER_COMPANIONS.iter().any(|c| text.contains(c))
    };
    holds(drawn)
        || (has_chars_of(drawn, &labels::HEADER_CHARS) && holds(&page_text_by_lines(content)))
}

fn has_chars_of(text: &str, labels: &[&str]) -> bool {
    labels
        .iter()
        .flat_map(|l| l.chars())
        .all(|c| text.contains(c))
}

/// The kind of a page and, for pages that belong to sheets, its grid (file page `index`,
/// 0-based).
pub fn classify(index: usize, content: &PageContent) -> (PageKind, Option<PageGrid>) {
    let classified = classify_page(index, content, true);
    (classified.kind, classified.grid)
}

/// [`classify`] for a page before the first sheet header, where a continuation would belong
/// to no sheet anyway: only a page with the header labels gets a grid, so that a foreign
/// document is rejected cheaply.
pub fn probe(index: usize, content: &PageContent) -> (PageKind, Option<PageGrid>) {
    let classified = classify_page(index, content, false);
    (classified.kind, classified.grid)
}

/// Classify a page (`continuations`: whether a measure continuation page may be claimed),
/// asking project recognition about what the measure probe leaves.
pub fn classify_page(index: usize, content: &PageContent, continuations: bool) -> Classified {
    let text = page_text(content);
    let (kind, grid) = measure_probe(index, content, &text, continuations);
    if !RECOGNISE_PROJECT_PAGES {
        return Classified::of(kind, grid);
    }
    match kind {
        PageKind::Other => project_seam(index, content, grid),
        // A project sheet's first page holds indicator labels too: a page the measure probe
        // calls a continuation may start a project sheet when it prints a project-name label
        // (the cheap text test keeps measure books from reading their pages as forms).
        PageKind::Continuation { .. } if names_a_project(&text) => {
            let seam = project_seam(index, content, grid);
            if matches!(seam.kind, PageKind::ProjectStart { .. }) {
                seam
            } else {
                Classified::of(kind, seam.grid)
            }
        }
        _ => Classified::of(kind, grid),
    }
}

/// The measure sheet's reading of a page: blank, header, continuation or other.
fn measure_probe(
    index: usize,
    content: &PageContent,
    text: &str,
    continuations: bool,
) -> (PageKind, Option<PageGrid>) {
    if is_blank(text) {
        return (PageKind::Blank, None);
    }
    if holds_header_labels(content, text) {
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
    let labels: Vec<&str> = labels::INDICATOR_ROWS
        .iter()
        .chain(&labels::PROJECT_TABLE)
        .copied()
        .collect();
    let mentioned = labels.iter().any(|l| text.contains(l))
        || labels.iter().any(|l| has_chars_of(text, &[l])) && {
            let lines = page_text_by_lines(content);
            labels.iter().any(|l| lines.contains(l))
        };
    if !mentioned {
        return (PageKind::Other, None);
    }
    continuation(grid::build(index, content))
}

/// The seam where project sheets plug in: a page the measure probe did not claim, read as a
/// labelled page and given to [`recognise::starts_sheet`]. A page that starts no project
/// sheet keeps its labelled page, so that [`continues`] can be asked in page order (only the
/// splitter knows which sheet is open).
pub fn project_seam(index: usize, content: &PageContent, grid: Option<PageGrid>) -> Classified {
    let grid = grid.unwrap_or_else(|| grid::build(index, content));
    let form = form::read_page(content, &grid);
    match recognise::starts_sheet(&form) {
        Some(ProjectStart { name, number }) => Classified {
            kind: PageKind::ProjectStart {
                key: ProjectKey { name, number },
            },
            grid: Some(grid),
            form: Some(Box::new(form)),
        },
        None => Classified {
            kind: PageKind::Other,
            grid: Some(grid),
            form: Some(Box::new(form)),
        },
    }
}

/// What a page left unclaimed is to the open project sheet `open`
/// ([`recognise::continues`]); `Other` when it was not read as a labelled page.
pub fn continues(form: Option<&FormPage>, open: &ProjectKey) -> PageKind {
    let Some(form) = form else {
        return PageKind::Other;
    };
    let open = ProjectStart {
        name: open.name.clone(),
        number: open.number.clone(),
    };
    match recognise::continues(form, &open) {
        Continuation::Continues => PageKind::ProjectContinuation,
        Continuation::Blank => PageKind::Blank,
        Continuation::Ends => PageKind::Other,
    }
}

/// A page with a grid: a continuation when it holds sheet content, else other (keeping the
/// grid for the project seam, which would build it again).
fn continuation(grid: PageGrid) -> (PageKind, Option<PageGrid>) {
    if holds_sheet_content(&grid) {
        let held = sheet::page_facts(&grid).held;
        (PageKind::Continuation { held }, Some(grid))
    } else {
        (PageKind::Other, Some(grid))
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
        layout
            .find(SheetPage(0), |l| l == label)
            .into_iter()
            .find_map(|id| {
                let text = layout.cell(layout.right_of(id)?).text();
                let (number, _) = split_numbered_title(&text);
                number
            })
    };
    numbered_beside(labels::POLICY).is_some() && numbered_beside(labels::MEASURE).is_some()
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
        indicator_label |= label == labels::INDICATOR;
        value_label |= labels::INDICATOR_ROWS.contains(&label.as_str());
        let project_column = labels::PROJECT_TABLE.iter().any(|l| label.starts_with(l));
        if (indicator_label && value_label) || project_column {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;

    fn first_page(path: &str) -> PageContent {
        let bytes = std::fs::read(path).unwrap();
        let (_, mut pages) =
            crate::reader::read_pages(bytes, path, &Limits::default(), Some((1, 1))).unwrap();
        pages.remove(0)
    }

    /// A measure header page is claimed by the measure probe: the labelled page of the
    /// project seam is not computed for it.
    #[test]
    fn a_measure_page_never_reaches_the_project_seam() {
        let page = classify_page(0, &first_page("fixtures/sample-r5-2-3.pdf"), true);
        assert!(matches!(page.kind, PageKind::Header { .. }));
        assert!(page.grid.is_some());
        assert!(page.form.is_none());
    }

    /// A page the measure probe leaves goes through the seam: it is read as a labelled page,
    /// given to project recognition (which recognises nothing yet), and kept for `continues`.
    #[test]
    fn an_unclaimed_page_is_read_as_a_labelled_page_at_the_seam() {
        let content = first_page("fixtures/bad/not-a-sheet.pdf");
        assert_eq!(classify(0, &content).0, PageKind::Other);
        let page = project_seam(0, &content, None);
        assert_eq!(page.kind, PageKind::Other);
        let form = page.form.expect("read at the seam");
        assert_eq!(form.page, 1);
        let open = ProjectKey::default();
        assert_eq!(continues(Some(&form), &open), PageKind::Other);
        assert_eq!(continues(None, &open), PageKind::Other);
    }
}
