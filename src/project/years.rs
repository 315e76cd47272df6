//! Years of project sheets (SPEC.md "Years and eras"): `R５年度`, `令和５年度`, `Ｒ４`, `H30`,
//! `平成30年度`, `S60`, and bare years (`20年度`) in the era of a [`Context`](super::Context)'s
//! year. Takes printed texts; gives a [`Year`] (the printed year without 年度, and its fiscal
//! year) and what follows it (a basis such as 決算). Also the year tables of a form page
//! ([`tables`]): tables whose columns are fiscal years, with each leaf column's year and
//! basis headers (innermost first), their body rows and their kind (indicators, costs,
//! other) — what the indicator and cost readers share.

use super::Context;
use crate::labels;
use crate::values::YearForm;

/// A year as printed and the fiscal year it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Year {
    /// The printed era year without 年度, inner spaces removed (`R５`, `Ｒ４`, `令和５`, `20`).
    pub label: String,
    /// Null for a bare year without a known era.
    pub fiscal_year: Option<i32>,
}

/// A text that starts with a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearText {
    pub year: Year,
    /// What follows the year (and its 年度 / 年), spaces removed, as printed (`決算`).
    pub rest: String,
    /// The year has no era (`20年度`).
    pub bare: bool,
}

/// Read the year at the start of a printed text: an era year (`R５年度`, `平成30年度`, `H30`,
/// `S60`, `令和元年度`) or a bare year followed by 年度 (`20年度`, era from `context`); the
/// one reader of [`values::read_year`](crate::values::read_year), western years aside.
pub fn read(printed: &str, context: &Context) -> Option<YearText> {
    let year = crate::values::read_year(printed, context.era_year)
        .filter(|y| y.form != YearForm::Western)?;
    Some(YearText {
        year: Year {
            label: year.label,
            fiscal_year: year.fiscal_year,
        },
        rest: year.rest,
        bare: year.form == YearForm::Bare,
    })
}

/// Read a year header: a year alone or followed by a basis (`R５年度実　績`, `20年度決算`).
pub fn read_header(printed: &str, context: &Context) -> Option<YearText> {
    let year = read(printed, context)?;
    let rest = labels::key_without_parenthesis(&year.rest);
    (rest.is_empty() || labels::project_tables::is_basis(&year.rest)).then_some(year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(printed: &str, era_year: Option<i32>) -> Option<(String, Option<i32>, String)> {
        read(printed, &Context { era_year }).map(|y| (y.year.label, y.year.fiscal_year, y.rest))
    }

    fn some(label: &str, fy: Option<i32>, rest: &str) -> Option<(String, Option<i32>, String)> {
        Some((label.into(), fy, rest.into()))
    }

    #[test]
    fn era_years() {
        assert_eq!(year("R５年度", None), some("R５", Some(2023), ""));
        assert_eq!(year("令和５年度", None), some("令和５", Some(2023), ""));
        assert_eq!(year("Ｒ４", None), some("Ｒ４", Some(2022), ""));
        assert_eq!(year("H30", None), some("H30", Some(2018), ""));
        assert_eq!(year("平成30年度", None), some("平成30", Some(2018), ""));
        assert_eq!(year("S60", None), some("S60", Some(1985), ""));
        assert_eq!(year("令和元年度", None), some("令和元", Some(2019), ""));
        assert_eq!(year("R６年度見　込", None), some("R６", Some(2024), "見込"));
    }

    #[test]
    fn bare_years_take_the_context_era() {
        assert_eq!(
            year("20年度決算", Some(2013)),
            some("20", Some(2008), "決算")
        );
        assert_eq!(year("５年度", Some(2024)), some("５", Some(2023), ""));
        assert_eq!(year("20年度", None), some("20", None, ""));
        assert_eq!(year("20", Some(2013)), None);
        assert_eq!(year("2024年度", Some(2013)), None);
        assert_eq!(year("Hello", None), None);
    }

    #[test]
    fn headers_are_a_year_and_at_most_a_basis() {
        let context = Context { era_year: None };
        assert!(read_header("25年度見込み", &context).is_some());
        assert!(read_header("Ｒ４年度", &context).is_some());
        assert!(read_header("R6年度における「その他」財源の主な内容", &context).is_none());
        assert!(read_header("令和5年度～令和9年度", &context).is_none());
    }
}

/// Which kind of table a year header heads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    Indicators,
    Costs,
    Other,
}

