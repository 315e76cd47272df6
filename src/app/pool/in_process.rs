//! A single input extracted in this process: no worker to start, which halves the cost of a
//! one-file run. Extraction runs on a thread with its own stack size (so that a small
//! `RUST_MIN_STACK` cannot abort it); a unit that overruns the time limit is reported, its
//! thread abandoned, and extraction resumes after that unit on a new thread. The address
//! space is capped as in a worker.

use std::io;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use sheet_extract::ExtractError;

use super::attempt::{EachUnit, Ended, Extractor, collect_each};
use super::extract::extract_file;
use super::protocol::{Message, WorkerConfig};
use super::{FileOutcome, STACK_SIZE, cap_address_space, read_bytes};
use crate::app::inputs::Input;

/// Extract `input` here (see the module doc), offering each unit to `each` as it arrives
/// (see [`collect_each`]).
pub fn run_in_process(input: &Input, config: &WorkerConfig, each: &mut EachUnit) -> FileOutcome {
    let bytes = match read_bytes(input, &config.limits) {
        Ok(bytes) => Arc::new(bytes),
        Err(reason) => return FileOutcome::failed(reason),
    };
    std::panic::set_hook(Box::new(|_| {}));
    cap_address_space();
    let mut extractor = ThreadExtractor {
        display: input.display.clone(),
        bytes,
        config: *config,
        messages: None,
    };
    collect_each(&mut extractor, config.timeout, each)
}

/// Extraction on a thread of this process.
struct ThreadExtractor {
    display: String,
    bytes: Arc<Vec<u8>>,
    config: WorkerConfig,
    messages: Option<Receiver<io::Result<Message>>>,
}

impl Extractor for ThreadExtractor {
    fn start(&mut self, resume_from: usize) -> Result<(), ExtractError> {
        let (sender, receiver) = mpsc::channel();
        let (display, bytes, config) = (self.display.clone(), Arc::clone(&self.bytes), self.config);
        thread::Builder::new()
            .stack_size(STACK_SIZE)
            .spawn(move || {
                let mut emit = |message| {
                    let _ = sender.send(Ok(message));
                };
                let bytes = Ok(bytes);
                extract_file(&display, bytes, &config, resume_from, &mut emit);
            })
            .map_err(|e| ExtractError::Internal(format!("cannot start a thread ({e})")))?;
        self.messages = Some(receiver);
        Ok(())
    }

    fn recv(&mut self, timeout: Duration) -> Result<io::Result<Message>, RecvTimeoutError> {
        match &self.messages {
            Some(messages) => messages.recv_timeout(timeout),
            None => Err(RecvTimeoutError::Disconnected),
        }
    }

    fn stop(&mut self) -> Ended {
        // A thread cannot be killed: it is left behind, and ends with the process.
        self.messages = None;
        Ended::Died("its thread stopped".into())
    }
}
