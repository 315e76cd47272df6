//! Issue 21.4: a worker (or the whole run) stopped by SIGSTOP — Ctrl-Z — for longer than
//! `--timeout` and then continued keeps every sheet: the time limit counts the time it runs,
//! not the time it is stopped, and a limit met between sheets never fails more than the
//! sheet being read. `SHEET_EXTRACT_FAULT=stop:…@PAGE` stops the extraction inside the sheet
//! holding PAGE, `stop-before:…@PAGE` just before that sheet begins; a thread of the test
//! finds the stopped process and sends SIGCONT after a delay.

use std::fs;
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::util::BIN;

const BOOK: &str = "fixtures/books/gen-book-merge.pdf";
const SAMPLE: &str = "fixtures/sample-r5-2-3.pdf";
/// Longer than the `--timeout 1` of every run here.
const STALL: Duration = Duration::from_secs(3);

/// The pid of a stopped process that is `root` or a child of it, if there is one.
fn stopped_process(root: u32) -> Option<i32> {
    for entry in fs::read_dir("/proc").ok()?.flatten() {
        let Ok(stat) = fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        let Some((head, tail)) = stat.rsplit_once(')') else {
            continue;
        };
        let fields: Vec<&str> = tail.split_whitespace().collect();
        let pid: u32 = head.split_whitespace().next()?.parse().ok()?;
        let parent: Option<u32> = fields.get(1).and_then(|p| p.parse().ok());
        let stopped = matches!(fields.first(), Some(&"T") | Some(&"t"));
        if stopped && (pid == root || parent == Some(root)) {
            return i32::try_from(pid).ok();
        }
    }
    None
}

/// Run the tool with `fault`; a thread waits for it to stop itself, then SIGCONTs it after
/// `resume_after` (never, if `None`), and kills it if it runs for a minute. Gives its output
/// and whether it was seen stopped.
fn run_stalled(args: &[&str], fault: &str, resume_after: Option<Duration>) -> (Output, bool) {
    let child: Child = Command::new(BIN)
        .args(args)
        .env("SHEET_EXTRACT_FAULT", fault)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let root = child.id();
    let done = Arc::new(AtomicBool::new(false));
    let finished = Arc::clone(&done);
    let watch = std::thread::spawn(move || {
        let start = Instant::now();
        let mut stopped_at = None;
        while !finished.load(Ordering::SeqCst) {
            if start.elapsed() > Duration::from_secs(60) {
                // SAFETY: kill has no preconditions.
                unsafe { libc::kill(root as i32, libc::SIGKILL) };
                break;
            }
            if let Some(pid) = stopped_process(root) {
                let since = *stopped_at.get_or_insert_with(Instant::now);
                if resume_after.is_some_and(|after| since.elapsed() >= after) {
                    // SAFETY: kill has no preconditions.
                    unsafe { libc::kill(pid, libc::SIGCONT) };
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        stopped_at.is_some()
    });
    let output = child.wait_with_output().unwrap();
    done.store(true, Ordering::SeqCst);
    let stopped = watch.join().unwrap();
    (output, stopped)
}

/// The generator's sheets of the book (their `source` without file name and hash).
fn expected_book() -> Vec<serde_json::Value> {
    let expected = fs::read_to_string(BOOK.replace(".pdf", ".expected.ndjson")).unwrap();
    expected
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// The sheets on stdout, `source` without file name and hash.
fn sheets(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            let mut sheet: serde_json::Value = serde_json::from_str(line).unwrap();
            let source = sheet["source"].as_object_mut().unwrap();
            source.remove("file");
            source.remove("sha256");
            sheet
        })
        .collect()
}

fn measure(sheet: &serde_json::Value) -> &str {
    sheet["measure"]["number"].as_str().unwrap()
}

/// The book alone (extracted in the main process: the whole run stops, as with Ctrl-Z),
/// or with a second input (extracted by a worker process, which stops alone).
fn both_ways() -> [Vec<&'static str>; 2] {
    let common = ["-f", "ndjson", "--timeout", "1", "-q", "-j", "1"];
    let mut alone = vec![BOOK];
    alone.extend(common);
    let mut with_sample = vec![BOOK, SAMPLE];
    with_sample.extend(common);
    [alone, with_sample]
}

#[test]
#[cfg_attr(
    not(feature = "fault-injection"),
    ignore = "needs --features fault-injection"
)]
fn a_stop_longer_than_the_limit_keeps_every_sheet_when_continued() {
    // Page 9 begins sheet 1-2 (after 6-1 and 7-4); page 6 is inside sheet 7-4 (pages 5-7).
    for fault in ["stop-before:gen-book-merge@9", "stop:gen-book-merge@6"] {
        for args in both_ways() {
            let (output, stopped) = run_stalled(&args, fault, Some(STALL));
            assert!(stopped, "{fault} {args:?}: never stopped");
            let summary = if args.contains(&SAMPLE) {
                "extracted 7 sheets from 2 files, failed 0, warnings 0\n"
            } else {
                "extracted 6 sheets from 1 file, failed 0, warnings 0\n"
            };
            assert_eq!(
                String::from_utf8_lossy(&output.stderr),
                summary,
                "{fault} {args:?}"
            );
            assert_eq!(output.status.code(), Some(0), "{fault} {args:?}");
            let got = sheets(&output);
            assert_eq!(got[..6], expected_book()[..], "{fault} {args:?}");
            let rest: Vec<&str> = got[6..].iter().map(measure).collect();
            let sample: &[&str] = if args.contains(&SAMPLE) {
                &["2-3"]
            } else {
                &[]
            };
            assert_eq!(rest, sample, "{fault} {args:?}");
        }
    }
}

#[test]
#[cfg_attr(
    not(feature = "fault-injection"),
    ignore = "needs --features fault-injection"
)]
fn a_worker_stopped_for_ever_fails_its_sheet_at_ten_times_the_limit() {
    let args = &both_ways()[1];
    let start = Instant::now();
    let (output, stopped) = run_stalled(args, "stop:gen-book-merge@6", None);
    let took = start.elapsed();
    assert!(stopped);
    assert!(took >= Duration::from_secs(10), "{took:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "{BOOK}: pages 5-7: limit exceeded: took longer than the time limit of 1 s\n\
             extracted 6 sheets from 2 files, failed 1, warnings 0\n"
        )
    );
    assert_eq!(output.status.code(), Some(1));
    let mut expected = expected_book();
    expected.remove(1);
    let got = sheets(&output);
    assert_eq!(got[..5], expected[..]);
    assert_eq!(got[5..].iter().map(measure).collect::<Vec<_>>(), ["2-3"]);
}
