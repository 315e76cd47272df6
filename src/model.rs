//! The typed sheet model: what SPEC.md's JSON schema v1 holds, in its key order.
//! Serialising these types with serde gives the output JSON; deserialising reads it back
//! (`series` takes JSON written by the main command).

use serde::{Deserialize, Serialize};

use crate::values::Number;

/// The JSON schema version this crate writes.
pub const SCHEMA_VERSION: u32 = 1;

/// One extracted evaluation sheet.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Sheet {
    pub schema_version: u32,
    /// Which kind of sheet this is (SPEC.md, "Kinds of sheet"); JSON written before the key
    /// existed reads as a measure sheet.
    #[serde(default)]
    pub kind: Kind,
    pub source: Source,
    pub title: Option<String>,
    pub plan: Option<String>,
    pub evaluation_year: Option<YearLabel>,
    pub target_period: Option<YearLabel>,
    pub sheet: Option<SheetLabel>,
    pub policy: Option<Numbered>,
    pub measure: Option<Numbered>,
    pub departments: Vec<String>,
    pub evaluation: Evaluation,
    pub grade_legend: GradeLegend,
    pub project_groups: Vec<ProjectGroup>,
    pub indicators: Vec<Indicator>,
    pub warnings: Vec<crate::warning::Warning>,
}

/// The kind of a sheet: `"measure"` (a 基本施策 sheet).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Measure,
}

/// Where the sheet came from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Source {
    /// The input path as given on the command line (`-` for stdin).
    pub file: String,
    /// The file page (1-based) on which this sheet starts.
    pub first_page: usize,
    /// How many pages the sheet occupies (from its first to its last non-blank page).
    pub pages: usize,
    /// Hex SHA-256 of the file's bytes.
    pub sha256: String,
}

/// A year as printed (`令和６年度`) and its fiscal year.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct YearLabel {
    pub label: String,
    pub fiscal_year: i32,
}

/// The sheet's own label and number, top right (`R6事後`, `7`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SheetLabel {
    pub label: Option<String>,
    pub number: Option<i64>,
}

/// A numbered heading (`4-1.産業の連携…`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Numbered {
    pub number: Option<String>,
    pub title: String,
}

/// The overall achievement evaluation of the measure.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Evaluation {
    pub grade: Option<String>,
    pub label: Option<String>,
    pub previous_grade: Option<String>,
}

/// Grade letter → printed meaning, in A–D order.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct GradeLegend {
    #[serde(rename = "A", skip_serializing_if = "Option::is_none")]
    pub a: Option<String>,
    #[serde(rename = "B", skip_serializing_if = "Option::is_none")]
    pub b: Option<String>,
    #[serde(rename = "C", skip_serializing_if = "Option::is_none")]
    pub c: Option<String>,
    #[serde(rename = "D", skip_serializing_if = "Option::is_none")]
    pub d: Option<String>,
}

impl GradeLegend {
    pub fn get(&self, grade: char) -> Option<&String> {
        match grade {
            'A' => self.a.as_ref(),
            'B' => self.b.as_ref(),
            'C' => self.c.as_ref(),
            'D' => self.d.as_ref(),
            _ => None,
        }
    }

    pub fn set(&mut self, grade: char, label: String) {
        let slot = match grade {
            'A' => &mut self.a,
            'B' => &mut self.b,
            'C' => &mut self.c,
            'D' => &mut self.d,
            _ => return,
        };
        *slot = Some(label);
    }
}

/// A group of projects (関連するプロジェクト), e.g. `4.イノベーションチャレンジプロジェクト`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ProjectGroup {
    pub number: Option<String>,
    pub title: String,
    pub description: Option<String>,
    pub projects: Vec<Project>,
}

/// One project row of the related-projects table.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Project {
    pub number: u32,
    /// The file page (1-based) on which the project's № cell is printed.
    pub page: usize,
    pub title: String,
    pub departments: Vec<String>,
    pub indicators: Vec<u32>,
    pub grade: Option<String>,
    pub previous_grade: Option<String>,
    pub status: SplitText,
    pub analysis: Analysis,
    pub policy_direction: Vec<String>,
    pub next_steps: Vec<NextStep>,
}

/// Items of a two-row field: upper row (based on indicators) and lower row (other).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct SplitText {
    pub indicator_based: Vec<String>,
    pub other: Vec<String>,
}

/// 達成状況分析: internal and external factors.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Analysis {
    pub internal: SplitText,
    pub external: SplitText,
}

/// One item of 今後の方向性.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NextStep {
    pub marker: Option<String>,
    /// What the marker means, as the column header states it.
    pub timing: Option<String>,
    pub text: String,
}

/// One indicator block (①…⑮).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Indicator {
    pub number: u32,
    /// The file page (1-based) on which the indicator's block is printed.
    pub page: usize,
    pub name: String,
    pub description: Option<String>,
    pub unit: Option<String>,
    pub departments: Vec<String>,
    pub note: Option<String>,
    pub baseline_year: Option<String>,
    pub values: Vec<YearValue>,
    pub target: Option<Target>,
}

/// Expected and actual value of one fiscal year.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct YearValue {
    pub year: String,
    pub fiscal_year: i32,
    pub expected: Option<Number>,
    pub actual: Option<Number>,
    /// Printed text that is not a number (e.g. `集計中`), where there was some.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
}

/// The target value (the expected value of the target year).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Target {
    pub year: String,
    pub value: Option<Number>,
}
