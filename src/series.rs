//! **series**: takes extracted [`Sheet`]s (never PDFs) of several evaluation years and gives
//! one time series per indicator and one grade history per measure and project
//! (SPEC.md, "Series across years").
//!
//! [`Builder::add`] keeps only what the series needs of each sheet (a [`YearSheet`]: no
//! narrative text), so that thousands of sheets fit in little memory; [`Builder::finish`]
//! links them: measures by `plan` + measure number, indicators by their printed name,
//! projects by their title; the latest sheet that prints a value wins. Plans, names and
//! titles are linked without their spaces (ASCII and U+3000: [`link_key`]), with a warning
//! when the printings of one measure differ only so.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

use serde::Serialize;

use crate::model::Sheet;
use crate::values::Number;

/// The series of every measure, and what looked doubtful while linking them.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Series {
    pub schema_version: u32,
    pub measures: Vec<MeasureSeries>,
    pub warnings: Vec<SeriesWarning>,
}

/// Something doubtful met while linking (written as its text).
#[derive(Debug, Clone, PartialEq)]
pub enum SeriesWarning {
    /// The names of one measure's plan, indicator or project differ between years only by
    /// spaces; linked as one.
    SpacesDiffer {
        /// The measure, as `number title`.
        measure: String,
        /// `plan`, `indicator` or `project`.
        what: &'static str,
        /// Each printing, with the year label of the sheets that print it, newest first.
        printings: Vec<(String, String)>,
    },
    /// Any other warning.
    Other(String),
}

impl std::fmt::Display for SeriesWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SeriesWarning::SpacesDiffer {
                measure,
                what,
                printings,
            } => {
                let list: Vec<String> = printings
                    .iter()
                    .map(|(name, year)| format!("「{name}」 in the {year} sheet"))
                    .collect();
                write!(
                    f,
                    "{measure}, {what} 「{}」: the name differs between years only by spaces ({}); linked as one",
                    printings.first().map_or("", |(name, _)| name.as_str()),
                    list.join(", ")
                )
            }
            SeriesWarning::Other(text) => f.write_str(text),
        }
    }
}

impl Serialize for SeriesWarning {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A plan, indicator name or project title as linked: without ASCII spaces and U+3000.
pub fn link_key(name: &str) -> String {
    name.chars()
        .filter(|&c| !(c.is_ascii_whitespace() || c == '\u{3000}'))
        .collect()
}

/// One measure over the years.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MeasureSeries {
    pub plan: String,
    pub number: String,
    pub title: Option<String>,
    pub evaluations: Vec<GradeEntry>,
    pub projects: Vec<ProjectSeries>,
    pub indicators: Vec<IndicatorSeries>,
}

/// One year's grade of a measure or project.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GradeEntry {
    pub evaluation_fiscal_year: i32,
    pub grade: Option<String>,
    pub previous_grade: Option<String>,
    pub source: String,
    pub page: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ProjectSeries {
    pub title: String,
    pub grades: Vec<GradeEntry>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IndicatorSeries {
    pub name: String,
    pub unit: Option<String>,
    pub values: Vec<SeriesValue>,
}

/// One fiscal year of an indicator, from the sheets that print it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SeriesValue {
    pub year: String,
    pub fiscal_year: i32,
    pub expected: Option<Number>,
    pub actual: Option<Number>,
    /// Evaluation fiscal year of the sheet that gave `actual`.
    pub reported_in: Option<i32>,
    /// An earlier sheet's different figure for the same year (a revision).
    pub revised_from: Option<Number>,
    pub source: Option<String>,
    pub page: Option<usize>,
    pub remarks: Option<String>,
}

