//! A workbook that cannot be written (issue 21.2): rust_xlsxwriter `expect`s the writes to
//! its temporary files; with file writes failing (a file-size limit, as a full `$TMPDIR`
//! does) each output fails with its one `cannot write` line, exit status 1, no panic text,
//! and with `-o DIR/` the batch goes on to the next input.

use std::process::Command;

use crate::util::BIN;
const INPUTS: [&str; 2] = ["fixtures/kitakami-r6-4-1.pdf", "fixtures/sample-r5-2-3.pdf"];

/// Run the binary with writes beyond 4 KiB failing (EFBIG, SIGXFSZ ignored).
fn run_limited(args: &[&str]) -> std::process::Output {
    let script = format!(
        "trap '' XFSZ; ulimit -f 4; exec \"$0\" {}",
        args.iter()
            .map(|a| format!("'{a}'"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    Command::new("bash")
        .args(["-c", &script, BIN])
        .output()
        .unwrap()
}

#[test]
fn each_workbook_that_cannot_be_written_fails_on_one_line_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let out = format!("{}/", dir.path().display());
    let output = run_limited(&[INPUTS[0], INPUTS[1], "-f", "xlsx", "-o", &out]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    for (line, input) in lines.iter().zip(INPUTS) {
        let stem = input
            .trim_start_matches("fixtures/")
            .trim_end_matches(".pdf");
        let prefix = format!("{input}: cannot write {out}{stem}.xlsx: ");
        assert!(line.starts_with(&prefix), "{line}");
    }
    assert_eq!(
        lines[2],
        "extracted 0 sheets from 0 files, failed 2, warnings 0"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn one_workbook_that_cannot_be_written_is_one_line_and_exit_status_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("all.xlsx");
    let path = path.to_str().unwrap();
    let output = run_limited(&[INPUTS[0], "-o", path]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!("sheet-extract: cannot write {path}: ")),
        "{stderr}"
    );
    assert!(!std::path::Path::new(path).exists());
}
