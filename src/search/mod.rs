//! Search that finds every page containing the query, in either script: the index and the
//! query are folded the same way ([`fold`]) and matched by character bigrams ([`index`]); a
//! query word is also looked for in its other wordings ([`wording`]).

pub mod fold;
pub mod index;
pub mod output;
pub mod recall;
pub mod wording;
