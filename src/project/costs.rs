//! The cost table of a project sheet (SPEC.md "Project sheets", costs): every row of the
//! table under a label or heading containing 事業費, コスト, 経費 or 決算額, with its label path,
//! fiscal year, basis and amount.

use serde::{Deserialize, Serialize};

use super::{Context, Part, SheetPages};
use crate::values::Number;

/// The cost table: its unit note and its rows. Always an object (members null / []).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Costs {
    pub unit: Option<String>,
    pub items: Vec<CostItem>,
}

/// One row of the cost table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostItem {
    /// The row's own labels, outermost group first (`["財源", "その他"]`).
    pub path: Vec<String>,
    /// The item's own unit when its cells carry one (`人`, `%`), else null.
    pub unit: Option<String>,
    pub page: usize,
    pub values: Vec<CostValue>,
}

/// An amount of one fiscal year and basis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostValue {
    pub year: String,
    pub fiscal_year: Option<i32>,
    /// `決算`, `予算`, `見込` … as printed (spaces removed), or null.
    pub basis: Option<String>,
    pub amount: Option<Number>,
    pub remarks: Option<String>,
}

/// Read the sheet's cost table.
pub fn read(pages: SheetPages, context: &Context) -> Part<Costs> {
    let _ = (pages, context);
    Part::default()
}