/// What the series keeps of one sheet.
#[derive(Debug, Clone)]
pub struct YearSheet {
    source: String,
    first_page: usize,
    plan: String,
    measure_number: String,
    measure_title: Option<String>,
    fiscal_year: i32,
    year_label: String,
    grade: Option<String>,
    previous_grade: Option<String>,
    projects: Vec<YearProject>,
    indicators: Vec<YearIndicator>,
    /// Index of the first project of each title, and of the first indicator of each name
    /// (linking looks them up by hashing, in time linear in the names).
    project_at: HashMap<String, usize>,
    indicator_at: HashMap<String, usize>,
    /// Hash of the sheet's content apart from `source`, `page` and `warnings`.
    fingerprint: u64,
}

#[derive(Debug, Clone)]
struct YearProject {
    title: String,
    grade: Option<String>,
    previous_grade: Option<String>,
    page: usize,
}

#[derive(Debug, Clone)]
struct YearIndicator {
    name: String,
    unit: Option<String>,
    page: usize,
    values: Vec<crate::model::YearValue>,
}

/// The most indicators, or projects, one sheet can hold: a sheet is a few pages (SPEC.md,
/// ①–⑮); more is no sheet but a hostile or broken series input.
pub const MAX_NAMES_PER_SHEET: usize = 1000;

/// Why a series input is no sheet at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AbsurdSheet {
    /// `indicators` or `projects`.
    pub what: &'static str,
    pub count: usize,
}

impl std::fmt::Display for AbsurdSheet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "not a sheet: {} {} (a sheet holds at most {MAX_NAMES_PER_SHEET})",
            self.count, self.what
        )
    }
}

impl std::error::Error for AbsurdSheet {}

/// Refuse a sheet read from a series input (JSON) that no evaluation sheet could be: more
/// than [`MAX_NAMES_PER_SHEET`] indicators or projects. To be called by the reader of
/// series inputs, so that such an input fails alone.
pub fn check_sheet(sheet: &Sheet) -> Result<(), AbsurdSheet> {
    let projects = sheet.project_groups.iter().map(|g| g.projects.len()).sum();
    for (what, count) in [
        ("indicators", sheet.indicators.len()),
        ("projects", projects),
    ] {
        if count > MAX_NAMES_PER_SHEET {
            return Err(AbsurdSheet { what, count });
        }
    }
    Ok(())
}

/// Collects sheets in input order, then links them.
#[derive(Debug, Default)]
pub struct Builder {
    /// (plan, measure number, evaluation fiscal year) → the sheet given last.
    sheets: HashMap<(String, String, i32), YearSheet>,
    warnings: Vec<SeriesWarning>,
}

impl Builder {
    /// Take one sheet (in input order); a sheet without plan, measure number or evaluation
    /// year is left out with a warning.
    pub fn add(&mut self, sheet: &Sheet) {
        let file = &sheet.source.file;
        let Some(year_sheet) = YearSheet::of(sheet) else {
            self.warnings.push(SeriesWarning::Other(format!(
                "{file}: the sheet on page {} has no plan, measure number or evaluation year; left out of the series",
                sheet.source.first_page
            )));
            return;
        };
        let key = (
            link_key(&year_sheet.plan),
            year_sheet.measure_number.clone(),
            year_sheet.fiscal_year,
        );
        if let Some(earlier) = self.sheets.get(&key)
            && earlier.fingerprint != year_sheet.fingerprint
        {
            self.warnings.push(SeriesWarning::Other(format!(
                "{} {}: the {} sheet is given twice and the copies differ: {} and {} (the latter is used)",
                key.1, year_sheet.measure_title.as_deref().unwrap_or(""), year_sheet.year_label,
                earlier.source, year_sheet.source
            )));
        }
        self.sheets.insert(key, year_sheet);
    }

    /// Link the sheets into series.
    pub fn finish(self) -> Series {
        let mut warnings = self.warnings;
        let mut by_measure: BTreeMap<(String, MeasureKey), Vec<YearSheet>> = BTreeMap::new();
        for sheet in self.sheets.into_values() {
            let key = (link_key(&sheet.plan), MeasureKey::of(&sheet.measure_number));
            by_measure.entry(key).or_default().push(sheet);
        }
        let measures = by_measure
            .into_values()
            .map(|mut sheets| {
                sheets.sort_by_key(|s| s.fiscal_year);
                measure_series(&sheets, &mut warnings)
            })
            .collect();
        Series {
            schema_version: crate::model::SCHEMA_VERSION,
            measures,
            warnings,
        }
    }
}

