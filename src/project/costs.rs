//! The cost table of a project sheet (SPEC.md "Project sheets", costs): every row of the
//! table under a label or heading containing 事業費, コスト, 経費 or 決算額, with its label path,
//! fiscal year, basis and amount. Takes the sheet's form pages; gives the table and the cells
//! it took (a value spanning several year columns is left for `fields`).

use serde::{Deserialize, Serialize};

use super::indicators::{Row, cell_ref, row_cells};
use super::years::{self, TableKind, YearColumn, YearTable};
use super::{Context, Part, SheetPages};
use crate::form::{FormCell, FormPage};
use crate::labels::{self, project_tables};
use crate::tolerances::TOLERANCES;
use crate::values::{CellValue, Number, parse_number, parse_value};

/// The cost table: its unit note and its rows. Always an object (members null / []).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Costs {
    pub unit: Option<String>,
    pub items: Vec<CostItem>,
}

/// One row of the cost table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostItem {
    /// The row's own labels, outermost group first (`["財源", "その他"]`).
    pub path: Vec<String>,
    /// The item's own unit when its cells carry one (`人`, `%`), else null.
    pub unit: Option<String>,
    pub page: usize,
    pub values: Vec<CostValue>,
}

/// An amount of one fiscal year and basis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostValue {
    pub year: String,
    pub fiscal_year: Option<i32>,
    /// `決算`, `予算`, `見込` … as printed (spaces removed), or null.
    pub basis: Option<String>,
    pub amount: Option<Number>,
    pub remarks: Option<String>,
}

/// Read the sheet's cost table.
pub fn read(pages: SheetPages, context: &Context) -> Part<Costs> {
    read_tables(pages, &years::of_pages(pages, context), context)
}

/// [`read`] given each page's [year tables](years::tables).
pub fn read_tables(
    pages: SheetPages,
    year_tables: &[Vec<YearTable>],
    context: &Context,
) -> Part<Costs> {
    let mut part: Part<Costs> = Part::default();
    for (page, tables) in pages.iter().zip(year_tables) {
        for table in tables {
            if table.kind != TableKind::Costs {
                continue;
            }
            if part.value.unit.is_none() {
                part.value.unit = table_unit(page, table).map(str::to_string);
            }
            read_table(page, table, context, &mut part);
        }
    }
    part
}

fn read_table(page: &FormPage, table: &YearTable, context: &Context, part: &mut Part<Costs>) {
    part.taken.extend(
        table
            .header_cells
            .iter()
            .map(|&i| cell_ref(page, &page.cells[i])),
    );
    // The row of the last item and whether it has an amount.
    let mut last_row: Option<(usize, bool)> = None;
    for row in table.body_row..table.body_end(page, context) {
        let cells = row_cells(page, table, row);
        if !cells.spanning.is_empty() || (cells.own.is_empty() && cells.values.is_empty()) {
            last_row = None;
            continue;
        }
        part.taken
            .extend(cells.values.iter().map(|(_, c)| cell_ref(page, c)));
        // A row with neither label nor amount holds only empty marks (`－`): no item.
        if let Some(item) = read_row(page, table, &cells) {
            part.taken
                .extend(cells.own.iter().map(|c| cell_ref(page, c)));
            let valued = item
                .values
                .iter()
                .any(|v| v.amount.is_some() || v.remarks.is_some());
            let wrapped = last_row.is_some_and(|(r, v)| r + 1 == row && v != valued)
                && part
                    .value
                    .items
                    .last()
                    .is_some_and(|last| wraps_into(last, &item));
            last_row = Some((row, valued || wrapped));
            let at = part.value.items.len() - usize::from(wrapped);
            let member = format!("costs.items[{at}]");
            let values = cells.values.iter().map(|(_, c)| *c);
            for c in cells.own.iter().copied().chain(values) {
                part.members.push((cell_ref(page, c), member.clone()));
            }
            if wrapped && let Some(last) = part.value.items.last_mut() {
                join_wrapped(last, item);
                continue;
            }
            part.value.items.push(item);
        }
    }
}

/// Whether `item`'s label continues the label of `last` (a name wrapped onto the next row):
/// the same groups, and a text cue (labels::project_tables::continues_name).
fn wraps_into(last: &CostItem, item: &CostItem) -> bool {
    let (Some((above, groups)), Some((below, own_groups))) =
        (last.path.split_last(), item.path.split_last())
    else {
        return false;
    };
    groups == own_groups && project_tables::continues_name(above, below)
}

