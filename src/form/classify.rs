//! The label decision: takes a page's cells (rectangles, texts, shading) and gives what each
//! one is — a label (naming other cells, as a row or a column header), a value, a unit, a
//! mark, options, a shaded section bar — from what a reader uses, in small steps:
//!
//! 1. [`intrinsic`]: what the text alone says (numbers, marks, options, chosen values, known
//!    labels of the vocabulary, sentences);
//! 2. [`mark_options`]: in a table with marks, the option cells beside mark cells, on the side
//!    where the table's marks sit;
//! 3. [`units`]: cells under a 単位 header;
//! 4. [`super::lists::lists`]: a list table's header row and entries;
//! 5. [`number_headers`]: the header rows above and the label column left of numbers (a
//!    table's body holds values);
//! 6. [`pairs`]: the left cell of a label/value pair and a label above its value;
//! 7. [`tie_break`]: what is still open, by shading; [`named_values`]: a label that names
//!    nothing, right of a label of its rows, is that label's value;
//! 8. [`bars`]: shaded cells spanning their table's width are section headings;
//! 9. [`roles`]: each label as a row header (values or row labels to its right) or a column
//!    header.

use super::geometry::{Direction, Neighbourhood, same_span};
use crate::grid::Rect;
use crate::labels;
use crate::tolerances::TOLERANCES;
use crate::values::Number;

/// What a cell is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Empty,
    /// Not decided yet.
    Open,
    Value,
    /// A value under a 単位 header: it does not stop a row header search.
    Unit,
    /// A mark alone (○, ■ …).
    Mark,
    /// Options with marks in one cell.
    Options,
    /// A label; `row` when it heads the cells to its right, else the cells below.
    Label {
        row: bool,
    },
    /// An option beside a mark cell: a value (the content a mark chooses), named last in the
    /// mark's row headers.
    Option,
    /// A shaded bar across its table: a section heading.
    Bar,
}

impl Kind {
    pub fn is_label(self) -> bool {
        matches!(self, Kind::Label { .. } | Kind::Bar)
    }
    pub fn is_value(self) -> bool {
        matches!(
            self,
            Kind::Value | Kind::Unit | Kind::Mark | Kind::Options | Kind::Option
        )
    }
}

/// The cells of a page as the decision sees them.
pub struct Page<'a> {
    pub rects: &'a [Rect],
    /// Each cell's text ("" when empty).
    pub texts: &'a [String],
    pub shaded: &'a [bool],
    /// Table id of each cell.
    pub tables: &'a [usize],
    /// Each cell's number ([`cell_number`] of its text, found once).
    pub numbers: Vec<Option<Number>>,
    /// Each cell's neighbours (found once).
    pub hood: Neighbourhood,
}

impl<'a> Page<'a> {
    pub fn new(
        rects: &'a [Rect],
        texts: &'a [String],
        shaded: &'a [bool],
        tables: &'a [usize],
    ) -> Page<'a> {
        Page {
            rects,
            texts,
            shaded,
            tables,
            numbers: texts.iter().map(|t| cell_number(t)).collect(),
            hood: Neighbourhood::new(rects),
        }
    }

    /// The neighbour of cell `k` in `direction`.
    pub fn next(&self, k: usize, direction: Direction) -> Option<usize> {
        self.hood.along(self.rects, k, k, direction)
    }
}

/// The decision for every cell, and for each mark the option cell it marks.
pub fn classify(page: &Page<'_>) -> (Vec<Kind>, Vec<Option<usize>>) {
    let mut kinds: Vec<Kind> = (page.texts.iter().zip(&page.numbers))
        .map(|(text, &number)| kind_of(text, number))
        .collect();
    let marked = mark_options(page, &mut kinds);
    units(page, &mut kinds);
    super::lists::lists(page, &mut kinds);
    number_headers(page, &mut kinds);
    pairs(page, &mut kinds);
    tie_break(page, &mut kinds);
    named_values(page, &mut kinds);
    bars(page, &mut kinds);
    roles(page, &mut kinds);
    (kinds, marked)
}

/// What the text alone says.
pub fn intrinsic(text: &str) -> Kind {
    kind_of(text, cell_number(text))
}

