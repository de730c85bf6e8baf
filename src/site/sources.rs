//! Where an article's text comes from when its body is rendered: kept with the article (as
//! `serve` and `check` keep it), or read again from the site folder through the one reader,
//! refused if the file changed since it was loaded ([`super::read::Reader::read_again`]).

use std::borrow::Cow;

use super::read::Reader;
use super::Site;
use crate::content::{Article, BodyText};
use crate::diagnostics::Diagnostic;

/// Where the text of an article's file comes from when its body is rendered: kept with the
/// article, or read again from the site folder.
pub struct Sources {
    reader: Reader,
}

impl Sources {
    pub fn of(site: &Site) -> Sources {
        Sources { reader: Reader::new(&site.root) }
    }

    /// The whole text of `article`'s file.
    pub fn text<'a>(&self, article: &'a Article) -> Result<Cow<'a, str>, Diagnostic> {
        match article.body {
            BodyText::Kept => Ok(Cow::Borrowed(&article.source)),
            BodyText::LetGo { digest } => self.reader.read_again(&article.path, digest).map(Cow::Owned),
        }
    }

    /// A problem at `body_line` of `article`'s body, quoting the line if it can be read.
    pub fn body_error(&self, article: &Article, body_line: usize, message: String) -> Diagnostic {
        let source = self.text(article).unwrap_or_default();
        article.body_error(&source, body_line, message)
    }
}
