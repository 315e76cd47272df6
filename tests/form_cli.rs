//! `sheet-extract form` through the real binary: one document per input file in every
//! format, `-o DIR/`, `--pages`, failures and usage errors. The generated project pages of
//! `fixtures/projects/` carry the generator's expected form output: the parts the form stage
//! agrees with (source, pages read, cells per page) are compared with it; the rest of the
//! JSON is compared with the library's own reading (the stage's correctness is tested beside
//! the stage), so that these tests pin the plumbing: framing, order, formats.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;

use sheet_extract::form::{self, FormDocument};

use crate::util::{BIN, run, stderr, stdout};
const A1: &str = "fixtures/projects/excel-a1.pdf";
const B1: &str = "fixtures/projects/excel-b1.pdf";
/// Two pages.
const C1: &str = "fixtures/projects/excel-c1.pdf";

/// The library's reading of a file, all pages or `pages`.
fn library(path: &str, pages: Option<(usize, usize)>) -> FormDocument {
    form::read(fs::read(path).unwrap(), path, &Default::default(), pages).unwrap()
}

/// The generator's expected form output of a generated page.
fn expected(path: &str) -> serde_json::Value {
    let name = path.replace(".pdf", ".expected-form.json");
    serde_json::from_str(&fs::read_to_string(name).unwrap()).unwrap()
}

fn pretty(document: &FormDocument) -> String {
    serde_json::to_string_pretty(document).unwrap() + "\n"
}