/// [`intrinsic`] given the text's [`cell_number`].
fn kind_of(text: &str, number: Option<Number>) -> Kind {
    let key = labels::key(text);
    if key.is_empty() {
        Kind::Empty
    } else if labels::is_mark(text) {
        Kind::Mark
    } else if parse_options(text).is_some() {
        Kind::Options
    } else if number.is_some()
        || labels::is_value_word_key(&key)
        || labels::is_placeholder_key(&key)
        || number_with_note(text)
        || key.contains('。')
        || labels::headed_value(text).is_some()
    {
        Kind::Value
    } else if labels::is_known_label_key(&key) {
        Kind::Label { row: false }
    } else if labels::without_parenthesis(&key).chars().count() > labels::MAX_LABEL_CHARS {
        Kind::Value
    } else {
        Kind::Open
    }
}

/// `593（24）`, `1,200(30)`: a number followed by a parenthesised note (a value, whose
/// number is not the cell's: readers keep the note as remarks).
fn number_with_note(text: &str) -> bool {
    let compact = crate::text::compact(text);
    let Some(open) = compact.find(['（', '(']) else {
        return false;
    };
    let (number, note) = compact.split_at(open);
    let closed = note.ends_with(['）', ')']) && note.chars().count() > 2;
    closed && crate::values::parse_number(number).is_some()
}

/// The number of a value cell: the value rules' number, optionally followed by a unit of at
/// most [`max_unit_length`](crate::tolerances::Tolerances::max_unit_length) characters that is not a year, month, day or basis word.
pub fn cell_number(text: &str) -> Option<Number> {
    let compact = crate::text::compact(text);
    if let Some(n) = crate::values::parse_number(&compact) {
        return Some(n);
    }
    let trimmed = crate::text::trim(text);
    let last_digit = trimmed
        .char_indices()
        .rfind(|(_, c)| c.is_ascii_digit() || ('０'..='９').contains(c))?;
    let (number, rest) = trimmed.split_at(last_digit.0 + last_digit.1.len_utf8());
    // `１　概要`, `２．目的`: a numbered heading, not a number with its unit.
    let numbering = rest.starts_with(['\u{3000}', '.', '．', '、', ')', '）']);
    let unit = crate::text::compact(rest);
    let unit_ok = !numbering
        && unit.chars().count() as f64 <= TOLERANCES.max_unit_length
        && !unit.contains(['年', '月', '日'])
        && !labels::contains_basis_word(&unit);
    if unit_ok {
        crate::values::parse_number(number)
    } else {
        None
    }
}

/// A mark and the text of its option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkedOption {
    pub mark: char,
    pub text: String,
}

/// Options with marks in one cell (`○達成●おおむね達成`, `□…■…`): the text starts with a
/// mark and holds at least two.
pub fn parse_options(text: &str) -> Option<Vec<MarkedOption>> {
    let trimmed = crate::text::trim(text);
    let first = trimmed.chars().next()?;
    if !labels::is_mark_char(first)
        || trimmed.chars().filter(|&c| labels::is_mark_char(c)).count() < 2
    {
        return None;
    }
    let mut options: Vec<MarkedOption> = Vec::new();
    for c in trimmed.chars() {
        if labels::is_mark_char(c) {
            options.push(MarkedOption {
                mark: c,
                text: String::new(),
            });
        } else if let Some(last) = options.last_mut() {
            last.text.push(c);
        }
    }
    for option in &mut options {
        option.text = crate::text::trim(&option.text).to_string();
    }
    Some(options)
}

