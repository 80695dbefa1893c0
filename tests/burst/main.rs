//! The burst: 1,000 users at once beside a digest fan-out, against the real binary and
//! Telegram's limits. A test binary of its own, so that nothing else runs beside it: the time
//! to the last answer is the pace's, not the machine's.

#[path = "../support/mod.rs"]
mod support;

// Starting and stopping the binary, shared with the `run` suite (not all of it used here).
#[allow(dead_code)]
#[path = "../run/process.rs"]
mod process;

mod pace;
