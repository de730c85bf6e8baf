//! What the program prints. A reader of standard output that goes away (`regionreport check
//! --format json | head -1`) ends the program quietly with success, as it would any Unix tool;
//! the standard library's `println!` would panic instead. Standard error that cannot be
//! written is ignored: there is nowhere left to say so.

use std::fmt;
use std::io::{self, Write as _};

/// Writes `args` to standard output.
pub fn print(args: fmt::Arguments) {
    let mut out = io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|()| out.flush()) {
        if e.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}

/// Writes `args` to standard error.
pub fn print_error(args: fmt::Arguments) {
    let _ = io::stderr().lock().write_fmt(args);
}

/// `println!` that ends the program quietly when standard output is closed.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => { $crate::console::print(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `eprintln!` that never panics.
#[macro_export]
macro_rules! warn_user {
    ($($arg:tt)*) => { $crate::console::print_error(format_args!("{}\n", format_args!($($arg)*))) };
}
