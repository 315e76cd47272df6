//! Helpers shared by the test modules: the binary under test, fixture paths, the material
//! of ../shared that some tests read when it is present.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_sheet-extract");

/// A directory of ../shared, seen from the main checkout or from a worktree beside it, if
/// this machine has it. Tests that need it are `#[ignore = "needs ../shared"]`, so that a
/// run without it says they were skipped instead of passing.
pub fn shared(relative: &str) -> Option<PathBuf> {
    ["../shared", "../../shared"]
        .iter()
        .map(|root| Path::new(root).join(relative))
        .find(|path| path.exists())
}

/// Every file of tests/ is a module of tests/tests.rs: a file left out would never run.
#[test]
fn every_file_of_tests_is_a_module() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let modules = std::fs::read_to_string(root.join("tests.rs")).unwrap();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if path.extension().is_some_and(|e| e == "rs")
            && stem != "tests"
            && !modules.contains(&format!("mod {stem};"))
        {
            missing.push(stem.to_owned());
        }
    }
    assert!(
        missing.is_empty(),
        "not modules of tests/tests.rs: {missing:?}"
    );
}

/// Run the binary with `args`, its stdin empty.
pub fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// A run's stdout, which must be UTF-8.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// A run's stderr, which must be UTF-8 (the tool escapes what is not).
pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}