/// A leaf column of a table's year header: one year and its innermost basis.
#[derive(Debug, Clone, PartialEq)]
pub struct YearColumn {
    pub year: Year,
    /// Basis headers of the column, innermost first (`["決算"]`, `["実績", "目標値"]`),
    /// output form.
    pub bases: Vec<String>,
    /// Grid columns `col..end`.
    pub col: usize,
    pub end: usize,
    pub bare: bool,
}

/// A table whose columns are fiscal years, on one page.
#[derive(Debug, Clone, PartialEq)]
pub struct YearTable {
    pub kind: TableKind,
    pub page: usize,
    pub section: Option<String>,
    pub columns: Vec<YearColumn>,
    /// The first grid row below the header.
    pub body_row: usize,
    /// The leftmost grid column of the table's labels.
    pub left_col: usize,
    /// Header labels and heading of the table (output form), outermost first.
    pub labels: Vec<String>,
    /// Indices (into the page's cells) of the header cells.
    pub header_cells: Vec<usize>,
    /// Indices of value cells beside the year headers (a block's name and unit printed on
    /// the header row).
    pub header_values: Vec<usize>,
    /// Grid columns `col..end` of a 単位 header, if the table has one.
    pub unit_column: Option<(usize, usize)>,
}

impl YearTable {
    /// The first grid column of the year columns.
    pub fn first_col(&self) -> usize {
        self.columns.first().map_or(0, |c| c.col)
    }

    /// The grid column after the last year column.
    pub fn end_col(&self) -> usize {
        self.columns.iter().map(|c| c.end).max().unwrap_or(0)
    }

    /// Whether a cell of columns `col..end` lies under the table's 単位 header, or is a
    /// value the form reading heads with 単位.
    pub fn is_unit_cell(&self, cell: &FormCell) -> bool {
        let under = self
            .unit_column
            .is_some_and(|(col, end)| col <= cell.col && cell.col + cell.cols <= end);
        let headed = |h: &[String]| h.last().is_some_and(|h| labels::is_unit_label(h));
        !cell.label && (under || headed(&cell.column_headers) || headed(&cell.row_headers))
    }

    /// The year column holding a cell of columns `col..end`, if exactly one holds it.
    pub fn column_of(&self, col: usize, end: usize) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.col <= col && end <= c.end)
    }

    /// How many year columns a cell of columns `col..end` overlaps.
    pub fn columns_overlapped(&self, col: usize, end: usize) -> usize {
        self.columns
            .iter()
            .filter(|c| c.col < end && col < c.end)
            .count()
    }

    /// The grid rows of the table's body on `page`: from [`Self::body_row`] to the row
    /// before the first row that ends the table (another section, a new year header, a
    /// cell crossing from the labels into the year columns).
    pub fn body_end(&self, page: &FormPage, context: &Context) -> usize {
        let region = |c: &FormCell| c.col < self.end_col() && self.left_col < c.col + c.cols;
        let last_row = page.cells.iter().map(|c| c.row + c.rows).max().unwrap_or(0);
        for row in self.body_row..last_row {
            let ends = page
                .cells
                .iter()
                .filter(|c| c.row == row && region(c))
                .any(|c| {
                    c.section != self.section
                        || (c.label && read_header(&c.text, context).is_some())
                        || (c.col < self.first_col() && c.col + c.cols > self.first_col())
                });
            if ends {
                return row;
            }
        }
        last_row
    }
}

use crate::form::{FormCell, FormPage};

/// The year tables of each page.
pub fn of_pages(pages: &[FormPage], context: &Context) -> Vec<Vec<YearTable>> {
    pages.iter().map(|page| tables(page, context)).collect()
}

/// The year tables of a page: year header cells grouped by section and header bottom row,
/// leaf columns by basis cells below a year, kind by header labels and heading.
pub fn tables(page: &FormPage, context: &Context) -> Vec<YearTable> {
    let mut tables: Vec<YearTable> = Vec::new();
    let headers: Vec<(usize, YearText)> = page
        .cells
        .iter()
        .enumerate()
        .filter_map(|(i, c)| read_header(&c.text, context).map(|y| (i, y)))
        .collect();
    // A year header is a label, or sits on the row of one (a form reading may take a year
    // header between two others for a value).
    let label_rows: Vec<(usize, &Option<String>)> = headers
        .iter()
        .map(|(i, _)| &page.cells[*i])
        .filter(|c| c.label)
        .map(|c| (c.row, &c.section))
        .collect();
    for (index, year) in headers {
        let cell = &page.cells[index];
        if !label_rows.contains(&(cell.row, &cell.section)) {
            continue;
        }
        for (columns, bottom, cells) in leaves(page, index, &year) {
            let at = tables
                .iter()
                .position(|t| t.section == cell.section && t.body_row == bottom);
            let table = match at {
                Some(at) => &mut tables[at],
                None => {
                    tables.push(YearTable {
                        kind: TableKind::Other,
                        page: page.page,
                        section: cell.section.clone(),
                        columns: Vec::new(),
                        body_row: bottom,
                        left_col: 0,
                        labels: Vec::new(),
                        header_cells: Vec::new(),
                        header_values: Vec::new(),
                        unit_column: None,
                    });
                    tables.last_mut().expect("pushed")
                }
            };
            table.columns.extend(columns);
            table.header_cells.extend(cells);
        }
    }
    for table in &mut tables {
        table.columns.sort_by_key(|c| c.col);
        describe(page, table);
    }
    tables
}

