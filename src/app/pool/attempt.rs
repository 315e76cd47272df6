//! One file in attempts: [`collect`] starts an [`Extractor`] (a worker process, or a thread),
//! reads its messages under the per-unit time limit, and when a unit overruns or the
//! extractor dies, fails that unit alone and starts a new attempt after it. A time limit met
//! outside every unit (between sheets) resumes after the last unit read, once per place; any
//! other fault outside every unit fails the file (keeping the units read before).
//!
//! The time limit counts the time the extractor runs, not the time it is stopped (SIGSTOP,
//! Ctrl-Z): see [`RunningTime`].

use std::io;
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use sheet_extract::ExtractError;

use super::FileOutcome;
use super::protocol::{Message, UnitOutcome};

/// How often the time a unit has run is brought up to date.
const CHECK_EVERY: Duration = Duration::from_millis(100);
/// The most one check adds: a check that comes late had this process stopped, and that
/// time is not the extractor's.
const MOST_PER_CHECK: Duration = Duration::from_millis(250);
/// A unit whose extractor stays stopped this many times the limit (stopped alone, and never
/// continued) fails all the same.
const STOPPED_CEILING: u32 = 10;

/// Something that extracts one file in attempts.
pub trait Extractor {
    /// Start an attempt at file page `resume_from` (0-based).
    fn start(&mut self, resume_from: usize) -> Result<(), ExtractError>;
    /// The attempt's next message, waiting at most `timeout`.
    fn recv(&mut self, timeout: Duration) -> Result<io::Result<Message>, RecvTimeoutError>;
    /// End the current attempt; say how it ended.
    fn stop(&mut self) -> Ended;
    /// Whether the extractor is stopped by a signal at the moment (its time does not count).
    fn is_stopped(&mut self) -> bool {
        false
    }
    /// The time now (tests give a scripted clock).
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// How an attempt's extractor ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    /// It ended itself by its own time limit (a worker whose parent was stopped).
    OwnTimeLimit,
    /// It died, or was ended: how.
    Died(String),
}

/// The time one unit has run since its last progress: each check adds the time since the
/// check before, at most [`MOST_PER_CHECK`], to the time running, or to the time stopped
/// when the extractor is stopped. The unit overruns when the time running reaches the
/// limit, or the two together reach [`STOPPED_CEILING`] times the limit. A stop of this
/// process too (Ctrl-Z stops the whole process group) shows as one late check, and counts
/// a quarter second at most.
#[derive(Debug, Clone)]
pub struct RunningTime {
    limit: Duration,
    running: Duration,
    stopped: Duration,
    last_check: Instant,
}

impl RunningTime {
    pub fn new(limit: Duration, now: Instant) -> RunningTime {
        RunningTime {
            limit,
            running: Duration::ZERO,
            stopped: Duration::ZERO,
            last_check: now,
        }
    }

    /// Progress was made: count from zero again.
    pub fn restart(&mut self, now: Instant) {
        *self = RunningTime::new(self.limit, now);
    }

    /// Count the time since the last check; say whether the unit overran.
    pub fn check(&mut self, now: Instant, stopped: bool) -> bool {
        let step = now
            .saturating_duration_since(self.last_check)
            .min(MOST_PER_CHECK);
        self.last_check = now;
        let counter = if stopped {
            &mut self.stopped
        } else {
            &mut self.running
        };
        *counter = counter.saturating_add(step);
        self.running >= self.limit
            || self.running.saturating_add(self.stopped)
                >= self.limit.saturating_mul(STOPPED_CEILING)
    }
}

/// Gather one file's messages from `extractor`'s attempts (see the module doc).
#[cfg(test)]
pub fn collect(extractor: &mut dyn Extractor, timeout: Duration) -> FileOutcome {
    collect_each(extractor, timeout, &mut Some)
}

/// What becomes of each finished unit as it arrives (in page order): a unit given back is
/// kept in the file's outcome, one taken is not.
pub type EachUnit<'a> = dyn FnMut(UnitOutcome) -> Option<UnitOutcome> + 'a;

