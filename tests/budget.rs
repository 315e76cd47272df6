//! The decoded-size budget (`--max-stream-mb`, issue 21.3) on books: a font bomb of a few
//! megabytes, generated here, fails the sheet of its page alone within bounded memory; fonts
//! first charged at their deflate bound are measured when the bound would refuse a page that
//! fits.

use std::fs::{self, File};
use std::io::Write;
use std::process::{Command, Stdio};

use flate2::Compression;
use flate2::write::ZlibEncoder;

use crate::util::BIN;

/// `tests/hostile.rs`'s bomb book: sheet 6-1 (pages 1-2), sheet 1-2 (pages 3-5, the bomb's
/// font on page 4 in object 43), sheet 2-1 (pages 6-7).
const BOMB_BOOK: &str = "fixtures/hostile/book-font-bomb-in-sheet.pdf";
const BOMB_OBJECT: u32 = 43;

/// The same book with its bomb font (object 43) replaced, by an incremental update, with
/// `zeros` bytes of zeros deflated at the fastest level (≈ 220:1, so "a few MB" on disk).
fn book_with_bomb(zeros: usize) -> Vec<u8> {
    let mut pdf = fs::read(BOMB_BOOK).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    let at = text.rfind("startxref").unwrap();
    let previous: u64 = text[at + 9..]
        .trim()
        .trim_end_matches("%%EOF")
        .trim()
        .parse()
        .unwrap();
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::fast());
    let block = vec![0u8; 1 << 20];
    for _ in 0..zeros >> 20 {
        encoder.write_all(&block).unwrap();
    }
    let bomb = encoder.finish().unwrap();
    let object_at = pdf.len() + 1;
    write!(
        pdf,
        "\n{BOMB_OBJECT} 0 obj\n<< /Filter /FlateDecode /Length {} >>\nstream\n",
        bomb.len()
    )
    .unwrap();
    pdf.extend_from_slice(&bomb);
    pdf.extend_from_slice(b"\nendstream\nendobj\n");
    let xref_at = pdf.len();
    write!(
        pdf,
        "xref\n0 1\n0000000000 65535 f \n{BOMB_OBJECT} 1\n{object_at:010} 00000 n \n\
         trailer << /Root 1 0 R /Size 62 /Prev {previous} >>\nstartxref\n{xref_at}\n%%EOF\n"
    )
    .unwrap();
    pdf
}

/// Run the binary with stdout and stderr to files; its exit code, stdout, stderr and peak
/// resident memory in KB (the main process reads a single input itself).
#[allow(clippy::zombie_processes)] // reaped by wait4, which also gives its rusage
fn run_measured(args: &[&str], dir: &std::path::Path) -> (Option<i32>, String, String, i64) {
    let (out, err) = (dir.join("out"), dir.join("err"));
    let child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(File::create(&out).unwrap())
        .stderr(File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, which std has not reaped.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    let read = |path| fs::read_to_string(path).unwrap();
    (code, read(&out), read(&err), usage.ru_maxrss)
}

/// A 1.5 GB font bomb (7 MB on disk) in a book, under the default limit of 1024 MB: the
/// sheet of its page fails with the limit's line, the two others are written, and the run
/// stays far below what inflating the bomb would take.
#[test]
fn a_font_bomb_of_a_few_megabytes_fails_its_sheet_alone_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.pdf");
    let bytes = book_with_bomb(1536 << 20);
    assert!(
        bytes.len() > 4 << 20,
        "a few MB compressed: {}",
        bytes.len()
    );
    fs::write(&book, bytes).unwrap();
    let book = book.to_str().unwrap();
    let (code, stdout, stderr, peak_kb) = run_measured(&[book, "-f", "ndjson"], dir.path());
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr,
        format!(
            "{book}: pages 3-5: limit exceeded: content streams inflate to more than 1024 MB \
             (decompression bomb?)\nextracted 2 sheets from 1 file, failed 1, warnings 0\n"
        )
    );
    let first_pages: Vec<u64> = stdout
        .lines()
        .map(|line| {
            let sheet: serde_json::Value = serde_json::from_str(line).unwrap();
            sheet["source"]["first_page"].as_u64().unwrap()
        })
        .collect();
    assert_eq!(first_pages, [1, 6]);
    assert!(peak_kb < 200 * 1024, "peak RSS {peak_kb} KB");
}

/// `gen-book-merge.pdf` inflates to about 1 MB of streams; with a limit of 2 MB its small
/// fonts are first charged at their deflate bound (1032 times their size: several MB
/// together), which must not refuse a page: every sheet is the generator's.
#[test]
fn fonts_charged_at_their_bound_do_not_refuse_a_book_that_fits() {
    let book = "fixtures/books/gen-book-merge.pdf";
    let output = Command::new(BIN)
        .args([book, "-f", "ndjson", "--max-stream-mb", "2"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "{book}: pages 1-2, 8, 17 hold no sheet\n\
             extracted 6 sheets from 1 file, failed 0, warnings 0\n"
        )
    );
    assert_eq!(output.status.code(), Some(0));
    let expected = fs::read_to_string("fixtures/books/gen-book-merge.expected.ndjson").unwrap();
    let parse = |text: &str| -> Vec<serde_json::Value> {
        text.lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect()
    };
    let mut got = parse(&String::from_utf8_lossy(&output.stdout));
    for sheet in &mut got {
        let source = sheet["source"].as_object_mut().unwrap();
        source.retain(|key, _| key == "first_page" || key == "pages");
    }
    let expected = parse(&expected);
    assert_eq!(got.len(), expected.len());
    assert!(got == expected, "sheets differ from the generator's");
}
