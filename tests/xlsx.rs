//! `--format xlsx` (read back with calamine, checked cell by cell against the CSV of the
//! same input), continuation worksheets, and `--generate` (completions parse, the man page
//! has its sections and renders).

use std::fs;
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use sheet_extract::output::table::Field;
use sheet_extract::output::xlsx::XlsxBook;

use crate::util::run;
const INPUTS: [&str; 2] = [
    "fixtures/kitakami-r6-4-1.pdf",
    "fixtures/books/book-sample.pdf",
];

/// Columns the workbook holds as numbers, booleans (SPEC.md); the rest are text.
const NUMBER_COLUMNS: [&str; 16] = [
    "page",
    "first_page",
    "pages",
    "evaluation_fiscal_year",
    "target_fiscal_year",
    "fiscal_year",
    "sheet_number",
    "indicator_number",
    "project_number",
    "item",
    "expected",
    "actual",
    "projects",
    "indicators",
    "warnings",
    "reported_in",
];
const BOOL_COLUMNS: [&str; 2] = ["is_baseline", "is_target"];

/// Whether the column holds numbers: the counts `projects`, `indicators`, `warnings` only
/// in the measures table (elsewhere `indicators` lists numbers as text, `1;2;3`).
fn is_number(table: &str, column: &str) -> bool {
    let counts = ["projects", "indicators", "warnings"];
    NUMBER_COLUMNS.contains(&column) && (table == "measures" || !counts.contains(&column))
}

/// A cell as CSV prints it, checking its type against its column.
fn as_csv(cell: &Data, table: &str, column: &str, number_format_places: Option<usize>) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => {
            assert!(
                !is_number(table, column) && !BOOL_COLUMNS.contains(&column),
                "{column}: text {s}"
            );
            s.clone()
        }
        Data::Float(f) => {
            assert!(is_number(table, column), "{column}: number {f}");
            match number_format_places {
                Some(places) if places > 0 => format!("{f:.places$}"),
                _ if f.fract() == 0.0 => format!("{}", *f as i64),
                _ => f.to_string(),
            }
        }
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => {
            assert!(BOOL_COLUMNS.contains(&column), "{column}: bool");
            b.to_string()
        }
        other => panic!("{column}: unexpected cell {other:?}"),
    }
}

#[test]
fn workbook_holds_every_table_with_the_csv_values_and_types() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("all.xlsx");
    let mut args = INPUTS.to_vec();
    let out = path.to_str().unwrap();
    args.extend(["-f", "xlsx", "-o", out, "-q"]);
    assert_eq!(run(&args).status.code(), Some(0));
    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        ["indicators", "projects", "text", "measures", "warnings"]
    );
    for table in ["indicators", "projects", "text", "measures"] {
        let mut csv_args = INPUTS.to_vec();
        csv_args.extend(["-f", "csv", "--table", table, "-q"]);
        let csv = String::from_utf8(run(&csv_args).stdout).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        let range = workbook.worksheet_range(table).unwrap();
        let mut sheet_rows = range.rows();
        let sheet_header: Vec<String> = sheet_rows
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(sheet_header, header, "{table}");
        let mut count = 0;
        for (row, expected) in sheet_rows.zip(&rows) {
            for (col, (cell, want)) in row.iter().zip(expected).enumerate() {
                // Decimals show their printed places through the cell format (16.0).
                let places = want.split_once('.').map(|(_, f)| f.len());
                let got = as_csv(
                    cell,
                    table,
                    &header[col],
                    places.filter(|_| matches!(cell, Data::Float(_))),
                );
                assert_eq!(&got, want, "{table} column {}", header[col]);
            }
            count += 1;
        }
        assert_eq!(count, rows.len(), "{table}");
    }
    // 4-1 stays text; 16.0 stays a number.
    let measures = workbook.worksheet_range("measures").unwrap();
    assert_eq!(
        measures.get_value((1, 10)),
        Some(&Data::String("4-1".into()))
    );
    let indicators = workbook.worksheet_range("indicators").unwrap();
    assert!(indicators.rows().any(|r| r[11] == Data::Float(16.0)));
}

