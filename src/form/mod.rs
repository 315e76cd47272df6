//! Stage **form** (SPEC.md "Any form"): takes a page's grid (cells with text lines), its
//! glyphs and its filled areas, and gives the page's cells that hold text, each with its
//! grid position, box, text, number, whether it is a label or shaded, its section and the
//! labels that name it ([`FormPage`]); [`read`] / [`read_each`] run it over a whole file page
//! by page. The label decision is in [`classify`], the header search in [`headers`], the
//! headings in [`sections`] (the CSV/xlsx rows: `output::form_rows`). Every kind of sheet can be
//! built on these labelled cells.

pub mod classify;
pub mod geometry;
pub mod headers;
pub mod lists;
pub mod sections;
#[cfg(test)]
pub(crate) mod test_pages;

use std::panic::{AssertUnwindSafe, catch_unwind};

use serde::{Deserialize, Serialize};

use crate::error::ExtractError;
use crate::grid::{self, Cell, PageGrid, Rect, Tracks};
use crate::labels;
use crate::limits::Limits;
use crate::page::FilePage;
use crate::pdf::{FileBytes, Fill, PageContent};
use crate::reader::{self, PageReader};
use crate::text::{self, Line};
use crate::tolerances::TOLERANCES;
use crate::values::{self, Number};
use crate::warning::Warning;
use classify::Kind;

/// One input file read as a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormDocument {
    pub schema_version: u32,
    /// Always `"form"`.
    pub kind: String,
    pub source: FormSource,
    pub pages: Vec<FormPage>,
    pub warnings: Vec<crate::warning::Warning>,
}

/// Where a form came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormSource {
    /// The input path as given.
    pub file: String,
    /// The file's page count.
    pub pages: usize,
    /// Hex SHA-256 of the file.
    pub sha256: String,
}

/// One page: its cells holding text, in reading order, and the text outside cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormPage {
    /// 1-based page of the file.
    pub page: usize,
    pub width: f64,
    pub height: f64,
    pub cells: Vec<FormCell>,
    pub lines: Vec<FormLine>,
}

impl FormPage {
    /// Whether the page prints any text (in cells or outside them).
    pub fn holds_text(&self) -> bool {
        !self.cells.is_empty() || !self.lines.is_empty()
    }
}

/// A ruled cell holding text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormCell {
    /// First grid row and column (1-based) and the span.
    pub row: usize,
    pub col: usize,
    pub rows: usize,
    pub cols: usize,
    /// `[x0, y0, x1, y1]` in points, origin top left, rounded to 0.1.
    pub bbox: [f64; 4],
    pub text: String,
    pub label: bool,
    pub shaded: bool,
    pub section: Option<String>,
    pub row_headers: Vec<String>,
    pub column_headers: Vec<String>,
    pub number: Option<Number>,
    pub options: Option<Vec<FormOption>>,
}

/// One option of a cell holding options with marks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormOption {
    pub mark: String,
    pub text: String,
}

/// A piece of text outside every ruled cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormLine {
    pub bbox: [f64; 4],
    pub text: String,
}

/// What the sections of a page's cells are found from.
struct SectionCells<'a> {
    rects: &'a [Rect],
    texts: &'a [String],
    kinds: &'a [Kind],
    tables: &'a [usize],
    spans: &'a [(f64, f64)],
}

/// Each cell's section: the nearest heading above it among the free lines (but page
/// numbers, unit notes and the lines `not_headings`) and the shaded bars.
fn cell_sections<'a>(
    cells: &SectionCells<'a>,
    pieces: &'a [sections::Piece],
    not_headings: &[usize],
) -> Vec<Option<&'a str>> {
    let headings: Vec<(Rect, &str)> = pieces
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            !values::is_page_number(&text::compact(&p.line.text))
                && !labels::is_unit_note(&p.line.text)
                && !not_headings.contains(i)
        })
        .map(|(_, p)| (p.rect, p.line.text.as_str()))
        .chain(
            (0..cells.rects.len())
                .filter(|&k| cells.kinds[k] == Kind::Bar)
                .map(|k| (cells.rects[k], cells.texts[k].as_str())),
        )
        .collect();
    (0..cells.rects.len())
        .map(|k| {
            let table = &cells.spans[cells.tables[k]];
            sections::section_of(&cells.rects[k], table, &headings).filter(|s| *s != cells.texts[k])
        })
        .collect()
}

