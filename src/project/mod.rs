//! Stage **project** (SPEC.md "Project sheets"): takes the labelled cells of a project
//! sheet's pages (the [`form`](crate::form) stage's [`FormPage`]s) and gives the sheet's
//! model, [`ProjectSheet`]. Which pages start, continue and end a project sheet is decided
//! by [`recognise`]; the sheet's heading members (title, year, number, name, departments,
//! plan position, outline, fields) by [`header`]; its tables by [`indicators`], [`costs`] and
//! [`assessments`] (with the direction). Bare and era years are read by [`years`].
//!
//! Every reader of a part takes the sheet's pages and a [`Context`] and gives a [`Part`]: the
//! value, the cells it took (so that [`header`] can put every labelled value nothing else took
//! into `fields`) and its warnings. No reader keys on a city's coordinates or colours: only on
//! printed labels (the [`labels`](crate::labels) module) and geometry.

pub mod assessments;
pub mod costs;
pub mod header;
pub mod indicators;
pub mod model;
pub mod recognise;
pub mod years;

pub use model::*;

use crate::form::FormPage;

/// What every part reader may know about the sheet it reads.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The fiscal year whose era a bare year (`20年度`) takes (SPEC: the title's year, else
    /// the latest era year printed in the file); None when there is none.
    pub era_year: Option<i32>,
}

/// A cell of a sheet, by file page and grid position (the cell's `row` and `col`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellRef {
    pub page: usize,
    pub row: usize,
    pub col: usize,
}

/// What a part reader gives: its value, the cells it took and its warnings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Part<T> {
    pub value: T,
    pub taken: Vec<CellRef>,
    pub warnings: Vec<String>,
}

/// The pages of one project sheet, in order (1–6 pages, 別紙 pages included).
pub type SheetPages<'a> = &'a [FormPage];