/// The leaf columns under the year header `index`: its basis cells below, or itself.
fn leaves(
    page: &FormPage,
    index: usize,
    year: &YearText,
) -> Vec<(Vec<YearColumn>, usize, Vec<usize>)> {
    let header = &page.cells[index];
    let outer: Vec<String> = header
        .column_headers
        .iter()
        .rev()
        .map(|h| labels::output(h))
        .collect();
    let below: Vec<usize> = (0..page.cells.len())
        .filter(|&i| {
            let c = &page.cells[i];
            c.label
                && c.row == header.row + header.rows
                && header.col <= c.col
                && c.col + c.cols <= header.col + header.cols
                && labels::project_tables::is_basis(&c.text)
        })
        .collect();
    let column = |col: usize, end: usize, inner: Vec<String>| {
        let mut bases = inner;
        bases.extend(outer.iter().cloned());
        YearColumn {
            year: year.year.clone(),
            bases,
            col,
            end,
            bare: year.bare,
        }
    };
    if below.is_empty() {
        let own = (!year.rest.is_empty()).then(|| year.rest.clone());
        let leaf = column(
            header.col,
            header.col + header.cols,
            own.into_iter().collect(),
        );
        return vec![(vec![leaf], header.row + header.rows, vec![index])];
    }
    let mut by_bottom: Vec<(Vec<YearColumn>, usize, Vec<usize>)> = Vec::new();
    for i in below {
        let c = &page.cells[i];
        let mut inner = vec![labels::output(&c.text)];
        inner.extend((!year.rest.is_empty()).then(|| year.rest.clone()));
        let leaf = column(c.col, c.col + c.cols, inner);
        let bottom = c.row + c.rows;
        match by_bottom.iter_mut().find(|(_, b, _)| *b == bottom) {
            Some(group) => {
                group.0.push(leaf);
                group.2.push(i);
            }
            None => by_bottom.push((vec![leaf], bottom, vec![index, i])),
        }
    }
    by_bottom
}

/// Fill a table's left column, labels and kind from the cells beside its header.
fn describe(page: &FormPage, table: &mut YearTable) {
    let first = table.first_col();
    let top = table
        .header_cells
        .iter()
        .map(|&i| page.cells[i].row)
        .min()
        .unwrap_or(table.body_row);
    let in_header = |c: &FormCell| {
        c.section == table.section
            && c.row < table.body_row
            && top < c.row + c.rows
            && c.col < first
    };
    let beside: Vec<&FormCell> = page
        .cells
        .iter()
        .filter(|c| c.label && in_header(c))
        .collect();
    table.left_col = beside.iter().map(|c| c.col).min().unwrap_or(1);
    table.unit_column = beside
        .iter()
        .find(|c| labels::is_unit_label(&c.text))
        .map(|c| (c.col, c.col + c.cols));
    table.header_values = (0..page.cells.len())
        .filter(|&i| {
            let c = &page.cells[i];
            !c.label && in_header(c) && c.col >= table.left_col && !table.header_cells.contains(&i)
        })
        .collect();
    let mut names: Vec<String> = beside.iter().map(|c| labels::output(&c.text)).collect();
    for &i in &table.header_cells {
        names.extend(
            page.cells[i]
                .column_headers
                .iter()
                .map(|h| labels::output(h)),
        );
    }
    names.extend(table.section.iter().cloned());
    table.labels = names;
    table.kind = kind_of(&table.labels);
}

/// The kind a table's labels name: the first label naming indicators or costs decides
/// (header labels come before the heading).
fn kind_of(names: &[String]) -> TableKind {
    use labels::project_tables::{names_cost_table, names_indicator_table};
    for name in names {
        if names_indicator_table(name) {
            return TableKind::Indicators;
        }
        if names_cost_table(name) {
            return TableKind::Costs;
        }
    }
    TableKind::Other
}
