//! Indicator blocks (①…⑮): each starts at a 指標 label with its number on the right and
//! 指標の説明 beyond; the rows below are found by their labels (単位, 実績値, 期待値, 備考,
//! 担当部等) inside the block's region.

use crate::grid::Rect;
use crate::labels::measure as labels;
use crate::layout::{CellId, EDGE, Layout};
use crate::model::{Indicator, Target, YearValue};
use crate::page::SheetPage;
use crate::values::{self, CellValue, EraYear, Number, parse_era_year};

/// A year column of a block's header row.
struct YearColumn {
    year: EraYear,
    is_baseline: bool,
    rect: Rect,
}

/// Read every indicator block with a name, in block-number order.
pub fn read(layout: &Layout) -> Vec<Indicator> {
    let mut out = Vec::new();
    for (page, _) in layout.sheet_pages() {
        mark_legend(layout, page);
        let labels = layout.find(page, |l| l == labels::INDICATOR);
        for &label in &labels {
            if let Some(indicator) = read_block(layout, label, &labels) {
                out.push(indicator);
            }
        }
    }
    out.sort_by_key(|i: &Indicator| i.number);
    out
}

/// The 凡例 box explains the value cells; it holds no data.
fn mark_legend(layout: &Layout, page: SheetPage) {
    layout.reading("legend");
    for id in layout.find(page, |l| l == labels::LEGEND) {
        layout.take(id);
        if let Some(text) = layout.right_of(id) {
            layout.take(text);
        }
    }
}

/// The region of a block: from its 指標 label down to the next label in the same column.
fn block_region(layout: &Layout, label: CellId, all: &[CellId], right: f64) -> Rect {
    let r = layout.rect(label);
    let bottom = all
        .iter()
        .map(|&id| layout.rect(id))
        .filter(|o| (o.x0 - r.x0).abs() <= EDGE && o.y0 > r.y1)
        .map(|o| o.y0)
        .fold(layout.page(label.page).height, f64::min);
    Rect {
        x0: r.x0 - EDGE,
        y0: r.y0 - EDGE,
        x1: right + EDGE,
        y1: bottom - EDGE / 2.0,
    }
}

/// Where one indicator block is: its 指標 label, number and 指標の説明 header cells, the
/// region down to the next block, and the path its fields are reported under.
struct Block {
    label: CellId,
    number_cell: CellId,
    header: Option<CellId>,
    region: Rect,
    number: u32,
    path: String,
}

impl Block {
    fn locate(layout: &Layout, label: CellId, all: &[CellId]) -> Option<Block> {
        let number_cell = layout.right_of(label)?;
        let number = values::parse_block_number(&layout.cell(number_cell).text())?;
        let header = layout.right_of(number_cell);
        let right = header.map_or(layout.rect(number_cell).x1, |h| layout.rect(h).x1);
        Some(Block {
            label,
            number_cell,
            header,
            region: block_region(layout, label, all, right),
            number,
            path: format!("indicators[{number}]"),
        })
    }

    /// The first cell of the block whose label satisfies `pred`.
    fn find(&self, layout: &Layout, pred: impl Fn(&str) -> bool) -> Option<CellId> {
        layout
            .cells_in(self.label.page, self.region)
            .into_iter()
            .find(|&id| pred(layout.label(id)))
    }

    fn field(&self, name: &str) -> String {
        format!("{}.{name}", self.path)
    }
}

/// One block, or `None` for a block without a name (its cells are consumed silently).
fn read_block(layout: &Layout, label: CellId, all: &[CellId]) -> Option<Indicator> {
    let block = Block::locate(layout, label, all)?;
    layout.reading(block.field("name"));
    let name = layout.below(label).and_then(|id| layout.take_text(id));
    layout.reading("label");
    let Some(name) = name else {
        layout.take_region(label.page, block.region);
        return None;
    };
    for id in [Some(label), Some(block.number_cell), block.header]
        .into_iter()
        .flatten()
    {
        layout.take(id);
    }
    Some(read_fields(layout, &block, name))
}