/// In every table holding marks alone, the cells with text beside a mark slot (a mark or an
/// empty cell narrower than them, of their rows, in a column of slots, not an indent) on the side where most of them have one are options; each
/// mark names the option on the other side of it. Returns the option each mark names.
pub fn mark_options(page: &Page<'_>, kinds: &mut [Kind]) -> Vec<Option<usize>> {
    let mut marked = vec![None; kinds.len()];
    let mut with_marks: Vec<usize> = (0..kinds.len())
        .filter(|&k| kinds[k] == Kind::Mark)
        .map(|k| page.tables[k])
        .collect();
    with_marks.sort_unstable();
    with_marks.dedup();
    for table in with_marks {
        let cells: Vec<usize> = (0..kinds.len())
            .filter(|&k| page.tables[k] == table)
            .collect();
        let slot_on = |k: usize, direction: Direction| {
            page.next(k, direction).filter(|&n| {
                (kinds[n] == Kind::Mark
                    || (kinds[n] == Kind::Empty && page.rects[n].width() < page.rects[k].width()))
                    && same_span(&page.rects[n], &page.rects[k], true)
                    && in_slot_column(page, kinds, n)
                    && !is_indent(page, kinds, k, n)
            })
        };
        let is_text = |k: usize| match kinds[k] {
            Kind::Open | Kind::Label { .. } => true,
            Kind::Value => page.numbers[k].is_none() && !labels::is_value_word(&page.texts[k]),
            _ => false,
        };
        let left = cells
            .iter()
            .filter(|&&k| is_text(k) && slot_on(k, Direction::Left).is_some())
            .count();
        let right = cells
            .iter()
            .filter(|&&k| is_text(k) && slot_on(k, Direction::Right).is_some())
            .count();
        let (slot_side, option_side) = if left >= right {
            (Direction::Left, Direction::Right)
        } else {
            (Direction::Right, Direction::Left)
        };
        let options: Vec<usize> = cells
            .iter()
            .copied()
            .filter(|&k| is_text(k) && slot_on(k, slot_side).is_some())
            .collect();
        for &k in &options {
            kinds[k] = Kind::Option;
        }
        for &k in cells.iter().filter(|&&k| kinds[k] == Kind::Mark) {
            marked[k] = page
                .next(k, option_side)
                .filter(|&n| kinds[n] == Kind::Option);
        }
    }
    marked
}

/// Whether cell `n` is in a column of mark slots: the cells of its column run (the cells of
/// the same columns above and below it, up to a label or a cell of other columns) are all
/// marks or empty — not an empty cell of a column of numbers (池田市's cost table beside its
/// assessments).
fn in_slot_column(page: &Page<'_>, kinds: &[Kind], n: usize) -> bool {
    for direction in [Direction::Up, Direction::Down] {
        let mut cur = n;
        while let Some(next) = page.next(cur, direction) {
            if kinds[next].is_label() || !same_span(&page.rects[next], &page.rects[n], false) {
                break;
            }
            if !matches!(kinds[next], Kind::Mark | Kind::Empty) {
                return false;
            }
            cur = next;
        }
    }
    true
}

/// Whether the empty cell `slot` beside cell `k` is an indent: the two fill exactly the
/// columns of a label above or below them (`うち受益者負担` indented under `その他`).
fn is_indent(page: &Page<'_>, kinds: &[Kind], k: usize, slot: usize) -> bool {
    let (a, b) = (&page.rects[k], &page.rects[slot]);
    let both = Rect {
        x0: a.x0.min(b.x0),
        y0: a.y0,
        x1: a.x1.max(b.x1),
        y1: a.y1,
    };
    [Direction::Up, Direction::Down].into_iter().any(|d| {
        page.next(k, d)
            .is_some_and(|n| kinds[n].is_label() && same_span(&page.rects[n], &both, false))
    })
}

/// Cells under a 単位 header (through cells of the same columns) are units.
pub fn units(page: &Page<'_>, kinds: &mut [Kind]) {
    for k in 0..kinds.len() {
        if !matches!(kinds[k], Kind::Open | Kind::Value) {
            continue;
        }
        let mut cur = k;
        while let Some(up) = page.next(cur, Direction::Up) {
            if kinds[up].is_label() {
                if labels::is_unit_label(&page.texts[up]) && page.texts[k].chars().count() <= 8 {
                    kinds[k] = Kind::Unit;
                }
                break;
            }
            if !same_span(&page.rects[up], &page.rects[k], false) {
                break;
            }
            cur = up;
        }
    }
}

