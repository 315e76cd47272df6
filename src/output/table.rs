//! The row model every table format writes from: SPEC.md's tables (`indicators`,
//! `projects`, `text`, `measures`, the `warnings` worksheet, and `form`'s `cells`) as columns
//! and typed fields, built from one [`Document`]. CSV prints the fields as text; xlsx keeps
//! their types. A table that a document's kind does not fill gets no rows from it.

use super::project_tables as project;
use crate::document::Document;
use crate::model::{Project, Sheet, SplitText};
use crate::output::form_rows;
use crate::values::Number;

/// A table of SPEC.md's CSV section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Indicators,
    Projects,
    Text,
    Measures,
    /// Every warning of every sheet (a worksheet of the workbook; not a `--table`).
    Warnings,
    /// `form`'s cells, one row per cell holding text.
    Cells,
    ProjectSheets,
    ProjectIndicators,
    Costs,
    Assessments,
}

impl Table {
    /// The measure tables `--table` chooses from.
    pub const ALL: [Table; 4] = [
        Table::Indicators,
        Table::Projects,
        Table::Text,
        Table::Measures,
    ];

    /// The tables of project sheets, in the order a workbook lists them.
    pub const PROJECT: [Table; 4] = [
        Table::ProjectSheets,
        Table::ProjectIndicators,
        Table::Costs,
        Table::Assessments,
    ];

    /// The worksheets of the main command's workbook, in order.
    pub const WORKBOOK: [Table; 5] = [
        Table::Indicators,
        Table::Projects,
        Table::Text,
        Table::Measures,
        Table::Warnings,
    ];

    /// The table's name (`--table`, worksheet name).
    pub fn name(self) -> &'static str {
        match self {
            Table::Indicators => "indicators",
            Table::Projects => "projects",
            Table::Text => "text",
            Table::Measures => "measures",
            Table::Warnings => "warnings",
            Table::Cells => "cells",
            Table::ProjectSheets => "project-sheets",
            Table::ProjectIndicators => "project-indicators",
            Table::Costs => "costs",
            Table::Assessments => "assessments",
        }
    }

    /// The kind of document whose rows the table holds (none: every kind).
    pub fn kind(self) -> Option<&'static str> {
        match self {
            Table::Indicators | Table::Projects | Table::Text | Table::Measures => Some("measure"),
            Table::ProjectSheets | Table::ProjectIndicators | Table::Costs | Table::Assessments => {
                Some("project")
            }
            Table::Cells => Some("form"),
            Table::Warnings => None,
        }
    }

    /// The header row.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Indicators => &INDICATOR_COLUMNS,
            Table::Projects => &PROJECT_COLUMNS,
            Table::Text => &TEXT_COLUMNS,
            Table::Measures => &MEASURE_COLUMNS,
            Table::Warnings => &WARNING_COLUMNS,
            Table::Cells => &form_rows::COLUMNS,
            Table::ProjectSheets => &project::SHEET_COLUMNS,
            Table::ProjectIndicators => &project::INDICATOR_COLUMNS,
            Table::Costs => &project::COST_COLUMNS,
            Table::Assessments => &project::ASSESSMENT_COLUMNS,
        }
    }

    /// The rows `document` contributes (none when its kind does not fill the table).
    pub fn rows(self, document: &Document) -> Vec<Vec<Field>> {
        match (self, document) {
            (Table::Indicators, Document::Measure(sheet)) => indicator_rows(sheet),
            (Table::Projects, Document::Measure(sheet)) => project_rows(sheet),
            (Table::Text, Document::Measure(sheet)) => text_rows(sheet),
            (Table::Measures, Document::Measure(sheet)) => vec![measure_row(sheet)],
            (Table::Warnings, Document::Measure(_) | Document::Project(_)) => {
                warning_rows(document)
            }
            (Table::ProjectSheets, Document::Project(sheet)) => vec![project::sheet_row(sheet)],
            (Table::ProjectIndicators, Document::Project(sheet)) => project::indicator_rows(sheet),
            (Table::Costs, Document::Project(sheet)) => project::cost_rows(sheet),
            (Table::Assessments, Document::Project(sheet)) => project::assessment_rows(sheet),
            (Table::Cells, Document::Form(form)) => form
                .pages
                .iter()
                .flat_map(|page| form_rows::page_rows(&form.source.file, page))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// One row per warning: `source, first_page, warning`.
fn warning_rows(document: &Document) -> Vec<Vec<Field>> {
    document
        .warnings()
        .iter()
        .map(|warning| {
            vec![
                Field::Text(document.file().to_string()),
                Field::int(document.first_page()),
                Field::Text(warning.to_string()),
            ]
        })
        .collect()
}

/// One typed field of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    Text(String),
    /// A count, page, year or number printed as an integer.
    Integer(i64),
    /// A printed value (`744`, `16.0`).
    Number(Number),
    Bool(bool),
    Empty,
}

impl Field {
    pub(crate) fn text(s: impl Into<String>) -> Field {
        let s = s.into();
        if s.is_empty() {
            Field::Empty
        } else {
            Field::Text(s)
        }
    }

    pub(crate) fn opt_text(s: Option<&str>) -> Field {
        s.map_or(Field::Empty, Field::text)
    }

    pub(crate) fn int(n: impl TryInto<i64>) -> Field {
        n.try_into().map_or(Field::Empty, Field::Integer)
    }

    pub(crate) fn opt_int(n: Option<impl TryInto<i64>>) -> Field {
        n.map_or(Field::Empty, Field::int)
    }

    pub(crate) fn number(n: Option<&Number>) -> Field {
        n.map_or(Field::Empty, |n| Field::Number(*n))
    }

    /// How CSV prints the field: numbers as in JSON, booleans `true`/`false`, null empty.
    pub fn to_csv(&self) -> String {
        match self {
            Field::Text(s) => s.clone(),
            Field::Integer(n) => n.to_string(),
            Field::Number(n) => n.to_string(),
            Field::Bool(b) => b.to_string(),
            Field::Empty => String::new(),
        }
    }
}

/// The worksheet of warnings: one row per warning of every sheet.
pub const WARNING_COLUMNS: [&str; 3] = ["source", "first_page", "warning"];

const INDICATOR_COLUMNS: [&str; 16] = [
    "source",
    "page",
    "plan",
    "evaluation_fiscal_year",
    "measure_number",
    "measure_title",
    "indicator_number",
    "indicator_name",
    "unit",
    "year",
    "fiscal_year",
    "expected",
    "actual",
    "is_baseline",
    "is_target",
    "remarks",
];

const PROJECT_COLUMNS: [&str; 13] = [
    "source",
    "page",
    "plan",
    "evaluation_fiscal_year",
    "measure_number",
    "group_number",
    "group_title",
    "project_number",
    "project_title",
    "departments",
    "indicators",
    "grade",
    "previous_grade",
];

const TEXT_COLUMNS: [&str; 10] = [
    "source",
    "page",
    "plan",
    "evaluation_fiscal_year",
    "measure_number",
    "project_number",
    "section",
    "subsection",
    "item",
    "text",
];

const MEASURE_COLUMNS: [&str; 18] = [
    "source",
    "first_page",
    "pages",
    "plan",
    "evaluation_fiscal_year",
    "target_fiscal_year",
    "sheet_label",
    "sheet_number",
    "policy_number",
    "policy_title",
    "measure_number",
    "measure_title",
    "departments",
    "grade",
    "previous_grade",
    "projects",
    "indicators",
    "warnings",
];

/// The fields every row of the indicators, projects and text tables starts with.
struct SheetKey<'s> {
    sheet: &'s Sheet,
}

