//! What the extractor saw, for people: takes a PDF and gives, per page, the glyphs, ruling
//! segments, detected cells (with their row/column span in the page's grid) and the field
//! each cell was read as, rendered as a text listing ([`text`]) or an SVG picture ([`svg`]).
//! Cells with text that no field took are exactly those reported in `warnings`.

pub mod svg;
pub mod text;

use crate::error::ExtractError;
use crate::grid::{self, Cell, PageGrid};
use crate::model::Sheet;
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

/// The whole file: its pages, and the sheet (or why there is none).
#[derive(Debug)]
pub struct Inspection {
    pub pages: Vec<InspectedPage>,
    pub sheet: Result<Sheet, ExtractError>,
}

/// Run the pipeline on `bytes`, keeping what each stage saw.
pub fn inspect(bytes: Vec<u8>, file: &str, limits: &Limits) -> Result<Inspection, ExtractError> {
    let (source, contents) = read_pages(bytes, file, limits)?;
    let grids = grid::build_pages(&contents);
    let (sheet, fields, free_used) = sheet::build_inspected(&grids, source);
    let pages = contents
        .into_iter()
        .zip(grids)
        .enumerate()
        .map(|(index, (content, grid))| InspectedPage {
            number: index + 1,
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
    Ok(Inspection { pages, sheet })
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
