//! The CSV tables of project sheets (SPEC.md "Project sheets"): `project-sheets` (one row
//! per sheet), `project-indicators` (indicator × year), `costs` (cost item × year × basis)
//! and `assessments` (each assessment, then the direction), as typed fields of the row
//! model. Every row starts with the sheet's key; `first_page` joins a row to its sheet.

use super::table::Field;
use crate::project::ProjectSheet;

/// Separator of a cost item's path in the `item` column.
pub const PATH_SEPARATOR: &str = " / ";

pub const SHEET_COLUMNS: [&str; 21] = [
    "source",
    "first_page",
    "pages",
    "title",
    "evaluation_fiscal_year",
    "number",
    "name",
    "departments",
    "purpose",
    "target",
    "intent",
    "means",
    "content",
    "period",
    "method",
    "direction",
    "direction_reason",
    "indicators",
    "cost_items",
    "fields",
    "warnings",
];

pub const INDICATOR_COLUMNS: [&str; 15] = [
    "source",
    "first_page",
    "page",
    "evaluation_fiscal_year",
    "number",
    "name",
    "indicator_kind",
    "indicator_name",
    "unit",
    "year",
    "fiscal_year",
    "expected",
    "actual",
    "expected_remarks",
    "actual_remarks",
];

pub const COST_COLUMNS: [&str; 13] = [
    "source",
    "first_page",
    "page",
    "evaluation_fiscal_year",
    "number",
    "name",
    "item",
    "year",
    "fiscal_year",
    "basis",
    "amount",
    "unit",
    "remarks",
];

pub const ASSESSMENT_COLUMNS: [&str; 9] = [
    "source",
    "first_page",
    "page",
    "evaluation_fiscal_year",
    "number",
    "name",
    "label",
    "value",
    "reason",
];

/// `source, first_page, page, evaluation_fiscal_year, number, name`, then `rest`.
fn keyed(sheet: &ProjectSheet, page: usize, rest: impl IntoIterator<Item = Field>) -> Vec<Field> {
    let mut row = vec![
        Field::text(sheet.source.file.as_str()),
        Field::int(sheet.source.first_page),
        Field::int(page),
        Field::opt_int(sheet.evaluation_year.as_ref().map(|y| y.fiscal_year)),
        Field::opt_text(sheet.number.as_deref()),
        Field::opt_text(sheet.name.as_deref()),
    ];
    row.extend(rest);
    row
}

/// The one row of `project-sheets`.
pub fn sheet_row(sheet: &ProjectSheet) -> Vec<Field> {
    let outline = &sheet.outline;
    let direction = sheet.direction.as_ref();
    vec![
        Field::text(sheet.source.file.as_str()),
        Field::int(sheet.source.first_page),
        Field::int(sheet.source.pages),
        Field::opt_text(sheet.title.as_deref()),
        Field::opt_int(sheet.evaluation_year.as_ref().map(|y| y.fiscal_year)),
        Field::opt_text(sheet.number.as_deref()),
        Field::opt_text(sheet.name.as_deref()),
        Field::text(sheet.departments.join(";")),
        Field::opt_text(outline.purpose.as_deref()),
        Field::opt_text(outline.target.as_deref()),
        Field::opt_text(outline.intent.as_deref()),
        Field::opt_text(outline.means.as_deref()),
        Field::opt_text(outline.content.as_deref()),
        Field::opt_text(outline.period.as_deref()),
        Field::opt_text(outline.method.as_deref()),
        Field::opt_text(direction.and_then(|d| d.value.as_deref())),
        Field::opt_text(direction.and_then(|d| d.reason.as_deref())),
        Field::int(sheet.indicators.len()),
        Field::int(sheet.costs.items.len()),
        Field::int(sheet.fields.len()),
        Field::int(sheet.warnings.len()),
    ]
}

/// `project-indicators`: one row per indicator × year.
pub fn indicator_rows(sheet: &ProjectSheet) -> Vec<Vec<Field>> {
    let mut rows = Vec::new();
    for indicator in &sheet.indicators {
        for value in &indicator.values {
            rows.push(keyed(
                sheet,
                indicator.page,
                [
                    Field::opt_text(indicator.kind.as_deref()),
                    Field::text(indicator.name.as_str()),
                    Field::opt_text(indicator.unit.as_deref()),
                    Field::text(value.year.as_str()),
                    Field::opt_int(value.fiscal_year),
                    Field::number(value.expected.as_ref()),
                    Field::number(value.actual.as_ref()),
                    Field::opt_text(value.expected_remarks.as_deref()),
                    Field::opt_text(value.actual_remarks.as_deref()),
                ],
            ));
        }
    }
    rows
}

/// `costs`: one row per cost item × year × basis; the unit is the item's, else the table's.
pub fn cost_rows(sheet: &ProjectSheet) -> Vec<Vec<Field>> {
    let mut rows = Vec::new();
    for item in &sheet.costs.items {
        let unit = item.unit.as_deref().or(sheet.costs.unit.as_deref());
        for value in &item.values {
            rows.push(keyed(
                sheet,
                item.page,
                [
                    Field::text(item.path.join(PATH_SEPARATOR)),
                    Field::text(value.year.as_str()),
                    Field::opt_int(value.fiscal_year),
                    Field::opt_text(value.basis.as_deref()),
                    Field::number(value.amount.as_ref()),
                    Field::opt_text(unit),
                    Field::opt_text(value.remarks.as_deref()),
                ],
            ));
        }
    }
    rows
}

/// `assessments`: one row per assessment, then the direction; `page`: where its label is
/// printed (a sheet read back from JSON, which holds no such page, gives its first page).
pub fn assessment_rows(sheet: &ProjectSheet) -> Vec<Vec<Field>> {
    let judgements = sheet
        .assessments
        .iter()
        .map(|a| (a.page, &a.label, &a.value, &a.reason))
        .chain(
            sheet
                .direction
                .iter()
                .map(|d| (d.page, &d.label, &d.value, &d.reason)),
        );
    judgements
        .map(|(page, label, value, reason)| {
            keyed(
                sheet,
                if page == 0 {
                    sheet.source.first_page
                } else {
                    page
                },
                [
                    Field::text(label.as_str()),
                    Field::opt_text(value.as_deref()),
                    Field::opt_text(reason.as_deref()),
                ],
            )
        })
        .collect()
}
