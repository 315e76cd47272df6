//! The inspect view: golden text listing, well-formed SVG with one element per cell, and
//! unassigned cells being exactly the ones reported in warnings.

use std::fs;
use std::process::Command;

use sheet_extract::Limits;
use sheet_extract::inspect::{self, Role};
use sheet_extract::labels;

use crate::util::BIN;

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
        .warnings()
        .iter()
        .filter(|w| w.kind() == sheet_extract::WarningKind::Unassigned)
        .map(|w| {
            w.text()
                .split_once(": \"")
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

/// SPEC.md "Command line": `inspect --pages` shows, for each page in the range, the reading
/// of the sheet that page belongs to (page 4 ends the sheet of pages 3-4; pages 5-7 are one
/// sheet with a blank page 6).
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
            "sheet on pages 3-4",
            "sheet on pages 5-7",
            "page 4",
            "page 5",
            "page 6",
            "sheet on pages 3-4",
            "sheet on pages 5-7"
        ]
    );
    let rejected = std::process::Command::new(bin)
        .args(["inspect", "fixtures/bad/not-a-sheet.pdf"])
        .output()
        .unwrap();
    assert_eq!(rejected.status.code(), Some(1));
    let listing = String::from_utf8(rejected.stdout).unwrap();
    let reason = "not an evaluation sheet: no 基本施策 or 事務事業 sheet header on page 1 (sheet-extract form reads any form)";
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

