//! What the extractor saw, for people: takes a PDF and gives, per page, the glyphs, ruling
//! segments, detected cells (with their row/column span in the page's grid) and the field
//! each cell was read as, rendered as a text listing ([`text`]) or an SVG picture ([`svg`]).
//! Cells with text that no field took are exactly those reported in `warnings`.

pub mod svg;
pub mod text;

use crate::book::SheetSpan;
use crate::document::Document;
use crate::error::ExtractError;
use crate::grid::{self, Cell, PageGrid};
use crate::limits::Limits;
use crate::page::FilePage;
use crate::pdf::PageContent;
use crate::pipeline::{self, PageEvent, SheetPages};

/// How a cell was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// A printed label (基本施策, 実績値, …) or the legend.
    Label,
    /// A value: the field path it went to.
    Value(String),
    /// Narrative text (items of status, analysis, policy, next steps, descriptions).
    Text(String),
    /// Text that no field took (reported in warnings).
    Unassigned,
    /// An empty cell.
    Empty,
}

impl Role {
    fn of(cell: &Cell, field: Option<&str>) -> Role {
        match field {
            _ if cell.is_empty() => Role::Empty,
            None => Role::Unassigned,
            Some("label" | "legend") => Role::Label,
            Some(path) if is_narrative(path) => Role::Text(path.to_string()),
            Some(path) => Role::Value(path.to_string()),
        }
    }

    /// Short name used in listings and as the SVG class.
    pub fn kind(&self) -> &'static str {
        match self {
            Role::Label => "label",
            Role::Value(_) => "value",
            Role::Text(_) => "text",
            Role::Unassigned => "unassigned",
            Role::Empty => "empty",
        }
    }

    /// The field path, or the kind where there is none.
    pub fn describe(&self) -> &str {
        match self {
            Role::Value(path) | Role::Text(path) => path,
            other => other.kind(),
        }
    }
}

fn is_narrative(path: &str) -> bool {
    [
        ".status.",
        ".analysis.",
        ".policy_direction",
        ".next_steps",
        ".description",
    ]
    .iter()
    .any(|part| path.contains(part))
}

/// A detected cell with its place in the page's grid and its role.
#[derive(Debug, Clone)]
pub struct InspectedCell {
    pub cell: Cell,
    /// First and last grid row / column it spans (1-based).
    pub rows: (usize, usize),
    pub columns: (usize, usize),
    pub role: Role,
}

/// A line of text outside the ruled cells.
#[derive(Debug, Clone)]
pub struct FreeLine {
    pub line: crate::text::Line,
    pub used: bool,
}

/// One page as the extractor saw it.
#[derive(Debug, Clone)]
pub struct InspectedPage {
    pub number: usize,
    pub content: PageContent,
    pub cells: Vec<InspectedCell>,
    pub free_lines: Vec<FreeLine>,
}

/// The whole file (or the pages asked for): its pages, each sheet found with its page range,
/// and why the file was rejected where it was.
#[derive(Debug)]
pub struct Inspection {
    pub pages: Vec<InspectedPage>,
    pub sheets: Vec<SheetResult>,
    /// Why the extractor rejects the file (no sheet header on the pages looked at).
    pub rejected: Option<ExtractError>,
}

/// Which pages to inspect: 1-based, inclusive.
pub type PageRange = (usize, usize);

/// Run the pipeline on `bytes`, as extraction does, keeping what each stage saw of the pages
/// of `pages` (all where not given) and the sheets those pages belong to (read from their
/// first page, also where it lies before the range); a file the extractor rejects is still
/// shown, with the extractor's reason.
pub fn inspect(
    bytes: Vec<u8>,
    file: &str,
    limits: &Limits,
    pages: Option<PageRange>,
) -> Result<Inspection, ExtractError> {
    // Opened as the pipeline opens it (the input limit first), for the page count.
    let page_count = crate::reader::open(bytes.clone(), limits)?.0.page_count();
    let (from, to) = pages.unwrap_or((1, page_count.max(1)));
    if pages.is_some() && (from == 0 || from > to || to > page_count) {
        return Err(ExtractError::NotASheet(format!(
            "pages {from}-{to} are not in the file ({page_count} pages)"
        )));
    }
    let mut recorder = Recorder {
        range: (from - 1, to - 1),
        last_read: None,
        open_since: None,
        pages: Vec::new(),
        sheets: Vec::new(),
    };
    let run = pipeline::run_observed(bytes, file, limits, 1, &mut recorder);
    let rejected = match run {
        Ok(_) => None,
        Err(e) if recorder.pages.is_empty() => return Err(e),
        Err(e) => Some(e),
    };
    Ok(recorder.into_inspection(rejected))
}

