//! The rules every value taken from a site's input obeys, one module per kind of value. Each
//! loader calls these for every field of that kind, so a field added later is checked the same
//! way as the ones before it:
//! - [`name`]: ids, slugs, tags and categories (they become file names, URLs and table keys);
//! - [`url`]: every URL a reader's browser may follow;
//! - [`number`]: how figures are printed, over the whole range of `f64`;
//! - [`text`]: characters no input text may hold (XML and HTML forbid them).

pub mod name;
pub mod number;
pub mod text;
pub mod url;
