//! Text decoding without ToUnicode: CID-keyed fonts of an Adobe collection (Acrobat
//! Distiller's Japanese fonts) decode through the collection's CID → Unicode map, as poppler
//! does; fonts without any mapping are named in a warning.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use sheet_extract::{Limits, read_pages, text};

/// Per page, the non-space characters of the pdf stage's glyphs, folded as SPEC.md says.
fn page_char_counts(pdf: &Path) -> Vec<BTreeMap<String, usize>> {
    let (_, pages) = read_pages(fs::read(pdf).unwrap(), "t", &Limits::default(), None).unwrap();
    pages
        .iter()
        .map(|page| {
            let mut counts = BTreeMap::new();
            for c in page.glyphs.iter().flat_map(|g| g.text.chars()) {
                if c.is_whitespace() || text::is_variation_selector(c) {
                    continue;
                }
                *counts
                    .entry(text::normalize_char(c).to_string())
                    .or_default() += 1;
            }
            counts
        })
        .collect()
}

#[test]
#[ignore = "needs ../shared"]
fn distiller_cid_fonts_without_to_unicode_read_as_pdftotext_reads_them() {
    let pdf = crate::util::shared("corpus/ja-real/mof__R2-hosei-yosan-setsumei-48p.pdf")
        .expect("../shared/corpus/ja-real is needed");
    let pdf = pdf.as_path();
    // Written by tools/page_char_counts.py from pdftotext's output.
    let expected: Vec<BTreeMap<String, usize>> = serde_json::from_str(
        &fs::read_to_string("fixtures/corpus/mof__R2-hosei-yosan-setsumei-48p.charcounts.json")
            .unwrap(),
    )
    .unwrap();
    let actual = page_char_counts(pdf);
    assert_eq!(actual.len(), expected.len());
    // Adobe-Japan1 CIDs that poppler's own CID table leaves unmapped (so pdftotext drops
    // them) while Adobe's Adobe-Japan1-UCS2, which we use, maps them: CIDs 10079 and 10120
    // (katakana イ, ロ in a list-item form) on page 41.
    let ours_only: BTreeMap<usize, Vec<(&str, usize)>> =
        BTreeMap::from([(41, vec![("イ", 1), ("ロ", 1)])]);
    let mut failures = Vec::new();
    for (page, (got, want)) in actual.iter().zip(&expected).enumerate() {
        let mut want = want.clone();
        for (c, n) in ours_only.get(&(page + 1)).into_iter().flatten() {
            *want.entry(c.to_string()).or_default() += n;
        }
        if *got != want {
            let differ = |a: &BTreeMap<String, usize>, b: &BTreeMap<String, usize>| {
                a.iter()
                    .filter(|(c, n)| b.get(*c) != Some(n))
                    .map(|(c, n)| format!("{c}×{n}"))
                    .take(10)
                    .collect::<Vec<_>>()
            };
            failures.push(format!(
                "page {}: pdftotext {:?}, ours {:?}",
                page + 1,
                differ(&want, got),
                differ(got, &want)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_label_in_vertical_writing_reads_top_to_bottom() {
    // Identity-V, Adobe-Japan1 CIDs, no ToUnicode (tools/make_layout_fixtures.py).
    let bytes = fs::read("fixtures/layout/identity-v-label.pdf").unwrap();
    let (_, pages) = read_pages(bytes, "v", &Limits::default(), None).unwrap();
    let lines = text::lines(pages[0].glyphs.iter().collect());
    assert_eq!(text::join_lines(&lines), "プロジェクト");
}
