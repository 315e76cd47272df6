//! The project sheet's tables on real sheets: indicators, costs, assessments and direction
//! read from the form pages of 池田市 R7-001 (page 1) and 神戸市 H25-007 (pages 1–4 and 5–7)
//! equal the members of the hand-written expected files (`fixtures/ja-eval/`, written from
//! page images and the text layer, never from the tool).

use serde_json::{Value, json};
use sheet_extract::Limits;
use sheet_extract::form::{self, FormPage};
use sheet_extract::project::{Context, assessments, costs, indicators};

const IKEDA: &str = "fixtures/ja-eval/ikeda__r7-001-jimujigyo-mokuhyo-settei.pdf";
const KOBE: &str = "fixtures/ja-eval/kobe__h25-007-jimujigyo-hyoka-sheet.pdf";

fn pages(path: &str, first: usize, last: usize) -> Vec<FormPage> {
    let bytes = std::fs::read(path).expect("fixture");
    form::read(bytes, path, &Limits::default(), Some((first, last)))
        .expect("a readable PDF")
        .pages
}

fn ikeda_expected() -> Value {
    let text = std::fs::read_to_string(
        "fixtures/ja-eval/ikeda__r7-001-jimujigyo-mokuhyo-settei.expected.json",
    )
    .expect("expected file");
    serde_json::from_str(&text).expect("json")
}

fn kobe_expected(sheet: usize) -> Value {
    let text = std::fs::read_to_string(
        "fixtures/ja-eval/kobe__h25-007-jimujigyo-hyoka-sheet.expected.ndjson",
    )
    .expect("expected file");
    let line = text.lines().nth(sheet).expect("sheet line");
    serde_json::from_str(line).expect("json")
}

/// The four members this part gives, as the expected files hold them.
fn tables(pages: &[FormPage], context: &Context) -> Value {
    let judgements = assessments::read(pages, context).value;
    json!({
        "indicators": indicators::read(pages, context).value,
        "costs": costs::read(pages, context).value,
        "assessments": judgements.assessments,
        "direction": judgements.direction,
    })
}

fn assert_members_eq(got: &Value, want: &Value) {
    for member in ["indicators", "costs", "assessments", "direction"] {
        assert_eq!(
            serde_json::to_string_pretty(&got[member]).unwrap(),
            serde_json::to_string_pretty(&want[member]).unwrap(),
            "{member}"
        );
    }
}

#[test]
fn ikeda_tables_read_as_written_by_hand() {
    let context = Context {
        era_year: Some(2024),
    };
    let got = tables(&pages(IKEDA, 1, 1), &context);
    assert_members_eq(&got, &ikeda_expected());
}

/// 神戸市's bare years (`20年度`) take 平成, the era of the latest era year printed in the file
/// (平成25年度 on page 7).
fn kobe_context() -> Context {
    Context {
        era_year: Some(2013),
    }
}

#[test]
fn kobe_sheet_1_tables_read_as_written_by_hand() {
    let got = tables(&pages(KOBE, 1, 4), &kobe_context());
    assert_members_eq(&got, &kobe_expected(0));
}

#[test]
fn kobe_sheet_2_tables_read_as_written_by_hand() {
    let got = tables(&pages(KOBE, 5, 7), &kobe_context());
    assert_members_eq(&got, &kobe_expected(1));
}

#[test]
fn parts_take_no_cell_left_for_fields() {
    // 池田市: the spanning 「その他」財源 value and the SDG marks stay for `fields`.
    let pages = pages(IKEDA, 1, 1);
    let context = Context {
        era_year: Some(2024),
    };
    let mut taken = indicators::read(&pages, &context).taken;
    taken.extend(costs::read(&pages, &context).taken);
    taken.extend(assessments::read(&pages, &context).taken);
    for cell in &pages[0].cells {
        let is_taken = taken.iter().any(|t| t.row == cell.row && t.col == cell.col);
        let is_field =
            cell.text.contains("基金繰入金") || cell.row_headers.iter().any(|h| h.contains("SDG"));
        if is_field {
            assert!(!is_taken, "{} taken", cell.text);
        }
    }
}

/// Generated one-sheet files of `fixtures/projects/` (tools/gen_projects.py; expected objects
/// from the generator's own data).
const GENERATED: &[&str] = &[
    "excel-a1", "excel-a2", "excel-b1", "excel-b2", "excel-c1", "excel-c2", "excel-d1", "excel-d2",
    "lo-a1", "lo-c1",
];

/// The generated sheet `name`'s members as read, and as expected.
fn generated(name: &str) -> (Value, Value) {
    let path = format!("fixtures/projects/{name}.pdf");
    let text = std::fs::read_to_string(format!("fixtures/projects/{name}.expected.json"))
        .expect("expected file");
    let want: Value = serde_json::from_str(&text).expect("json");
    let context = Context {
        era_year: want["evaluation_year"]["fiscal_year"]
            .as_i64()
            .map(|y| y as i32),
    };
    let last = want["source"]["pages"].as_u64().expect("pages") as usize;
    (tables(&pages(&path, 1, last), &context), want)
}

