//! One file in attempts: [`collect`] starts an [`Extractor`] (a worker process, or a thread),
//! reads its messages under the per-unit time limit, and when a unit overruns or the
//! extractor dies, fails that unit alone and starts a new attempt after it. Outside every
//! unit, the same fails the file (keeping the units read before).

use std::io;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use sheet_extract::ExtractError;

use super::FileOutcome;
use super::protocol::{Message, UnitOutcome};

/// Something that extracts one file in attempts.
pub trait Extractor {
    /// Start an attempt at file page `resume_from` (0-based).
    fn start(&mut self, resume_from: usize) -> Result<(), ExtractError>;
    /// The attempt's next message, waiting at most `timeout`.
    fn recv(&mut self, timeout: Duration) -> Result<io::Result<Message>, RecvTimeoutError>;
    /// End the current attempt; say how it ended.
    fn stop(&mut self) -> String;
}

/// Gather one file's messages from `extractor`'s attempts (see the module doc).
pub fn collect(extractor: &mut dyn Extractor, timeout: Duration) -> FileOutcome {
    collect_each(extractor, timeout, &mut Some)
}

/// As [`collect`], offering each finished unit to `each` as it arrives (in page order): a
/// unit it gives back is kept in the outcome, one it takes is not.
pub fn collect_each(
    extractor: &mut dyn Extractor,
    timeout: Duration,
    each: &mut dyn FnMut(UnitOutcome) -> Option<UnitOutcome>,
) -> FileOutcome {
    let mut outcome = attempts(extractor, timeout, each);
    outcome.drop_incomplete();
    outcome
}

fn attempts(
    extractor: &mut dyn Extractor,
    timeout: Duration,
    each: &mut dyn FnMut(UnitOutcome) -> Option<UnitOutcome>,
) -> FileOutcome {
    let mut keep = |outcome: &mut FileOutcome, unit| {
        if let Some(unit) = each(unit) {
            outcome.push(unit);
        }
    };
    let mut outcome = FileOutcome::default();
    let mut resume_from = 0;
    loop {
        if let Err(reason) = extractor.start(resume_from) {
            outcome.failure = Some(reason.to_string());
            return outcome;
        }
        let mut open: Option<(String, usize)> = None;
        let reason = loop {
            match extractor.recv(timeout) {
                Ok(Ok(Message::Begin { pages, last_page })) => open = Some((pages, last_page)),
                Ok(Ok(Message::Unit(unit))) => {
                    open = None;
                    keep(&mut outcome, *unit);
                }
                Ok(Ok(Message::End {
                    no_sheet_pages,
                    failure,
                })) => {
                    outcome.no_sheet_pages = no_sheet_pages;
                    outcome.failure = failure.map(|e| e.to_string());
                    return outcome;
                }
                Err(RecvTimeoutError::Timeout) => {
                    extractor.stop();
                    break timeout_reason(timeout);
                }
                Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => {
                    let how = extractor.stop();
                    break ExtractError::Internal(format!(
                        "the extractor process died ({how}; out of memory?)"
                    ));
                }
            }
        };
        match open {
            Some((pages, last_page)) => {
                let unit = UnitOutcome {
                    pages,
                    result: Err(reason),
                };
                keep(&mut outcome, unit);
                resume_from = last_page + 1;
            }
            None => {
                outcome.failure = Some(reason.to_string());
                return outcome;
            }
        }
    }
}

