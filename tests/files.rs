//! Output files and batch faults, driving the real binary: nothing overwritten, truncated or
//! orphaned (SPEC.md, "Command line": `-o`, signals, closed streams, input names).

use std::ffi::OsStr;
use std::fs;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::util::{BIN, stderr};
const SHEET: &str = "fixtures/kitakami-r6-4-1.pdf";
const OTHER: &str = "fixtures/sample-r5-2-3.pdf";
const NOT_A_SHEET: &str = "fixtures/bad/not-a-sheet.pdf";

fn command(args: &[&OsStr]) -> Command {
    let mut command = Command::new(BIN);
    command.args(args).stdin(Stdio::null());
    command
}

fn run(args: &[&str]) -> Output {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    command(&args).output().unwrap()
}

fn copy(from: &str, to: &Path) {
    fs::create_dir_all(to.parent().unwrap()).unwrap();
    fs::copy(from, to).unwrap();
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = walk(dir)
        .iter()
        .map(|p| p.strip_prefix(dir).unwrap().display().to_string())
        .collect();
    names.sort();
    names
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn outputs_mirror_the_inputs_below_their_common_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let yr = tmp.path().join("yr");
    copy(SHEET, &yr.join("2023/4-1.pdf"));
    copy(OTHER, &yr.join("2024/4-1.pdf"));
    let out = tmp.path().join("out");
    let target = format!("{}/", out.display());
    let (a, b) = (yr.join("2023"), yr.join("2024"));
    let output = run(&[a.to_str().unwrap(), b.to_str().unwrap(), "-o", &target]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(files_in(&out), ["2023/4-1.json", "2024/4-1.json"]);
    assert!(stderr(&output).ends_with("extracted 2 sheets from 2 files, failed 0, warnings 0\n"));
}

#[test]
fn clashing_outputs_and_an_output_that_is_an_input_are_usage_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let (lower, upper) = (tmp.path().join("a.pdf"), tmp.path().join("a.PDF"));
    copy(SHEET, &lower);
    copy(OTHER, &upper);
    let out = tmp.path().join("out");
    let target = format!("{}/", out.display());
    let output = run(&[
        lower.to_str().unwrap(),
        upper.to_str().unwrap(),
        "-o",
        &target,
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "sheet-extract: {} and {} would both be written to {}/a.json\n",
            lower.display(),
            upper.display(),
            out.display()
        )
    );
    assert!(!out.exists(), "nothing is written");
    let before = fs::read(&lower).unwrap();
    let output = run(&[lower.to_str().unwrap(), "-o", lower.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is one of the inputs"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read(&lower).unwrap(), before, "the input is untouched");
}

#[test]
fn the_same_file_given_twice_is_extracted_once() {
    let tmp = tempfile::tempdir().unwrap();
    let sheet = tmp.path().join("s.pdf");
    copy(SHEET, &sheet);
    let link = tmp.path().join("link.pdf");
    fs::hard_link(&sheet, &link).unwrap();
    let (s, l) = (sheet.to_str().unwrap(), link.to_str().unwrap());
    let output = run(&[s, l, "-f", "ndjson"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 1);
    assert!(stderr(&output).starts_with(&format!("{l}: given more than once, extracted once\n")));
}

#[test]
fn a_file_that_cannot_be_written_fails_that_input_only() {
    let tmp = tempfile::tempdir().unwrap();
    let yr = tmp.path().join("yr");
    copy(SHEET, &yr.join("2023/a.pdf"));
    copy(OTHER, &yr.join("2024/a.pdf"));
    let out = tmp.path().join("out");
    fs::create_dir_all(&out).unwrap();
    // A regular file where the 2023 sub-directory must go.
    fs::write(out.join("2023"), "in the way").unwrap();
    let target = format!("{}/", out.display());
    let output = run(&[yr.to_str().unwrap(), "-r", "-o", &target]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    let input = yr.join("2023/a.pdf");
    assert!(
        err.starts_with(&format!(
            "{}: cannot write {}/2023/a.json: ",
            input.display(),
            out.display()
        )),
        "{err}"
    );
    assert!(
        err.ends_with("extracted 1 sheet from 1 file, failed 1, warnings 0\n"),
        "{err}"
    );
    assert!(out.join("2024/a.json").is_file());
    // -o FILE in a directory that does not exist: the run stops, exit 1.
    let missing = tmp.path().join("no/such/dir/x.json");
    let output = run(&[SHEET, "-o", missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with(&format!(
        "sheet-extract: cannot write {}: ",
        missing.display()
    )));
}

#[test]
fn a_closed_stderr_is_ignored_and_the_outputs_are_complete() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("all.csv");
    let mut child = Command::new(BIN)
        .args([
            "fixtures/generated",
            "fixtures/bad/not-a-sheet.pdf",
            "-f",
            "csv",
            "-o",
        ])
        .arg(&out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take()); // the reader goes away, as `| head -1` does
    let status = child.wait().unwrap();
    assert_eq!(
        status.code(),
        Some(1),
        "one input fails; nothing panics (101)"
    );
    let reference = run(&[
        "fixtures/generated",
        "fixtures/bad/not-a-sheet.pdf",
        "-f",
        "csv",
    ]);
    assert_eq!(fs::read(&out).unwrap(), reference.stdout);
}

/// Processes whose environment holds `marker` (this test's workers and parent).
fn processes_with(marker: &str) -> Vec<u32> {
    let mut found = Vec::new();
    for entry in fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        if let Ok(environ) = fs::read(format!("/proc/{pid}/environ"))
            && environ
                .split(|&b| b == 0)
                .any(|var| var == marker.as_bytes())
        {
            found.push(pid);
        }
    }
    found
}

fn wait_until(limit: Duration, done: impl Fn() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if done() {
            return true;
        }
        thread::sleep(Duration::from_millis(50));
    }
    done()
}

/// A batch writing `-o all.csv` over a previous file, both inputs hanging in workers, with
/// `options` besides.
fn hanging_batch(dir: &Path, marker: &str, options: &[&str]) -> Child {
    fs::write(dir.join("all.csv"), "previous\n").unwrap();
    let fault = format!("hang:{}", dir.file_name().unwrap().to_string_lossy());
    copy(SHEET, &dir.join("in/a.pdf"));
    copy(OTHER, &dir.join("in/b.pdf"));
    let (name, value) = marker.split_once('=').unwrap();
    Command::new(BIN)
        .arg(dir.join("in"))
        .args(options)
        .args(["-f", "csv", "-o"])
        .arg(dir.join("all.csv"))
        .env("SHEET_EXTRACT_FAULT", fault)
        .env(name, value)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
#[cfg_attr(
    not(feature = "fault-injection"),
    ignore = "needs --features fault-injection"
)]
fn sigterm_and_sigint_stop_workers_remove_temporaries_and_keep_the_previous_file() {
    for (signal, code) in [(libc::SIGTERM, 143), (libc::SIGINT, 130)] {
        let tmp = tempfile::tempdir().unwrap();
        let marker = format!(
            "SHEET_EXTRACT_TEST_RUN=signal-{signal}-{}",
            std::process::id()
        );
        let mut child = hanging_batch(tmp.path(), &marker, &["-j", "2"]);
        // Wait for the workers to start, then stop the parent alone.
        assert!(wait_until(Duration::from_secs(10), || processes_with(
            &marker
        )
        .len()
            >= 2));
        // SAFETY: kill with a pid of a child of ours.
        unsafe { libc::kill(child.id() as i32, signal) };
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(code));
        assert_eq!(
            fs::read_to_string(tmp.path().join("all.csv")).unwrap(),
            "previous\n"
        );
        assert_eq!(
            files_in(tmp.path()),
            ["all.csv", "in/a.pdf", "in/b.pdf"],
            "no temporary left"
        );
        assert!(
            wait_until(Duration::from_secs(5), || processes_with(&marker)
                .is_empty()),
            "workers outlived the parent"
        );
    }
}

