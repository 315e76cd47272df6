//! Page numbers in their two spaces, as types that cannot be mixed: [`FilePage`], a page of
//! the file (the PDF engine's 0-based index; users count it from 1, [`FilePage::number`]),
//! and [`SheetPage`], a page's place among the pages of one sheet (0-based), which the sheet
//! stage indexes its grids by. Going from one to the other takes the sheet's pages
//! ([`crate::layout::Layout::file_page`]).

use std::fmt;

/// A page of the file, counted from 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FilePage(usize);

impl FilePage {
    /// The page at 0-based `index` of the file.
    pub const fn at(index: usize) -> FilePage {
        FilePage(index)
    }

    /// The page users number `number` (counted from 1; 0 is read as 1).
    pub const fn from_number(number: usize) -> FilePage {
        FilePage(number.saturating_sub(1))
    }

    /// The 0-based index (what the PDF engine takes).
    pub const fn index(self) -> usize {
        self.0
    }

    /// The page as users count it, from 1 (what the JSON and the messages print).
    pub const fn number(self) -> usize {
        self.0 + 1
    }
}

impl fmt::Display for FilePage {
    /// The page as users count it, from 1.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.number())
    }
}

/// A page's place among the pages of one sheet, counted from 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SheetPage(pub usize);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_page_is_numbered_from_one_for_people() {
        let page = FilePage::at(4);
        assert_eq!((page.index(), page.number()), (4, 5));
        assert_eq!(page.to_string(), "5");
        assert!(FilePage::at(2) < page);
    }
}
