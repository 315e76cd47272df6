//! The form stage on the generator's project sheets (`fixtures/projects/`, made by
//! `tools/gen_projects.py`): every page's cells and lines equal the expected form output the
//! generator wrote from its own page model (`*.expected-form.json`). Boxes compare within
//! half a point: the generator measures text with nominal advance widths.

use serde_json::Value;
use sheet_extract::{Limits, form};

const BBOX_TOLERANCE: f64 = 0.5;

fn same(got: &Value, want: &Value, key: &str) -> bool {
    match (got, want) {
        (Value::Array(g), Value::Array(w)) if key == "bbox" => {
            g.len() == w.len()
                && g.iter().zip(w).all(|(a, b)| {
                    (a.as_f64().unwrap_or(f64::NAN) - b.as_f64().unwrap_or(f64::NAN)).abs()
                        <= BBOX_TOLERANCE
                })
        }
        (Value::Array(g), Value::Array(w)) => {
            g.len() == w.len() && g.iter().zip(w).all(|(a, b)| same(a, b, key))
        }
        (Value::Object(g), Value::Object(w)) => {
            g.len() == w.len()
                && w.iter()
                    .all(|(k, v)| g.get(k).is_some_and(|gv| same(gv, v, k)))
        }
        _ => got == want,
    }
}

fn check(name: &str) {
    let pdf = format!("fixtures/projects/{name}.pdf");
    let bytes = std::fs::read(&pdf).expect("fixture");
    let document = form::read(bytes, &pdf, &Limits::default(), None).expect("readable");
    let got = serde_json::to_value(&document).expect("json");
    let path = format!("fixtures/projects/{name}.expected-form.json");
    let want: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("expected")).expect("json");
    for key in ["schema_version", "kind", "source", "warnings"] {
        assert_eq!(got[key], want[key], "{name}: {key}");
    }
    let (got_pages, want_pages) = (
        got["pages"].as_array().unwrap(),
        want["pages"].as_array().unwrap(),
    );
    assert_eq!(got_pages.len(), want_pages.len(), "{name}: pages");
    for (g, w) in got_pages.iter().zip(want_pages) {
        let page = w["page"].as_u64().unwrap() as usize;
        for (i, (gc, wc)) in g["cells"]
            .as_array()
            .unwrap()
            .iter()
            .zip(w["cells"].as_array().unwrap())
            .enumerate()
        {
            assert!(
                same(gc, wc, ""),
                "{name} page {page} cell {i}:\n got {gc}\nwant {wc}"
            );
        }
        assert!(
            same(g, w, ""),
            "{name} page {page}: cells count, lines or page size differ"
        );
    }
}

#[test]
fn excel_style_templates_read_as_generated() {
    for name in [
        "excel-a1", "excel-a2", "excel-a3", "excel-b1", "excel-b2", "excel-c1", "excel-c2",
    ] {
        check(name);
    }
    for name in ["excel-d1", "excel-d2"] {
        check(name);
    }
}

#[test]
fn libreoffice_style_sheets_read_as_generated() {
    check("lo-a1");
    check("lo-c1");
}

#[test]
fn a_book_of_project_sheets_reads_as_generated() {
    check("book-projects");
}