#[test]
#[cfg_attr(
    not(feature = "fault-injection"),
    ignore = "needs --features fault-injection"
)]
fn workers_die_with_a_killed_parent() {
    let tmp = tempfile::tempdir().unwrap();
    let marker = format!("SHEET_EXTRACT_TEST_RUN=kill-{}", std::process::id());
    let mut child = hanging_batch(tmp.path(), &marker, &["-j", "2"]);
    assert!(wait_until(Duration::from_secs(10), || processes_with(
        &marker
    )
    .len()
        >= 2));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        wait_until(Duration::from_secs(5), || processes_with(&marker)
            .is_empty()),
        "a worker outlived its parent"
    );
}

#[test]
fn odd_names_are_one_escaped_line_each_and_kept_in_source() {
    let tmp = tempfile::tempdir().unwrap();
    let names: [&[u8]; 4] = [
        b"new\nline.pdf",
        b"tab\t.pdf",
        b"back\\slash.pdf",
        b"bad\xff.pdf",
    ];
    for name in names {
        fs::copy(NOT_A_SHEET, tmp.path().join(OsStr::from_bytes(name))).unwrap();
    }
    let output = command(&[
        tmp.path().as_os_str(),
        OsStr::new("-f"),
        OsStr::new("ndjson"),
    ])
    .output()
    .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    let reason = "not an evaluation sheet: no 基本施策 or 事務事業 sheet header on page 1 (sheet-extract form reads any form)";
    let dir = tmp.path().display();
    let mut expected: Vec<String> = [
        "back\\\\slash.pdf",
        "bad\\xFF.pdf",
        "new\\nline.pdf",
        "tab\\t.pdf",
    ]
    .iter()
    .map(|n| format!("{dir}/{n}: {reason}"))
    .collect();
    expected.push("extracted 0 sheets from 0 files, failed 4, warnings 0".into());
    assert_eq!(err.lines().collect::<Vec<_>>(), expected);
    // A sheet whose name holds a newline: source.file keeps it verbatim.
    let odd = tmp.path().join("sheet\nnew.pdf");
    fs::copy(SHEET, &odd).unwrap();
    let output = command(&[odd.as_os_str(), OsStr::new("-f"), OsStr::new("ndjson")])
        .output()
        .unwrap();
    let sheet: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(sheet["source"]["file"], odd.display().to_string());
}

