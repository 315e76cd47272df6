//! Measure sheets as users meet them (issue 20): figures kept in remarks, books that bind
//! several years of one measure, the title row of Excel-style sheets, the command line's
//! subcommand dispatch and `--pages`.

use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_sheet-extract");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap()
}

/// A figure printed as text (集計中) is null with the text in remarks, and no warning: the
/// sheet passes `--strict` and stderr stays empty.
#[test]
fn a_figure_kept_in_remarks_is_not_a_warning() {
    let sheet = "fixtures/series/series-2-3-r6.pdf";
    let out = run(&[sheet, "--strict", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let sheet = json(&out);
    assert_eq!(sheet["warnings"], serde_json::json!([]));
    let r5 = &sheet["indicators"][3]["values"][4];
    assert_eq!(
        r5,
        &serde_json::json!({"year": "R5", "fiscal_year": 2023, "expected": 52.0,
                            "actual": null, "remarks": "集計中"})
    );
}
