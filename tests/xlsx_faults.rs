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

/// `BIN args` with `dir` a tmpfs of 16 KiB (in a user and mount namespace of its own:
/// `unshare -rm`); `None` when this machine cannot make one.
fn run_on_small_tmpfs(dir: &str, args: &[&str]) -> Option<std::process::Output> {
    let probe = Command::new("unshare")
        .args([
            "-rm",
            "sh",
            "-c",
            "mount -t tmpfs -o size=16k tmpfs \"$0\"",
            dir,
        ])
        .output()
        .ok()?;
    if !probe.status.success() {
        return None;
    }
    let script = "mount -t tmpfs -o size=16k tmpfs \"$0\" && shift && exec \"$@\"";
    let mut command = Command::new("unshare");
    command.args(["-rm", "sh", "-c", script, dir, "--", BIN]);
    Some(command.args(args).output().unwrap())
}

/// A workbook larger than the disk it is written to: the zip writer, dropped after the
/// error, used to try to finish the archive and print `ZipWriter::drop: failed to finalize
/// archive …` glued before the tool's line (issue 21.2). Now the first write error is the
/// result, alone on its line.
#[test]
fn a_workbook_on_a_full_disk_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path().to_str().unwrap().to_string();
    let path = format!("{dir}/book.xlsx");
    let args = ["fixtures/books/gen-book-large.pdf", "-q", "-o", &path];
    let Some(output) = run_on_small_tmpfs(&dir, &args) else {
        eprintln!("skipped: this machine cannot mount a tmpfs in a user namespace (unshare -rm)");
        return;
    };
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!("sheet-extract: cannot write {path}: No space left on device (os error 28)\n")
    );
    assert_eq!(output.status.code(), Some(1));
}