#[test]
fn hidden_names_are_skipped_and_links_followed_only_with_follow() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    copy(SHEET, &root.join("a.pdf"));
    copy(SHEET, &root.join(".x.pdf"));
    copy(SHEET, &root.join("._a.pdf"));
    copy(SHEET, &root.join(".git/y.pdf"));
    copy(OTHER, &tmp.path().join("elsewhere/b.pdf"));
    std::os::unix::fs::symlink(tmp.path().join("elsewhere"), root.join("linked")).unwrap();
    std::os::unix::fs::symlink(&root, root.join("loop")).unwrap();
    let r = root.to_str().unwrap();
    let sources = |output: &Output| -> Vec<String> {
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["source"]["file"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let plain = run(&[r, "-r", "-f", "ndjson"]);
    assert_eq!(sources(&plain), [format!("{r}/a.pdf")]);
    let followed = run(&[r, "-r", "-L", "-f", "ndjson"]);
    assert_eq!(followed.status.code(), Some(0), "{}", stderr(&followed));
    assert_eq!(
        sources(&followed),
        [format!("{r}/a.pdf"), format!("{r}/linked/b.pdf")]
    );
    // -L without a directory input is a usage error.
    assert_eq!(run(&[SHEET, "-L"]).status.code(), Some(2));
}

#[test]
fn fifos_and_process_substitution_are_read_as_streams() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("pipe.pdf");
    let path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo with a valid C string.
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
    let writer = {
        let fifo = fifo.clone();
        thread::spawn(move || {
            let mut pipe = fs::OpenOptions::new().write(true).open(fifo).unwrap();
            pipe.write_all(&fs::read(SHEET).unwrap()).unwrap();
        })
    };
    let output = run(&[fifo.to_str().unwrap(), "-f", "ndjson"]);
    writer.join().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // A stream is read within --max-input-mb (the large book is 2.3 MB).
    let large = "fixtures/books/gen-book-large.pdf";
    let substituted = Command::new("bash")
        .arg("-c")
        .arg(format!("{BIN} <(cat {large}) -f ndjson --max-input-mb 1"))
        .output()
        .unwrap();
    assert_eq!(substituted.status.code(), Some(1));
    assert!(
        stderr(&substituted)
            .ends_with(": limit exceeded: input is larger than the maximum of 1 MB\n"),
        "{}",
        stderr(&substituted)
    );
    let substituted = Command::new("bash")
        .arg("-c")
        .arg(format!("{BIN} <(cat {SHEET}) -f ndjson"))
        .output()
        .unwrap();
    assert_eq!(
        substituted.status.code(),
        Some(0),
        "{}",
        stderr(&substituted)
    );
}