/// Measure numbers in numeric order: `4-3` before `4-10`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct MeasureKey(Vec<(u64, String)>);

impl MeasureKey {
    fn of(number: &str) -> MeasureKey {
        MeasureKey(
            number
                .split(['-', '.'])
                .map(|part| (part.parse().unwrap_or(u64::MAX), part.to_string()))
                .collect(),
        )
    }
}

impl YearSheet {
    fn of(sheet: &Sheet) -> Option<YearSheet> {
        let plan = sheet.plan.clone()?;
        let measure = sheet.measure.as_ref()?;
        let year = sheet.evaluation_year.as_ref()?;
        let projects: Vec<YearProject> = sheet
            .project_groups
            .iter()
            .flat_map(|g| &g.projects)
            .map(|p| YearProject {
                title: p.title.clone(),
                grade: p.grade.clone(),
                previous_grade: p.previous_grade.clone(),
                page: p.page,
            })
            .collect();
        let indicators: Vec<YearIndicator> = sheet
            .indicators
            .iter()
            .map(|i| YearIndicator {
                name: i.name.clone(),
                unit: i.unit.clone(),
                page: i.page,
                values: i.values.clone(),
            })
            .collect();
        Some(YearSheet {
            project_at: first_index(projects.iter().map(|p: &YearProject| &p.title)),
            indicator_at: first_index(indicators.iter().map(|i: &YearIndicator| &i.name)),
            source: sheet.source.file.clone(),
            first_page: sheet.source.first_page,
            plan,
            measure_number: measure.number.clone()?,
            measure_title: Some(measure.title.clone()),
            fiscal_year: year.fiscal_year,
            year_label: year.label.clone(),
            grade: sheet.evaluation.grade.clone(),
            previous_grade: sheet.evaluation.previous_grade.clone(),
            projects,
            indicators,
            fingerprint: fingerprint(sheet),
        })
    }
}

impl YearSheet {
    /// The first project titled `title` (compared by [`link_key`]).
    fn project(&self, title: &str) -> Option<&YearProject> {
        self.project_at
            .get(&link_key(title))
            .map(|&i| &self.projects[i])
    }

    /// The first indicator named `name` (compared by [`link_key`]).
    fn indicator(&self, name: &str) -> Option<&YearIndicator> {
        self.indicator_at
            .get(&link_key(name))
            .map(|&i| &self.indicators[i])
    }
}

/// Each name's first position, by its [`link_key`].
fn first_index<'a>(names: impl Iterator<Item = &'a String>) -> HashMap<String, usize> {
    let mut at = HashMap::new();
    for (i, name) in names.enumerate() {
        at.entry(link_key(name)).or_insert(i);
    }
    at
}