/// As [`collect`], offering each finished unit to `each` as it arrives.
pub fn collect_each(
    extractor: &mut dyn Extractor,
    timeout: Duration,
    each: &mut EachUnit,
) -> FileOutcome {
    attempts(extractor, timeout, each)
}

/// Offer `unit` to `each`; keep it in `outcome` if given back.
fn keep(outcome: &mut FileOutcome, each: &mut EachUnit, unit: UnitOutcome) {
    if let Some(unit) = each(unit) {
        outcome.units.push(unit);
    }
}

/// Where one attempt stopped: inside a unit (its pages and last page), or outside.
struct Fault {
    reason: ExtractError,
    open: Option<(String, usize)>,
    timed_out: bool,
}

fn attempts(extractor: &mut dyn Extractor, timeout: Duration, each: &mut EachUnit) -> FileOutcome {
    let mut outcome = FileOutcome::default();
    let mut resume_from = 0;
    // The page after the last unit read, and the places resumed from after a time limit
    // outside every unit.
    let mut after_last_unit = None;
    let mut resumed_between = Vec::new();
    loop {
        if let Err(reason) = extractor.start(resume_from) {
            outcome.failure = Some(reason.to_string());
            return outcome;
        }
        let run = Attempt {
            outcome: &mut outcome,
            each: &mut *each,
            after_last_unit: &mut after_last_unit,
        };
        let fault = match attempt(extractor, timeout, run) {
            Some(fault) => fault,
            None => return outcome,
        };
        match fault.open {
            Some((pages, last_page)) => {
                let unit = UnitOutcome {
                    pages,
                    result: Err(fault.reason),
                };
                keep(&mut outcome, each, unit);
                resume_from = last_page + 1;
            }
            None => match after_last_unit {
                Some(place) if fault.timed_out && !resumed_between.contains(&place) => {
                    resumed_between.push(place);
                    resume_from = place;
                }
                _ => {
                    outcome.failure = Some(fault.reason.to_string());
                    return outcome;
                }
            },
        }
    }
}

/// Where one attempt's messages go: its units offered to `each` (those given back kept in
/// `outcome`), and the page after the last unit read.
struct Attempt<'a, 'b> {
    outcome: &'a mut FileOutcome,
    each: &'a mut EachUnit<'b>,
    after_last_unit: &'a mut Option<usize>,
}