impl SheetKey<'_> {
    /// `source, page, plan, evaluation_fiscal_year, measure_number`, then `rest`.
    fn row(&self, page: usize, rest: impl IntoIterator<Item = Field>) -> Vec<Field> {
        let sheet = self.sheet;
        let mut row = vec![
            Field::text(sheet.source.file.as_str()),
            Field::int(page),
            Field::opt_text(sheet.plan.as_deref()),
            Field::opt_int(sheet.evaluation_year.as_ref().map(|y| y.fiscal_year)),
            Field::opt_text(measure_number(sheet)),
        ];
        row.extend(rest);
        row
    }
}

fn measure_number(sheet: &Sheet) -> Option<&str> {
    sheet.measure.as_ref().and_then(|m| m.number.as_deref())
}

fn indicator_rows(sheet: &Sheet) -> Vec<Vec<Field>> {
    let key = SheetKey { sheet };
    let measure_title = sheet.measure.as_ref().map(|m| m.title.as_str());
    let mut rows = Vec::new();
    for indicator in &sheet.indicators {
        let target_year = indicator.target.as_ref().map(|t| t.year.as_str());
        for value in &indicator.values {
            rows.push(key.row(
                indicator.page,
                [
                    Field::opt_text(measure_title),
                    Field::int(indicator.number),
                    Field::text(indicator.name.as_str()),
                    Field::opt_text(indicator.unit.as_deref()),
                    Field::text(value.year.as_str()),
                    Field::int(value.fiscal_year),
                    Field::number(value.expected.as_ref()),
                    Field::number(value.actual.as_ref()),
                    Field::Bool(indicator.baseline_year.as_deref() == Some(value.year.as_str())),
                    Field::Bool(target_year == Some(value.year.as_str())),
                    Field::opt_text(value.remarks.as_deref()),
                ],
            ));
        }
    }
    rows
}