#[test]
fn usage_errors_and_limits_that_cannot_overflow() {
    for args in [
        vec![SHEET, "--bom"],
        vec![SHEET, "--table", "projects"],
        vec![SHEET, "-f", "json", "--table", "indicators"],
        vec![SHEET, "--timeout", "0"],
        vec![SHEET, "-j", "0"],
        vec![SHEET, "-L"],
    ] {
        assert_eq!(run(&args).status.code(), Some(2), "{args:?}");
    }
    let huge = run(&[
        SHEET,
        "--max-input-mb",
        "18446744073709551615",
        "-f",
        "ndjson",
    ]);
    assert_eq!(huge.status.code(), Some(0), "{}", stderr(&huge));
    for args in [vec!["help", "inspect"], vec!["inspect", "--help"]] {
        let output = run(&args);
        assert_eq!(output.status.code(), Some(0));
        assert!(String::from_utf8_lossy(&output.stdout).contains("Usage: sheet-extract inspect"));
    }
}

#[test]
fn a_replaced_file_keeps_its_mode_and_a_symlinked_target_is_written_through() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let real = tmp.path().join("real.csv");
    fs::write(&real, "old\n").unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
    let link = tmp.path().join("link.csv");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let output = run(&[SHEET, "-f", "csv", "-o", link.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .starts_with("source,page,plan,")
    );
    assert_eq!(
        fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert_eq!(
        files_in(tmp.path()),
        ["link.csv", "real.csv"],
        "no temporary left"
    );
}

#[test]
#[cfg_attr(
    not(feature = "fault-injection"),
    ignore = "needs --features fault-injection"
)]
fn a_worker_keeps_its_own_time_limit_when_its_parent_is_stopped() {
    let tmp = tempfile::tempdir().unwrap();
    let marker = format!("SHEET_EXTRACT_TEST_RUN=stopped-{}", std::process::id());
    let mut child = hanging_batch(tmp.path(), &marker, &["--timeout", "1"]);
    assert!(wait_until(Duration::from_secs(10), || processes_with(
        &marker
    )
    .len()
        >= 2));
    // Let the workers receive their files (an idle worker waits for its parent), but stop
    // the parent before its own 1 s limit would kill them.
    thread::sleep(Duration::from_millis(400));
    // SAFETY: signals to a child of ours.
    unsafe { libc::kill(child.id() as i32, libc::SIGSTOP) };
    // The parent cannot kill the hanging worker now; the worker ends itself after the time
    // limit plus its grace (1 s + 5 s).
    let parent = child.id();
    let workers_gone = wait_until(Duration::from_secs(15), || {
        processes_with(&marker).iter().all(|&pid| pid == parent)
    });
    unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
    child.wait().unwrap();
    assert!(workers_gone, "a worker hung on past its own time limit");
}
