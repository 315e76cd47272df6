//! Indicators of a project sheet (SPEC.md "Project sheets", indicators): rows (or name-row
//! -above-value-row blocks) under a label or heading containing 指標 or 事業実績, with values
//! per fiscal year by the innermost basis header. Takes the sheet's form pages; gives the
//! indicators and the cells they took (rate and other columns are left for `fields`).

use serde::{Deserialize, Serialize};

use super::years::{self, TableKind, YearColumn, YearTable};
use super::{CellRef, Context, Part, SheetPages};
use crate::form::{FormCell, FormPage};
use crate::labels::{self, project_tables};
use crate::values::{CellValue, Number, parse_value};
use crate::warning::Warning;

/// One indicator with its values per fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// `"活動"`, `"成果"`, `"対象"` or null.
    pub kind: Option<String>,
    pub name: String,
    pub unit: Option<String>,
    pub page: usize,
    pub values: Vec<IndicatorValue>,
}

/// An indicator's values of one fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorValue {
    /// The year as printed without 年度, spaces removed (`R５`, `Ｒ４`, `20`).
    pub year: String,
    pub fiscal_year: Option<i32>,
    pub expected: Option<Number>,
    pub actual: Option<Number>,
    pub expected_remarks: Option<String>,
    pub actual_remarks: Option<String>,
}

/// Read the sheet's indicators. The one warning of a sheet whose tables print years without
/// an era and no era year is known comes from here (not from the cost reader).
pub fn read(pages: SheetPages, context: &Context) -> Part<Vec<Indicator>> {
    read_tables(pages, &years::of_pages(pages, context), context)
}

/// [`read`] given each page's [year tables](years::tables) (found once for this reader and
/// the cost reader).
pub fn read_tables(
    pages: SheetPages,
    year_tables: &[Vec<YearTable>],
    context: &Context,
) -> Part<Vec<Indicator>> {
    let mut part = Part::default();
    let mut bare_without_era = false;
    for (page, tables) in pages.iter().zip(year_tables) {
        for table in tables {
            // One warning per sheet for every year table (costs and others included).
            bare_without_era |= table
                .columns
                .iter()
                .any(|c| c.bare && c.year.fiscal_year.is_none());
            if table.kind == TableKind::Indicators {
                read_table(page, table, context, &mut part);
            }
        }
    }
    if bare_without_era {
        part.warnings.push(Warning::year_without_era());
    }
    part
}

/// The cells of one body row of a table, by their place.
pub(super) struct Row<'a> {
    /// Cells in exactly one year column, with its index.
    pub(super) values: Vec<(usize, &'a FormCell)>,
    /// Cells over two or more year columns (a block's name row).
    pub(super) spanning: Vec<&'a FormCell>,
    /// Label-side cells starting in this row.
    pub(super) own: Vec<&'a FormCell>,
    /// Label-side cells starting above and reaching into this row (group labels).
    pub(super) groups: Vec<&'a FormCell>,
}

pub(super) fn row_cells<'a>(page: &'a FormPage, table: &YearTable, row: usize) -> Row<'a> {
    let mut cells = Row {
        values: Vec::new(),
        spanning: Vec::new(),
        own: Vec::new(),
        groups: Vec::new(),
    };
    let mut left = Vec::new();
    for c in &page.cells {
        let (end, covers) = (c.col + c.cols, c.row <= row && row < c.row + c.rows);
        if !covers || c.section != table.section || end <= table.left_col {
            continue;
        }
        if end <= table.first_col() {
            left.push(c);
        } else if c.row != row {
            continue;
        } else if let Some(i) = table.column_of(c.col, end) {
            cells.values.push((i, c));
        } else if table.columns_overlapped(c.col, end) >= 2 {
            cells.spanning.push(c);
        }
    }
    // A label over more rows than the row's values is a group label, not the row's own.
    let height = cells.values.iter().map(|(_, c)| c.rows).max().unwrap_or(1);
    for c in left {
        if c.row == row && c.rows <= height {
            cells.own.push(c);
        } else {
            cells.groups.push(c);
        }
    }
    cells
}

pub(super) fn cell_ref(page: &FormPage, c: &FormCell) -> CellRef {
    CellRef {
        page: page.page,
        row: c.row,
        col: c.col,
    }
}

/// A block's name (and unit) printed on the row above its values, or on the table's
/// header row beside the years.
struct Block {
    name: String,
    unit: Option<String>,
    /// The row its values are on.
    values_row: usize,
}

