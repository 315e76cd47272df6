//! Stage **project** (SPEC.md "Project sheets"): takes the labelled cells of a project
//! sheet's pages (the [`form`](crate::form) stage's [`FormPage`]s) and gives the sheet's
//! model, [`ProjectSheet`]. Which pages start, continue and end a project sheet is decided
//! by [`recognise`]; the sheet's heading members (title, year, number, name, departments,
//! plan position, outline, fields) by [`header`]; its tables by [`indicators`], [`costs`] and
//! [`assessments`] (with the direction). Bare and era years are read by [`years`].
//!
//! Every reader of a part takes the sheet's pages and a [`Context`] and gives a [`Part`]: the
//! value, the cells it took (so that [`header`] can put every labelled value nothing else took
//! into `fields`) and its warnings. No reader keys on a city's coordinates or colours: only on
//! printed labels (the [`labels`](crate::labels) module) and geometry.

pub mod assessments;
pub mod costs;
pub mod header;
pub mod indicators;
pub mod model;
pub mod recognise;
pub mod years;

pub use model::*;

use crate::Limits;
use crate::book::{PageSelection, SheetKind, SheetSpan};
use crate::error::ExtractError;
use crate::form::{self, FormPage};
use crate::model::Source;
use crate::page::FilePage;

/// What every part reader may know about the sheet it reads.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The fiscal year whose era a bare year (`20年度`) takes (SPEC: the title's year, else
    /// the latest era year printed in the file); None when there is none.
    pub era_year: Option<i32>,
}

/// A cell of a sheet, by file page and grid position (the cell's `row` and `col`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellRef {
    pub page: usize,
    pub row: usize,
    pub col: usize,
}

/// What a part reader gives: its value, the cells it took, the member each of them went to
/// where it says (`indicators[0]`, `outline.purpose`: what `inspect` shows) and its warnings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Part<T> {
    pub value: T,
    pub taken: Vec<CellRef>,
    pub members: Vec<(CellRef, String)>,
    pub warnings: Vec<crate::warning::Warning>,
}

/// The member of the sheet each cell went to, by cell (for `inspect`): a JSON path such as
/// `name`, `outline.purpose`, `indicators[1]`, `costs.items[3]`, `assessments[0].reason`,
/// `direction` or `fields[2]`.
pub type Members = std::collections::HashMap<CellRef, String>;

/// The pages of one project sheet, in order (1–6 pages, 別紙 pages included).
pub type SheetPages<'a> = &'a [FormPage];

/// The first pages in which a sheet must start (SPEC "Kinds of sheet").
pub const PROBE_PAGES: usize = 30;

/// Read every project sheet of a file, page by page (the form stage's [`read_each`]: no
/// page is kept once its sheet is built), grouping pages with [`recognise`]. Gives the
/// sheets whose first page `limits.pages` selects (`--pages`, as the measure path does; the
/// others are not built). Fails as SPEC "Kinds of sheet" says when no sheet starts in the
/// first [`PROBE_PAGES`] pages, whatever the selection.
///
/// [`read_each`]: crate::form::read_each
pub fn read(
    bytes: Vec<u8>,
    file: &str,
    limits: &Limits,
) -> Result<Vec<ProjectSheet>, ExtractError> {
    let mut reader = SheetReader {
        selection: limits.pages,
        ..SheetReader::default()
    };
    let (source, _) = form::read_each(bytes, file, limits, None, |page| reader.push(page))?;
    reader.close();
    if reader.started == 0 {
        let probed = source.pages.min(PROBE_PAGES);
        let pages = if probed == 1 {
            "page 1".to_string()
        } else {
            format!("pages 1-{probed}")
        };
        return Err(ExtractError::NotASheet(format!(
            "no 基本施策 or 事務事業 sheet header on {pages} (sheet-extract form reads any form)"
        )));
    }
    let mut sheets = reader.sheets;
    for sheet in &mut sheets {
        sheet.source.file = file.to_string();
        sheet.source.sha256 = source.sha256.clone();
    }
    Ok(sheets)
}

/// The streaming state of [`read`]: the open sheet's pages and the sheets built so far.
#[derive(Default)]
struct SheetReader {
    grouper: recognise::Grouper,
    open: Vec<FormPage>,
    sheets: Vec<ProjectSheet>,
    /// How many sheets started (selected or not).
    started: usize,
    /// `--pages`: the sheets to build, by their first page.
    selection: PageSelection,
    /// The latest era year of the pages read so far (the era of bare years).
    latest_era: Option<i32>,
    /// Past the probe pages without a sheet: the rest is not read.
    gave_up: bool,
}

