//! Every input in `fixtures/fuzz/` (crashes once found by `cargo fuzz`) and every file in
//! `fixtures/bad/` goes through the library without a panic.

use std::fs;

#[test]
fn fuzz_regressions_and_bad_files_do_not_panic() {
    let mut checked = 0;
    for dir in ["fixtures/fuzz", "fixtures/bad"] {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                continue;
            }
            let bytes = fs::read(&path).unwrap();
            let result = std::panic::catch_unwind(|| {
                sheet_extract::extract(bytes, &path.display().to_string())
            });
            assert!(result.is_ok(), "{} panicked", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 20);
}
