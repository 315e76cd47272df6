//! The three CSV tables of SPEC.md: `indicators` (indicator × year), `projects` (one row per
//! project) and `text` (one row per narrative item). Quoting is RFC 4180 (the `csv` crate);
//! numbers print as in JSON, null is an empty field, booleans are `true`/`false`.

use crate::model::{Project, Sheet, SplitText};
use crate::output::Table;
use crate::values::Number;

const INDICATOR_COLUMNS: [&str; 14] = [
    "source",
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

const PROJECT_COLUMNS: [&str; 11] = [
    "source",
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

const TEXT_COLUMNS: [&str; 8] = [
    "source",
    "evaluation_fiscal_year",
    "measure_number",
    "project_number",
    "section",
    "subsection",
    "item",
    "text",
];

/// The header line of `table`.
pub fn header(table: Table) -> Vec<u8> {
    let columns: &[&str] = match table {
        Table::Indicators => &INDICATOR_COLUMNS,
        Table::Projects => &PROJECT_COLUMNS,
        Table::Text => &TEXT_COLUMNS,
    };
    write_records(std::iter::once(
        columns.iter().map(|c| c.to_string()).collect(),
    ))
}

/// The rows `sheet` contributes to `table`, without header.
pub fn rows(sheet: &Sheet, table: Table) -> Vec<u8> {
    let records = match table {
        Table::Indicators => indicator_rows(sheet),
        Table::Projects => project_rows(sheet),
        Table::Text => text_rows(sheet),
    };
    write_records(records.into_iter())
}

fn write_records(records: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for record in records {
        writer
            .write_record(&record)
            .expect("writing to memory cannot fail");
    }
    writer.into_inner().expect("writing to memory cannot fail")
}

/// The columns every table starts with.
struct SheetKey {
    source: String,
    fiscal_year: String,
    measure_number: String,
}

impl SheetKey {
    fn of(sheet: &Sheet) -> SheetKey {
        SheetKey {
            source: sheet.source.file.clone(),
            fiscal_year: opt(sheet.evaluation_year.as_ref().map(|y| y.fiscal_year)),
            measure_number: sheet
                .measure
                .as_ref()
                .and_then(|m| m.number.clone())
                .unwrap_or_default(),
        }
    }

    fn row(&self, rest: impl IntoIterator<Item = String>) -> Vec<String> {
        let mut row = vec![
            self.source.clone(),
            self.fiscal_year.clone(),
            self.measure_number.clone(),
        ];
        row.extend(rest);
        row
    }
}

fn indicator_rows(sheet: &Sheet) -> Vec<Vec<String>> {
    let key = SheetKey::of(sheet);
    let measure_title = sheet
        .measure
        .as_ref()
        .map(|m| m.title.clone())
        .unwrap_or_default();
    let mut rows = Vec::new();
    for indicator in &sheet.indicators {
        let target_year = indicator.target.as_ref().map(|t| t.year.as_str());
        for value in &indicator.values {
            rows.push(key.row([
                measure_title.clone(),
                indicator.number.to_string(),
                indicator.name.clone(),
                indicator.unit.clone().unwrap_or_default(),
                value.year.clone(),
                value.fiscal_year.to_string(),
                number(value.expected.as_ref()),
                number(value.actual.as_ref()),
                (indicator.baseline_year.as_deref() == Some(value.year.as_str())).to_string(),
                (target_year == Some(value.year.as_str())).to_string(),
                value.remarks.clone().unwrap_or_default(),
            ]));
        }
    }
    rows
}

fn project_rows(sheet: &Sheet) -> Vec<Vec<String>> {
    let key = SheetKey::of(sheet);
    let mut rows = Vec::new();
    for group in &sheet.project_groups {
        for project in &group.projects {
            let indicators: Vec<String> =
                project.indicators.iter().map(|n| n.to_string()).collect();
            rows.push(key.row([
                group.number.clone().unwrap_or_default(),
                group.title.clone(),
                project.number.to_string(),
                project.title.clone(),
                project.departments.join(";"),
                indicators.join(";"),
                project.grade.clone().unwrap_or_default(),
                project.previous_grade.clone().unwrap_or_default(),
            ]));
        }
    }
    rows
}

/// One narrative item before it becomes a row.
struct TextItem<'a> {
    project: Option<u32>,
    section: &'static str,
    subsection: &'a str,
    item: usize,
    text: &'a str,
}

fn text_rows(sheet: &Sheet) -> Vec<Vec<String>> {
    let key = SheetKey::of(sheet);
    let mut items = Vec::new();
    for group in &sheet.project_groups {
        if let Some(description) = &group.description {
            items.push(TextItem {
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
            key.row([
                t.project.map(|n| n.to_string()).unwrap_or_default(),
                t.section.to_string(),
                t.subsection.to_string(),
                t.item.to_string(),
                t.text.to_string(),
            ])
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
            project: number,
            section: "next_steps",
            subsection: marker,
            item,
            text: &step.text,
        });
    }
}

fn number(value: Option<&Number>) -> String {
    value.map(|n| n.to_string()).unwrap_or_default()
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}
