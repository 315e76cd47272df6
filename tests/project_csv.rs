//! The CSV and xlsx tables of project sheets, written from the `ProjectSheet` model through
//! the same writers as every table: the hand-written expected sheet of 池田市 R7-001
//! (`fixtures/ja-eval/`) gives exactly the hand-written `costs` and `project-indicators`
//! tables. And the note for a table the run's sheets do not fill.

use std::fs;
use std::io::Cursor;
use std::process::Command;

use sheet_extract::Document;
use sheet_extract::output::{Format, Options, Table};
use sheet_extract::project::ProjectSheet;

use crate::util::BIN;
const IKEDA: &str = "fixtures/ja-eval/ikeda__r7-001-jimujigyo-mokuhyo-settei.expected.json";

fn ikeda() -> Document {
    let sheet: ProjectSheet = serde_json::from_str(&fs::read_to_string(IKEDA).unwrap()).unwrap();
    Document::Project(sheet)
}

fn options(format: Format, table: Table) -> Options {
    Options {
        format,
        table,
        workbook: &Table::WORKBOOK,
        extra: &Table::PROJECT,
        bom: false,
    }
}

fn csv(table: Table) -> String {
    let mut writer = options(Format::Csv, table)
        .writer(Cursor::new(Vec::new()), None)
        .unwrap();
    writer.write(&[ikeda()]).unwrap();
    String::from_utf8(writer.finish().unwrap().into_inner()).unwrap()
}

/// Data records of a CSV text (fields may hold line breaks).
fn records(text: &str) -> usize {
    ::csv::Reader::from_reader(text.as_bytes())
        .records()
        .count()
}

#[test]
fn the_costs_table_of_ikeda_r7_001_is_the_hand_written_one() {
    let expected = fs::read_to_string("fixtures/ja-eval/ikeda__r7-001.costs.csv").unwrap();
    assert_eq!(csv(Table::Costs), expected);
}

#[test]
fn the_project_indicators_table_of_ikeda_r7_001_is_the_hand_written_one() {
    let expected =
        fs::read_to_string("fixtures/ja-eval/ikeda__r7-001.project-indicators.csv").unwrap();
    assert_eq!(csv(Table::ProjectIndicators), expected);
}

#[test]
fn the_project_sheets_and_assessments_tables_have_the_spec_columns() {
    let sheets = csv(Table::ProjectSheets);
    assert_eq!(
        sheets.lines().next().unwrap(),
        "source,first_page,pages,title,evaluation_fiscal_year,number,name,departments,purpose,target,intent,means,content,period,method,direction,direction_reason,indicators,cost_items,fields,warnings"
    );
    assert_eq!(records(&sheets), 1);
    let assessments = csv(Table::Assessments);
    assert_eq!(
        assessments.lines().next().unwrap(),
        "source,first_page,page,evaluation_fiscal_year,number,name,label,value,reason"
    );
    let Document::Project(sheet) = ikeda() else {
        unreachable!()
    };
    let judgements = sheet.assessments.len() + usize::from(sheet.direction.is_some());
    assert_eq!(records(&assessments), judgements);
    // Measure tables hold measure sheets only.
    assert_eq!(records(&csv(Table::Indicators)), 0);
}

#[test]
fn xlsx_adds_the_project_worksheets_with_numbers_as_numbers() {
    use calamine::{Data, Reader, Xlsx};
    let mut writer = options(Format::Xlsx, Table::Indicators)
        .writer(Cursor::new(Vec::new()), None)
        .unwrap();
    writer.write(&[ikeda()]).unwrap();
    let zip = writer.finish().unwrap();
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(zip.into_inner())).unwrap();
    let names = workbook.sheet_names();
    assert_eq!(
        names[5..],
        [
            "project-sheets",
            "project-indicators",
            "costs",
            "assessments"
        ]
    );
    let costs = workbook.worksheet_range("costs").unwrap();
    let first: Vec<Data> = costs.rows().nth(1).unwrap().to_vec();
    assert_eq!(first[1], Data::Float(1.0)); // first_page
    assert_eq!(first[3], Data::Float(2024.0)); // evaluation_fiscal_year
    assert_eq!(first[4], Data::String("1".into())); // number, as printed
    assert_eq!(first[8], Data::Float(2022.0)); // fiscal_year
    assert_eq!(first[10], Data::Float(5690.0)); // amount
    assert_eq!(first[11], Data::String("千円".into()));
}

#[test]
fn a_table_the_run_does_not_fill_is_its_header_with_a_note() {
    let output = Command::new(BIN)
        .args([
            "fixtures/kitakami-r6-4-1.pdf",
            "-f",
            "csv",
            "--table",
            "costs",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "source,first_page,page,evaluation_fiscal_year,number,name,item,year,fiscal_year,basis,amount,unit,remarks\r\n"
    );
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "no project sheets in the inputs: try --table indicators\n"
    );
    let quiet = Command::new(BIN)
        .args([
            "fixtures/kitakami-r6-4-1.pdf",
            "-q",
            "-f",
            "csv",
            "--table",
            "costs",
        ])
        .output()
        .unwrap();
    assert_eq!(quiet.status.code(), Some(0));
    assert!(quiet.stderr.is_empty());
}

/// The `assessments` table of every generated project sheet and book, through the command
/// (and so across the process pool's pipe): each row's `page` is where its label is printed
/// (template C's judgements are on the sheet's second page), exactly as the generator drew it.
#[test]
fn the_assessments_table_of_generated_sheets_is_the_generators() {
    let mut checked = 0;
    for entry in fs::read_dir("fixtures/projects").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap();
        let Some(stem) = name.strip_suffix(".expected-assessments.csv") else {
            continue;
        };
        let pdf = format!("fixtures/projects/{stem}.pdf");
        let output = Command::new(BIN)
            .args([&pdf, "-q", "-f", "csv", "--table", "assessments"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{pdf}");
        let expected = fs::read_to_string(&path).unwrap();
        assert_eq!(String::from_utf8(output.stdout).unwrap(), expected, "{pdf}");
        checked += 1;
    }
    assert_eq!(checked, 12);
}