fn project_rows(sheet: &Sheet) -> Vec<Vec<Field>> {
    let key = SheetKey { sheet };
    let mut rows = Vec::new();
    for group in &sheet.project_groups {
        for project in &group.projects {
            let indicators: Vec<String> =
                project.indicators.iter().map(|n| n.to_string()).collect();
            rows.push(key.row(
                project.page,
                [
                    Field::opt_text(group.number.as_deref()),
                    Field::text(group.title.as_str()),
                    Field::int(project.number),
                    Field::text(project.title.as_str()),
                    Field::text(project.departments.join(";")),
                    Field::text(indicators.join(";")),
                    Field::opt_text(project.grade.as_deref()),
                    Field::opt_text(project.previous_grade.as_deref()),
                ],
            ));
        }
    }
    rows
}

fn measure_row(sheet: &Sheet) -> Vec<Field> {
    let numbered = |n: Option<&crate::model::Numbered>| {
        (
            Field::opt_text(n.and_then(|n| n.number.as_deref())),
            Field::opt_text(n.map(|n| n.title.as_str())),
        )
    };
    let (policy_number, policy_title) = numbered(sheet.policy.as_ref());
    let (measure_number, measure_title) = numbered(sheet.measure.as_ref());
    let label = sheet.sheet.as_ref();
    let projects: usize = sheet.project_groups.iter().map(|g| g.projects.len()).sum();
    vec![
        Field::text(sheet.source.file.as_str()),
        Field::int(sheet.source.first_page),
        Field::int(sheet.source.pages),
        Field::opt_text(sheet.plan.as_deref()),
        Field::opt_int(sheet.evaluation_year.as_ref().map(|y| y.fiscal_year)),
        Field::opt_int(sheet.target_period.as_ref().map(|y| y.fiscal_year)),
        Field::opt_text(label.and_then(|l| l.label.as_deref())),
        Field::opt_int(label.and_then(|l| l.number)),
        policy_number,
        policy_title,
        measure_number,
        measure_title,
        Field::text(sheet.departments.join(";")),
        Field::opt_text(sheet.evaluation.grade.as_deref()),
        Field::opt_text(sheet.evaluation.previous_grade.as_deref()),
        Field::int(projects),
        Field::int(sheet.indicators.len()),
        Field::int(sheet.warnings.len()),
    ]
}

/// One narrative item before it becomes a row.
struct TextItem<'a> {
    page: usize,
    project: Option<u32>,
    section: &'static str,
    subsection: &'a str,
    item: usize,
    text: &'a str,
}

fn text_rows(sheet: &Sheet) -> Vec<Vec<Field>> {
    let key = SheetKey { sheet };
    let mut items = Vec::new();
    for group in &sheet.project_groups {
        if let Some(description) = &group.description {
            // The group's row stands right above its first project's.
            let page = group
                .projects
                .first()
                .map_or(sheet.source.first_page, |p| p.page);
            items.push(TextItem {
                page,
                project: None,
                section: "group_description",
                subsection: "",
                item: 1,
                text: description,
            });
        }
        for project in &group.projects {
            project_text_items(project, &mut items);
        }
    }
    items
        .into_iter()
        .map(|t| {
            key.row(
                t.page,
                [
                    Field::opt_int(t.project),
                    Field::text(t.section),
                    Field::text(t.subsection),
                    Field::int(t.item),
                    Field::text(t.text),
                ],
            )
        })
        .collect()
}

fn project_text_items<'a>(project: &'a Project, items: &mut Vec<TextItem<'a>>) {
    let number = Some(project.number);
    let halves = |split: &'a SplitText| {
        [
            ("indicator_based", &split.indicator_based),
            ("other", &split.other),
        ]
    };
    let analysis = &project.analysis;
    let lists = [
        ("status", halves(&project.status)),
        ("analysis.internal", halves(&analysis.internal)),
        ("analysis.external", halves(&analysis.external)),
    ]
    .into_iter()
    .flat_map(|(section, halves)| halves.map(|(sub, texts)| (section, sub, texts)))
    .chain([("policy_direction", "", &project.policy_direction)]);
    for (section, subsection, texts) in lists {
        for (i, text) in texts.iter().enumerate() {
            items.push(TextItem {
                page: project.page,
                project: number,
                section,
                subsection,
                item: i + 1,
                text,
            });
        }
    }
    let mut counters: Vec<(&str, usize)> = Vec::new();
    for step in &project.next_steps {
        let marker = step.marker.as_deref().unwrap_or("");
        let item = match counters.iter_mut().find(|(m, _)| *m == marker) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                counters.push((marker, 1));
                1
            }
        };
        items.push(TextItem {
            page: project.page,
            project: number,
            section: "next_steps",
            subsection: marker,
            item,
            text: &step.text,
        });
    }
}
