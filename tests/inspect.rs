//! The inspect view: golden text listing, well-formed SVG with one element per cell, and
//! unassigned cells being exactly the ones reported in warnings.

use std::fs;
use std::process::Command;

use sheet_extract::Limits;
use sheet_extract::inspect::{self, Role};

const BIN: &str = env!("CARGO_BIN_EXE_sheet-extract");

#[test]
fn text_listing_of_a_fixture_is_exact() {
    let output = Command::new(BIN)
        .args(["inspect", "fixtures/sample-r5-2-3.pdf"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let expected = fs::read_to_string("fixtures/inspect/sample-r5-2-3.txt").unwrap();
    assert_eq!(String::from_utf8(output.stdout).unwrap(), expected);
}

#[test]
fn svg_pages_are_well_formed_with_one_rect_per_cell() {
    let out = tempfile::tempdir().unwrap();
    let output = Command::new(BIN)
        .args(["inspect", "fixtures/kitakami-r6-4-1.pdf", "--svg"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let bytes = fs::read("fixtures/kitakami-r6-4-1.pdf").unwrap();
    let inspection = inspect::inspect(bytes, "k", &Limits::default(), None).unwrap();
    for page in &inspection.pages {
        let path = out
            .path()
            .join(format!("kitakami-r6-4-1-p{}.svg", page.number));
        let svg = fs::read_to_string(&path).unwrap();
        let document = roxmltree::Document::parse(&svg).unwrap();
        let cells = document
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .filter(|n| n.attribute("class").is_some_and(|c| c.starts_with("cell ")))
            .count();
        assert_eq!(cells, page.cells.len(), "page {}", page.number);
        assert!(svg.contains("indicators[1].values[R5].actual") || page.number == 1);
    }
}

#[test]
fn unassigned_cells_are_exactly_the_warned_ones() {
    let bytes = fs::read("fixtures/inspect/stray-note.pdf").unwrap();
    let inspection = inspect::inspect(bytes, "stray", &Limits::default(), None).unwrap();
    let unassigned: Vec<String> = inspection
        .pages
        .iter()
        .flat_map(|p| &p.cells)
        .filter(|c| c.role == Role::Unassigned)
        .map(|c| c.cell.text())
        .collect();
    assert_eq!(unassigned, ["確認用メモ：数値は速報値"]);
    let warned: Vec<String> = inspection
        .sheets
        .into_iter()
        .next()
        .unwrap()
        .1
        .unwrap()
        .warnings
        .iter()
        .filter_map(|w| w.strip_prefix("unassigned text on page "))
        .map(|w| {
            w.split_once(": \"")
                .unwrap()
                .1
                .trim_end_matches('"')
                .to_string()
        })
        .collect();
    assert_eq!(warned, unassigned);
}

#[test]
fn inspect_of_a_non_sheet_says_why_and_exits_1() {
    let output = Command::new(BIN)
        .args(["inspect", "fixtures/bad/not-pdf-html.pdf"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "fixtures/bad/not-pdf-html.pdf: not a PDF (an HTML page)\n"
    );
}

#[test]
fn inspect_shows_a_book_page_range_and_a_rejected_file() {
    let bin = env!("CARGO_BIN_EXE_sheet-extract");
    let book = std::process::Command::new(bin)
        .args([
            "inspect",
            "fixtures/books/gen-book-merge.pdf",
            "--pages",
            "4-6",
        ])
        .output()
        .unwrap();
    assert_eq!(book.status.code(), Some(0));
    let listing = String::from_utf8(book.stdout).unwrap();
    let pages: Vec<&str> = listing
        .lines()
        .filter(|l| l.starts_with("page ") || l.starts_with("sheet on"))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(
        pages,
        [
            "sheet on page 5",
            "page 4",
            "page 5",
            "page 6",
            "sheet on page 5"
        ]
    );
    let rejected = std::process::Command::new(bin)
        .args(["inspect", "fixtures/bad/not-a-sheet.pdf"])
        .output()
        .unwrap();
    assert_eq!(rejected.status.code(), Some(1));
    let listing = String::from_utf8(rejected.stdout).unwrap();
    let reason = "not an evaluation sheet: no sheet header (基本方針/基本施策) on page 1";
    assert_eq!(
        listing.lines().next().unwrap(),
        format!("rejected: {reason}")
    );
    assert!(listing.contains("\"Quarterly report, not a sheet\""));
    assert_eq!(
        String::from_utf8(rejected.stderr).unwrap(),
        format!("fixtures/bad/not-a-sheet.pdf: {reason}\n")
    );
}
