//! Panics the binary catches and reports as one line itself (a dependency's `expect` on an
//! I/O error, turned into that output's error by the library) are not printed by the panic
//! hook: [`quietly`] runs code during which the hook stays silent; any other panic is
//! printed as usual.

use std::cell::Cell;

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Install the hook (once, before any thread starts).
pub fn install() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !QUIET.with(Cell::get) {
            default(info)
        }
    }));
}

/// Run `f` with the panic hook silent on this thread.
pub fn quietly<T>(f: impl FnOnce() -> T) -> T {
    let before = QUIET.with(|quiet| quiet.replace(true));
    let result = f();
    QUIET.with(|quiet| quiet.set(before));
    result
}
