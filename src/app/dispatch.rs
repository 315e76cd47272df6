//! The first argument before the main command's options: a subcommand, `help [SUBCOMMAND]`,
//! or a mistyped subcommand (SPEC.md, "Command line": a first argument that is not a file and
//! is close to a subcommand is a usage error with a "did you mean" hint).

use std::path::Path;

/// The subcommands, as typed after `sheet-extract` (`help` included: it is typed as one);
/// the list the completions are generated from.
fn subcommands() -> Vec<String> {
    let mut names: Vec<String> = super::generate::subcommands()
        .iter()
        .map(|c| c.get_name().to_string())
        .collect();
    names.push("help".into());
    names
}

/// Most edits (insert, delete, replace, swap two neighbours) between a typo and a subcommand;
/// also at most one edit per three letters of the subcommand (`he` is not `help`).
const MAX_EDITS: usize = 2;

/// `Some(subcommand)` when `first` is no existing path, no option, and within a couple of
/// edits of a subcommand (but not one).
pub fn typo_of(first: &str) -> Option<String> {
    if first.starts_with('-') || first.contains(['/', '.']) || Path::new(first).exists() {
        return None;
    }
    let typed = first.to_lowercase();
    subcommands()
        .into_iter()
        .filter(|sub| sub != first)
        .map(|sub| (edits(&typed, &sub), sub))
        .filter(|(n, sub)| *n <= MAX_EDITS && n * 3 <= sub.chars().count())
        .min_by_key(|(n, _)| *n)
        .map(|(_, sub)| sub)
}

/// The optimal-string-alignment distance: a swap of two neighbours (`inspcet`) is one edit.
fn edits(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_words_are_typos_of_a_subcommand() {
        assert_eq!(typo_of("serie").as_deref(), Some("series"));
        assert_eq!(typo_of("inspcet").as_deref(), Some("inspect"));
        assert_eq!(typo_of("Series").as_deref(), Some("series"));
        assert_eq!(typo_of("hlep").as_deref(), Some("help"));
    }

    #[test]
    fn files_options_and_far_words_are_not() {
        assert_eq!(typo_of("series"), None);
        assert_eq!(typo_of("sheet.pdf"), None);
        assert_eq!(typo_of("dir/serie"), None);
        assert_eq!(typo_of("-s"), None);
        assert_eq!(typo_of("book"), None);
        assert_eq!(typo_of("src"), None);
        assert_eq!(typo_of("he"), None);
    }

    #[test]
    fn a_swap_is_one_edit() {
        assert_eq!(edits("inspcet", "inspect"), 1);
        assert_eq!(edits("serie", "series"), 1);
        assert_eq!(edits("", "abc"), 3);
    }
}
