//! The printed labels of measure sheets (基本施策事後評価シート), as data: what the page-kind
//! step looks for to tell a sheet's pages, and the labels the `sheet` stage reads fields by.
//! Labels are compacted (no white space), as [`crate::text::compact`] gives them.

/// The policy's label on a sheet header.
pub const POLICY: &str = "基本方針";
/// The measure's label on a sheet header.
pub const MEASURE: &str = "基本施策";
/// Labels of the measure's cell; a sheet has one of them in a ruled cell.
pub const MEASURE_CELL: [&str; 2] = ["基本施策", "施策"];
/// One of these must also be printed on a header page.
pub const HEADER_COMPANIONS: [&str; 2] = ["総合評価", "関連するプロジェクト"];
/// Every character of the header labels: without all of them on the page, no reading order
/// can make the labels.
pub const HEADER_CHARS: [&str; 2] = ["基本方針", "施策"];
/// The label of an indicator block.
pub const INDICATOR: &str = "指標";
/// Labels of an indicator block's rows.
pub const INDICATOR_ROWS: [&str; 2] = ["実績値", "期待値"];
/// Column headings of the project table (repeated on its continuation pages by print titles).
pub const PROJECT_TABLE: [&str; 3] = ["推進方針", "今後の方向性", "達成状況分析"];

/// The header's departments label.
pub const DEPARTMENTS: &str = "担当部等";
/// The label of the evaluation period in the title (`評価対象期間：令和５年度`).
pub const EVALUATION_PERIOD: &str = "評価対象期間";
/// The overall evaluation's label.
pub const OVERALL_EVALUATION: &str = "総合評価";
/// Start of the achievement evaluation's label (`達成状況評価`, also a project column).
pub const ACHIEVEMENT_EVALUATION: &str = "達成状況評価";
/// The label of the grade legend (凡例) beside the indicator blocks.
pub const LEGEND: &str = "凡例";
/// An indicator block's unit label.
pub const UNIT: &str = "単位";
/// An indicator block's note label.
pub const NOTE: &str = "備考";
/// Start of a departments label (an indicator block's, a project column's).
pub const DEPARTMENT: &str = "担当部";
/// Start of the actual values' row label.
pub const ACTUAL: &str = "実績値";
/// Starts of the expected values' row label.
pub const EXPECTED: [&str; 2] = ["期待値", "目標値"];
/// Words that mark a year column as the baseline (`現状値（R2）`).
pub const BASELINE: [&str; 2] = ["現状値", "基準値"];
/// The project table's section label (maybe in brackets, [`SECTION_BRACKETS`]).
pub const PROJECT_SECTION: &str = "関連するプロジェクト";
/// Brackets and marks printed around a section label.
pub const SECTION_BRACKETS: [char; 10] = ['【', '】', '■', '□', '◆', '●', '[', ']', '〔', '〕'];
/// The project number column's headings.
pub const PROJECT_NUMBER: [&str; 8] = ["№", "No", "No.", "NO", "NO.", "Ｎｏ", "Ｎｏ．", "番号"];
/// The project table's grade column (besides [`ACHIEVEMENT_EVALUATION`]).
pub const GRADE_COLUMN: &str = "評価";
/// Start of the project title column's heading (and of the table caption, `プロジェクト`).
pub const PROJECT_COLUMN: &str = "プロジェクト";
/// Start of the project indicators column's heading (besides [`INDICATOR`]).
pub const INDICATOR_COLUMN: &str = "成果指標";
/// Starts of the analysis columns' common heading (not a column of its own).
pub const ANALYSIS_HEADING: [&str; 2] = ["達成状況分析", "評価項目"];
/// Start of the status column's heading.
pub const STATUS_COLUMN: &str = "達成状況";
/// Start of the internal factors column's heading.
pub const INTERNAL_COLUMN: &str = "内部要因";
/// Start of the external factors column's heading.
pub const EXTERNAL_COLUMN: &str = "外部要因";
/// Start of the policy direction column's heading.
pub const POLICY_COLUMN: &str = "推進方針";
/// Start of the next steps column's heading.
pub const NEXT_STEPS_COLUMN: &str = "今後の方向性";
