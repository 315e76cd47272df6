//! Page kinds of project sheets (SPEC.md "Project sheets", recognition): whether a page
//! starts a project sheet (a project-name label with a value and two more labels of the
//! project vocabulary), continues the open one, or ends it. Takes a page's labelled cells
//! ([`FormPage`]); gives a [`ProjectStart`] or a [`Continuation`]. The book stage calls these
//! for every page beside the measure sheet's header probe.

use crate::form::FormPage;

/// What identifies a project sheet: its name and number as printed on its first page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectStart {
    pub name: String,
    pub number: Option<String>,
}

/// What a page is to the open project sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Continuation {
    /// The page belongs to the open sheet.
    Continues,
    /// A blank page: skipped, belongs to no sheet, does not end the open one.
    Blank,
    /// The page ends the open sheet (a contents or appendix table, a page without ruled
    /// cells); it belongs to no sheet unless it starts one.
    Ends,
}

/// Whether `page` starts a project sheet, and which.
pub fn starts_sheet(page: &FormPage) -> Option<ProjectStart> {
    let _ = page;
    None
}

/// What `page` is to the open sheet `open` (called only when [`starts_sheet`] found no
/// new sheet on it).
pub fn continues(page: &FormPage, open: &ProjectStart) -> Continuation {
    let _ = (page, open);
    Continuation::Ends
}