/// From every number, the open cells above it (through the numbers of its column) and left
/// of it (through the numbers and units of its row) are labels: a table's header rows and
/// label columns. A value cell stops the search.
pub fn number_headers(page: &Page<'_>, kinds: &mut [Kind]) {
    for k in 0..kinds.len() {
        if kinds[k] != Kind::Value || page.numbers[k].is_none() {
            continue;
        }
        for (direction, across_rows) in [(Direction::Up, false), (Direction::Left, true)] {
            let mut cur = k;
            let (mut in_body, mut after_unit) = (true, false);
            while let Some(n) = page.hood.along(page.rects, cur, k, direction) {
                match kinds[n] {
                    Kind::Open
                        if in_body && beside_number(page, kinds, n, direction == Direction::Up) =>
                    {
                        kinds[n] = Kind::Value;
                    }
                    Kind::Open
                        if direction == Direction::Up
                            && under_known_label(page, kinds, n)
                            && !is_year(&page.texts[n]) =>
                    {
                        break;
                    }
                    Kind::Open => {
                        kinds[n] = Kind::Label { row: false };
                        in_body = false;
                    }
                    Kind::Label { .. } => in_body = false,
                    Kind::Unit if direction == Direction::Left => {
                        in_body = false;
                        after_unit = true;
                    }
                    // A long name left of its row's unit and numbers (a wrapped indicator
                    // name) is the row's label, not a value, unless it is a sentence.
                    Kind::Value if after_unit && is_row_name(page, n) => {
                        kinds[n] = Kind::Label { row: false };
                    }
                    // A long name starting a row of numbers (神戸市's `市民一人あたりの市税等の
                    // 充当額（B／人口*1,000）（単位：円）`) is the row's label.
                    Kind::Value
                        if direction == Direction::Left
                            && in_body
                            && page.next(n, Direction::Left).is_none()
                            && is_row_name(page, n) =>
                    {
                        kinds[n] = Kind::Label { row: false };
                    }
                    Kind::Empty if same_span(&page.rects[n], &page.rects[k], across_rows) => {}
                    Kind::Value
                        if in_body && same_span(&page.rects[n], &page.rects[k], across_rows) => {}
                    _ => break,
                }
                cur = n;
            }
        }
    }
}

/// Whether cell `n` has a number of its own span beside it — in its row (`in_row`: left or
/// right, same rows) or in its column (above or below, same columns): a text among a table's
/// numbers (`なじまない` in a year column) is in the table's body, a value.
fn beside_number(page: &Page<'_>, kinds: &[Kind], n: usize, in_row: bool) -> bool {
    let sides = if in_row {
        [Direction::Left, Direction::Right]
    } else {
        [Direction::Up, Direction::Down]
    };
    sides.into_iter().any(|d| {
        page.next(n, d).is_some_and(|m| {
            kinds[m] == Kind::Value
                && page.numbers[m].is_some()
                && same_span(&page.rects[m], &page.rects[n], in_row)
        })
    })
}

/// Whether a value's text can be a row's name: not a number, a mark, a placeholder or a
/// sentence.
fn is_row_name(page: &Page<'_>, n: usize) -> bool {
    let text = &page.texts[n];
    page.numbers[n].is_none()
        && !labels::is_placeholder(text)
        && !labels::is_mark(text)
        && !labels::key(text).contains('。')
}

/// Whether the text is a year heading alone (`Ｒ５`, `令和５年度`, `H30年`, `28年度`,
/// `2024年度`): a column header even under a basis label that spans several years.
pub fn is_year(text: &str) -> bool {
    crate::values::read_year(text, None).is_some_and(|y| y.rest.is_empty())
}

/// Whether the cell sits right under a known label of the same columns (a label above its
/// value): such a cell is that label's value, not a header of the numbers below it.
fn under_known_label(page: &Page<'_>, kinds: &[Kind], n: usize) -> bool {
    page.next(n, Direction::Up).is_some_and(|up| {
        matches!(kinds[up], Kind::Label { .. })
            && labels::is_known_label(&page.texts[up])
            && same_span(&page.rects[up], &page.rects[n], false)
    })
}

/// Label columns and label/value pairs, until nothing changes: an open cell above or below a
/// row label of the same columns is a label too (a label column); then an open cell right of a
/// label, or below a label with no cell on its left, is a value; an open cell with a value
/// on its right, or that starts its row and has text on its right, is a label.
pub fn pairs(page: &Page<'_>, kinds: &mut [Kind]) {
    while label_columns(page, kinds) || label_value_pairs(page, kinds) {}
}

