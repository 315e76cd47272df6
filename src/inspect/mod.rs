//! What the extractor saw, for people: takes a PDF and gives, per page, the glyphs, ruling
//! segments, detected cells (with their row/column span in the page's grid) and the field
//! each cell was read as, rendered as a text listing ([`text`]) or an SVG picture ([`svg`]).
//! Cells with text that no field took are exactly those reported in `warnings`.

pub mod svg;
pub mod text;

use crate::book::{self, SheetSpan, Splitter};
use crate::error::ExtractError;
use crate::grid::{self, Cell, PageGrid};
use crate::model::{Sheet, Source};
use crate::pdf::PageContent;
use crate::{Limits, read_pages, sheet};

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

/// Run the pipeline on `bytes` (on the pages of `pages` only, where given), keeping what
/// each stage saw; a file the extractor rejects is still shown, with the reason.
pub fn inspect(
    bytes: Vec<u8>,
    file: &str,
    limits: &Limits,
    pages: Option<PageRange>,
) -> Result<Inspection, ExtractError> {
    let (source, contents) = read_pages(bytes, file, limits, pages)?;
    let first = pages.map_or(0, |(from, _)| from.saturating_sub(1));
    let grids: Vec<PageGrid> = contents
        .iter()
        .enumerate()
        .map(|(i, content)| grid::build(first + i, content))
        .collect();
    let (sheets, (fields, free_used)) = inspect_sheets(&contents, &grids, first, &source);
    let rejected = sheets.is_empty().then(|| {
        let looked_at: Vec<usize> = (first..first + contents.len()).collect();
        let range = book::describe_pages(&looked_at);
        ExtractError::NotASheet(format!("no sheet header (基本方針/基本施策) on {range}"))
    });
    let pages = contents
        .into_iter()
        .zip(grids)
        .enumerate()
        .map(|(index, (content, grid))| InspectedPage {
            number: first + index + 1,
            cells: inspect_cells(&grid, &fields[index]),
            free_lines: grid
                .free_lines
                .into_iter()
                .zip(&free_used[index])
                .map(|(line, &used)| FreeLine { line, used })
                .collect(),
            content,
        })
        .collect();
    Ok(Inspection {
        pages,
        sheets,
        rejected,
    })
}

/// A sheet's page range and what the sheet stage made of it.
pub type SheetResult = (SheetSpan, Result<Sheet, ExtractError>);

/// Per page, what the sheet stage made of each cell and free line.
type PageFields = (Vec<Vec<Option<String>>>, Vec<Vec<bool>>);

/// Split the pages (the first is file page `first`, 0-based) into sheets as the book stage
/// does, and run the sheet stage on each, keeping the field of every cell.
fn inspect_sheets(
    contents: &[PageContent],
    grids: &[PageGrid],
    first: usize,
    source: &Source,
) -> (Vec<SheetResult>, PageFields) {
    let (mut fields, mut free_used): PageFields = (
        grids.iter().map(|g| vec![None; g.cells.len()]).collect(),
        grids
            .iter()
            .map(|g| vec![false; g.free_lines.len()])
            .collect(),
    );
    let mut splitter = Splitter::default();
    let mut spans = Vec::new();
    for (i, content) in contents.iter().enumerate() {
        let (kind, _) = book::classify(first + i, content);
        spans.extend(splitter.push(first + i, &kind));
    }
    spans.extend(splitter.finish());
    let mut sheets = Vec::new();
    for span in spans {
        let local: Vec<usize> = span.pages.iter().map(|p| p - first).collect();
        let sheet_grids: Vec<PageGrid> = local.iter().map(|&i| grids[i].clone()).collect();
        let sheet_source = Source {
            first_page: span.first + 1,
            pages: span.last - span.first + 1,
            ..source.clone()
        };
        let (sheet, sheet_fields, sheet_free) = sheet::build_inspected(&sheet_grids, sheet_source);
        for ((&i, f), u) in local.iter().zip(sheet_fields).zip(sheet_free) {
            fields[i] = f;
            free_used[i] = u;
        }
        sheets.push((span, sheet));
    }
    (sheets, (fields, free_used))
}

fn inspect_cells(grid: &PageGrid, fields: &[Option<String>]) -> Vec<InspectedCell> {
    let xs = edges(grid.cells.iter().flat_map(|c| [c.rect.x0, c.rect.x1]));
    let ys = edges(grid.cells.iter().flat_map(|c| [c.rect.y0, c.rect.y1]));
    grid.cells
        .iter()
        .zip(fields)
        .map(|(cell, field)| InspectedCell {
            rows: span(&ys, cell.rect.y0, cell.rect.y1),
            columns: span(&xs, cell.rect.x0, cell.rect.x1),
            role: Role::of(cell, field.as_deref()),
            cell: cell.clone(),
        })
        .collect()
}

/// Distinct cell edges along one axis, sorted (edges closer than a point are one).
fn edges(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut all: Vec<f64> = values.collect();
    all.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for v in all {
        if out.last().is_none_or(|&last| v - last > 1.0) {
            out.push(v);
        }
    }
    out
}

/// The 1-based grid tracks between `from` and `to`.
fn span(edges: &[f64], from: f64, to: f64) -> (usize, usize) {
    let index = |v: f64| {
        edges
            .iter()
            .position(|&e| (e - v).abs() <= 1.0)
            .unwrap_or(0)
    };
    let (first, last) = (index(from), index(to));
    (first + 1, last.max(first + 1))
}