fn read_fields(layout: &Layout, block: &Block, name: String) -> Indicator {
    layout.reading(block.field("description"));
    let description = block
        .header
        .and_then(|h| layout.below(h))
        .and_then(|id| layout.take_text(id));
    let unit_label = block.find(layout, |l| l == labels::UNIT);
    layout.reading(block.field("unit"));
    let unit = unit_label
        .and_then(|u| layout.below(u))
        .and_then(|id| layout.take_text(id));
    let note_label = block.find(layout, |l| l == labels::NOTE);
    let note = labelled_value(layout, note_label, &block.field("note"));
    let departments_label = block.find(layout, |l| l.starts_with(labels::DEPARTMENT));
    let departments = labelled_value(layout, departments_label, &block.field("departments"))
        .map(|t| values::split_departments(&t))
        .unwrap_or_default();
    let years = unit_label.map_or_else(Vec::new, |u| {
        year_columns(layout, u, block.region, &block.path)
    });
    let actual_label = block.find(layout, |l| l.starts_with(labels::ACTUAL));
    let expected_label = block.find(layout, |l| {
        labels::EXPECTED.iter().any(|e| l.starts_with(e))
    });
    let values = read_values(layout, &years, actual_label, expected_label, &block.path);
    Indicator {
        number: block.number,
        page: layout.file_page(block.label.page).number(),
        name,
        description,
        unit,
        departments,
        note,
        baseline_year: years
            .iter()
            .find(|y| y.is_baseline)
            .map(|y| y.year.short.clone()),
        target: target(layout, expected_label, &values),
        values,
    }
}

/// The value right of a row label, marking both as taken.
fn labelled_value(layout: &Layout, label: Option<CellId>, field: &str) -> Option<String> {
    let label = label?;
    layout.reading("label");
    layout.take(label);
    layout.reading(field);
    layout.right_of(label).and_then(|id| layout.take_text(id))
}

/// Year headers: cells on the 単位 label's row, right of it, that read as years.
fn year_columns(layout: &Layout, unit_label: CellId, region: Rect, path: &str) -> Vec<YearColumn> {
    layout.reading("label");
    layout.take(unit_label);
    let u = layout.rect(unit_label);
    let mut years: Vec<YearColumn> = layout
        .cells_in(unit_label.page, region)
        .into_iter()
        .filter(|&id| {
            let r = layout.rect(id);
            (r.y0 - u.y0).abs() <= EDGE && r.x0 >= u.x1 - EDGE
        })
        .filter_map(|id| {
            let label = layout.label(id).to_string();
            let year = parse_era_year(&label)?;
            layout.reading(format!("{path}.values[{}].year", year.short));
            layout.take(id);
            Some(YearColumn {
                year,
                is_baseline: labels::BASELINE.iter().any(|b| label.contains(b)),
                rect: layout.rect(id),
            })
        })
        .collect();
    years.sort_by(|a, b| a.rect.x0.total_cmp(&b.rect.x0));
    years
}

/// The cell of a value row (given by its label) under a year column.
fn value_at(layout: &Layout, row_label: Option<CellId>, column: &YearColumn) -> CellValue {
    let Some(label) = row_label else {
        return CellValue::Null;
    };
    let row = layout.rect(label);
    let region = Rect {
        x0: column.rect.x0 - EDGE,
        y0: row.y0 - EDGE,
        x1: column.rect.x1 + EDGE,
        y1: row.y1 + EDGE,
    };
    let texts: String = layout
        .cells_in(label.page, region)
        .into_iter()
        .filter_map(|id| layout.take_text(id))
        .collect();
    values::parse_value(&texts)
}

fn read_values(
    layout: &Layout,
    years: &[YearColumn],
    actual_label: Option<CellId>,
    expected_label: Option<CellId>,
    path: &str,
) -> Vec<YearValue> {
    layout.reading("label");
    for label in [actual_label, expected_label].into_iter().flatten() {
        layout.take(label);
    }
    years
        .iter()
        .map(|col| {
            let value_path = format!("{path}.values[{}]", col.year.short);
            layout.reading(format!("{value_path}.actual"));
            let actual = value_at(layout, actual_label, col);
            layout.reading(format!("{value_path}.expected"));
            let expected = value_at(layout, expected_label, col);
            let mut remarks = Vec::new();
            let mut number = |v: CellValue| match v {
                CellValue::Null => None,
                CellValue::Number(n) => Some(n),
                // Not a warning: the text is kept in remarks, nothing is lost (SPEC.md).
                CellValue::Remark(text) => {
                    remarks.push(text);
                    None
                }
            };
            let actual = number(actual);
            let expected = number(expected);
            YearValue {
                year: col.year.short.clone(),
                fiscal_year: col.year.fiscal_year,
                expected,
                actual,
                remarks: (!remarks.is_empty()).then(|| remarks.join(" / ")),
            }
        })
        .collect()
}

/// The target: the year named in `※R7は目標値` (else the last year), with its expected value.
fn target(layout: &Layout, expected_label: Option<CellId>, values: &[YearValue]) -> Option<Target> {
    let named = expected_label.and_then(|id| {
        let label = layout.label(id).to_string();
        let after = &label[label.find('※')? + '※'.len_utf8()..];
        parse_era_year(after).map(|y| y.short)
    });
    let year = named.or_else(|| values.last().map(|v| v.year.clone()))?;
    let value: Option<Number> = values
        .iter()
        .find(|v| v.year == year)
        .and_then(|v| v.expected);
    Some(Target { year, value })
}