/// One attempt's messages into `run`; `None` when the file ended, else the fault.
fn attempt(extractor: &mut dyn Extractor, timeout: Duration, run: Attempt) -> Option<Fault> {
    let Attempt {
        outcome,
        each,
        after_last_unit,
    } = run;
    let mut open: Option<(String, usize)> = None;
    let mut clock = RunningTime::new(timeout, extractor.now());
    let (reason, timed_out) = loop {
        let message = extractor.recv(CHECK_EVERY);
        if message.is_ok() {
            clock.restart(extractor.now());
        }
        match message {
            Ok(Ok(Message::Begin { pages, last_page })) => open = Some((pages, last_page)),
            Ok(Ok(Message::Unit(unit))) => {
                if let Some((_, last_page)) = open.take() {
                    *after_last_unit = Some(last_page + 1);
                }
                keep(outcome, each, *unit);
            }
            Ok(Ok(Message::End {
                no_sheet_pages,
                failure,
            })) => {
                outcome.no_sheet_pages = no_sheet_pages;
                outcome.failure = failure.map(|e| e.to_string());
                return None;
            }
            Err(RecvTimeoutError::Timeout) => {
                let stopped = extractor.is_stopped();
                if clock.check(extractor.now(), stopped) {
                    extractor.stop();
                    break (timeout_reason(timeout), true);
                }
            }
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => match extractor.stop() {
                Ended::OwnTimeLimit => break (timeout_reason(timeout), true),
                Ended::Died(how) => {
                    break (
                        ExtractError::Internal(format!(
                            "the extractor process died ({how}; out of memory?)"
                        )),
                        false,
                    );
                }
            },
        }
    };
    Some(Fault {
        reason,
        open,
        timed_out,
    })
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
        /// Say nothing, for ever (the clock goes on).
        Hang,
        /// The extractor is stopped by a signal for this long, then goes on.
        Stopped(Duration),
        /// The collecting process itself was stopped this long (one late check).
        Stall(Duration),
        /// The extractor dies.
        Die,
        /// The extractor ends itself by its own time limit.
        OwnLimit,
    }

    /// A fake extractor on a scripted clock: each attempt plays the next script; records
    /// where attempts started and when they were stopped.
    struct Scripted {
        attempts: VecDeque<Vec<Step>>,
        current: VecDeque<Step>,
        started_at: Vec<usize>,
        stopped_at: Vec<Duration>,
        base: Instant,
        elapsed: Duration,
        stopped_now: bool,
        ended: Ended,
    }

    impl Extractor for Scripted {
        fn start(&mut self, resume_from: usize) -> Result<(), ExtractError> {
            self.started_at.push(resume_from);
            self.current = self.attempts.pop_front().unwrap_or_default().into();
            Ok(())
        }

        fn recv(&mut self, wait: Duration) -> Result<io::Result<Message>, RecvTimeoutError> {
            self.stopped_now = false;
            match self.current.front_mut() {
                Some(Step::Hang) => {
                    self.elapsed += wait;
                    return Err(RecvTimeoutError::Timeout);
                }
                Some(Step::Stopped(left)) if *left > wait => {
                    *left -= wait;
                    self.elapsed += wait;
                    self.stopped_now = true;
                    return Err(RecvTimeoutError::Timeout);
                }
                _ => {}
            }
            match self.current.pop_front() {
                Some(Step::Say(message)) => Ok(Ok(message)),
                Some(Step::Stopped(left)) => {
                    self.elapsed += left;
                    self.stopped_now = true;
                    Err(RecvTimeoutError::Timeout)
                }
                Some(Step::Stall(time)) => {
                    self.elapsed += time;
                    Err(RecvTimeoutError::Timeout)
                }
                Some(Step::OwnLimit) => {
                    self.ended = Ended::OwnTimeLimit;
                    Err(RecvTimeoutError::Disconnected)
                }
                Some(Step::Hang | Step::Die) | None => {
                    self.ended = Ended::Died("signal: 6 (SIGABRT)".into());
                    Err(RecvTimeoutError::Disconnected)
                }
            }
        }

        fn stop(&mut self) -> Ended {
            self.stopped_at.push(self.elapsed);
            self.ended.clone()
        }

        fn is_stopped(&mut self) -> bool {
            self.stopped_now
        }

        fn now(&self) -> Instant {
            self.base + self.elapsed
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
            result: Ok(Extracted::whole(sheet(first + 1), true)),
        })))
    }

    fn end() -> Step {
        Step::Say(Message::End {
            no_sheet_pages: vec![0],
            failure: None,
        })
    }

    fn run(attempts: Vec<Vec<Step>>) -> (FileOutcome, Vec<usize>) {
        let (outcome, extractor) = run_scripted(attempts);
        (outcome, extractor.started_at)
    }

    fn run_scripted(attempts: Vec<Vec<Step>>) -> (FileOutcome, Scripted) {
        let mut extractor = Scripted {
            attempts: attempts.into(),
            current: VecDeque::new(),
            started_at: Vec::new(),
            stopped_at: Vec::new(),
            base: Instant::now(),
            elapsed: Duration::ZERO,
            stopped_now: false,
            ended: Ended::Died(String::new()),
        };
        let outcome = collect(&mut extractor, Duration::from_secs(7));
        (outcome, extractor)
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

    const LIMIT_FAILURE: &str = "limit exceeded: took longer than the time limit of 7 s";

    #[test]
    fn a_unit_without_progress_fails_when_it_has_run_the_limit() {
        let (outcome, extractor) = run_scripted(vec![vec![begin(0, 0), Step::Hang], vec![end()]]);
        assert_eq!(extractor.stopped_at, [Duration::from_secs(7)]);
        assert_eq!(summary(&outcome), [format!("pages 1-1: {LIMIT_FAILURE}")]);
    }

    #[test]
    fn time_stopped_by_a_signal_does_not_count() {
        let (outcome, started_at) = run(vec![vec![
            begin(0, 1),
            Step::Stopped(Duration::from_secs(60)),
            done(0, 1),
            end(),
        ]]);
        assert_eq!(started_at, [0]);
        assert_eq!(summary(&outcome), ["pages 1-2: ok 1"]);
        assert_eq!(outcome.failure, None);
    }

    #[test]
    fn a_late_check_counts_a_quarter_second_at_most() {
        let (outcome, _) = run(vec![vec![
            begin(0, 1),
            Step::Stall(Duration::from_secs(60)),
            Step::Stall(Duration::from_secs(60)),
            done(0, 1),
            end(),
        ]]);
        assert_eq!(summary(&outcome), ["pages 1-2: ok 1"]);
    }

    #[test]
    fn a_unit_stopped_for_ever_fails_at_ten_times_the_limit() {
        let (outcome, extractor) = run_scripted(vec![
            vec![begin(0, 0), Step::Stopped(Duration::from_secs(1000))],
            vec![begin(1, 1), done(1, 1), end()],
        ]);
        assert_eq!(extractor.stopped_at, [Duration::from_secs(70)]);
        assert_eq!(extractor.started_at, [0, 1]);
        assert_eq!(
            summary(&outcome),
            [
                format!("pages 1-1: {LIMIT_FAILURE}"),
                "pages 2-2: ok 2".into()
            ]
        );
    }

    #[test]
    fn a_time_limit_between_units_resumes_after_the_last_unit() {
        let (outcome, started_at) = run(vec![
            vec![begin(0, 1), done(0, 1), Step::Hang],
            vec![begin(2, 3), done(2, 3), end()],
        ]);
        assert_eq!(started_at, [0, 2]);
        assert_eq!(summary(&outcome), ["pages 1-2: ok 1", "pages 3-4: ok 3"]);
        assert_eq!(outcome.failure, None);
    }

    #[test]
    fn a_time_limit_between_units_resumes_once_per_place() {
        let (outcome, started_at) = run(vec![
            vec![begin(0, 1), done(0, 1), Step::Hang],
            vec![Step::Hang],
            vec![end()],
        ]);
        assert_eq!(started_at, [0, 2]);
        assert_eq!(summary(&outcome), ["pages 1-2: ok 1"]);
        assert_eq!(outcome.failure.as_deref(), Some(LIMIT_FAILURE));
    }

    #[test]
    fn a_time_limit_before_any_unit_fails_the_file() {
        let (outcome, started_at) = run(vec![vec![Step::Hang], vec![end()]]);
        assert_eq!(started_at, [0]);
        assert_eq!(outcome.failure.as_deref(), Some(LIMIT_FAILURE));
    }

    #[test]
    fn an_extractor_ended_by_its_own_limit_is_a_time_limit() {
        let (outcome, started_at) = run(vec![
            vec![begin(0, 0), Step::OwnLimit],
            vec![begin(1, 1), done(1, 1), end()],
        ]);
        assert_eq!(started_at, [0, 1]);
        assert_eq!(
            summary(&outcome),
            [
                format!("pages 1-1: {LIMIT_FAILURE}"),
                "pages 2-2: ok 2".into()
            ]
        );
    }

    #[test]
    fn running_time_adds_each_step_up_to_a_quarter_second_unless_stopped() {
        let start = Instant::now();
        let mut clock = RunningTime::new(Duration::from_secs(1), start);
        let at = |ms: u64| start + Duration::from_millis(ms);
        assert!(!clock.check(at(100), false));
        assert!(!clock.check(at(5100), false)); // counts 250 ms: 350
        assert!(!clock.check(at(8000), true)); // stopped: 350
        assert!(!clock.check(at(8500), false)); // 600
        assert!(!clock.check(at(8800), false)); // 850
        assert!(clock.check(at(8950), false)); // 1000
        clock.restart(at(9000));
        assert!(!clock.check(at(9500), false)); // 250 ms running
        for quarter in 1..=37 {
            assert!(!clock.check(at(9500 + quarter * 250), true), "{quarter}");
        }
        assert!(!clock.check(at(60_000), true)); // late: 250 ms more, 9.75 s in all
        assert!(clock.check(at(60_250), true)); // stopped and running: ten times the limit
    }
}
