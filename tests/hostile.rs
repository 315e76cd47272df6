//! Hostile inputs and output trees kept as tests (issue 21, a reliability trial): long
//! names, many inputs, planted links, stale temporaries, bombs, absurd sheets and pages.
//! Each drives the real binary and asserts the exact outcome.

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_sheet-extract");
const SHEET: &str = "fixtures/kitakami-r6-4-1.pdf";
const OTHER: &str = "fixtures/sample-r5-2-3.pdf";

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn copy(from: &str, to: &Path) {
    fs::create_dir_all(to.parent().unwrap()).unwrap();
    fs::copy(from, to).unwrap();
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn dir_arg(dir: &Path) -> String {
    format!("{}/", dir.display())
}

/// Item 6: an output name of 250 bytes is legal (the limit is 255); its temporary must be
/// too.
#[test]
fn an_output_name_near_the_length_limit_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let stem = "x".repeat(245);
    let input = tmp.path().join(format!("{stem}.pdf"));
    copy(SHEET, &input);
    let out = tmp.path().join("out");
    let output = run(&[input.to_str().unwrap(), "-o", &dir_arg(&out)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(names_in(&out), [format!("{stem}.json")]);
    let output = run(&[
        input.to_str().unwrap(),
        "-o",
        out.join("a.json").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

/// Item 5: the clash checks of `-o DIR/` take linear time: 10,000 inputs whose last one is
/// an output are refused at once (quadratic checks took 96 s).
#[test]
fn ten_thousand_inputs_are_checked_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    fs::create_dir(&dir).unwrap();
    for i in 0..10_000 {
        fs::write(dir.join(format!("{i:05}.pdf")), b"").unwrap();
    }
    let last = dir.join("zz.json");
    fs::write(&last, b"{}").unwrap();
    let start = Instant::now();
    let output = run(&[
        dir.to_str().unwrap(),
        last.to_str().unwrap(),
        "-o",
        &dir_arg(&dir),
    ]);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "sheet-extract: the output {} is one of the inputs\n",
            last.display()
        )
    );
}

/// Item 11: a temporary left by a killed run (its process gone) is removed by the next run
/// writing there; one of a live process is not.
#[test]
fn stale_temporaries_of_dead_runs_are_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    fs::create_dir(&out).unwrap();
    let mut child = Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let stale = format!(".sheet-extract.{dead}-0.tmp");
    let live = format!(".sheet-extract.{}-0.tmp", std::process::id());
    let other = ".a.json.1-0.tmp";
    for name in [&stale, &live, other] {
        fs::write(out.join(name), b"partial").unwrap();
    }
    let input = tmp.path().join("a.pdf");
    copy(SHEET, &input);
    let output = run(&[input.to_str().unwrap(), "-o", &dir_arg(&out)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let mut expected = vec![live, other.to_string(), "a.json".to_string()];
    expected.sort();
    assert_eq!(names_in(&out), expected);
}

/// Item 10: a symbolic link to a directory planted inside `-o DIR/` is not written through;
/// the input whose output would go there fails alone.
#[test]
fn a_linked_directory_inside_the_output_tree_is_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let yr = tmp.path().join("yr");
    copy(SHEET, &yr.join("sub/a.pdf"));
    copy(OTHER, &yr.join("b.pdf"));
    let elsewhere = tmp.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    let out = tmp.path().join("out");
    fs::create_dir(&out).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("sub")).unwrap();
    let output = run(&[yr.to_str().unwrap(), "-r", "-o", &dir_arg(&out)]);
    assert_eq!(output.status.code(), Some(1));
    let (sub, link) = (out.join("sub"), yr.join("sub/a.pdf"));
    assert_eq!(
        stderr(&output),
        format!(
            "{}: cannot write {}/a.json: {} is a symbolic link inside the output directory\n\
             extracted 1 sheet from 1 file, failed 1, warnings 0\n",
            link.display(),
            sub.display(),
            sub.display()
        )
    );
    assert!(names_in(&elsewhere).is_empty());
    assert_eq!(names_in(&out), ["b.json", "sub"]);
}
