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
use crate::error::ExtractError;
use crate::form::{self, FormPage};
use crate::model::Source;

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

/// What a part reader gives: its value, the cells it took and its warnings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Part<T> {
    pub value: T,
    pub taken: Vec<CellRef>,
    pub warnings: Vec<String>,
}

/// The pages of one project sheet, in order (1–6 pages, 別紙 pages included).
pub type SheetPages<'a> = &'a [FormPage];

/// The first pages in which a sheet must start (SPEC "Kinds of sheet").
pub const PROBE_PAGES: usize = 30;

/// Read every project sheet of a file, page by page (the form stage's [`read_each`]: no
/// page is kept once its sheet is built), grouping pages with [`recognise`]. Fails as
/// SPEC "Kinds of sheet" says when no sheet starts in the first [`PROBE_PAGES`] pages.
///
/// [`read_each`]: crate::form::read_each
pub fn read(
    bytes: Vec<u8>,
    file: &str,
    limits: &Limits,
) -> Result<Vec<ProjectSheet>, ExtractError> {
    let mut reader = SheetReader::default();
    let (source, _) = form::read_each(bytes, file, limits, None, |page| reader.push(page))?;
    reader.close();
    if reader.sheets.is_empty() {
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
        let started = !self.sheets.is_empty() || !self.open.is_empty();
        self.gave_up = !started && self.grouper.pages_seen() >= PROBE_PAGES;
    }

    fn close(&mut self) {
        if self.open.is_empty() {
            return;
        }
        let pages = std::mem::take(&mut self.open);
        let sheet = build(&pages, self.latest_era);
        self.latest_era = self.latest_era.max(header::latest_era_year(&pages));
        self.sheets.push(sheet);
    }
}

/// Build one sheet from its pages (first page first); `earlier_era`: the latest era year of
/// the file's earlier pages. `source.file` and `sha256` are filled by the caller.
pub fn build(pages: &[FormPage], earlier_era: Option<i32>) -> ProjectSheet {
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
    let indicators = indicators::read(pages, &context);
    let costs = costs::read(pages, &context);
    let judgements = assessments::read(pages, &context);
    let taken: Vec<CellRef> = [&indicators.taken, &costs.taken, &judgements.taken]
        .into_iter()
        .flatten()
        .copied()
        .collect();
    let head = header::read(pages, &context, &taken);
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
    ProjectSheet {
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
    }
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
