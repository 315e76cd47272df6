//! Shell completions checked in real shells (SPEC.md, "Command line": every subcommand's
//! options complete after any number of file arguments in bash, zsh and fish). Needs bash,
//! fish and zsh installed (CI: `apt-get install -y fish zsh`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::BIN;

/// Each case: the words typed (the last one being completed) and what must be offered
/// (exactly, as a set; files are not asked for).
const CASES: [(&str, &[&str]); 9] = [
    ("sheet-extract --ta", &["--table"]),
    ("sheet-extract a.pdf b.pdf --ta", &["--table"]),
    (
        "sheet-extract a.pdf -f ",
        &["json", "ndjson", "csv", "xlsx"],
    ),
    ("sheet-extract se", &["series"]),
    ("sheet-extract series --ta", &["--table"]),
    ("sheet-extract series a.pdf --ta", &["--table"]),
    (
        "sheet-extract series a.pdf --table ",
        &["indicators", "grades"],
    ),
    ("sheet-extract inspect --sv", &["--svg"]),
    ("sheet-extract inspect a.pdf --sv", &["--svg"]),
];

fn script(shell: &str, dir: &Path) -> PathBuf {
    let out = Command::new(BIN)
        .args(["--generate", &format!("complete-{shell}")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let path = dir.join(format!("sheet-extract.{shell}"));
    std::fs::write(&path, out.stdout).unwrap();
    path
}

fn offered(lines: &str) -> BTreeSet<String> {
    lines
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty() && l != "__done__")
        .collect()
}

fn expected(words: &[&str]) -> BTreeSet<String> {
    words.iter().map(|w| w.to_string()).collect()
}

fn shell(program: &str) -> Command {
    let found = Command::new(program).arg("-c").arg("exit 0").status();
    assert!(
        found.is_ok_and(|s| s.success()),
        "{program} is not installed: apt-get install -y {program}"
    );
    Command::new(program)
}

#[test]
fn bash_completes_every_subcommand_after_files() {
    let dir = tempfile::tempdir().unwrap();
    let script = script("bash", dir.path());
    for (line, want) in CASES {
        let mut words: Vec<&str> = line.split(' ').collect();
        if line.ends_with(' ') {
            words.pop();
            words.push("");
        }
        let out = shell("bash")
            .arg("tests/shells/bash-complete.bash")
            .arg(&script)
            .args(&words)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{line}: complete -p found nothing"
        );
        let got = offered(&String::from_utf8_lossy(&out.stdout));
        assert_eq!(got, expected(want), "bash: {line}");
    }
}

#[test]
fn fish_completes_every_subcommand_after_files() {
    let dir = tempfile::tempdir().unwrap();
    let script = script("fish", dir.path());
    for (line, want) in CASES {
        let out = shell("fish")
            .arg("--no-config")
            .arg("-c")
            .arg(format!("source {}; complete -C '{line}'", script.display()))
            .output()
            .unwrap();
        let got = offered(&String::from_utf8_lossy(&out.stdout));
        assert_eq!(got, expected(want), "fish: {line}");
    }
}

#[test]
fn zsh_completes_every_subcommand_after_files() {
    let dir = tempfile::tempdir().unwrap();
    let script = script("zsh", dir.path());
    for (k, (line, want)) in CASES.into_iter().enumerate() {
        let out_file = dir.path().join(format!("offered-{k}"));
        let status = shell("zsh")
            .arg("-f")
            .arg("tests/shells/zsh-complete.zsh")
            .arg(&script)
            .arg(&out_file)
            .arg(line)
            .status()
            .unwrap();
        assert!(status.success());
        let text = std::fs::read_to_string(&out_file).unwrap_or_default();
        assert!(text.contains("__done__"), "zsh: {line}: no answer");
        assert_eq!(offered(&text), expected(want), "zsh: {line}");
    }
}