fn read_table(
    page: &FormPage,
    table: &YearTable,
    context: &Context,
    part: &mut Part<Vec<Indicator>>,
) {
    part.taken.extend(
        table
            .header_cells
            .iter()
            .map(|&i| cell_ref(page, &page.cells[i])),
    );
    let mut block = header_block(page, table, part);
    // The name cell over rows of one indicator whose rows name their basis (目標 / 実績).
    let mut shared_name: Option<(usize, usize)> = None;
    // The row of the last indicator, whether it has values, and whether it is a block's.
    let mut last_row: Option<(usize, bool)> = None;
    for row in table.body_row..table.body_end(page, context) {
        let cells = row_cells(page, table, row);
        if cells.values.is_empty() && !cells.spanning.is_empty() {
            let name = cells.spanning.iter().map(|c| c.text.as_str()).collect();
            part.taken
                .extend(cells.spanning.iter().map(|c| cell_ref(page, c)));
            let bottom = cells.spanning.iter().map(|c| c.row + c.rows).max();
            block = Some(Block {
                name,
                unit: None,
                values_row: bottom.unwrap_or(row),
            });
            continue;
        }
        let this_block = block.take().filter(|b| b.values_row == row);
        let name_cell = (row_side(&cells).is_some() && own_name(table, &cells).is_empty())
            .then(|| cells.groups.iter().rev().find(|c| names_indicator(c)))
            .flatten()
            .map(|c| (c.row, c.col));
        let same = name_cell.is_some() && name_cell == shared_name;
        shared_name = name_cell;
        let from_block = this_block.is_some();
        match read_row(page, table, &cells, this_block, part) {
            Some(indicator) => {
                let valued = has_values(&indicator);
                let wrapped = !from_block
                    && last_row.is_some_and(|(r, v)| r + 1 == row && v != valued)
                    && part
                        .value
                        .last()
                        .is_some_and(|l| project_tables::continues_name(&l.name, &indicator.name));
                match part.value.last_mut() {
                    Some(last) if same => merge(last, indicator),
                    Some(last) if wrapped => {
                        last.name.push_str(&indicator.name);
                        merge(last, indicator);
                    }
                    _ => part.value.push(indicator),
                }
                last_row = Some((row, valued || wrapped));
                let member = format!("indicators[{}]", part.value.len() - 1);
                let values = cells
                    .values
                    .iter()
                    .filter(|(i, _)| side(&table.columns[*i]) != Some(project_tables::Side::Rate));
                for c in cells.own.iter().copied().chain(values.map(|(_, c)| *c)) {
                    part.members.push((cell_ref(page, c), member.clone()));
                }
            }
            // A row with neither name nor value holds only empty marks (`-`): taken.
            None => {
                last_row = None;
                part.taken
                    .extend(cells.values.iter().map(|(_, c)| cell_ref(page, c)));
            }
        }
    }
}

/// The block named by value cells on the table's header row (name, and unit under 単位).
fn header_block(
    page: &FormPage,
    table: &YearTable,
    part: &mut Part<Vec<Indicator>>,
) -> Option<Block> {
    let cells: Vec<&FormCell> = table
        .header_values
        .iter()
        .map(|&i| &page.cells[i])
        .collect();
    let name: String = cells
        .iter()
        .filter(|c| !table.is_unit_cell(c))
        .map(|c| c.text.as_str())
        .collect();
    if name.is_empty() {
        return None;
    }
    part.taken.extend(cells.iter().map(|c| cell_ref(page, c)));
    Some(Block {
        name,
        unit: cells
            .iter()
            .find(|c| table.is_unit_cell(c))
            .map(|c| labels::output(&c.text)),
        values_row: table.body_row,
    })
}

/// Whether a label beside a row is a name: not a kind label (活動指標) nor a basis (実績値).
fn names_indicator(cell: &FormCell) -> bool {
    let key = labels::key_without_parenthesis(&cell.text);
    let is_kind = project_tables::INDICATOR_KINDS
        .iter()
        .any(|(w, _)| key == *w);
    !(cell.label && (is_kind || project_tables::is_basis(&cell.text)))
}

/// The row's own name: its label-side cells that are no unit, kind or basis.
fn own_name(table: &YearTable, cells: &Row) -> String {
    cells
        .own
        .iter()
        .filter(|c| !table.is_unit_cell(c) && names_indicator(c))
        .map(|c| c.text.as_str())
        .collect()
}

/// The side a row names by a basis label of its own (a `目標` / `実績` row under one name).
fn row_side(cells: &Row) -> Option<project_tables::Side> {
    cells
        .own
        .iter()
        .filter(|c| c.label && project_tables::is_basis(&c.text))
        .find_map(|c| project_tables::indicator_side(&c.text))
}

/// Whether an indicator holds a value or a remark.
fn has_values(indicator: &Indicator) -> bool {
    indicator.values.iter().any(|v| {
        v.expected.is_some()
            || v.actual.is_some()
            || v.expected_remarks.is_some()
            || v.actual_remarks.is_some()
    })
}