fn timeout_reason(timeout: Duration) -> ExtractError {
    ExtractError::Limit(format!(
        "took longer than the time limit of {} s",
        timeout.as_secs()
    ))
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use super::*;
    use crate::app::pool::protocol::Extracted;
    use crate::app::pool::protocol::tests::test_sheet;
    use sheet_extract::Document;

    /// What one scripted attempt does, step by step.
    enum Step {
        Say(Message),
        /// Say nothing within the time limit.
        Hang,
        /// The extractor dies.
        Die,
    }

    /// A fake extractor: each attempt plays the next script; records where attempts started.
    struct Scripted {
        attempts: VecDeque<Vec<Step>>,
        current: VecDeque<Step>,
        started_at: Vec<usize>,
    }

    impl Extractor for Scripted {
        fn start(&mut self, resume_from: usize) -> Result<(), ExtractError> {
            self.started_at.push(resume_from);
            self.current = self.attempts.pop_front().unwrap_or_default().into();
            Ok(())
        }

        fn recv(&mut self, _: Duration) -> Result<io::Result<Message>, RecvTimeoutError> {
            match self.current.pop_front() {
                Some(Step::Say(message)) => Ok(Ok(message)),
                Some(Step::Hang) => Err(RecvTimeoutError::Timeout),
                Some(Step::Die) | None => Err(RecvTimeoutError::Disconnected),
            }
        }

        fn stop(&mut self) -> String {
            "signal: 6 (SIGABRT)".into()
        }
    }

    fn sheet(first_page: usize) -> Document {
        let mut sheet = test_sheet(include_str!(
            "../../../fixtures/kitakami-r6-4-1.expected.json"
        ));
        sheet.source.first_page = first_page;
        Document::Measure(sheet)
    }

    fn begin(first: usize, last: usize) -> Step {
        Step::Say(Message::Begin {
            pages: format!("pages {}-{}", first + 1, last + 1),
            last_page: last,
        })
    }

    fn done(first: usize, last: usize) -> Step {
        Step::Say(Message::Unit(Box::new(UnitOutcome {
            pages: format!("pages {}-{}", first + 1, last + 1),
            result: Ok(Extracted {
                document: sheet(first + 1),
                report_warnings: true,
            }),
        })))
    }

    fn end() -> Step {
        Step::Say(Message::End {
            no_sheet_pages: vec![0],
            failure: None,
        })
    }

    fn run(attempts: Vec<Vec<Step>>) -> (FileOutcome, Vec<usize>) {
        let mut extractor = Scripted {
            attempts: attempts.into(),
            current: VecDeque::new(),
            started_at: Vec::new(),
        };
        let outcome = collect(&mut extractor, Duration::from_secs(7));
        (outcome, extractor.started_at)
    }

    fn summary(outcome: &FileOutcome) -> Vec<String> {
        outcome
            .units
            .iter()
            .map(|unit| match &unit.result {
                Ok(extracted) => format!("{}: ok {}", unit.pages, extracted.document.first_page()),
                Err(e) => format!("{}: {e}", unit.pages),
            })
            .collect()
    }

    #[test]
    fn a_unit_that_hangs_fails_alone_and_the_next_attempt_resumes_after_it() {
        let (outcome, started_at) = run(vec![
            vec![begin(1, 2), done(1, 2), begin(3, 4), Step::Hang],
            vec![begin(5, 5), done(5, 5), end()],
        ]);
        assert_eq!(started_at, [0, 5]);
        assert_eq!(
            summary(&outcome),
            [
                "pages 2-3: ok 2",
                "pages 4-5: limit exceeded: took longer than the time limit of 7 s",
                "pages 6-6: ok 6",
            ]
        );
        assert_eq!(outcome.no_sheet_pages, [0]);
        assert_eq!(outcome.failure, None);
    }

    #[test]
    fn a_death_inside_a_unit_fails_it_and_outside_every_unit_fails_the_file() {
        let (outcome, started_at) = run(vec![
            vec![begin(0, 0), Step::Die],
            vec![begin(1, 1), done(1, 1), Step::Die],
        ]);
        assert_eq!(started_at, [0, 1]);
        assert_eq!(
            summary(&outcome),
            [
                "pages 1-1: internal error: the extractor process died (signal: 6 (SIGABRT); out of memory?)",
                "pages 2-2: ok 2",
            ]
        );
        assert_eq!(
            outcome.failure.as_deref(),
            Some(
                "internal error: the extractor process died (signal: 6 (SIGABRT); out of memory?)"
            )
        );
    }
}
