//! `--generate`: shell completions (clap_complete) and the man page (clap_mangen) for the
//! whole command line, the `series` and `inspect` subcommands included.

use std::io::{self, Write};

use clap::{Command, CommandFactory};
use clap_complete::Shell;

use super::args::{Args, Generate};
use super::inspect::InspectArgs;
use super::series::SeriesArgs;

/// The binary's name, as completion scripts register it.
const BIN: &str = "sheet-extract";

/// The full command: the main options and every subcommand (a new subcommand added here is
/// covered by the completions and the man page without further change).
fn command() -> Command {
    Args::command().subcommands(subcommands())
}

/// The subcommands, each with its options (the main dispatch's typo hints use their names).
pub fn subcommands() -> Vec<Command> {
    vec![
        InspectArgs::command().name("inspect"),
        SeriesArgs::command().name("series"),
    ]
}

/// Write what `what` asks for to stdout.
pub fn run(what: Generate) -> io::Result<()> {
    let mut cmd = command();
    let mut out = io::stdout().lock();
    let shell = match what {
        Generate::CompleteBash => Shell::Bash,
        Generate::CompleteZsh => Shell::Zsh,
        Generate::CompleteFish => Shell::Fish,
        Generate::CompletePowershell => Shell::PowerShell,
        Generate::Man => return man(cmd, &mut out),
    };
    // Into memory first: clap_complete panics on a write error (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, BIN, &mut script);
    let script = String::from_utf8_lossy(&script);
    let subcommands: Vec<&str> = cmd.get_subcommands().map(Command::get_name).collect();
    let script = match shell {
        Shell::Bash => fix_bash(&script),
        Shell::Zsh => zsh(),
        Shell::Fish => fix_fish(&script, &subcommands),
        _ => script.into_owned(),
    };
    out.write_all(script.as_bytes())?;
    out.flush()
}

/// clap_complete's bash script names a hyphenated binary's subcommand states two ways
/// (`sheet__extract__subcmd__series` when it walks the words, `sheet__subcmd__extract__…` in
/// the `case` that completes them), so nothing completes inside a subcommand
/// (clap-rs/clap#6421): use the first spelling throughout.
fn fix_bash(script: &str) -> String {
    script.replace(&BIN.replace('-', "__subcmd__"), &BIN.replace('-', "__"))
}

/// The zsh script: clap_complete's for a command with both file arguments and subcommands
/// offers nothing inside a subcommand once a file is typed, nor the main options after a
/// file. So each command gets its own function (clap_complete's, for the command alone) and
/// a dispatcher picks one by the first word; `help` completes the subcommand names.
fn zsh() -> String {
    let subcommands = subcommands();
    let mut script = format!("#compdef {BIN}\n\nautoload -U is-at-least\n");
    script += &zsh_function(Args::command(), &format!("{BIN}-main"));
    let mut names = Vec::new();
    for sub in subcommands {
        let name = sub.get_name().to_string();
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        names.push(format!(
            "'{name}:{}'",
            about.replace('\'', "").replace(':', "\\:")
        ));
        script += &zsh_function(sub, &format!("{BIN}-{name}"));
    }
    names.push("'help:Print help of the command or of a subcommand'".into());
    script += &format!(
        r#"
_{BIN}-commands() {{
    local -a commands; commands=({names})
    _describe -t commands '{BIN} subcommand' commands "$@"
}}

_{BIN}-help() {{
    (( CURRENT == 2 )) && _{BIN}-commands
}}

_{BIN}() {{
    local sub=${{words[2]}}
    if (( CURRENT > 2 )) && (( $+functions[_{BIN}-$sub] )) && [[ $sub != main ]]; then
        words=("${{(@)words[2,-1]}}")
        (( CURRENT-- ))
        _{BIN}-$sub "$@"
        return
    fi
    if (( CURRENT == 2 )) && [[ ${{words[2]}} != -* ]]; then
        _{BIN}-commands
    fi
    _{BIN}-main "$@"
}}

if [ "$funcstack[1]" = "_{BIN}" ]; then
    _{BIN} "$@"
else
    compdef _{BIN} {BIN}
fi
"#,
        names = names.join(" ")
    );
    script
}

/// clap_complete's zsh function for `cmd` alone, named `_NAME`, without its `#compdef` line
/// and registration (the dispatcher registers).
fn zsh_function(cmd: Command, name: &str) -> String {
    let mut cmd = cmd;
    let mut out = Vec::new();
    clap_complete::generate(Shell::Zsh, &mut cmd, name, &mut out);
    let text = String::from_utf8_lossy(&out);
    let body: Vec<String> = text
        .lines()
        .filter(|line| !line.starts_with("#compdef") && !line.starts_with("autoload"))
        .take_while(|line| !line.starts_with("if [ \"$funcstack[1]\""))
        // `*::` narrows the words to the file arguments, so no option after a file would
        // complete: `*:` keeps them.
        .map(|line| line.replacen("'*::", "'*:", 1))
        .collect();
    body.join("\n") + "\n"
}

/// clap_complete's fish script takes any first positional word for a subcommand, so once a
/// file is typed the main command's options are no longer offered: only a word that names a
/// subcommand is one.
fn fix_fish(script: &str, subcommands: &[&str]) -> String {
    let taken_as_command = "    if set -q argv[1]\n";
    let fixed = format!(
        "    if set -q argv[1]; and contains -- $argv[1] {}\n",
        subcommands.join(" ")
    );
    script.replacen(taken_as_command, &fixed, 1)
}

/// The man page: clap_mangen's sections, then exit status, limits, environment, examples.
fn man(cmd: Command, out: &mut impl Write) -> io::Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut page)?;
    out.write_all(&page)?;
    out.write_all(EXTRA_SECTIONS.as_bytes())?;
    out.flush()
}

const EXTRA_SECTIONS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
every input extracted
.TP
\fB1\fR
one or more inputs (or sheets of a book) failed; the others are still written
.TP
\fB2\fR
usage error (found before anything is read or written)
.TP
\fB130\fR, \fB143\fR
stopped by SIGINT or SIGTERM: workers stopped, temporary files removed
.SH LIMITS
Per file: \fB\-\-max\-input\-mb\fR (200), \fB\-\-max\-stream\-mb\fR (1024, decoded content
streams), \fB\-\-max\-pages\fR (5000, a whole book). Per sheet: \fB\-\-timeout\fR (30 seconds).
A file over a limit fails alone, with one line on stderr.
.SH ENVIRONMENT
.TP
\fBNO_COLOR\fR
honoured: sheet\-extract never writes colour; the progress bar (on a terminal only) is plain.
.SH EXAMPLES
.nf
sheet\-extract sheet.pdf \-\-format json
sheet\-extract book.pdf \-f ndjson
sheet\-extract sheets/ \-r \-f csv \-\-table indicators \-o indicators.csv
sheet\-extract sheets/2024/ \-f xlsx \-o 2024.xlsx
sheet\-extract series sheets/ \-r \-f csv \-\-table indicators > series.csv
sheet\-extract inspect sheet.pdf \-\-svg out/
sheet\-extract \-\-generate complete\-bash > /etc/bash_completion.d/sheet\-extract
.fi
"#;