/// One pass of the label-column rule; whether anything changed.
fn label_columns(page: &Page<'_>, kinds: &mut [Kind]) -> bool {
    let heads_values = |kinds: &[Kind], n: usize| {
        page.next(n, Direction::Right)
            .is_some_and(|r| kinds[r].is_value() || kinds[r] == Kind::Empty)
    };
    let is_row_label =
        |kinds: &[Kind], n: usize| matches!(kinds[n], Kind::Label { .. }) && heads_values(kinds, n);
    let mut changed = false;
    for k in 0..kinds.len() {
        if kinds[k] != Kind::Open {
            continue;
        }
        // An indented member (`うち受益者負担`, narrower, its right edge on the column's) heads
        // its row of values as the labels above and below it do.
        let indented = |n: usize| {
            (page.rects[n].x1 - page.rects[k].x1).abs() <= TOLERANCES.touch
                && page.rects[k].x0 > page.rects[n].x0
                && heads_values(kinds, k)
        };
        let in_column = [Direction::Up, Direction::Down].into_iter().any(|d| {
            page.next(k, d).is_some_and(|n| {
                (same_span(&page.rects[n], &page.rects[k], false) || indented(n))
                    && is_row_label(kinds, n)
            })
        });
        if in_column {
            kinds[k] = Kind::Label { row: false };
            changed = true;
        }
    }
    changed
}

/// One pass of the pair rules; whether anything changed.
fn label_value_pairs(page: &Page<'_>, kinds: &mut [Kind]) -> bool {
    let mut changed = false;
    for k in 0..kinds.len() {
        if kinds[k] != Kind::Open {
            continue;
        }
        let at = |d| page.next(k, d);
        let left = at(Direction::Left);
        let right = at(Direction::Right);
        let up = at(Direction::Up);
        let left_label = left.is_some_and(|n| matches!(kinds[n], Kind::Label { .. }));
        let label_above =
            left.is_none() && up.is_some_and(|n| matches!(kinds[n], Kind::Label { .. }));
        let right_value = right.is_some_and(|n| kinds[n].is_value());
        let starts_row = left.is_none() && right.is_some_and(|n| kinds[n] != Kind::Empty);
        // A cell of one row beside a label spanning several rows, with a value on its right,
        // is a nested row header (`公共性` over `公益性 | □…■…` and `必需性 | □…■…`).
        let nested = left.is_some_and(|n| {
            matches!(kinds[n], Kind::Label { .. })
                && page.rects[n].height() > page.rects[k].height() + TOLERANCES.touch
        }) && right_value;
        let decided = if nested {
            Kind::Label { row: false }
        } else if left_label || label_above {
            Kind::Value
        } else if right_value || starts_row {
            Kind::Label { row: false }
        } else {
            continue;
        };
        kinds[k] = decided;
        changed = true;
        // One decision a pass: the next cells see it before the pair rules run again.
        break;
    }
    changed
}

/// What is still open: shaded cells are labels, others values (shading only breaks ties).
pub fn tie_break(page: &Page<'_>, kinds: &mut [Kind]) {
    for (k, kind) in kinds.iter_mut().enumerate() {
        if *kind == Kind::Open {
            *kind = if page.shaded[k] {
                Kind::Label { row: false }
            } else {
                Kind::Value
            };
        }
    }
}

/// A label cell that names nothing — no cell on its right, none below it — with a label of
/// the same rows on its left is that label's value (`関連計画・例規 | 池田市…補助金交付要綱`:
/// a plan's or rule's name holding a vocabulary word).
pub fn named_values(page: &Page<'_>, kinds: &mut [Kind]) {
    for k in 0..kinds.len() {
        if !matches!(kinds[k], Kind::Label { .. }) || page.shaded[k] {
            continue;
        }
        let names_nothing =
            page.next(k, Direction::Right).is_none() && page.next(k, Direction::Down).is_none();
        let named = page.next(k, Direction::Left).is_some_and(|n| {
            matches!(kinds[n], Kind::Label { .. })
                && same_span(&page.rects[n], &page.rects[k], true)
        });
        if names_nothing && named {
            kinds[k] = Kind::Value;
        }
    }
}