#[test]
fn one_file_is_one_json_object_agreeing_with_the_generator_where_the_stage_does() {
    for path in [A1, B1, C1] {
        let output = run(&["form", path]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(stderr(&output), "");
        assert_eq!(stdout(&output), pretty(&library(path, None)));
        let got: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let want = expected(path);
        assert_eq!(got["schema_version"], 1);
        assert_eq!(got["kind"], "form");
        assert_eq!(got["source"], want["source"], "{path}");
        assert_eq!(got["warnings"], want["warnings"], "{path}");
        let shape = |v: &serde_json::Value| -> Vec<(u64, usize)> {
            let pages = v["pages"].as_array().unwrap();
            pages
                .iter()
                .map(|p| {
                    (
                        p["page"].as_u64().unwrap(),
                        p["cells"].as_array().unwrap().len(),
                    )
                })
                .collect()
        };
        assert_eq!(shape(&got), shape(&want), "{path}");
    }
}

#[test]
fn csv_is_one_row_per_cell_with_the_spec_header() {
    let output = run(&["form", A1, "-f", "csv"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let mut lines = text.split("\r\n");
    assert_eq!(
        lines.next(),
        Some(
            "source,page,row,col,rows,cols,label,shaded,section,row_headers,column_headers,text,number,options"
        )
    );
    let document = library(A1, None);
    let mut expected = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    expected
        .write_record(sheet_extract::output::form_rows::COLUMNS)
        .unwrap();
    for row in sheet_extract::output::form_rows::page_rows(A1, &document.pages[0]) {
        expected
            .write_record(row.iter().map(|f| f.to_csv()))
            .unwrap();
    }
    assert_eq!(text.as_bytes(), expected.into_inner().unwrap());
    // The first data row, as SPEC's columns read it.
    assert_eq!(
        lines.next(),
        Some(
            "fixtures/projects/excel-a1.pdf,1,1,1,1,3,true,true,（１）事務事業の概要,,,事務事業名,,"
        )
    );
}

#[test]
fn ndjson_is_one_line_per_file_in_input_order() {
    let output = run(&["form", "-f", "ndjson", B1, A1]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    for (line, path) in lines.iter().zip([B1, A1]) {
        assert_eq!(*line, serde_json::to_string(&library(path, None)).unwrap());
    }
    assert_eq!(
        stderr(&output),
        "extracted 2 forms from 2 files, failed 0, warnings 0\n"
    );
}

#[test]
fn two_files_make_a_json_array() {
    let output = run(&["form", A1, B1]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let documents = vec![library(A1, None), library(B1, None)];
    assert_eq!(
        stdout(&output),
        serde_json::to_string_pretty(&documents).unwrap() + "\n"
    );
}

#[test]
fn an_output_directory_gets_one_file_per_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = format!("{}/out/", dir.path().display());
    let output = run(&["form", A1, B1, "-o", &out]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    for (name, path) in [("excel-a1.json", A1), ("excel-b1.json", B1)] {
        let written = fs::read_to_string(Path::new(&out).join(name)).unwrap();
        assert_eq!(written, pretty(&library(path, None)), "{name}");
    }
    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["excel-a1.json", "excel-b1.json"]);
}

#[test]
fn a_bad_file_fails_on_one_line_and_the_others_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.pdf");
    fs::File::create(&bad)
        .unwrap()
        .write_all(b"plain text, not a pdf\n")
        .unwrap();
    let bad = bad.to_str().unwrap();
    let output = run(&["form", "-f", "ndjson", bad, A1]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!(
            "{bad}: not a PDF (no %PDF- header)\nextracted 1 form from 1 file, failed 1, warnings 0\n"
        )
    );
    assert_eq!(
        stdout(&output),
        serde_json::to_string(&library(A1, None)).unwrap() + "\n"
    );
    let alone = run(&["form", bad]);
    assert_eq!(alone.status.code(), Some(1));
    assert_eq!(
        stderr(&alone),
        format!("{bad}: not a PDF (no %PDF- header)\n")
    );
    assert_eq!(stdout(&alone), "[\n]\n");
}

#[test]
fn table_is_a_usage_error() {
    let output = run(&["form", A1, "-f", "csv", "--table", "indicators"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "sheet-extract form: --table does not apply to form: its CSV is one table (cells)\n"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn pages_selects_pages_of_the_file() {
    let output = run(&["form", C1, "--pages", "2"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), pretty(&library(C1, Some((2, 2)))));
    let got: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(got["source"]["pages"], 3);
    assert_eq!(got["pages"].as_array().unwrap().len(), 1);
    assert_eq!(got["pages"][0]["page"], 2);
}

#[test]
fn help_form_prints_the_usage() {
    let output = run(&["help", "form"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout(&output).contains("Usage: sheet-extract form [OPTIONS] [INPUT]..."),
        "{}",
        stdout(&output)
    );
}

#[test]
fn xlsx_is_a_cells_worksheet_with_typed_cells() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cells.xlsx");
    let output = run(&["form", A1, "-o", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(workbook.sheet_names(), ["cells"]);
    let range = workbook.worksheet_range("cells").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, sheet_extract::output::form_rows::COLUMNS);
    assert_eq!(rows.len(), 1 + library(A1, None).pages[0].cells.len());
    assert_eq!(
        rows[1][..8],
        [
            Data::String(A1.into()),
            Data::Float(1.0),
            Data::Float(1.0),
            Data::Float(1.0),
            Data::Float(1.0),
            Data::Float(3.0),
            Data::Bool(true),
            Data::Bool(true),
        ]
    );
}

#[test]
#[cfg_attr(
    not(feature = "fault-injection"),
    ignore = "needs --features fault-injection"
)]
fn a_page_over_the_time_limit_fails_alone() {
    let output = Command::new(BIN)
        .args(["form", C1, "--timeout", "1"])
        .env("SHEET_EXTRACT_FAULT", "hang:excel-c1@2")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!("{C1}: page 2: limit exceeded: took longer than the time limit of 1 s\n")
    );
    // Page 2 fails alone; the pages before and after it are read.
    let mut document = library(C1, None);
    document.pages.retain(|page| page.page != 2);
    assert_eq!(document.pages.len(), 2);
    assert_eq!(stdout(&output), pretty(&document));
}

#[test]
fn a_file_without_a_text_layer_fails_on_one_line_and_writes_no_pages() {
    let output = run(&["form", "fixtures/bad/scanned.pdf"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "fixtures/bad/scanned.pdf: no text layer (scanned image?)\n"
    );
    assert_eq!(stdout(&output), "[\n]\n");
}
