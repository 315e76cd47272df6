//! Measure sheets as users meet them (issue 20): figures kept in remarks, books that bind
//! several years of one measure, the title row of Excel-style sheets, the command line's
//! subcommand dispatch and `--pages`.

use std::process::{Command, Output, Stdio};

use crate::util::{BIN, run, stderr, stdout};

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

/// Columns of a CSV without `source` and `page` (which name the file and its pages).
fn without_source_and_page(csv: &str) -> Vec<String> {
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let keep: Vec<usize> = (0..header.len())
        .filter(|&i| header[i] != "source" && header[i] != "page")
        .collect();
    csv.lines()
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            keep.iter().map(|&i| cells[i]).collect::<Vec<_>>().join(",")
        })
        .collect()
}

/// The visible R4, R5 and R6 sheets of measure 2-3 bound in one book, R6 twice (qpdf
/// --empty --pages r4 r5 r6 r6): four sheets of two pages, no warning, and `series` over
/// the book gives the series of the three files (the revised 488 → 492, R5's 503).
#[test]
fn consecutive_years_of_one_measure_and_a_sheet_bound_twice() {
    let book = "fixtures/books/series-2-3-bound.pdf";
    let out = run(&[book, "-f", "csv", "--table", "measures"]);
    assert_eq!(out.status.code(), Some(0));
    let sheets: Vec<String> = stdout(&out)
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            format!("{} {} {} {} {}", c[1], c[2], c[4], c[10], c[17])
        })
        .collect();
    assert_eq!(
        sheets,
        [
            "1 2 2022 2-3 0",
            "3 2 2023 2-3 0",
            "5 2 2024 2-3 0",
            "7 2 2024 2-3 0"
        ]
    );
    let series = run(&["series", book, "-f", "csv", "--table", "indicators"]);
    assert_eq!(series.status.code(), Some(0), "{}", stderr(&series));
    let expected = std::fs::read_to_string("fixtures/series/expected.indicators.csv").unwrap();
    assert_eq!(
        without_source_and_page(&stdout(&series)),
        without_source_and_page(&expected)
    );
}

/// An Excel-style title row: the bold title crosses the ruled empty cells of its row and the
/// 評価対象期間 has its own cell (tools/gen_excel.py --period-cell): read as the free-text
/// title line is, without a warning.
#[test]
fn a_boxed_title_beside_its_own_period_cell() {
    let out = run(&["fixtures/excel/xl-period-003.pdf", "-q"]);
    assert_eq!(out.status.code(), Some(0));
    let sheet = json(&out);
    assert_eq!(
        [
            &sheet["title"],
            &sheet["plan"],
            &sheet["evaluation_year"],
            &sheet["target_period"],
            &sheet["warnings"]
        ],
        [
            &serde_json::json!("奥州市総合計画 2021～2030　令和３年度基本施策事後評価シート"),
            &serde_json::json!("奥州市総合計画 2021～2030"),
            &serde_json::json!({"label": "令和３年度", "fiscal_year": 2021}),
            &serde_json::json!({"label": "令和２年度", "fiscal_year": 2020}),
            &serde_json::json!([])
        ]
    );
}