/// Read one page: `grid` is the grid stage's reading of `content` (page number from the
/// grid, 0-based there, 1-based here).
pub fn read_page(content: &PageContent, grid: &PageGrid) -> FormPage {
    let grid_cells = split_side_by_side(split_enclosing(&grid.cells), &content.glyphs);
    let rects: Vec<Rect> = grid_cells.iter().map(|c| c.rect).collect();
    let texts: Vec<String> = grid_cells.iter().map(cell_text).collect();
    let shaded: Vec<bool> = rects.iter().map(|r| is_shaded(r, &content.fills)).collect();
    let tables = geometry::tables(&rects);
    let page = classify::Page::new(&rects, &texts, &shaded, &tables);
    let (kinds, marked) = classify::classify(&page);
    let pieces = sections::pieces(sections::free_glyphs(&content.glyphs, &rects));
    let holds_value: Vec<bool> = kinds.iter().map(|k| k.is_value()).collect();
    let tracks = Tracks::of(&grid_cells);
    let spans = table_spans(&rects, &tables);
    let cells = SectionCells {
        rects: &rects,
        texts: &texts,
        kinds: &kinds,
        tables: &tables,
        spans: &spans,
    };
    // Free lines that may name a box are no headings; those whose box a cell names after all
    // are headings again (the sections are found once more without them).
    let candidates = sections::free_labels(&pieces, &rects, &holds_value);
    let all: Vec<usize> = candidates.iter().map(|f| f.piece).collect();
    let first = cell_sections(&cells, &pieces, &all);
    let free_labels: Vec<sections::FreeLabel> = {
        let walk = headers::Walk {
            rects: &rects,
            texts: &texts,
            kinds: &kinds,
            hood: &page.hood,
            sections: &first,
        };
        let named = |k: usize| {
            !headers::row_headers(&walk, k, marked[k]).is_empty()
                || !headers::column_headers(&walk, k).is_empty()
        };
        candidates.into_iter().filter(|f| !named(f.cell)).collect()
    };
    let used: Vec<usize> = free_labels.iter().map(|f| f.piece).collect();
    let cell_sections = if used.len() == all.len() {
        first
    } else {
        cell_sections(&cells, &pieces, &used)
    };
    let walk = headers::Walk {
        rects: &rects,
        texts: &texts,
        kinds: &kinds,
        hood: &page.hood,
        sections: &cell_sections,
    };
    // A box no cell names may be named by a free line beside or above it.
    let headers_of = |k: usize| {
        let (row, column) = (
            headers::row_headers(&walk, k, marked[k]),
            headers::column_headers(&walk, k),
        );
        let free = free_labels.iter().find(|f| f.cell == k);
        match free {
            Some(f) if row.is_empty() && column.is_empty() => {
                let label = vec![labels::output(&pieces[f.piece].line.text)];
                if f.left {
                    (label, column)
                } else {
                    (row, label)
                }
            }
            _ => (row, column),
        }
    };
    let mut cells: Vec<FormCell> = (0..rects.len())
        .filter(|&k| kinds[k] != Kind::Empty)
        .map(|k| {
            let (row, rows) = tracks.rows(&rects[k]);
            let (col, cols) = tracks.cols(&rects[k]);
            let kind = kinds[k];
            let (row_headers, column_headers) = headers_of(k);
            FormCell {
                row,
                col,
                rows,
                cols,
                bbox: bbox(&rects[k]),
                text: if kind.is_label() {
                    texts[k].clone()
                } else {
                    value_text(&grid_cells[k])
                },
                label: kind.is_label(),
                shaded: shaded[k],
                section: cell_sections[k].map(str::to_string),
                row_headers,
                column_headers,
                number: (!kind.is_label()).then_some(page.numbers[k]).flatten(),
                options: (kind == Kind::Options)
                    .then(|| classify::parse_options(&texts[k]))
                    .flatten()
                    .map(|options| {
                        options
                            .into_iter()
                            .map(|o| FormOption {
                                mark: o.mark.to_string(),
                                text: o.text,
                            })
                            .collect()
                    }),
            }
        })
        .collect();
    cells.sort_by_key(|c| (c.row, c.col));
    FormPage {
        page: grid.page.number(),
        width: round_point(content.width),
        height: round_point(content.height),
        cells,
        lines: pieces
            .iter()
            .map(|p| FormLine {
                bbox: bbox(&p.rect),
                text: p.line.text.clone(),
            })
            .collect(),
    }
}

