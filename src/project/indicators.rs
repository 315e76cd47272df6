//! Indicators of a project sheet (SPEC.md "Project sheets", indicators): rows (or name-row
//! -above-value-row blocks) under a label or heading containing 指標 or 事業実績, with values
//! per fiscal year by the innermost basis header.

use serde::{Deserialize, Serialize};

use super::{Context, Part, SheetPages};
use crate::values::Number;

/// One indicator with its values per fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// `"活動"`, `"成果"`, `"対象"` or null.
    pub kind: Option<String>,
    pub name: String,
    pub unit: Option<String>,
    pub page: usize,
    pub values: Vec<IndicatorValue>,
}

/// An indicator's values of one fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorValue {
    /// The year as printed, spaces removed (`R5`, `Ｒ４`, `令和５年度`).
    pub year: String,
    pub fiscal_year: Option<i32>,
    pub expected: Option<Number>,
    pub actual: Option<Number>,
    pub expected_remarks: Option<String>,
    pub actual_remarks: Option<String>,
}

/// Read the sheet's indicators.
pub fn read(pages: SheetPages, context: &Context) -> Part<Vec<Indicator>> {
    let _ = (pages, context);
    Part::default()
}