/// A hash of the sheet's JSON without `source`, `page` and `warnings`.
fn fingerprint(sheet: &Sheet) -> u64 {
    fn strip(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                for key in ["source", "page", "warnings"] {
                    map.remove(key);
                }
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(sheet).unwrap_or_default();
    strip(&mut value);
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.to_string().hash(&mut hasher);
    hasher.finish()
}

/// One measure's series from its sheets, oldest first.
fn measure_series(sheets: &[YearSheet], warnings: &mut Vec<SeriesWarning>) -> MeasureSeries {
    let latest = sheets.last().expect("a measure has a sheet");
    let name = format!(
        "{} {}",
        latest.measure_number,
        latest.measure_title.as_deref().unwrap_or("")
    );
    previous_grade_warnings(sheets, &name, warnings);
    spaces_warnings(sheets, &name, "plan", |s| vec![s.plan.clone()], warnings);
    spaces_warnings(sheets, &name, "indicator", indicator_names, warnings);
    spaces_warnings(sheets, &name, "project", project_titles, warnings);
    MeasureSeries {
        plan: latest.plan.clone(),
        number: latest.measure_number.clone(),
        title: latest.measure_title.clone(),
        evaluations: sheets
            .iter()
            .map(|s| GradeEntry {
                evaluation_fiscal_year: s.fiscal_year,
                grade: s.grade.clone(),
                previous_grade: s.previous_grade.clone(),
                source: s.source.clone(),
                page: s.first_page,
            })
            .collect(),
        projects: linked_order(sheets, project_titles)
            .into_iter()
            .map(|title| project_series(sheets, title))
            .collect(),
        indicators: linked_order(sheets, indicator_names)
            .into_iter()
            .map(|indicator| indicator_series(sheets, indicator, &name, warnings))
            .collect(),
    }
}

fn indicator_names(sheet: &YearSheet) -> Vec<String> {
    sheet.indicators.iter().map(|i| i.name.clone()).collect()
}

fn project_titles(sheet: &YearSheet) -> Vec<String> {
    sheet.projects.iter().map(|p| p.title.clone()).collect()
}

/// Names in the order of the latest sheet, then those it lacks in the order of the next
/// older sheet that has them, and so on; one per [`link_key`], as the newest sheet prints it.
fn linked_order(sheets: &[YearSheet], names: impl Fn(&YearSheet) -> Vec<String>) -> Vec<String> {
    let mut order: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for sheet in sheets.iter().rev() {
        for name in names(sheet) {
            if seen.insert(link_key(&name)) {
                order.push(name);
            }
        }
    }
    order
}

/// Each printing of one name, with the year labels of the sheets that print it.
type Printings = Vec<(String, Vec<String>)>;

/// A warning for each name of `what` whose printings in `sheets` differ only by spaces.
fn spaces_warnings(
    sheets: &[YearSheet],
    measure: &str,
    what: &'static str,
    names: impl Fn(&YearSheet) -> Vec<String>,
    warnings: &mut Vec<SeriesWarning>,
) {
    // Per link key (in first-seen order, newest sheet first): each printing and its years.
    let mut printings: Vec<Printings> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for sheet in sheets.iter().rev() {
        for name in names(sheet) {
            let key = link_key(&name);
            let index = *at.entry(key).or_insert_with(|| {
                printings.push(Vec::new());
                printings.len() - 1
            });
            let list = &mut printings[index];
            match list.iter_mut().find(|(printed, _)| *printed == name) {
                Some((_, years)) if years.last() == Some(&sheet.year_label) => {}
                Some((_, years)) => years.push(sheet.year_label.clone()),
                None => list.push((name, vec![sheet.year_label.clone()])),
            }
        }
    }
    for list in printings {
        if list.len() > 1 {
            warnings.push(SeriesWarning::SpacesDiffer {
                measure: measure.to_string(),
                what,
                printings: list
                    .into_iter()
                    .map(|(name, years)| (name, years.join(", ")))
                    .collect(),
            });
        }
    }
}

fn project_series(sheets: &[YearSheet], title: String) -> ProjectSeries {
    let grades = sheets
        .iter()
        .filter_map(|s| {
            let p = s.project(&title)?;
            Some(GradeEntry {
                evaluation_fiscal_year: s.fiscal_year,
                grade: p.grade.clone(),
                previous_grade: p.previous_grade.clone(),
                source: s.source.clone(),
                page: p.page,
            })
        })
        .collect();
    ProjectSeries { title, grades }
}

/// A previous grade printed in year Y that differs from the grade of year Y−1's sheet.
fn previous_grade_warnings(sheets: &[YearSheet], measure: &str, warnings: &mut Vec<SeriesWarning>) {
    for pair in sheets.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        if after.fiscal_year != before.fiscal_year + 1 {
            continue;
        }
        let mut check = |what: String, printed: &Option<String>, graded: &Option<String>| {
            if let (Some(printed), Some(graded)) = (printed, graded)
                && printed != graded
            {
                warnings.push(SeriesWarning::Other(format!(
                    "{measure}, {what}: the {} sheet ({}) gives last year's grade （{printed}） but the {} sheet ({}) printed {graded}",
                    after.year_label, after.source, before.year_label, before.source
                )));
            }
        };
        check("overall grade".into(), &after.previous_grade, &before.grade);
        for project in &after.projects {
            if let Some(earlier) = before.project(&project.title) {
                check(
                    format!("project 「{}」", project.title),
                    &project.previous_grade,
                    &earlier.grade,
                );
            }
        }
    }
}