/// Join a wrapped row's item into the item above: the label goes on, the amounts of the row
/// that has them stay.
fn join_wrapped(last: &mut CostItem, item: CostItem) {
    if let (Some(above), Some(below)) = (last.path.last_mut(), item.path.last()) {
        above.push_str(below);
    }
    for (have, value) in last.values.iter_mut().zip(item.values) {
        if have.amount.is_none() && have.remarks.is_none() {
            have.amount = value.amount;
            have.remarks = value.remarks;
        }
    }
    last.unit = last.unit.take().or(item.unit);
}

/// The cost item of a body row, or None for a row with neither label nor amount.
fn read_row(page: &FormPage, table: &YearTable, cells: &Row) -> Option<CostItem> {
    let path = path(page, table, cells);
    let amounts: Vec<Amount> = (0..table.columns.len())
        .map(|i| {
            cells
                .values
                .iter()
                .find(|(c, _)| *c == i)
                .map_or_else(Amount::default, |(_, cell)| parse_amount(&cell.text))
        })
        .collect();
    let has_amount = amounts
        .iter()
        .any(|a| a.amount.is_some() || a.remarks.is_some());
    if path.is_empty() && !has_amount {
        return None;
    }
    let unit = amounts.iter().find_map(|a| a.unit.clone()).or_else(|| {
        cells
            .own
            .iter()
            .find(|c| table.is_unit_cell(c))
            .map(|c| labels::output(&c.text))
    });
    let values = table
        .columns
        .iter()
        .zip(amounts)
        .map(|(column, amount)| CostValue {
            year: column.year.label.clone(),
            fiscal_year: column.year.fiscal_year,
            basis: basis(column),
            amount: amount.amount,
            remarks: amount.remarks,
        })
        .collect();
    Some(CostItem {
        path,
        unit,
        page: page.page,
        values,
    })
}

/// The basis of a year column: its innermost header naming a cost basis, else its
/// innermost header.
fn basis(column: &YearColumn) -> Option<String> {
    column
        .bases
        .iter()
        .find(|b| project_tables::is_cost_basis(b))
        .or(column.bases.first())
        .cloned()
}

/// The row's label path: group labels (outermost first), then its own labels; a 内訳 label
/// inside a group names the cost printed above it.
fn path(page: &FormPage, table: &YearTable, cells: &Row) -> Vec<String> {
    let mut labelled: Vec<&FormCell> = cells
        .groups
        .iter()
        .chain(cells.own.iter())
        .copied()
        .filter(|c| names_row(table, c))
        .collect();
    labelled.sort_by_key(|c| c.col);
    let mut path = Vec::new();
    for (i, cell) in labelled.iter().enumerate() {
        if i > 0 && labels::key(&cell.text).contains(project_tables::BREAKDOWN_WORD) {
            path.extend(cost_above(page, cell));
        } else {
            path.push(labels::output(&cell.text));
        }
    }
    path
}

/// Whether a cell left of the year columns names its row: a label, or text that is neither
/// a number, an empty mark nor a unit (the form reading may take a label for a value).
fn names_row(table: &YearTable, cell: &FormCell) -> bool {
    cell.label
        || (!table.is_unit_cell(cell)
            && parse_number(&cell.text).is_none()
            && parse_value(&cell.text) != CellValue::Null)
}

/// The label cell right above a 内訳 label (the cost it breaks down).
fn cost_above(page: &FormPage, breakdown: &FormCell) -> Option<String> {
    page.cells
        .iter()
        .find(|c| {
            c.label
                && c.section == breakdown.section
                && c.row + c.rows == breakdown.row
                && c.col <= breakdown.col
                && breakdown.col < c.col + c.cols
        })
        .map(|c| labels::output(&c.text))
}

/// The table's unit note: in its header labels or heading, else the nearest unit-note line
/// above its header.
fn table_unit(page: &FormPage, table: &YearTable) -> Option<&'static str> {
    if let Some(unit) = table
        .labels
        .iter()
        .find_map(|l| project_tables::unit_note(l))
    {
        return Some(unit);
    }
    let top = table
        .header_cells
        .iter()
        .map(|&i| page.cells[i].bbox[1])
        .fold(f64::INFINITY, f64::min);
    page.lines
        .iter()
        .filter(|l| l.bbox[3] <= top + TOLERANCES.unit_note_below_top)
        .filter_map(|l| project_tables::unit_note(&l.text).map(|u| (l.bbox[3], u)))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, unit)| unit)
}