/// A sheet's page range and what the sheet stage made of it.
pub type SheetResult = (SheetSpan, Result<Document, ExtractError>);

/// The observer of an inspected run: keeps the pages in the range and the sheets they
/// belong to, and stops the run once the range's last sheet is complete.
struct Recorder {
    /// File pages (0-based, inclusive) to show.
    range: (usize, usize),
    last_read: Option<usize>,
    open_since: Option<FilePage>,
    pages: Vec<(PageContent, PageGrid)>,
    /// Each sheet with, per file page of its grids, the fields of the cells and free lines.
    sheets: Vec<(SheetResult, Vec<(FilePage, PageFields)>)>,
}

/// What the sheet stage made of each cell and free line of one page.
type PageFields = (Vec<Option<String>>, Vec<bool>);

impl pipeline::Observer for Recorder {
    fn wants_pages(&self) -> bool {
        true
    }

    fn page(&mut self, event: PageEvent<'_>) {
        self.last_read = Some(event.index);
        self.open_since = event.open_since;
        let shown = self.range.0 <= event.index && event.index <= self.range.1;
        if let (true, Some(content)) = (shown, event.content) {
            let grid = match event.grid {
                Some(grid) => grid.clone(),
                None => grid::build(event.index, content),
            };
            self.pages.push((content.clone(), grid));
        }
    }

    fn sheet(&mut self, pages: SheetPages<'_>) {
        let span = pages.span;
        if span.last.index() < self.range.0 || span.first.index() > self.range.1 {
            return;
        }
        let (sheet, fields, free) = pages.build_inspected();
        let by_page = pages
            .grids
            .iter()
            .zip(fields.into_iter().zip(free))
            .map(|(grid, fields)| (grid.page, fields))
            .collect();
        self.sheets.push(((span.clone(), sheet), by_page));
    }

    fn done(&self) -> bool {
        let past = self.last_read.is_some_and(|last| last >= self.range.1);
        past && self
            .open_since
            .is_none_or(|first| first.index() > self.range.1)
    }
}

impl Recorder {
    fn into_inspection(self, rejected: Option<ExtractError>) -> Inspection {
        let mut fields: std::collections::HashMap<FilePage, PageFields> = Default::default();
        let mut sheets = Vec::new();
        for (sheet, by_page) in self.sheets {
            fields.extend(by_page);
            sheets.push(sheet);
        }
        let pages = self
            .pages
            .into_iter()
            .map(|(content, grid)| {
                let (cell_fields, free_used) = fields.remove(&grid.page).unwrap_or_else(|| {
                    (
                        vec![None; grid.cells.len()],
                        vec![false; grid.free_lines.len()],
                    )
                });
                InspectedPage {
                    number: grid.page.number(),
                    cells: inspect_cells(&grid, &cell_fields),
                    free_lines: grid
                        .free_lines
                        .into_iter()
                        .zip(free_used)
                        .map(|(line, used)| FreeLine { line, used })
                        .collect(),
                    content,
                }
            })
            .collect();
        Inspection {
            pages,
            sheets,
            rejected,
        }
    }
}

fn inspect_cells(grid: &PageGrid, fields: &[Option<String>]) -> Vec<InspectedCell> {
    let tracks = grid::Tracks::of(&grid.cells);
    let first_last = |(first, count): (usize, usize)| (first, first + count - 1);
    grid.cells
        .iter()
        .zip(fields)
        .map(|(cell, field)| InspectedCell {
            rows: first_last(tracks.rows(&cell.rect)),
            columns: first_last(tracks.cols(&cell.rect)),
            role: Role::of(cell, field.as_deref()),
            cell: cell.clone(),
        })
        .collect()
}
