//! `--generate`: shell completions (clap_complete) and the man page (clap_mangen) for the
//! whole command line, the `series` and `inspect` subcommands included.

use std::io::{self, Write};

use clap::{Command, CommandFactory};
use clap_complete::Shell;

use super::args::{Args, Generate};
use super::inspect::InspectArgs;
use super::series::SeriesArgs;

/// The full command: the main options and the two subcommands.
fn command() -> Command {
    Args::command()
        .subcommand(InspectArgs::command().name("inspect"))
        .subcommand(SeriesArgs::command().name("series"))
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
    clap_complete::generate(shell, &mut cmd, "sheet-extract", &mut script);
    out.write_all(&script)?;
    out.flush()
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