/// A cell that encloses other cells (the grid's smallest closed rectangle around an L-shaped
/// cell: `物件費` above, a vertical `（内訳）` left of the cells it groups) is split into the
/// parts of it beside those cells — above, below, left, right of their bounding box — each
/// with the lines whose centre lies in it; parts smaller than a cell are dropped.
pub fn split_enclosing(cells: &[Cell]) -> Vec<Cell> {
    let inside = |outer: &Rect, inner: &Rect| {
        let t = TOLERANCES.touch;
        inner.x0 >= outer.x0 - t
            && inner.x1 <= outer.x1 + t
            && inner.y0 >= outer.y0 - t
            && inner.y1 <= outer.y1 + t
            && (inner.width() < outer.width() - t || inner.height() < outer.height() - t)
    };
    let tops = Tops::of(cells);
    let mut out = Vec::with_capacity(cells.len());
    for (k, cell) in cells.iter().enumerate() {
        let inner: Vec<&Rect> = tops
            .between(
                cell.rect.y0 - TOLERANCES.touch,
                cell.rect.y1 + TOLERANCES.touch,
            )
            .iter()
            .map(|&j| (j, &cells[j]))
            .filter(|&(j, c)| j != k && inside(&cell.rect, &c.rect))
            .map(|(_, c)| &c.rect)
            .collect();
        if inner.is_empty() {
            out.push(cell.clone());
            continue;
        }
        let u = inner.iter().fold(*inner[0], |u, r| Rect {
            x0: u.x0.min(r.x0),
            y0: u.y0.min(r.y0),
            x1: u.x1.max(r.x1),
            y1: u.y1.max(r.y1),
        });
        let r = cell.rect;
        let parts = [
            Rect { y1: u.y0, ..r },
            Rect { y0: u.y1, ..r },
            Rect {
                y0: u.y0,
                y1: u.y1,
                x1: u.x0,
                ..r
            },
            Rect {
                y0: u.y0,
                y1: u.y1,
                x0: u.x1,
                ..r
            },
        ];
        for part in parts
            .into_iter()
            .filter(|p| p.width() >= TOLERANCES.min_cell && p.height() >= TOLERANCES.min_cell)
        {
            let lines = cell
                .lines
                .iter()
                .filter(|l| {
                    part.contains((l.x0 + l.x1) / 2.0, l.y - TOLERANCES.line_middle * l.size)
                })
                .cloned()
                .collect();
            out.push(Cell { rect: part, lines });
        }
    }
    out
}

/// The cells in order of their top edge, to find the cells starting within a height of the
/// page (the cells another can enclose) without looking at every cell.
struct Tops {
    order: Vec<usize>,
    tops: Vec<f64>,
    /// A coordinate is NaN or a cell is upside down: every cell is looked at.
    unordered: bool,
}