/// Issue 20.5: a sheet's second page alone is shown as the continuation it is, read with
/// its sheet (no rejection, no unassigned cells, the sheet's own range).
#[test]
fn a_second_page_alone_shows_the_reading_of_its_sheet() {
    let output = Command::new(BIN)
        .args([
            "inspect",
            "fixtures/books/gen-book-merge.pdf",
            "--pages",
            "4",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8(output.stderr).unwrap(), "");
    let listing = String::from_utf8(output.stdout).unwrap();
    let heads: Vec<&str> = listing
        .lines()
        .filter(|l| l.starts_with("page ") || l.starts_with("sheet on") || l.starts_with("rej"))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(
        heads,
        ["sheet on pages 3-4", "page 4", "sheet on pages 3-4"]
    );
    assert!(!listing.lines().any(|l| l.starts_with('!')), "{listing}");
    assert!(listing.contains("  r1       c11      label"), "{listing}");
}

/// The failure reasons extraction gives for a file: the file's, or each failed sheet's.
fn extraction_reasons(bytes: Vec<u8>) -> Vec<String> {
    match sheet_extract::extract_book(bytes, "f.pdf", &Limits::default(), 2) {
        Err(e) => vec![e.to_string()],
        Ok(book) => book
            .sheets
            .iter()
            .filter_map(|(span, sheet)| {
                let e = sheet.as_ref().err()?;
                Some(format!("{}: {e}", span.describe()))
            })
            .collect(),
    }
}

/// The failure reasons `inspect` shows for a file, in the same form.
fn inspect_reasons(bytes: Vec<u8>) -> Vec<String> {
    match inspect::inspect(bytes, "f.pdf", &Limits::default(), None) {
        Err(e) => vec![e.to_string()],
        Ok(inspection) => {
            let rejected = inspection.rejected.iter().map(|e| e.to_string());
            let failed = inspection.sheets.iter().filter_map(|(span, sheet)| {
                let e = sheet.as_ref().err()?;
                Some(format!("{}: {e}", span.describe()))
            });
            rejected.chain(failed).collect()
        }
    }
}

fn assert_same_reasons(dir: &std::path::Path) -> usize {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    for path in &files {
        let bytes = fs::read(path).unwrap();
        let extracted = extraction_reasons(bytes.clone());
        assert_eq!(inspect_reasons(bytes), extracted, "{}", path.display());
    }
    files.len()
}

/// Issue 16.3: inspect is an observer of the extraction run, so it gives the same reason for
/// every file (a scanned file: "no text layer" in both, not "no sheet header" in inspect).
#[test]
fn inspect_and_extraction_give_the_same_reason_for_every_bad_file() {
    assert_eq!(
        assert_same_reasons(std::path::Path::new("fixtures/bad")),
        22
    );
    assert_eq!(
        assert_same_reasons(std::path::Path::new("fixtures/hostile")),
        5
    );
    let scanned = fs::read("fixtures/bad/scanned.pdf").unwrap();
    assert_eq!(inspect_reasons(scanned), ["no text layer (scanned image?)"]);
    let undecodable = fs::read("fixtures/bad/undecodable-font.pdf").unwrap();
    assert_eq!(
        inspect_reasons(undecodable),
        ["text cannot be decoded (font F1 has no Unicode mapping)"]
    );
}

#[test]
#[ignore = "needs ../shared"]
fn inspect_and_extraction_give_the_same_reason_for_the_edge_corpus() {
    let edge = crate::util::shared("corpus/edge").expect("../shared/corpus/edge is needed");
    assert!(assert_same_reasons(&edge) > 100);
}

/// Issue 16.4: `inspect --tolerances` prints the tolerances (one line each: name, value and
/// unit, meaning) before the same listing.
#[test]
fn inspect_prints_the_tolerances_it_uses() {
    let listing = |extra: &[&str]| {
        let output = Command::new(BIN)
            .args(["inspect", "fixtures/sample-r5-2-3.pdf"])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        String::from_utf8(output.stdout).unwrap()
    };
    let with = listing(&["--tolerances"]);
    let lines: Vec<&str> = with.lines().collect();
    assert_eq!(lines[0], "tolerances:");
    assert_eq!(
        lines[12],
        "  snap                 2.2 pt     grid: ruling positions closer than this are one line \
         (a double border is one ruling)."
    );
    assert_eq!(
        lines[27],
        "  min_overlap          1 pt       form: least overlap for two cells to share rows (or \
         columns)."
    );
    assert_eq!(
        lines[1..40].iter().filter(|l| l.starts_with("  ")).count(),
        39
    );
    assert_eq!(lines[40..].join("\n") + "\n", listing(&[]));
}

/// The member each listed cell of a sheet was read as, with the cell's text (white space
/// removed), in listing order.
fn members(path: &str) -> Vec<(String, String)> {
    let bytes = fs::read(path).unwrap();
    let inspection = inspect::inspect(bytes, path, &Limits::default(), None).unwrap();
    let squeeze = |t: String| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    inspection
        .pages
        .iter()
        .flat_map(|p| &p.cells)
        .filter(|c| c.role != Role::Empty)
        .map(|c| (c.role.describe().to_string(), squeeze(c.cell.text())))
        .collect()
}

/// `inspect` of every generated project sheet names each cell's member as the generator
/// drew it (its expected object): the name, department and outline cells hold those
/// members' text, `fields[k]` the k-th field's, one cell group per indicator, cost item and
/// assessment, the direction where there is one, and no cell unassigned (the generator's
/// sheets have no warnings).
#[test]
fn inspect_names_the_member_of_each_cell_of_generated_project_sheets() {
    let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let mut checked = 0;
    for entry in fs::read_dir("fixtures/projects").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let Some(stem) = name.strip_suffix(".expected.json") else {
            continue;
        };
        let expected: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let listed = members(&format!("fixtures/projects/{stem}.pdf"));
        let of = |member: &str| -> Vec<&String> {
            listed
                .iter()
                .filter(|(m, _)| m == member)
                .map(|(_, t)| t)
                .collect()
        };
        let text = |v: &serde_json::Value| squeeze(v.as_str().unwrap());
        assert!(!of("name").is_empty(), "{stem}");
        for t in of("name") {
            assert_eq!(*t, text(&expected["name"]), "{stem}");
        }
        let departments: Vec<String> = expected["departments"]
            .as_array()
            .unwrap()
            .iter()
            .map(text)
            .collect();
        let joined: String = of("departments").into_iter().cloned().collect();
        assert_eq!(joined.replace(['・'], ""), departments.concat(), "{stem}");
        for (key, value) in expected["outline"].as_object().unwrap() {
            // A cell printing its own label first (`【事業期間】令和…`) holds the member after it.
            let cells: Vec<String> = of(&format!("outline.{key}"))
                .into_iter()
                .map(|t| labels::headed_value(t).map_or(t.clone(), |(_, v)| v.to_string()))
                .collect();
            match value.as_str() {
                Some(v) => assert_eq!(cells, [squeeze(v)], "{stem} {key}"),
                None => assert!(cells.is_empty(), "{stem} {key}"),
            }
        }
        for (k, field) in expected["fields"].as_array().unwrap().iter().enumerate() {
            assert_eq!(
                of(&format!("fields[{k}]")),
                [&text(&field["text"])],
                "{stem}"
            );
        }
        let count = |prefix: &str| {
            let mut seen: Vec<&str> = listed
                .iter()
                .filter(|(m, _)| m.starts_with(prefix))
                .map(|(m, _)| m.split(']').next().unwrap())
                .collect();
            seen.sort_unstable();
            seen.dedup();
            seen.len()
        };
        let len = |key: &serde_json::Value| key.as_array().unwrap().len();
        assert_eq!(count("indicators["), len(&expected["indicators"]), "{stem}");
        assert_eq!(
            count("costs.items["),
            len(&expected["costs"]["items"]),
            "{stem}"
        );
        assert_eq!(
            count("assessments["),
            len(&expected["assessments"]),
            "{stem}"
        );
        for (i, item) in expected["costs"]["items"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
        {
            let label = item["path"].as_array().unwrap().last().map(text).unwrap();
            assert!(
                of(&format!("costs.items[{i}]")).contains(&&label),
                "{stem} {label}"
            );
        }
        assert_eq!(
            !of("direction").is_empty(),
            !expected["direction"].is_null(),
            "{stem}"
        );
        assert!(of("unassigned").is_empty(), "{stem}");
        checked += 1;
    }
    assert_eq!(checked, 11);
}

/// `inspect` of 池田市 R7-001 (fixtures/ja-eval): cells chosen from the page image, with the
/// member each holds (the hand-written expected object's members).
#[test]
fn inspect_names_the_members_of_the_ikeda_sheet() {
    let listed = members("fixtures/ja-eval/ikeda__r7-001-jimujigyo-mokuhyo-settei.pdf");
    let member_of = |text: &str| -> Vec<&str> {
        listed
            .iter()
            .filter(|(_, t)| t == text)
            .map(|(m, _)| m.as_str())
            .collect()
    };
    assert_eq!(member_of("環境学習推進事業"), ["name"]);
    assert_eq!(member_of("環境政策課"), ["departments"]);
    assert_eq!(member_of("令和5年度～令和9年度"), ["outline.period"]);
    assert_eq!(member_of("全部委託"), ["outline.method"]);
    assert_eq!(member_of("出前授業のメニュー数"), ["indicators[0]"]);
    assert_eq!(member_of("環境学習推進委託料"), ["costs.items[1]"]);
    assert_eq!(member_of("A.順調に推移している"), ["assessments[0]"]);
    assert_eq!(
        member_of("A.効率的である（改善の余地がない）"),
        ["assessments[2]"]
    );
    assert_eq!(member_of("現状維持"), ["direction"]);
    assert_eq!(member_of("基金繰入金5,690千円"), ["fields[34]"]);
    assert!(listed.iter().all(|(m, _)| m != "unassigned"));
}
