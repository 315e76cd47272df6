//! The project sheet model: what SPEC.md "Project sheets" holds, in its key order.
//! Serialising with serde gives the output JSON.

use serde::{Deserialize, Serialize};

use crate::model::{Source, YearLabel};
use crate::values::Number;

pub use super::assessments::{Assessment, Direction};
pub use super::costs::{CostItem, CostValue, Costs};
pub use super::indicators::{Indicator, IndicatorValue};

/// One project (事務事業) evaluation sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectSheet {
    pub schema_version: u32,
    /// Always `"project"`.
    pub kind: String,
    pub source: Source,
    pub title: Option<String>,
    pub evaluation_year: Option<YearLabel>,
    pub number: Option<String>,
    pub name: Option<String>,
    pub departments: Vec<String>,
    pub plan_position: Vec<LabelledText>,
    pub outline: Outline,
    pub indicators: Vec<Indicator>,
    pub costs: Costs,
    pub assessments: Vec<Assessment>,
    pub direction: Option<Direction>,
    pub fields: Vec<Field>,
    pub warnings: Vec<crate::warning::Warning>,
}

/// A labelled text (`{label: "施策の柱", text: "①価値を高め発信するまちづくり"}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelledText {
    pub label: String,
    pub text: String,
}

/// The project's outline; a member not printed is null.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Outline {
    pub purpose: Option<String>,
    pub target: Option<String>,
    pub intent: Option<String>,
    pub means: Option<String>,
    pub content: Option<String>,
    pub period: Option<String>,
    pub method: Option<String>,
}

/// A labelled value no other member took (the cell shape of `form`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub page: usize,
    pub section: Option<String>,
    pub row_headers: Vec<String>,
    pub column_headers: Vec<String>,
    pub text: String,
    pub number: Option<Number>,
}

/// The pages of a sheet's assessments and direction, which its JSON does not hold (SPEC's
/// object has no `page` there): what crosses a pipe beside the sheet so that the
/// `assessments` table's `page` survives the process pool.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct JudgementPages {
    pub assessments: Vec<usize>,
    pub direction: Option<usize>,
}

impl JudgementPages {
    /// The pages of `sheet`'s assessments and direction.
    pub fn of(sheet: &ProjectSheet) -> JudgementPages {
        JudgementPages {
            assessments: sheet.assessments.iter().map(|a| a.page).collect(),
            direction: sheet.direction.as_ref().map(|d| d.page),
        }
    }

    /// Put the pages back on a sheet read from JSON (extra or missing pages are ignored).
    pub fn restore(&self, sheet: &mut ProjectSheet) {
        for (assessment, &page) in sheet.assessments.iter_mut().zip(&self.assessments) {
            assessment.page = page;
        }
        if let (Some(direction), Some(page)) = (sheet.direction.as_mut(), self.direction) {
            direction.page = page;
        }
    }
}