/// The sheets that print an indicator, oldest first, with its block there.
fn printing<'s>(sheets: &'s [YearSheet], name: &str) -> Vec<(&'s YearSheet, &'s YearIndicator)> {
    sheets
        .iter()
        .filter_map(|s| Some((s, s.indicator(name)?)))
        .collect()
}

fn indicator_series(
    sheets: &[YearSheet],
    name: String,
    measure: &str,
    warnings: &mut Vec<SeriesWarning>,
) -> IndicatorSeries {
    let printed = printing(sheets, &name);
    let (_, latest) = printed.last().expect("the indicator is printed somewhere");
    let units: Vec<&Option<String>> = printed.iter().map(|(_, i)| &i.unit).collect();
    if units.windows(2).any(|w| w[0] != w[1]) {
        let list: Vec<String> = printed
            .iter()
            .map(|(s, i)| {
                format!(
                    "{} in the {} sheet",
                    i.unit.as_deref().unwrap_or("none"),
                    s.year_label
                )
            })
            .collect();
        warnings.push(SeriesWarning::Other(format!(
            "{measure}, indicator 「{name}」: the unit changes between years ({})",
            list.join(", ")
        )));
    }
    let mut years: Vec<i32> = printed
        .iter()
        .flat_map(|(_, i)| i.values.iter().map(|v| v.fiscal_year))
        .collect();
    years.sort_unstable();
    years.dedup();
    let values = years
        .into_iter()
        .map(|fiscal_year| series_value(&printed, fiscal_year))
        .collect();
    IndicatorSeries {
        name,
        unit: latest.unit.clone(),
        values,
    }
}

/// One fiscal year of an indicator: each figure from the latest sheet that prints it.
fn series_value(printed: &[(&YearSheet, &YearIndicator)], fiscal_year: i32) -> SeriesValue {
    // The sheets that print the year, newest first.
    let rows: Vec<(&YearSheet, &YearIndicator, &crate::model::YearValue)> = printed
        .iter()
        .rev()
        .filter_map(|&(s, i)| {
            Some((
                s,
                i,
                i.values.iter().find(|v| v.fiscal_year == fiscal_year)?,
            ))
        })
        .collect();
    let (_, _, newest) = rows[0];
    let expected = rows.iter().find_map(|(_, _, v)| v.expected);
    let actual_row = rows.iter().find(|(_, _, v)| v.actual.is_some());
    let actual = actual_row.and_then(|(_, _, v)| v.actual);
    let reported_in = actual_row.map(|(s, _, _)| s.fiscal_year);
    let revised_from = match (actual, reported_in) {
        (Some(actual), Some(reported)) => rows
            .iter()
            .filter(|(s, _, _)| s.fiscal_year < reported)
            .filter_map(|(_, _, v)| v.actual)
            .find(|earlier| !same_number(earlier, &actual)),
        _ => None,
    };
    SeriesValue {
        year: newest.year.clone(),
        fiscal_year,
        expected,
        actual,
        reported_in,
        revised_from,
        source: actual_row.map(|(s, _, _)| s.source.clone()),
        page: actual_row.map(|(_, i, _)| i.page),
        remarks: newest.remarks.clone(),
    }
}

fn same_number(a: &Number, b: &Number) -> bool {
    let value = |n: &Number| match *n {
        Number::Integer(i) => i as f64,
        Number::Decimal(f) => f,
    };
    value(a) == value(b)
}
