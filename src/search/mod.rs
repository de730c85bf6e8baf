//! Search that finds every page containing the query, in either script: the index and the
//! query are folded the same way ([`fold`]) and matched by character bigrams ([`index`]).

pub mod fold;
pub mod index;
pub mod output;
pub mod recall;
