//! Assessments and direction of a project sheet (SPEC.md "Project sheets"): labels of the
//! closed assessment list with the chosen phrase, grade or marked option and the 判断理由
//! serving them; the 方向性 label whose value is of the direction vocabulary.

use serde::{Deserialize, Serialize};

use super::{Context, Part, SheetPages};

/// One assessment (`{label: "事業の有効性", value: "A.有効的である…", reason}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub label: String,
    pub value: Option<String>,
    pub reason: Option<String>,
}

/// The sheet's direction (`{label: "R７年度以降の事業の方向性", value: "現状維持", reason}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Direction {
    pub label: String,
    pub value: Option<String>,
    pub reason: Option<String>,
}

/// What [`read`] gives.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Judgements {
    pub assessments: Vec<Assessment>,
    pub direction: Option<Direction>,
}

/// Read the sheet's assessments and direction.
pub fn read(pages: SheetPages, context: &Context) -> Part<Judgements> {
    let _ = (pages, context);
    Part::default()
}
