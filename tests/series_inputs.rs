//! `series` inputs written by the main command, and what it says about the ones that are
//! not (issue 21.7): a bad NDJSON line fails that line's sheet alone, with its own line
//! number and reason; a UTF-8 byte-order mark is read; UTF-16 text, `null` or `42` are not
//! sheet JSON (not "not a PDF"); an integer beyond i64 is refused. The summary counts in
//! grammatical number.

use std::fs;
use std::process::Output;

use crate::util::{run, stderr};
const KITAKAMI: &str = "fixtures/kitakami-r6-4-1.pdf";

/// The main command's NDJSON line of the Kitakami sheet.
fn sheet_line() -> String {
    let output = run(&[KITAKAMI, "-f", "ndjson"]);
    assert_eq!(output.status.code(), Some(0));
    String::from_utf8(output.stdout).unwrap()
}

fn series_of(name: &str, bytes: &[u8]) -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    let output = run(&["series", path.to_str().unwrap(), "-f", "csv"]);
    (dir, output)
}

#[test]
fn a_bad_ndjson_line_fails_alone_with_its_line_number() {
    let line = sheet_line();
    let text = format!("{line}{{\"schema_version\":1,\"bad\":true}}\n{line}");
    let (dir, output) = series_of("m.ndjson", text.as_bytes());
    let path = dir.path().join("m.ndjson");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!(
            "{}: line 2: not sheet JSON (missing field `source`)\n\
             extracted 2 sheets from 1 file, failed 1, warnings 0; series of 1 measure, 0 series warnings\n",
            path.display()
        )
    );
}

#[test]
fn a_byte_order_mark_is_read_and_other_json_is_not_a_pdf() {
    let json = run(&[KITAKAMI]).stdout;
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(&json);
    let (_dir, output) = series_of("bom.json", &with_bom);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    for (bytes, reason) in [
        (&b"null\n"[..], "not sheet JSON (JSON null, not a sheet)"),
        (b"42", "not sheet JSON (JSON number, not a sheet)"),
        (
            b"\xFF\xFE{\x00",
            "not sheet JSON (UTF-16 text: save it as UTF-8)",
        ),
    ] {
        let (dir, output) = series_of("x.json", bytes);
        assert_eq!(output.status.code(), Some(1));
        let path = dir.path().join("x.json");
        assert_eq!(stderr(&output), format!("{}: {reason}\n", path.display()));
    }
}

#[test]
fn an_integer_beyond_i64_is_refused() {
    let mut sheet: serde_json::Value = serde_json::from_str(&sheet_line()).unwrap();
    sheet["indicators"][0]["values"][0]["actual"] = serde_json::json!(18446744073709551615u64);
    let (dir, output) = series_of("big.json", sheet.to_string().as_bytes());
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!(
            "{}: not sheet JSON (the integer 18446744073709551615 is beyond the range of a sheet's numbers)\n",
            dir.path().join("big.json").display()
        )
    );
}

#[test]
fn one_sheet_from_one_file_is_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.pdf");
    fs::write(&bad, b"plain text\n").unwrap();
    let output = run(&["series", KITAKAMI, bad.to_str().unwrap(), "-f", "csv"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!(
            "{}: not a PDF (no %PDF- header)\n\
             extracted 1 sheet from 1 file, failed 1, warnings 0; series of 1 measure, 0 series warnings\n",
            bad.display()
        )
    );
}
