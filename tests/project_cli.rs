//! Project sheets through the main command (`sheet-extract FILE`): recognised among measure
//! sheets and other pages, read, and written in every format. Expected outputs are the
//! hand-written files of real sheets (`fixtures/ja-eval/`, from page images and the text
//! layer) and the generator's own (`fixtures/projects/`, from tools/gen_projects.py).

use serde_json::Value;

use crate::util::run;
const IKEDA: &str = "fixtures/ja-eval/ikeda__r7-001-jimujigyo-mokuhyo-settei.pdf";
const KOBE: &str = "fixtures/ja-eval/kobe__h25-007-jimujigyo-hyoka-sheet.pdf";

fn json_lines(bytes: &[u8]) -> Vec<Value> {
    std::str::from_utf8(bytes)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

fn expected_lines(path: &str) -> Vec<Value> {
    json_lines(&std::fs::read(path).expect("expected file"))
}

#[test]
fn a_real_project_sheet_is_the_hand_written_one() {
    let output = run(&[IKEDA, "-f", "json"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let got: Value = serde_json::from_slice(&output.stdout).unwrap();
    let want: Value = serde_json::from_str(
        &std::fs::read_to_string(
            "fixtures/ja-eval/ikeda__r7-001-jimujigyo-mokuhyo-settei.expected.json",
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(got, want);
}

#[test]
fn a_file_with_one_whole_sheet_and_the_start_of_the_next_gives_two_sheets() {
    let output = run(&[KOBE, "-f", "ndjson"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        json_lines(&output.stdout),
        expected_lines("fixtures/ja-eval/kobe__h25-007-jimujigyo-hyoka-sheet.expected.ndjson")
    );
}

#[test]
fn the_cost_and_indicator_tables_of_a_real_sheet_are_exact() {
    for (table, expected) in [
        ("costs", "fixtures/ja-eval/ikeda__r7-001.costs.csv"),
        (
            "project-indicators",
            "fixtures/ja-eval/ikeda__r7-001.project-indicators.csv",
        ),
    ] {
        let output = run(&[IKEDA, "-f", "csv", "--table", table]);
        assert_eq!(output.status.code(), Some(0));
        assert_eq!(output.stdout, std::fs::read(expected).unwrap(), "{table}");
    }
}

#[test]
fn a_measure_table_of_a_run_without_measure_sheets_is_its_header_and_a_note() {
    let output = run(&[IKEDA, "-f", "csv"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "no measure sheets in the inputs: try --table project-indicators\n"
    );
    assert_eq!(
        std::str::from_utf8(&output.stdout).unwrap().lines().count(),
        1
    );
}

#[test]
fn generated_project_sheets_read_as_generated() {
    for name in [
        "excel-a1", "excel-a2", "excel-b1", "excel-b2", "excel-c1", "excel-c2", "excel-d1",
        "excel-d2", "lo-a1", "lo-c1",
    ] {
        let pdf = format!("fixtures/projects/{name}.pdf");
        let output = run(&[&pdf, "-f", "ndjson"]);
        assert_eq!(output.status.code(), Some(0), "{name}");
        let path = format!("fixtures/projects/{name}.expected.json");
        let want: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(json_lines(&output.stdout), vec![want], "{name}");
    }
}

#[test]
fn books_of_project_sheets_keep_their_pages_and_end_at_the_appendix() {
    for name in ["book-projects", "book-mixed"] {
        let pdf = format!("fixtures/projects/{name}.pdf");
        let output = run(&[&pdf, "-f", "ndjson"]);
        assert_eq!(output.status.code(), Some(0), "{name}");
        assert_eq!(
            json_lines(&output.stdout),
            expected_lines(&format!("fixtures/projects/{name}.expected.ndjson")),
            "{name}"
        );
    }
}
