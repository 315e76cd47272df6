//! Isolated extraction. Each input is extracted in a worker process (this same executable,
//! started as `sheet-extract __worker`), so that nothing one file does — a panic, an abort
//! on allocation failure, an endless loop in a dependency — can take the batch down: the
//! parent kills a worker that overruns the time limit of a unit (a sheet, or a page of a
//! form), reports that unit, and resumes the file after it in a new worker.
//!
//! Takes: [`Job`]s (an input and its place in the batch). Gives: [`Event`]s (each unit of
//! a file as it is done, then the file's outcome: the pages without a sheet, or typed
//! reasons). The parts: [`protocol`] (the messages, the library's own
//! types), [`process`] (worker processes, both sides), [`attempt`] (the time limit and the
//! resume), [`in_process`] (a single input run here), [`extract`] (the stages themselves).

mod attempt;
mod extract;
mod in_process;
mod json_sheets;
mod process;
pub mod protocol;

use std::io::{self, Read};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread;

use sheet_extract::Limits;

pub use in_process::run_in_process;
pub use process::{WORKER_ARG, worker_main};
pub use protocol::{Part, Stage, UnitOutcome, WorkerConfig};

use super::inputs::{Input, Origin};
use attempt::EachUnit;
use process::{ProcessExtractor, WorkerProcess};

/// Address-space cap of a worker process: a last line of defence behind the library's own
/// limits (an allocation beyond it aborts the worker, which is reported as out of memory).
const WORKER_ADDRESS_SPACE: u64 = 4 << 30;

/// Stack of the thread that runs an extraction.
const STACK_SIZE: usize = 16 << 20;

/// One input to extract.
pub struct Job {
    pub index: usize,
    pub input: Input,
}

/// What the pool reports of the input at `index`: each unit as it is done, then the file's
/// outcome.
pub enum Event {
    Unit {
        index: usize,
        unit: Box<UnitOutcome>,
    },
    Done {
        index: usize,
        outcome: FileOutcome,
    },
}

/// What became of one input file: its units in page order, the pages that hold no sheet
/// (0-based), and the reason the file as a whole failed, if it did (units read before that
/// are kept).
#[derive(Debug, Clone, Default)]
pub struct FileOutcome {
    pub units: Vec<UnitOutcome>,
    pub no_sheet_pages: Vec<usize>,
    pub failure: Option<String>,
}

impl FileOutcome {
    fn failed(reason: String) -> FileOutcome {
        FileOutcome {
            failure: Some(reason),
            ..FileOutcome::default()
        }
    }
}

/// Parallel extraction over `jobs` worker processes.
pub struct Pool {
    jobs: Option<Sender<Job>>,
    events: Receiver<Event>,
    drivers: Vec<thread::JoinHandle<()>>,
}

impl Pool {
    /// `workers` worker processes, each unit reported as it is done.
    pub fn new(workers: usize, config: WorkerConfig) -> Pool {
        super::signals::install();
        let (job_sender, job_receiver) = mpsc::channel::<Job>();
        let job_receiver = Arc::new(Mutex::new(job_receiver));
        let (event_sender, events) = mpsc::channel();
        let drivers = (0..workers.max(1))
            .map(|_| {
                let jobs = Arc::clone(&job_receiver);
                let events = event_sender.clone();
                thread::spawn(move || drive(&jobs, &events, &config))
            })
            .collect();
        Pool {
            jobs: Some(job_sender),
            events,
            drivers,
        }
    }

    pub fn submit(&self, job: Job) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(job);
        }
    }

    /// The next event, in completion order.
    pub fn next(&self) -> Option<Event> {
        self.events.recv().ok()
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        self.jobs = None;
        for driver in self.drivers.drain(..) {
            let _ = driver.join();
        }
    }
}

/// One driver thread: take jobs, hand them to its worker, enforce the time limit.
fn drive(jobs: &Mutex<Receiver<Job>>, events: &Sender<Event>, config: &WorkerConfig) {
    let mut worker: Option<WorkerProcess> = None;
    loop {
        let job = match jobs.lock().map(|receiver| receiver.recv()) {
            Ok(Ok(job)) => job,
            _ => break,
        };
        let index = job.index;
        let outcome = run_job(&job.input, &mut worker, config, &mut |unit| {
            // A send fails only when the batch has stopped.
            let unit = Box::new(unit);
            let _ = events.send(Event::Unit { index, unit });
            None
        });
        if events.send(Event::Done { index, outcome }).is_err() {
            break;
        }
    }
    if let Some(worker) = worker {
        worker.close();
    }
}

/// One input through the driver's worker process: a file is read by the worker itself,
/// stdin and streams here.
fn run_job(
    input: &Input,
    worker: &mut Option<WorkerProcess>,
    config: &WorkerConfig,
    each: &mut EachUnit,
) -> FileOutcome {
    let (path, bytes) = match &input.origin {
        Origin::File(path) => (Some(path.as_path()), Vec::new()),
        _ => match read_bytes(input, &config.limits) {
            Ok(bytes) => (None, bytes),
            Err(reason) => return FileOutcome::failed(reason),
        },
    };
    let mut extractor = ProcessExtractor {
        worker,
        config,
        display: &input.display,
        path,
        bytes,
    };
    attempt::collect_each(&mut extractor, config.timeout, each)
}

/// The bytes of an input, or why they cannot be had.
fn read_bytes(input: &Input, limits: &Limits) -> Result<Vec<u8>, String> {
    match &input.origin {
        Origin::Unusable(reason) => Err(reason.clone()),
        Origin::File(path) | Origin::Stream(path) => {
            read_input(path, limits).map_err(|e| format!("cannot read ({e})"))
        }
        Origin::Stdin => read_stdin(limits).map_err(|e| format!("cannot read stdin ({e})")),
    }
}

fn read_stdin(limits: &Limits) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(limits.max_input_bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Read a file, refusing one larger than the input limit before reading it.
pub fn read_input(path: &Path, limits: &Limits) -> io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    // Sized once from the file's length (a `Take` gives no size hint: the buffer would
    // double its way up, copying the file several times).
    let length = file.metadata().map_or(0, |m| m.len());
    let capacity = length.min(limits.max_input_bytes.saturating_add(1));
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    file.take(limits.max_input_bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn cap_address_space() {
    let limit = libc::rlimit {
        rlim_cur: WORKER_ADDRESS_SPACE,
        rlim_max: WORKER_ADDRESS_SPACE,
    };
    let no_core = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: setrlimit only reads the struct we pass; failure leaves the old limit.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &limit);
        libc::setrlimit(libc::RLIMIT_CORE, &no_core);
    }
}