#[test]
fn a_table_longer_than_a_worksheet_continues_on_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.xlsx");
    let mut book =
        XlsxBook::with_max_rows(&[("indicators", &["a", "b"]), ("warnings", &["w"])], 3).unwrap();
    for n in 0..5 {
        book.write_row(0, &[Field::Integer(n), Field::Text(format!("r{n}"))])
            .unwrap();
    }
    book.save(fs::File::create(&path).unwrap()).unwrap();
    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        ["indicators", "warnings", "indicators (2)", "indicators (3)"]
    );
    let third = workbook.worksheet_range("indicators (3)").unwrap();
    let rows: Vec<Vec<String>> = third
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows, [vec!["a", "b"], vec!["4", "r4"]]);
}

#[test]
fn one_workbook_per_input_and_a_workbook_to_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let target = format!("{}/", dir.path().display());
    let output = run(&[
        "fixtures/kitakami-r6-4-1.pdf",
        "fixtures/sample-r5-2-3.pdf",
        "-f",
        "xlsx",
        "-o",
        &target,
    ]);
    assert_eq!(output.status.code(), Some(0));
    for name in ["kitakami-r6-4-1.xlsx", "sample-r5-2-3.xlsx"] {
        let workbook: Xlsx<_> = open_workbook(dir.path().join(name)).unwrap();
        assert_eq!(workbook.sheet_names().len(), 5);
    }
    let piped = run(&["fixtures/kitakami-r6-4-1.pdf", "-f", "xlsx"]);
    assert_eq!(piped.status.code(), Some(0));
    assert!(piped.stdout.starts_with(b"PK\x03\x04"));
    assert_eq!(
        run(&[
            "fixtures/kitakami-r6-4-1.pdf",
            "-f",
            "xlsx",
            "--table",
            "projects"
        ])
        .status
        .code(),
        Some(2)
    );
}

#[test]
fn series_workbook_has_indicators_grades_and_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("series.xlsx");
    let out = path.to_str().unwrap();
    let output = run(&[
        "series",
        "fixtures/series/series-2-3-r4.pdf",
        "fixtures/series/series-2-3-r5.pdf",
        "fixtures/series/series-2-3-r6.pdf",
        "-f",
        "xlsx",
        "-o",
        out,
        "-q",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(workbook.sheet_names(), ["indicators", "grades", "warnings"]);
    let warnings = workbook.worksheet_range("warnings").unwrap();
    assert_eq!(warnings.height(), 2);
    let grades = workbook.worksheet_range("grades").unwrap();
    assert_eq!(grades.get_value((1, 4)), Some(&Data::Float(2022.0)));
}

#[test]
fn completions_parse_and_the_man_page_has_its_sections() {
    let bash = run(&["--generate", "complete-bash"]);
    assert_eq!(bash.status.code(), Some(0));
    let script = String::from_utf8(bash.stdout).unwrap();
    assert!(script.contains("series") && script.contains("inspect"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.bash");
    fs::write(&file, &script).unwrap();
    let check = Command::new("bash").arg("-n").arg(&file).status().unwrap();
    assert!(check.success());
    for shell in ["zsh", "fish", "powershell"] {
        let out = run(&["--generate", &format!("complete-{shell}")]);
        assert!(out.status.success() && !out.stdout.is_empty(), "{shell}");
    }
    let man = run(&["--generate", "man"]);
    let page = String::from_utf8(man.stdout).unwrap();
    assert!(
        page.starts_with(".ie") || page.starts_with(".TH"),
        "{}",
        &page[..40]
    );
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        // One page: each subcommand's options in a section of its own (tests/measure.rs).
        ".SH \"SUBCOMMAND: sheet\\-extract series\"",
        ".SH \"EXIT STATUS\"",
        ".SH LIMITS",
        ".SH ENVIRONMENT",
        ".SH EXAMPLES",
        "NO_COLOR",
    ] {
        assert!(page.contains(section), "{section}");
    }
    // Rendered by man(1) where it is installed.
    if Command::new("man")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        let path = dir.path().join("sheet-extract.1");
        fs::write(&path, &page).unwrap();
        let rendered = Command::new("man")
            .arg("-l")
            .arg(&path)
            .env("MANWIDTH", "80")
            .output()
            .unwrap();
        assert!(rendered.status.success());
        assert!(String::from_utf8_lossy(&rendered.stdout).contains("EXIT STATUS"));
    }
}
