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