/// A cost cell read: amount, the cell's own unit, remarks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Amount {
    pub amount: Option<Number>,
    pub unit: Option<String>,
    pub remarks: Option<String>,
}

/// Read a cost cell: `5,690`, `▲ 1,148`, `6.0人`, `32.2%`, `N（M）` (M kept in remarks),
/// else the text as remarks.
pub fn parse_amount(printed: &str) -> Amount {
    let text = crate::text::compact(printed);
    if parse_value(&text) == CellValue::Null {
        return Amount::default();
    }
    if let Some(n) = parse_number(&text) {
        return Amount {
            amount: Some(n),
            ..Amount::default()
        };
    }
    if let Some(open) = text.find(['（', '('])
        && (text.ends_with('）') || text.ends_with(')'))
        && let Some(n) = parse_number(&text[..open])
    {
        return Amount {
            amount: Some(n),
            unit: None,
            remarks: Some(text[open..].to_string()),
        };
    }
    let chars: Vec<char> = text.chars().collect();
    for cut in (1..chars.len()).rev() {
        let unit: String = chars[cut..].iter().collect();
        if (chars.len() - cut) as f64 > TOLERANCES.max_unit_length
            || unit.chars().any(|c| c.is_ascii_digit())
        {
            break;
        }
        let number: String = chars[..cut].iter().collect();
        if let Some(n) = parse_number(&number) {
            return Amount {
                amount: Some(n),
                unit: Some(unit),
                remarks: None,
            };
        }
    }
    Amount {
        remarks: Some(crate::text::trim(printed).to_string()),
        ..Amount::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(n: Option<Number>, unit: Option<&str>, remarks: Option<&str>) -> Amount {
        Amount {
            amount: n,
            unit: unit.map(str::to_string),
            remarks: remarks.map(str::to_string),
        }
    }

    fn item(group: &str, label: &str, amount: Option<i64>) -> CostItem {
        CostItem {
            path: vec![group.into(), label.into()],
            unit: None,
            page: 1,
            values: vec![CostValue {
                year: "R５".into(),
                fiscal_year: Some(2023),
                basis: Some("決算".into()),
                amount: amount.map(Number::Integer),
                remarks: None,
            }],
        }
    }

    /// A label wrapped onto the next row (the amount on the lower row) is one item.
    #[test]
    fn a_wrapped_cost_label_joins_the_item_above() {
        let mut above = item("内訳", "環境学習推進", None);
        let below = item("内訳", "の委託料", Some(5690));
        assert!(wraps_into(&above, &below));
        join_wrapped(&mut above, below);
        assert_eq!(above, item("内訳", "環境学習推進の委託料", Some(5690)));
        assert!(!wraps_into(
            &item("内訳", "委託料", None),
            &item("内訳", "補助金", Some(1))
        ));
        assert!(!wraps_into(
            &item("内訳", "委託料", None),
            &item("財源", "の一般財源", Some(1))
        ));
    }

    #[test]
    fn amounts() {
        use Number::{Decimal, Integer};
        assert_eq!(
            parse_amount("5,690"),
            amount(Some(Integer(5690)), None, None)
        );
        assert_eq!(
            parse_amount("▲ 1,148"),
            amount(Some(Integer(-1148)), None, None)
        );
        assert_eq!(parse_amount("△3"), amount(Some(Integer(-3)), None, None));
        assert_eq!(
            parse_amount("6.0人"),
            amount(Some(Decimal(6.0)), Some("人"), None)
        );
        assert_eq!(
            parse_amount("32.2%"),
            amount(Some(Decimal(32.2)), Some("%"), None)
        );
        assert_eq!(
            parse_amount("1,200（300）"),
            amount(Some(Integer(1200)), None, Some("（300）"))
        );
        assert_eq!(
            parse_amount("50(△10)"),
            amount(Some(Integer(50)), None, Some("(△10)"))
        );
        assert_eq!(parse_amount("－"), amount(None, None, None));
        assert_eq!(parse_amount(""), amount(None, None, None));
        assert_eq!(parse_amount("集計中"), amount(None, None, Some("集計中")));
    }
}
