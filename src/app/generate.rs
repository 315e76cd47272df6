//! `--generate`: shell completions (clap_complete) and the man page (clap_mangen) for the
//! whole command line, the `series`, `inspect` and `form` subcommands included.

use std::io::{self, Write};

use clap::{Command, CommandFactory};
use clap_complete::Shell;

use super::args::{Args, Generate};
use super::form::FormArgs;
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
        FormArgs::command().name("form"),
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

/// The man page, one page for the whole command: clap_mangen's sections for the main command,
/// one SUBCOMMAND section per subcommand with its synopsis and options (clap_mangen's own
/// subcommand list names `sheet-extract-series(1)` pages that nobody installs), then exit
/// status, limits, environment and examples.
fn man(cmd: Command, out: &mut impl Write) -> io::Result<()> {
    let subcommands: Vec<Command> = cmd.get_subcommands().cloned().collect();
    let main = clap_mangen::Man::new(cmd);
    let mut page = Vec::new();
    main.render_title(&mut page)?;
    main.render_name_section(&mut page)?;
    main.render_synopsis_section(&mut page)?;
    main.render_description_section(&mut page)?;
    main.render_options_section(&mut page)?;
    for sub in subcommands.into_iter().filter(|s| s.get_name() != "help") {
        page.extend(subcommand_section(sub)?);
    }
    main.render_extra_section(&mut page)?;
    main.render_version_section(&mut page)?;
    out.write_all(&page)?;
    out.write_all(EXTRA_SECTIONS.as_bytes())?;
    out.flush()
}

/// `.SH "SUBCOMMAND: sheet-extract series"`: what it does, its synopsis and its options.
fn subcommand_section(sub: Command) -> io::Result<Vec<u8>> {
    let title = format!("{BIN} {}", sub.get_name());
    let man = clap_mangen::Man::new(sub.bin_name(title.clone()));
    let mut section = format!(".SH \"SUBCOMMAND: {}\"\n", title.replace('-', "\\-")).into_bytes();
    for render in [
        clap_mangen::Man::render_description_section,
        clap_mangen::Man::render_synopsis_section,
        clap_mangen::Man::render_options_section,
    ] {
        let mut part = Vec::new();
        render(&man, &mut part)?;
        // The sections' headings become subsection headings.
        let part = String::from_utf8_lossy(&part).replacen(".SH ", ".SS ", 1);
        section.extend(part.into_bytes());
    }
    Ok(section)
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
streams), \fB\-\-max\-pages\fR (5000, a whole book). Per sheet (per page for \fBform\fR):
\fB\-\-timeout\fR (30 seconds).
A file over a limit fails alone, with one line on stderr.
.SH ENVIRONMENT
sheet\-extract's own output (data, warnings, failures, the summary, the progress bar) is never
coloured. Usage errors and \fB\-\-help\fR are printed by the argument parser, which colours
them when they go to a terminal; these variables change that:
.TP
\fBNO_COLOR\fR
set and not empty: no colour at all (wins over \fBCLICOLOR_FORCE\fR).
.TP
\fBCLICOLOR_FORCE\fR
set and not \fB0\fR: usage errors and help are coloured even when not written to a terminal.
.TP
\fBCLICOLOR\fR
\fB0\fR: no colour on a terminal either.
.TP
\fBTMPDIR\fR
where \fB\-\-format xlsx\fR streams its rows while it writes a workbook (default \fI/tmp\fR;
about the size of the tables, removed at the end). Output files themselves are written as a
temporary file beside the target (\fI.NAME.PID\-N.tmp\fR) and renamed into place, so that
each is complete or absent: the output's directory must be writable.
.TP
\fBRUST_MIN_STACK\fR
the stack size in bytes of the threads that read pages (default 2 MiB). Extraction itself
(a single input in this process, or each worker process) runs on a thread of its own with a
16 MiB stack, whatever this variable says.
.SH EXAMPLES
.nf
sheet\-extract sheet.pdf \-\-format json
sheet\-extract book.pdf \-f ndjson
sheet\-extract sheets/ \-r \-f csv \-\-table indicators \-o indicators.csv
sheet\-extract sheets/2024/ \-f xlsx \-o 2024.xlsx
sheet\-extract series sheets/ \-r \-f csv \-\-table indicators > series.csv
sheet\-extract inspect sheet.pdf \-\-svg out/
mkdir \-p ~/.local/share/bash\-completion/completions
sheet\-extract \-\-generate complete\-bash > ~/.local/share/bash\-completion/completions/sheet\-extract
.fi
"#;