impl Tops {
    fn of(cells: &[Cell]) -> Tops {
        let tops: Vec<f64> = cells.iter().map(|c| c.rect.y0).collect();
        let unordered = cells
            .iter()
            .any(|c| c.rect.y0.is_nan() || c.rect.y1.is_nan() || c.rect.y0 > c.rect.y1);
        let mut order: Vec<usize> = (0..cells.len()).collect();
        if !unordered {
            order.sort_by(|&a, &b| tops[a].total_cmp(&tops[b]));
        }
        Tops {
            order,
            tops,
            unordered,
        }
    }

    /// The cells (indices, in no particular order) whose top edge is within `[y0, y1]`, and
    /// so every cell lying within those heights; all cells when the order cannot be trusted.
    fn between(&self, y0: f64, y1: f64) -> &[usize] {
        if self.unordered || y0.is_nan() || y1.is_nan() {
            return &self.order;
        }
        let start = self.order.partition_point(|&j| self.tops[j] < y0);
        let end = self.order.partition_point(|&j| self.tops[j] <= y1);
        &self.order[start..end.max(start)]
    }
}

/// A cell holding two blocks of text side by side, further apart than a line's wide gap and
/// on more than one line (a box drawn over a value cell: 京都市's two-line `【事業実施期間】`
/// box at the right end of the 事業名 value), is split between the blocks into cells of its
/// own; other cells stay as the grid read them.
pub fn split_side_by_side(cells: Vec<Cell>, glyphs: &[crate::pdf::Glyph]) -> Vec<Cell> {
    let mut out = Vec::with_capacity(cells.len());
    for cell in cells {
        // Two blocks on more than one line need two lines at least.
        if cell.lines.len() < 2 {
            out.push(cell);
            continue;
        }
        let inside: Vec<&crate::pdf::Glyph> = glyphs
            .iter()
            .filter(|g| {
                let (x, y) = g.center();
                cell.rect.contains(x, y)
            })
            .collect();
        let pieces = sections::pieces(inside.clone());
        let blocks = side_by_side_blocks(&pieces);
        // One line with a wide gap (`３　…の経費　　　（千円）`) is one text.
        let one_line = pieces
            .iter()
            .all(|p| (p.line.y - pieces[0].line.y).abs() <= TOLERANCES.line_baseline * p.line.size);
        if blocks.len() < 2 || one_line {
            out.push(cell);
            continue;
        }
        let mut x0 = cell.rect.x0;
        for (i, block) in blocks.iter().enumerate() {
            let x1 = blocks
                .get(i + 1)
                .map_or(cell.rect.x1, |next| (block.1 + next.0) / 2.0);
            let part = Rect {
                x0,
                x1,
                ..cell.rect
            };
            let mine: Vec<&crate::pdf::Glyph> = inside
                .iter()
                .copied()
                .filter(|g| {
                    let (x, _) = g.center();
                    x >= x0 && x < x1
                })
                .collect();
            out.push(Cell {
                rect: part,
                lines: text::lines(mine),
            });
            x0 = x1;
        }
    }
    out
}

/// The x extents of the blocks the pieces of a cell form: pieces whose extents overlap are one
/// block. Sorted left to right.
fn side_by_side_blocks(pieces: &[sections::Piece]) -> Vec<(f64, f64)> {
    let mut extents: Vec<(f64, f64)> = pieces.iter().map(|p| (p.rect.x0, p.rect.x1)).collect();
    extents.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut blocks: Vec<(f64, f64)> = Vec::new();
    for (x0, x1) in extents {
        match blocks.last_mut() {
            Some(last) if x0 <= last.1 => last.1 = last.1.max(x1),
            _ => blocks.push((x0, x1)),
        }
    }
    blocks
}

/// A cell's text by the value rules for single strings: lines of a paragraph joined with
/// nothing, a new item (a line starting with ・, ◇, ◆, ①…, or a new paragraph) after "\n";
/// a vertical stack of single characters is one word.
pub fn cell_text(cell: &Cell) -> String {
    lines_text(&cell.lines, None)
}