/// Merge the values of an indicator's next row (its other basis) into it.
fn merge(into: &mut Indicator, from: Indicator) {
    for value in from.values {
        let Some(have) = into.values.iter_mut().find(|v| v.year == value.year) else {
            into.values.push(value);
            continue;
        };
        have.expected = have.expected.or(value.expected);
        have.actual = have.actual.or(value.actual);
        have.expected_remarks = have.expected_remarks.take().or(value.expected_remarks);
        have.actual_remarks = have.actual_remarks.take().or(value.actual_remarks);
    }
    into.unit = into.unit.take().or(from.unit);
}

/// One indicator from a body row, or None for a row with neither name nor value.
fn read_row(
    page: &FormPage,
    table: &YearTable,
    cells: &Row,
    block: Option<Block>,
    part: &mut Part<Vec<Indicator>>,
) -> Option<Indicator> {
    let own_unit = cells
        .own
        .iter()
        .find(|c| table.is_unit_cell(c))
        .map(|c| labels::output(&c.text));
    let own_name = own_name(table, cells);
    let values = values(&table.columns, &cells.values, row_side(cells));
    let has_value = cells
        .values
        .iter()
        .any(|(_, c)| parse_value(&c.text) != CellValue::Null);
    let group = cells.groups.iter().rev().find(|c| names_indicator(c));
    let (block_name, block_unit) = block.map_or((None, None), |b| (Some(b.name), b.unit));
    let name = block_name
        .or((!own_name.is_empty()).then_some(own_name))
        .or(group.filter(|_| has_value).map(|c| c.text.clone()))?;
    let (name, note_unit) = split_unit_note(&name);
    let unit = own_unit.or(block_unit).or(note_unit);
    part.taken
        .extend(cells.own.iter().map(|c| cell_ref(page, c)));
    for (i, c) in &cells.values {
        if side(&table.columns[*i]) != Some(project_tables::Side::Rate) {
            part.taken.push(cell_ref(page, c));
        }
    }
    let kind = cells
        .own
        .iter()
        .chain(cells.groups.iter())
        .map(|c| c.text.clone())
        .chain(table.labels.iter().cloned())
        .find_map(|l| project_tables::indicator_kind(&l));
    Some(Indicator {
        kind: kind.map(str::to_string),
        name,
        unit,
        page: page.page,
        values,
    })
}

/// The side a year column fills: its innermost header naming one.
fn side(column: &YearColumn) -> Option<project_tables::Side> {
    column
        .bases
        .iter()
        .find_map(|b| project_tables::indicator_side(b))
}

/// The values per year of a row, in the order of the year columns (rate columns left out);
/// a column without a basis takes the row's (`row_side`), else is actual.
fn values(
    columns: &[YearColumn],
    cells: &[(usize, &FormCell)],
    row_side: Option<project_tables::Side>,
) -> Vec<IndicatorValue> {
    let mut values: Vec<IndicatorValue> = Vec::new();
    for (i, column) in columns.iter().enumerate() {
        let side = side(column)
            .or(row_side)
            .unwrap_or(project_tables::Side::Actual);
        if side == project_tables::Side::Rate {
            continue;
        }
        let at = match values.iter().position(|v| v.year == column.year.label) {
            Some(at) => at,
            None => {
                values.push(IndicatorValue {
                    year: column.year.label.clone(),
                    fiscal_year: column.year.fiscal_year,
                    expected: None,
                    actual: None,
                    expected_remarks: None,
                    actual_remarks: None,
                });
                values.len() - 1
            }
        };
        let Some((_, cell)) = cells.iter().find(|(c, _)| *c == i) else {
            continue;
        };
        let value = &mut values[at];
        let (number, remarks) = match side {
            project_tables::Side::Expected => (&mut value.expected, &mut value.expected_remarks),
            _ => (&mut value.actual, &mut value.actual_remarks),
        };
        match parse_value(&cell.text) {
            CellValue::Number(n) => *number = number.or(Some(n)),
            CellValue::Remark(text) => *remarks = remarks.take().or(Some(text)),
            CellValue::Null => {}
        }
    }
    values
}

/// A name ending with a unit note (`…（単位：円）`) gives the name without it and the unit.
fn split_unit_note(name: &str) -> (String, Option<String>) {
    let trimmed = crate::text::trim(name);
    for (open, close, colon) in [('（', '）', '：'), ('(', ')', ':'), ('（', '）', ':')] {
        let marker = format!("{open}単位{colon}");
        if let Some(at) = trimmed.rfind(&marker)
            && let Some(unit) = trimmed[at + marker.len()..].strip_suffix(close)
            && !unit.is_empty()
        {
            let name = crate::text::trim(&trimmed[..at]).to_string();
            return (name, Some(labels::output(unit)));
        }
    }
    (trimmed.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_notes_leave_the_name() {
        assert_eq!(
            split_unit_note("市民一人あたりの市税等の充当額（B／人口*1,000）（単位：円）"),
            (
                "市民一人あたりの市税等の充当額（B／人口*1,000）".to_string(),
                Some("円".to_string())
            )
        );
        assert_eq!(split_unit_note("出前授業"), ("出前授業".to_string(), None));
    }
}