impl SheetReader {
    fn push(&mut self, page: FormPage) {
        if self.gave_up {
            return;
        }
        let kind = recognise::page_kind(&page, self.grouper.open());
        match self.grouper.push(kind) {
            recognise::Step::Open => {
                self.close();
                self.open.push(page);
            }
            recognise::Step::Add => self.open.push(page),
            recognise::Step::Skip => {}
            recognise::Step::Close => self.close(),
        }
        let started = self.started > 0 || !self.open.is_empty();
        self.gave_up = !started && self.grouper.pages_seen() >= PROBE_PAGES;
    }

    fn close(&mut self) {
        if self.open.is_empty() {
            return;
        }
        let pages = std::mem::take(&mut self.open);
        self.started += 1;
        let first = pages[0].page;
        let span = SheetSpan {
            first: FilePage::from_number(first),
            last: FilePage::from_number(pages[pages.len() - 1].page),
            pages: Vec::new(),
            kind: SheetKind::Project,
            fault: None,
        };
        if self.selection.selects(&span) {
            self.sheets.push(build(&pages, self.latest_era));
        }
        self.latest_era = self.latest_era.max(header::latest_era_year(&pages));
    }
}

/// Build one sheet from its pages (first page first); `earlier_era`: the latest era year of
/// the file's earlier pages. `source.file` and `sha256` are filled by the caller.
pub fn build(pages: &[FormPage], earlier_era: Option<i32>) -> ProjectSheet {
    build_inspected(pages, earlier_era).0
}

/// [`build`], also saying which member each cell went to (the same reading: `inspect` shows
/// what extraction did). A taken cell whose reader names no finer member gets its part's
/// (`indicators`, `costs`, `assessments`).
pub fn build_inspected(pages: &[FormPage], earlier_era: Option<i32>) -> (ProjectSheet, Members) {
    let title_year = pages.first().and_then(|first| {
        let title: Vec<&str> = recognise::title_lines(first)
            .iter()
            .map(|l| l.text.as_str())
            .collect();
        header::evaluation_year(Some(&title.join("\u{3000}")), first)
    });
    let context = Context {
        era_year: title_year
            .map(|y| y.fiscal_year)
            .or_else(|| header::latest_era_year(pages))
            .or(earlier_era),
    };
    // Both the indicator and the cost reader look at every year table: found once per page.
    let year_tables = years::of_pages(pages, &context);
    let indicators = indicators::read_tables(pages, &year_tables, &context);
    let costs = costs::read_tables(pages, &year_tables, &context);
    let judgements = assessments::read(pages, &context);
    let taken: Vec<CellRef> = [&indicators.taken, &costs.taken, &judgements.taken]
        .into_iter()
        .flatten()
        .copied()
        .collect();
    let head = header::read(pages, &context, &taken);
    let mut members = Members::new();
    for (part, name) in [
        (&indicators.members, "indicators"),
        (&costs.members, "costs"),
        (&judgements.members, "assessments"),
        (&head.members, ""),
    ] {
        members.extend(part.iter().cloned());
        let taken = match name {
            "indicators" => &indicators.taken,
            "costs" => &costs.taken,
            "assessments" => &judgements.taken,
            _ => continue,
        };
        for cell in taken {
            members.entry(*cell).or_insert_with(|| name.to_string());
        }
    }
    let first_page = pages.first().map_or(1, |p| p.page);
    let last_page = pages.last().map_or(first_page, |p| p.page);
    let warnings = [
        head.warnings,
        indicators.warnings,
        costs.warnings,
        judgements.warnings,
    ]
    .concat();
    let h = head.value;
    let sheet = ProjectSheet {
        schema_version: 1,
        kind: "project".into(),
        source: Source {
            file: String::new(),
            first_page,
            pages: last_page + 1 - first_page,
            sha256: String::new(),
        },
        title: h.title,
        evaluation_year: h.evaluation_year,
        number: h.number,
        name: h.name,
        departments: h.departments,
        plan_position: h.plan_position,
        outline: h.outline,
        indicators: indicators.value,
        costs: costs.value,
        assessments: judgements.value.assessments,
        direction: judgements.value.direction,
        fields: h.fields,
        warnings,
    };
    (sheet, members)
}

/// A one-track cell for the part readers' unit tests (shaded when it is a label).
#[cfg(test)]
pub(crate) fn test_cell(
    row: usize,
    col: usize,
    bbox: [f64; 4],
    text: &str,
    label: bool,
) -> crate::form::FormCell {
    crate::form::FormCell {
        row,
        col,
        rows: 1,
        cols: 1,
        bbox,
        text: text.into(),
        label,
        shaded: label,
        section: None,
        row_headers: vec![],
        column_headers: vec![],
        number: None,
        options: None,
    }
}