/// A value cell's text: as [`cell_text`], but a left-aligned line ending more than
/// [`short_line`](crate::tolerances::Tolerances::short_line) short of the box's right edge
/// ends a paragraph also when it is the longest line (`…高齢福祉課` / `…保護課`: two entries,
/// not one wrapped line); labels keep their short manual breaks joined.
pub fn value_text(cell: &Cell) -> String {
    lines_text(&cell.lines, Some((cell.rect.x0, cell.rect.x1)))
}

/// The text of `lines`; `in_box`: the x extent of the box they are printed in (a line
/// ending short of it ends a paragraph even when it is the block's longest line).
fn lines_text(lines: &[Line], in_box: Option<(f64, f64)>) -> String {
    let lines: Vec<&Line> = lines
        .iter()
        .filter(|l| !text::trim(&l.text).is_empty())
        .collect();
    let stacked = lines
        .iter()
        .all(|l| text::trim(&l.text).chars().count() <= 1);
    let left = lines.iter().map(|l| l.x0).fold(f64::INFINITY, f64::min);
    let right = lines.iter().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max);
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let t = text::trim(&line.text);
        if i > 0 && !stacked && starts_item(line, lines[i - 1], (left, right), in_box) {
            out.push('\n');
        }
        out.push_str(t);
    }
    out
}

/// Whether `line` starts a new item after `prev` in a block from `left` to `right` (printed
/// in the box `in_box`, when known): a bullet (・ ◇ ◆ ①…), an indent (U+3000), a blank line's
/// gap, or a left-aligned previous line ending more than
/// [`short_line`](crate::tolerances::Tolerances::short_line) characters short of the
/// block's right edge, or short of the box's edge by more than wrapping leaves empty (the end
/// of a paragraph).
fn starts_item(line: &Line, prev: &Line, block: (f64, f64), in_box: Option<(f64, f64)>) -> bool {
    let t = &TOLERANCES;
    let (left, right) = block;
    let first = text::trim(&line.text).chars().next().unwrap_or(' ');
    let bullet = matches!(first, '・' | '◇' | '◆') || values::circled_number(first).is_some();
    // A hanging indent prints U+3000 on every line of an item: only the first starts it.
    let indent = line.text.starts_with('\u{3000}') && !prev.text.starts_with('\u{3000}');
    let size = prev.size.max(line.size);
    let gap = line.y - prev.y > t.paragraph_gap * size;
    let left_aligned = (prev.x0 - left).abs() <= t.left_aligned * size
        && (line.x0 - left).abs() <= t.left_aligned * size;
    let short_of_block = prev.x1 < right - t.short_line * size;
    let short_of_box = in_box
        .is_some_and(|(x0, x1)| prev.x1 < x1 - (t.short_line * size).max(t.wrap_slack * (x1 - x0)));
    let short = left_aligned && (short_of_block || short_of_box);
    bullet || indent || gap || short
}

/// The horizontal extent of each table, indexed by table id.
fn table_spans(rects: &[Rect], tables: &[usize]) -> Vec<(f64, f64)> {
    let mut spans = vec![(f64::INFINITY, f64::NEG_INFINITY); rects.len()];
    for (rect, &table) in rects.iter().zip(tables) {
        let span = &mut spans[table];
        *span = (span.0.min(rect.x0), span.1.max(rect.x1));
    }
    spans
}

/// Whether the last fill painted under the cell's centre is shaded.
fn is_shaded(rect: &Rect, fills: &[Fill]) -> bool {
    let (x, y) = (rect.center_x(), rect.center_y());
    fills
        .iter()
        .rev()
        .find(|f| f.x0 <= x && x <= f.x1 && f.y0 <= y && y <= f.y1)
        .is_some_and(Fill::is_shaded)
}

fn bbox(r: &Rect) -> [f64; 4] {
    [
        round_point(r.x0),
        round_point(r.y0),
        round_point(r.x1),
        round_point(r.y1),
    ]
}