/// `help` prints help (the main command's, or a subcommand's), never reads a file `help`.
#[test]
fn help_and_help_subcommand_print_help() {
    let main = run(&["help"]);
    assert_eq!(main.status.code(), Some(0));
    assert!(stdout(&main).contains("Usage: sheet-extract [OPTIONS] [INPUT]..."));
    let series = run(&["help", "series"]);
    assert_eq!(series.status.code(), Some(0));
    assert!(stdout(&series).contains("Usage: sheet-extract series [OPTIONS]"));
    let unknown = run(&["help", "seris"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert_eq!(
        stderr(&unknown),
        "sheet-extract: no subcommand 'seris'\n\n  tip: did you mean 'sheet-extract help series'?\n"
    );
}

/// A first argument that is no file and is close to a subcommand is a usage error with a
/// hint; nothing is read or written.
#[test]
fn a_mistyped_subcommand_is_a_usage_error_with_a_hint() {
    for (typed, meant) in [("serie", "series"), ("inspcet", "inspect")] {
        let out = run(&[typed, "fixtures/series"]);
        assert_eq!(out.status.code(), Some(2), "{typed}");
        assert_eq!(stdout(&out), "");
        assert_eq!(
            stderr(&out),
            format!(
                "sheet-extract: '{typed}' is neither a file nor a subcommand\n\n  \
                 tip: did you mean 'sheet-extract {meant}'?\n"
            )
        );
    }
}

/// No INPUT with stdin not a terminal: stdin is read.
#[test]
fn no_input_reads_stdin_when_it_is_not_a_terminal() {
    let pdf = std::fs::File::open("fixtures/sample-r5-2-3.pdf").unwrap();
    let out = Command::new(BIN)
        .args(["-f", "csv", "--table", "measures"])
        .stdin(Stdio::from(pdf))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows: Vec<String> = stdout(&out).lines().map(String::from).collect();
    assert_eq!(rows.len(), 2);
    assert!(
        rows[1].starts_with("-,1,2,北上市総合計画 2021～2030,2023,"),
        "{}",
        rows[1]
    );
}

/// No INPUT on a terminal: the usage and a hint, exit status 2 (stdin is a pseudo-terminal).
#[test]
fn no_input_on_a_terminal_prints_the_usage() {
    use std::os::fd::{FromRawFd, OwnedFd};
    let (mut primary, mut secondary) = (0, 0);
    // SAFETY: openpty writes two descriptors into the integers we pass; the rest are null.
    let status = unsafe {
        libc::openpty(
            &mut primary,
            &mut secondary,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(status, 0);
    // SAFETY: both descriptors were just opened by openpty and are owned here alone.
    let (_primary, secondary) = unsafe {
        (
            OwnedFd::from_raw_fd(primary),
            OwnedFd::from_raw_fd(secondary),
        )
    };
    let out = Command::new(BIN)
        .stdin(Stdio::from(secondary))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "Usage: sheet-extract [OPTIONS] [INPUT]...\n\nsheet-extract: no INPUT: give PDF files, \
         directories or `-` for stdin (or pipe a PDF in); see `sheet-extract --help`\n"
    );
}

/// `--pages`: only the sheets whose first page is in the range (a sheet starting before it
/// is left out even when it ends inside it); lists and open ranges.
#[test]
fn pages_selects_the_sheets_that_start_in_the_range() {
    let book = "fixtures/books/gen-book-years.pdf";
    let firsts = |pages: &str| -> Vec<String> {
        let out = run(&[
            book, "--pages", pages, "-q", "-f", "csv", "--table", "measures",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
            .lines()
            .skip(1)
            .map(|l| l.split(',').nth(1).unwrap().to_string())
            .collect()
    };
    assert_eq!(firsts("3-6"), ["3", "6"]);
    assert_eq!(firsts("2-4"), ["3"]);
    assert_eq!(firsts("1,8-"), ["1", "8"]);
    assert_eq!(firsts("4"), [] as [&str; 0]);
    let bad = run(&[book, "--pages", "5-2"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// The man page is one page: no `sheet-extract-series(1)` that nobody installs, each
/// subcommand's options in a section of its own, every environment variable that matters.
#[test]
fn the_man_page_holds_the_subcommands_and_the_environment() {
    let out = run(&["--generate", "man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = stdout(&out);
    assert!(!page.contains("(1)"), "names another page");
    let series = page
        .find(".SH \"SUBCOMMAND: sheet\\-extract series\"")
        .unwrap();
    let inspect = page
        .find(".SH \"SUBCOMMAND: sheet\\-extract inspect\"")
        .unwrap();
    let environment = page.find(".SH ENVIRONMENT").unwrap();
    assert!(page[series..].find("\\-\\-table").unwrap() < environment - series);
    assert!(page[inspect..].contains("\\-\\-svg"));
    for variable in [
        "NO_COLOR",
        "CLICOLOR_FORCE",
        "CLICOLOR\\fR",
        "TMPDIR",
        "RUST_MIN_STACK",
    ] {
        assert!(
            page[environment..].contains(&format!("\\fB{variable}")),
            "{variable}"
        );
    }
}