/// A shaded label cell spanning its table's width, in a table with cells side by side, is a
/// section heading.
pub fn bars(page: &Page<'_>, kinds: &mut [Kind]) {
    // Each table's left and right edge, and whether a cell of it starts right of its left
    // edge (found once: table ids are cell indices).
    let spans = super::table_spans(page.rects, page.tables);
    let mut side_by_side = vec![false; kinds.len()];
    for (rect, &table) in page.rects.iter().zip(page.tables) {
        side_by_side[table] |= rect.x0 > spans[table].0 + TOLERANCES.touch;
    }
    for k in 0..kinds.len() {
        if !page.shaded[k] || !matches!(kinds[k], Kind::Label { .. }) {
            continue;
        }
        let (x0, x1) = spans[page.tables[k]];
        if page.rects[k].width() >= TOLERANCES.bar_width * (x1 - x0) && side_by_side[page.tables[k]]
        {
            kinds[k] = Kind::Bar;
        }
    }
}

/// Each label heads the cells to its right (a row label) when its right neighbour is a
/// value, a unit, a mark, an empty cell or a row label; otherwise the cells below it.
pub fn roles(page: &Page<'_>, kinds: &mut [Kind]) {
    let mut order: Vec<usize> = (0..kinds.len())
        .filter(|&k| matches!(kinds[k], Kind::Label { .. }))
        .collect();
    order.sort_by(|&a, &b| page.rects[b].x1.total_cmp(&page.rects[a].x1));
    for k in order {
        let row = page.next(k, Direction::Right).is_some_and(|n| {
            kinds[n].is_value() || kinds[n] == Kind::Empty || kinds[n] == Kind::Label { row: true }
        });
        kinds[k] = Kind::Label { row };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::geometry::tables;

    /// A page of cells on a regular grid: `(row, col, rows, cols, text, shaded)`, 10 pt tracks.
    fn decide(cells: &[(usize, usize, usize, usize, &str, bool)]) -> Vec<Kind> {
        let rects: Vec<Rect> = cells
            .iter()
            .map(|&(r, c, rs, cs, ..)| crate::form::test_pages::grid_rect(r, c, rs, cs))
            .collect();
        let texts: Vec<String> = cells.iter().map(|c| c.4.to_string()).collect();
        let shaded: Vec<bool> = cells.iter().map(|c| c.5).collect();
        let tables = tables(&rects);
        classify(&Page::new(&rects, &texts, &shaded, &tables)).0
    }

    const ROW: Kind = Kind::Label { row: true };
    const COL: Kind = Kind::Label { row: false };

    #[test]
    fn what_the_text_alone_says() {
        assert_eq!(intrinsic("5,690"), Kind::Value);
        assert_eq!(intrinsic("○"), Kind::Mark);
        assert_eq!(intrinsic("○達成●おおむね達成"), Kind::Options);
        assert_eq!(intrinsic("現状維持"), Kind::Value);
        assert_eq!(intrinsic("決　算"), COL);
        assert_eq!(intrinsic("環境政策課"), Kind::Open);
        // A sentence naming a label is a value.
        assert_eq!(
            intrinsic("本事業は、1事業概要（※）にあるとおり進めた。"),
            Kind::Value
        );
        assert_eq!(intrinsic("　"), Kind::Empty);
    }

    #[test]
    fn numbers_take_units_of_their_own_cell_but_not_years_or_bases() {
        use crate::values::Number::*;
        assert_eq!(cell_number("6.0人"), Some(Decimal(6.0)));
        assert_eq!(cell_number("27 種類"), Some(Integer(27)));
        assert_eq!(cell_number("5,690"), Some(Integer(5690)));
        assert_eq!(cell_number("△3"), Some(Integer(-3)));
        assert_eq!(cell_number("100.0%"), Some(Decimal(100.0)));
        assert_eq!(cell_number("１，２３４"), Some(Integer(1234)));
        assert_eq!(cell_number("20年度決算"), None);
        assert_eq!(cell_number("3月"), None);
        assert_eq!(cell_number("１　概要"), None);
        assert_eq!(cell_number("８　働きがいも経済成長も"), None);
    }

    #[test]
    fn options_split_at_their_marks() {
        let got = parse_options("○達成 ●おおむね達成 ○未達成").unwrap();
        let texts: Vec<(char, &str)> = got.iter().map(|o| (o.mark, o.text.as_str())).collect();
        assert_eq!(
            texts,
            [('○', "達成"), ('●', "おおむね達成"), ('○', "未達成")]
        );
        assert_eq!(parse_options("１つ以上に○"), None);
    }

    #[test]
    fn header_rows_and_label_column_of_a_number_table() {
        // | 区分 | 年度A | 年度B |
        // |      | 決算  | 予算  |
        // | 項目X|  1    |  2    |
        let got = decide(&[
            (0, 0, 2, 1, "区分", false),
            (0, 1, 1, 1, "年度A", false),
            (0, 2, 1, 1, "年度B", false),
            (1, 1, 1, 1, "決算", false),
            (1, 2, 1, 1, "予算", false),
            (2, 0, 1, 1, "項目X", false),
            (2, 1, 1, 1, "1", false),
            (2, 2, 1, 1, "2", false),
        ]);
        assert_eq!(
            got,
            [COL, COL, COL, COL, COL, ROW, Kind::Value, Kind::Value]
        );
    }

    #[test]
    fn a_list_tables_entries_are_values_but_a_label_column_stays_labels() {
        // | 略語 | 正式名称 |  (shaded header row)
        // | ＤＸ | デジタル… |
        // | ＮＰＯ | 特定非営利活動法人 |
        let list = decide(&[
            (0, 0, 1, 1, "略語", true),
            (0, 1, 1, 2, "正式名称", true),
            (1, 0, 1, 1, "ＤＸ", false),
            (1, 1, 1, 2, "デジタルトランスフォーメーション", false),
            (2, 0, 1, 1, "ＮＰＯ", false),
            (2, 1, 1, 2, "特定非営利活動法人", false),
        ]);
        let v = Kind::Value;
        assert_eq!(list, [COL, COL, v, v, v, v]);
        // | 区分 | 内容 | over rows named by known labels: a form, not a list.
        let form = decide(&[
            (0, 0, 1, 1, "区分", true),
            (0, 1, 1, 2, "内容", true),
            (1, 0, 1, 1, "目的", false),
            (1, 1, 1, 2, "まちの魅力を高める", false),
            (2, 0, 1, 1, "手段", false),
            (2, 1, 1, 2, "広報を行う", false),
        ]);
        assert_eq!(form[2], ROW);
        assert_eq!(form[4], ROW);
        // Year headers head a measured series whose rows are named: not a list.
        let series = decide(&[
            (0, 0, 1, 1, "区分", true),
            (0, 1, 1, 1, "R5年度", true),
            (1, 0, 1, 1, "参加者", false),
            (1, 1, 1, 1, "12", false),
            (2, 0, 1, 1, "講座", false),
            (2, 1, 1, 1, "3", false),
        ]);
        assert_eq!(series[2], ROW);
    }

    #[test]
    fn placeholders_and_noted_numbers_are_values() {
        assert_eq!(intrinsic("－"), Kind::Value);
        assert_eq!(intrinsic("―"), Kind::Value);
        assert_eq!(intrinsic("593（24）"), Kind::Value);
        assert_eq!(intrinsic("1,200(30)"), Kind::Value);
        assert!(intrinsic("（内訳）").is_label());
    }

    #[test]
    fn a_text_among_numbers_is_a_value_and_years_head_their_column() {
        // | 区分 |     予算      |
        // |      | Ｒ５ | 28年度 |
        // | 指標X| なじまない | 3 |
        // | 指標Y|  2   |   －   |
        let got = decide(&[
            (0, 0, 2, 1, "区分", false),
            (0, 1, 1, 2, "予算", false),
            (1, 1, 1, 1, "Ｒ５", false),
            (1, 2, 1, 1, "28年度", false),
            (2, 0, 1, 1, "指標X", false),
            (2, 1, 1, 1, "なじまない", false),
            (2, 2, 1, 1, "3", false),
            (3, 0, 1, 1, "指標Y", false),
            (3, 1, 1, 1, "2", false),
            (3, 2, 1, 1, "－", false),
        ]);
        let value = Kind::Value;
        assert_eq!(
            got,
            [COL, COL, COL, COL, ROW, value, value, ROW, value, value]
        );
        assert!(is_year("令和５年度") && is_year("Ｈ３０") && is_year("2024年度"));
        assert!(!is_year("R5年度決算") && !is_year("5") && !is_year("年度"));
    }

    #[test]
    fn a_long_name_left_of_its_unit_and_numbers_is_the_row_label() {
        // | 地域の見守り活動に参加した市民ボランティアの延べ人数 | 単位 | 12 |
        let name = "地域の見守り活動に参加した市民ボランティアの延べ人数";
        let got = decide(&[
            (0, 0, 1, 3, "指標名", true),
            (0, 3, 1, 1, "単位", true),
            (0, 4, 1, 1, "R5", true),
            (1, 0, 1, 3, name, false),
            (1, 3, 1, 1, "人", false),
            (1, 4, 1, 1, "12", false),
        ]);
        assert_eq!(got[3], ROW);
        assert_eq!(got[4], Kind::Unit);
    }

    #[test]
    fn left_cell_of_a_pair_is_the_label_and_values_may_be_shaded_too() {
        // | 担当部署名 | 環境政策課 | 名前X | 値Y |  (all shaded but the first)
        let got = decide(&[
            (0, 0, 1, 1, "担当部署名", true),
            (0, 1, 1, 1, "環境政策課", true),
            (0, 2, 1, 1, "名前X", false),
            (0, 3, 1, 1, "値Y", false),
        ]);
        assert_eq!(got[0], ROW);
        assert_eq!(got[1], Kind::Value);
    }

    #[test]
    fn a_label_column_with_empty_rows_stays_labels() {
        // | 内訳 | 委託料   |   |
        // |      | 工事費   | 5 |
        let got = decide(&[
            (0, 0, 2, 1, "内訳", false),
            (0, 1, 1, 1, "委託料X", true),
            (0, 2, 1, 1, "", false),
            (1, 1, 1, 1, "工事費X", true),
            (1, 2, 1, 1, "5", false),
        ]);
        assert_eq!(got, [ROW, ROW, Kind::Empty, ROW, Kind::Value]);
    }

    #[test]
    fn a_label_above_its_value() {
        let got = decide(&[
            (0, 0, 1, 3, "目　的", false),
            (1, 0, 1, 3, "市民の健康", false),
        ]);
        assert_eq!(got, [COL, Kind::Value]);
    }

    #[test]
    fn a_unit_column_is_a_value_that_the_row_label_reaches_past() {
        let got = decide(&[
            (0, 0, 1, 1, "指標名", false),
            (0, 1, 1, 1, "単位", false),
            (0, 2, 1, 1, "R5", false),
            (1, 0, 1, 1, "件数X", false),
            (1, 1, 1, 1, "件", false),
            (1, 2, 1, 1, "27", false),
        ]);
        assert_eq!(got, [COL, COL, COL, ROW, Kind::Unit, Kind::Value]);
    }

    #[test]
    fn marks_left_of_their_options() {
        // | ○ | 目標一 | □ | 目標三 |
        // |   | 目標二 | ○ | 目標四 |
        let got = decide(&[
            (0, 0, 1, 1, "○", false),
            (0, 1, 1, 3, "ゴール一", false),
            (0, 4, 1, 1, "", false),
            (0, 5, 1, 3, "ゴール三", false),
            (1, 0, 1, 1, "", false),
            (1, 1, 1, 3, "ゴール二", false),
            (1, 4, 1, 1, "○", false),
            (1, 5, 1, 3, "ゴール四", false),
        ]);
        assert_eq!(got[1], Kind::Option);
        assert_eq!(got[5], Kind::Option);
        assert_eq!(got[7], Kind::Option);
    }

    #[test]
    fn a_shaded_bar_across_the_table_is_a_section() {
        let got = decide(&[
            (0, 0, 1, 2, "１　概要", true),
            (1, 0, 1, 1, "目的", false),
            (1, 1, 1, 1, "市民の健康", false),
        ]);
        assert_eq!(got, [Kind::Bar, ROW, Kind::Value]);
    }
}