/// A coordinate in points, to 0.1 (what the output gives: SPEC "Any form").
fn round_point(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// Which pages to read: 1-based, inclusive.
pub type PageRange = (usize, usize);

/// Read a whole file as a form within `limits` (`pages`: the pages to read, all when
/// `None`).
pub fn read(
    bytes: Vec<u8>,
    file: &str,
    limits: &Limits,
    pages: Option<PageRange>,
) -> Result<FormDocument, ExtractError> {
    let mut read_pages = Vec::new();
    let (source, warnings) = read_each(bytes, file, limits, pages, |page| read_pages.push(page))?;
    Ok(FormDocument {
        schema_version: 1,
        kind: "form".into(),
        source,
        pages: read_pages,
        warnings,
    })
}

/// Read a file page by page (see [`FormFile::read_each`]).
pub fn read_each(
    bytes: Vec<u8>,
    file: &str,
    limits: &Limits,
    pages: Option<PageRange>,
    each: impl FnMut(FormPage),
) -> Result<(FormSource, Vec<Warning>), ExtractError> {
    FormFile::open(bytes, limits)?.read_each(file, limits, pages, each)
}

/// A file opened for reading as a form: parsed and hashed once, however many runs of its
/// pages are read.
pub struct FormFile {
    document: crate::pdf::Document,
    sha256: String,
}

impl FormFile {
    /// Open `bytes` within the input and page limits.
    pub fn open(bytes: impl Into<FileBytes>, limits: &Limits) -> Result<FormFile, ExtractError> {
        let (document, sha256) = reader::open(bytes, limits)?;
        reader::check_page_count(document.page_count(), limits)?;
        Ok(FormFile { document, sha256 })
    }

    pub fn page_count(&self) -> usize {
        self.document.page_count()
    }

    /// The hex SHA-256 of the file's bytes.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// Read the file page by page, handing each [`FormPage`] to `each` as soon as it is read
    /// (no page's content is kept after its turn: memory stays flat over a book). Gives the
    /// source and the warnings (pages whose glyphs cannot be decoded). Fails as the main
    /// command does for a file that is no PDF, is damaged or encrypted, exceeds a limit, or
    /// has no text layer.
    pub fn read_each(
        &self,
        file: &str,
        limits: &Limits,
        pages: Option<PageRange>,
        mut each: impl FnMut(FormPage),
    ) -> Result<(FormSource, Vec<Warning>), ExtractError> {
        let (document, page_count) = (&self.document, self.page_count());
        let (from, to) = pages.unwrap_or((1, page_count));
        if from == 0 || from > to || to > page_count {
            return Err(ExtractError::Limit(format!(
                "pages {from}-{to} are not in the file ({page_count} pages)"
            )));
        }
        let reader = PageReader::new(document, limits);
        let mut cache = document.cache();
        let mut warnings = Vec::new();
        let mut text = TextLayer::default();
        for index in from - 1..to {
            if document.needs_fresh_cache(index, &cache) {
                cache = document.cache();
            }
            let content = reader.load(&cache, index)?;
            text.saw(&content);
            if let Some(warning) = undecoded_warning(index, &content) {
                warnings.push(warning);
            }
            each(read_page_guarded(index, &content)?);
        }
        text.check()?;
        let source = FormSource {
            file: file.to_string(),
            pages: page_count,
            sha256: self.sha256.clone(),
        };
        Ok((source, warnings))
    }
}

/// `page N: G glyphs cannot be decoded (…)` for a page with undecodable glyphs.
fn undecoded_warning(index: usize, content: &PageContent) -> Option<Warning> {
    (content.undecoded.glyphs > 0).then(|| {
        Warning::undecodable_on_page(
            FilePage::at(index),
            content.undecoded.glyphs,
            &reader::describe_fonts(&content.undecoded.fonts),
        )
    })
}

/// The form stage on one page; a panic fails the file with an internal error.
fn read_page_guarded(index: usize, content: &PageContent) -> Result<FormPage, ExtractError> {
    catch_unwind(AssertUnwindSafe(|| {
        read_page(content, &grid::build(index, content))
    }))
    .map_err(|_| ExtractError::Internal(format!("the form stage failed on page {}", index + 1)))
}

/// Whether the pages read hold text: a file without a text layer fails as in the main
/// command.
#[derive(Default)]
struct TextLayer {
    glyphs: bool,
    undecoded_fonts: Vec<String>,
    undecoded: bool,
}

impl TextLayer {
    fn saw(&mut self, content: &PageContent) {
        self.glyphs |= !content.glyphs.is_empty();
        self.undecoded |= content.undecoded.glyphs > 0;
        for font in &content.undecoded.fonts {
            if !self.undecoded_fonts.contains(font) {
                self.undecoded_fonts.push(font.clone());
            }
        }
    }

    fn check(&self) -> Result<(), ExtractError> {
        match (self.glyphs, self.undecoded) {
            (true, _) => Ok(()),
            (false, true) => Err(ExtractError::Undecodable(reader::describe_fonts(
                &self.undecoded_fonts,
            ))),
            (false, false) => Err(ExtractError::NoText),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f64, x1: f64, y: f64) -> Line {
        Line {
            text: text.into(),
            x0,
            x1,
            y,
            size: 10.0,
        }
    }

    #[test]
    fn wrapped_lines_join_and_items_start_new_lines() {
        let lines = [
            line("・冊子の作成及", 0.0, 100.0, 10.0),
            line("び配布", 0.0, 30.0, 22.0),
            line("・研究会の実施", 0.0, 70.0, 34.0),
        ];
        assert_eq!(
            lines_text(&lines, None),
            "・冊子の作成及び配布\n・研究会の実施"
        );
    }

    #[test]
    fn a_short_left_aligned_line_ends_its_paragraph_a_centred_one_does_not() {
        let lines = [
            line("学習支援を行っ", 0.0, 100.0, 10.0),
            line("た。", 0.0, 20.0, 22.0),
            line("また、配布した", 0.0, 100.0, 34.0),
        ];
        assert_eq!(
            lines_text(&lines, None),
            "学習支援を行った。\nまた、配布した"
        );
        let centred = [
            line("事業の対象", 10.0, 90.0, 10.0),
            line("（誰を）", 30.0, 70.0, 22.0),
        ];
        assert_eq!(lines_text(&centred, None), "事業の対象（誰を）");
    }

    #[test]
    fn in_a_value_box_a_line_well_short_of_its_edge_ends_a_paragraph() {
        let two = [
            line("保健福祉局高齢福祉課", 0.0, 100.0, 10.0),
            line("保健福祉局保護課", 0.0, 80.0, 22.0),
        ];
        assert_eq!(
            lines_text(&two, Some((0.0, 160.0))),
            "保健福祉局高齢福祉課\n保健福祉局保護課"
        );
        assert_eq!(
            lines_text(&two, Some((0.0, 115.0))),
            "保健福祉局高齢福祉課保健福祉局保護課"
        );
        assert_eq!(
            lines_text(&two, None),
            "保健福祉局高齢福祉課保健福祉局保護課"
        );
        // Wrapping may leave a tenth of a wide box empty.
        let wrapped = [
            line("誰もが利用しやすい", 0.0, 380.0, 10.0),
            line("蔵書の充実を図る。", 0.0, 90.0, 22.0),
        ];
        assert_eq!(
            lines_text(&wrapped, Some((0.0, 405.0))),
            "誰もが利用しやすい蔵書の充実を図る。"
        );
    }

    #[test]
    fn a_hanging_indent_continues_its_item() {
        let lines = [
            line("①防疫業務", 0.0, 50.0, 10.0),
            line("\u{3000}衛生害虫の駆除、貸し出", 0.0, 200.0, 22.0),
            line("\u{3000}しなど地区組織の支援", 0.0, 110.0, 34.0),
        ];
        assert_eq!(
            lines_text(&lines, None),
            "①防疫業務\n衛生害虫の駆除、貸し出しなど地区組織の支援"
        );
    }

    #[test]
    fn a_vertical_stack_is_one_word() {
        let lines = [
            line("財", 0.0, 10.0, 10.0),
            line("\u{3000}", 0.0, 10.0, 40.0),
            line("源", 0.0, 10.0, 70.0),
        ];
        assert_eq!(lines_text(&lines, None), "財源");
    }

    use super::test_pages::{glyphs, rect};

    #[test]
    fn a_box_drawn_over_a_value_cell_stays_apart_one_wide_line_does_not() {
        let cell_of = |glyphs: &[crate::pdf::Glyph]| Cell {
            rect: Rect {
                x0: 0.0,
                y0: 0.0,
                x1: 300.0,
                y1: 40.0,
            },
            lines: text::lines(glyphs.iter().collect()),
        };
        let mut page = glyphs("事業名X", 10.0, 25.0);
        page.extend(glyphs("【期間】", 200.0, 15.0));
        page.extend(glyphs("令和5年度", 200.0, 27.0));
        let got = split_side_by_side(vec![cell_of(&page)], &page);
        let texts: Vec<String> = got.iter().map(cell_text).collect();
        assert_eq!(texts, ["事業名X", "【期間】令和5年度"]);
        let mut bar = glyphs("３　経費", 10.0, 25.0);
        bar.extend(glyphs("（千円）", 200.0, 25.0));
        assert_eq!(split_side_by_side(vec![cell_of(&bar)], &bar).len(), 1);
    }

    #[test]
    fn cells_by_top_edge_are_those_a_scan_finds() {
        let cell = |y0: f64, y1: f64| Cell {
            rect: Rect {
                x0: 0.0,
                y0,
                x1: 10.0,
                y1,
            },
            lines: Vec::new(),
        };
        let cells: Vec<Cell> = [
            (30.0, 40.0),
            (0.0, 10.0),
            (10.0, 30.0),
            (-0.0, 5.0),
            (10.0, 12.0),
        ]
        .into_iter()
        .map(|(y0, y1)| cell(y0, y1))
        .collect();
        let tops = Tops::of(&cells);
        for (y0, y1) in [
            (0.0, 10.0),
            (9.5, 30.5),
            (-1.0, 100.0),
            (11.0, 29.0),
            (50.0, 60.0),
        ] {
            let mut got = tops.between(y0, y1).to_vec();
            got.sort_unstable();
            let scan: Vec<usize> = (0..cells.len())
                .filter(|&j| cells[j].rect.y0 >= y0 && cells[j].rect.y0 <= y1)
                .collect();
            assert_eq!(got, scan, "{y0}..{y1}");
        }
        let upside_down = [cell(10.0, 0.0), cell(0.0, 10.0)];
        assert_eq!(Tops::of(&upside_down).between(50.0, 60.0), [0, 1]);
    }

    #[test]
    fn an_l_shaped_cell_splits_into_its_parts_beside_the_cells_it_encloses() {
        // 物件費 across the top, a vertical （内訳） on the left of two inner cells.
        let outer = Cell {
            rect: rect(0.0, 0.0, 100.0, 60.0),
            lines: vec![
                line("物件費", 10.0, 40.0, 15.0),
                line("内", 2.0, 12.0, 35.0),
                line("訳", 2.0, 12.0, 50.0),
            ],
        };
        let inner = |y0, y1| Cell {
            rect: rect(20.0, y0, 100.0, y1),
            lines: Vec::new(),
        };
        let got = split_enclosing(&[outer, inner(20.0, 40.0), inner(40.0, 60.0)]);
        let parts: Vec<(Rect, String)> = got.iter().map(|c| (c.rect, cell_text(c))).collect();
        assert_eq!(
            parts,
            [
                (rect(0.0, 0.0, 100.0, 20.0), "物件費".to_string()),
                (rect(0.0, 20.0, 20.0, 60.0), "内訳".to_string()),
                (rect(20.0, 20.0, 100.0, 40.0), String::new()),
                (rect(20.0, 40.0, 100.0, 60.0), String::new()),
            ]
        );
    }
}