#[test]
fn generated_sheets_read_as_the_generator_drew_them() {
    let mut failed = Vec::new();
    for name in GENERATED {
        let (got, want) = generated(name);
        for member in ["indicators", "costs", "assessments", "direction"] {
            if got[member] != want[member] {
                failed.push(format!(
                    "{name} {member}:\n got  {}\n want {}",
                    got[member], want[member]
                ));
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// The project sheets of the generated books, each read from its own pages (as the book stage
/// will hand them over: `source.first_page`, `source.pages`).
#[test]
fn generated_books_sheets_read_as_drawn() {
    let mut failed = Vec::new();
    for book in ["book-projects", "book-mixed"] {
        let path = format!("fixtures/projects/{book}.pdf");
        let text = std::fs::read_to_string(format!("fixtures/projects/{book}.expected.ndjson"))
            .expect("expected file");
        for line in text.lines() {
            let want: Value = serde_json::from_str(line).expect("json");
            if want["kind"] != "project" {
                continue;
            }
            let first = want["source"]["first_page"].as_u64().expect("first") as usize;
            let count = want["source"]["pages"].as_u64().expect("pages") as usize;
            let context = Context {
                era_year: want["evaluation_year"]["fiscal_year"]
                    .as_i64()
                    .map(|y| y as i32),
            };
            let got = tables(&pages(&path, first, first + count - 1), &context);
            for member in ["indicators", "costs", "assessments", "direction"] {
                if got[member] != want[member] {
                    failed.push(format!(
                        "{book} p.{first} {member}:\n got  {}\n want {}",
                        got[member], want[member]
                    ));
                }
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// Every sheet of the real and generated files with its pages and context.
fn all_sheets() -> Vec<(String, Vec<FormPage>, Context, Value)> {
    let mut sheets = vec![
        (
            "ikeda".to_string(),
            pages(IKEDA, 1, 1),
            Context {
                era_year: Some(2024),
            },
            ikeda_expected(),
        ),
        (
            "kobe 1".to_string(),
            pages(KOBE, 1, 4),
            kobe_context(),
            kobe_expected(0),
        ),
        (
            "kobe 2".to_string(),
            pages(KOBE, 5, 7),
            kobe_context(),
            kobe_expected(1),
        ),
    ];
    for name in GENERATED {
        let path = format!("fixtures/projects/{name}.pdf");
        let text = std::fs::read_to_string(format!("fixtures/projects/{name}.expected.json"))
            .expect("expected file");
        let want: Value = serde_json::from_str(&text).expect("json");
        let context = Context {
            era_year: want["evaluation_year"]["fiscal_year"]
                .as_i64()
                .map(|y| y as i32),
        };
        let last = want["source"]["pages"].as_u64().expect("pages") as usize;
        sheets.push((name.to_string(), pages(&path, 1, last), context, want));
    }
    sheets
}

#[test]
fn no_cell_of_the_expected_fields_is_taken() {
    let mut failed = Vec::new();
    for (name, pages, context, want) in all_sheets() {
        let mut taken = indicators::read(&pages, &context).taken;
        taken.extend(costs::read(&pages, &context).taken);
        taken.extend(assessments::read(&pages, &context).taken);
        let fields = want["fields"].as_array().expect("fields");
        for page in &pages {
            for cell in &page.cells {
                let is_taken = taken
                    .iter()
                    .any(|t| t.page == page.page && t.row == cell.row && t.col == cell.col);
                let is_field = fields.iter().any(|f| {
                    f["page"] == page.page
                        && f["text"] == cell.text.as_str()
                        && f["row_headers"] == json!(cell.row_headers)
                        && f["column_headers"] == json!(cell.column_headers)
                });
                if is_taken && is_field {
                    failed.push(format!("{name} p.{} {:?} taken", page.page, cell.text));
                }
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn the_indicator_table_takes_its_empty_rows_marks() {
    // 神戸市 sheet 1: the 単位あたりコスト rows hold only `-` (no indicator) — the table took
    // them, so they do not become fields.
    let pages = pages(KOBE, 1, 4);
    let taken = indicators::read(&pages, &kobe_context()).taken;
    let table = pages[1]
        .cells
        .iter()
        .filter(|c| !c.label && c.section.as_deref() == Some("≪事業実績等≫"));
    for cell in table {
        assert!(
            taken
                .iter()
                .any(|t| t.page == 2 && t.row == cell.row && t.col == cell.col),
            "{:?} at {},{} not taken",
            cell.text,
            cell.row,
            cell.col
        );
    }
}
