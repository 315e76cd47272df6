//! The row model of `form`'s CSV and xlsx: one row per cell holding text, with the columns
//! of SPEC.md "Any form" as typed fields (numbers, booleans, text; empty for null).

use crate::form::{FormCell, FormPage};
use crate::output::table::Field;

/// The header row.
pub const COLUMNS: [&str; 14] = [
    "source",
    "page",
    "row",
    "col",
    "rows",
    "cols",
    "label",
    "shaded",
    "section",
    "row_headers",
    "column_headers",
    "text",
    "number",
    "options",
];

/// Separator of header lists in one field.
pub const HEADER_SEPARATOR: &str = " > ";
/// Separator of options in one field (each option is `mark text`).
pub const OPTION_SEPARATOR: &str = "; ";

/// The rows of one page of the file `source`, in the page's reading order.
pub fn page_rows<'a>(source: &'a str, page: &'a FormPage) -> impl Iterator<Item = Vec<Field>> + 'a {
    page.cells
        .iter()
        .map(move |cell| cell_row(source, page.page, cell))
}

/// The row of one cell.
pub fn cell_row(source: &str, page: usize, cell: &FormCell) -> Vec<Field> {
    let count = |n: usize| Field::Integer(n as i64);
    let text = |s: String| {
        if s.is_empty() {
            Field::Empty
        } else {
            Field::Text(s)
        }
    };
    vec![
        text(source.to_string()),
        count(page),
        count(cell.row),
        count(cell.col),
        count(cell.rows),
        count(cell.cols),
        Field::Bool(cell.label),
        Field::Bool(cell.shaded),
        cell.section.clone().map_or(Field::Empty, text),
        text(cell.row_headers.join(HEADER_SEPARATOR)),
        text(cell.column_headers.join(HEADER_SEPARATOR)),
        text(cell.text.clone()),
        cell.number.map_or(Field::Empty, Field::Number),
        cell.options.as_ref().map_or(Field::Empty, |options| {
            text(
                options
                    .iter()
                    .map(|o| format!("{} {}", o.mark, o.text))
                    .collect::<Vec<_>>()
                    .join(OPTION_SEPARATOR),
            )
        }),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::FormOption;
    use crate::values::Number;

    #[test]
    fn a_cell_row_has_typed_fields_and_joined_lists() {
        let cell = FormCell {
            row: 3,
            col: 5,
            rows: 1,
            cols: 2,
            bbox: [0.0, 0.0, 1.0, 1.0],
            text: "5,690".into(),
            label: false,
            shaded: true,
            section: None,
            row_headers: vec!["財源".into(), "その他".into()],
            column_headers: vec!["R６年度".into(), "決算".into()],
            number: Some(Number::Integer(5690)),
            options: Some(vec![
                FormOption {
                    mark: "○".into(),
                    text: "達成".into(),
                },
                FormOption {
                    mark: "●".into(),
                    text: "未達成".into(),
                },
            ]),
        };
        let got = cell_row("a.pdf", 1, &cell);
        assert_eq!(
            got,
            vec![
                Field::Text("a.pdf".into()),
                Field::Integer(1),
                Field::Integer(3),
                Field::Integer(5),
                Field::Integer(1),
                Field::Integer(2),
                Field::Bool(false),
                Field::Bool(true),
                Field::Empty,
                Field::Text("財源 > その他".into()),
                Field::Text("R６年度 > 決算".into()),
                Field::Text("5,690".into()),
                Field::Number(Number::Integer(5690)),
                Field::Text("○ 達成; ● 未達成".into()),
            ]
        );
    }
}
