//! Every geometric tolerance of the stages, as data in one place ([`TOLERANCES`]), as
//! pdfplumber's `TableSettings`: each with its unit — `pt` (PDF points, 1/72 in), `em` (a
//! multiple of the font size of the glyph or line concerned), `share` (a fraction of a box's
//! or table's width) or `chars` (characters of text). `inspect --tolerances` prints
//! them and the README's "Tolerances" table lists them ([`Tolerances::rows`] is the one
//! source of both).
//!
//! Two "same line" rules stay apart on purpose: [`Tolerances::line_baseline`] (0.45 em)
//! gathers the glyphs of one cell into lines, where mixed sizes (a small 年度 beside large
//! digits, raised marks) must stay on their line; [`Tolerances::overflow_baseline`] (0.2 em)
//! decides whether text in two *different* cells is one text running across a border, where
//! a looser rule would join the neighbouring cells' own lines.

/// One tolerance as a row of a table: its name, value, unit and meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub name: &'static str,
    pub value: f64,
    pub unit: &'static str,
    pub doc: &'static str,
}

macro_rules! tolerances {
    ($( #[doc = $doc:literal] $name:ident: $value:literal $unit:literal, )*) => {
        /// The tolerances of every stage (see the module doc for the units).
        #[derive(Debug, Clone, PartialEq)]
        pub struct Tolerances {
            $( #[doc = $doc] pub $name: f64, )*
        }

        /// The tolerances the stages use.
        pub const TOLERANCES: Tolerances = Tolerances { $( $name: $value, )* };

        impl Default for Tolerances {
            fn default() -> Self {
                TOLERANCES
            }
        }

        impl Tolerances {
            /// Each tolerance as a table row, in stage order.
            pub fn rows(&self) -> Vec<Row> {
                vec![$( Row {
                    name: stringify!($name),
                    value: self.$name,
                    unit: $unit,
                    doc: $doc.trim_ascii(),
                }, )*]
            }
        }
    };
}

tolerances! {
    /// pdf: a path segment this far off its axis still counts as horizontal or vertical.
    axis_aligned: 0.3 "pt",
    /// pdf: a filled rectangle thinner than this is a ruling line.
    max_rule_thickness: 2.5 "pt",
    /// pdf: largest side of a filled dot of a dotted or hairline border.
    max_mark_size: 2.5 "pt",
    /// pdf: longest dash of a dashed border (thin rectangles up to this long are marks).
    max_dash_length: 6.0 "pt",
    /// pdf: largest distance between the centres of neighbouring marks of one ruling.
    max_mark_pitch: 8.0 "pt",
    /// pdf: how far the centres of the marks of one ruling may stray from its line.
    mark_line: 0.5 "pt",
    /// pdf: how far outside the clip box a glyph's centre may lie and still be read.
    clip: 1.0 "pt",
    /// pdf: ruling segments shorter than this are dropped (specks, joins of strokes).
    min_segment_length: 0.5 "pt",
    /// pdf: glyphs drawn smaller than this are not text (invisible or degenerate).
    min_glyph_size: 0.1 "pt",
    /// pdf: height of a glyph box above the baseline (fonts' own ascents are not read).
    ascent: 0.88 "em",
    /// pdf: depth of a glyph box below the baseline.
    descent: 0.12 "em",
    /// grid: ruling positions closer than this are one line (a double border is one ruling).
    snap: 2.2 "pt",
    /// grid: a dotted or dashed ruling stopping this short of a crossing ruling reaches it.
    corner_gap: 8.0 "pt",
    /// grid: collinear pieces of ruling closer than this join.
    join_gap: 2.0 "pt",
    /// grid: cells narrower or lower than this are artefacts, not cells.
    min_cell: 3.0 "pt",
    /// grid: cell edges closer than this are one track edge (rows and columns of inspect, form).
    track: 1.0 "pt",
    /// grid: margin around a glyph box within which a segment is a stroke of the glyph.
    glyph_stroke_pad: 0.1 "em",
    /// grid: a segment longer than this (of the largest glyph) is never a glyph's stroke.
    glyph_stroke_length: 1.5 "em",
    /// grid: widest gap inside one text running across a cell border (cells pad their text).
    overflow_gap: 0.15 "em",
    /// grid: glyphs of two cells this close in baseline are one text running across.
    overflow_baseline: 0.2 "em",
    /// text: glyphs this close in baseline (of the smaller glyph) are one line of a cell.
    line_baseline: 0.45 "em",
    /// text: a gap this wide between two Latin letters or digits is a word space.
    word_gap: 0.25 "em",
    /// text: lines further apart than this (baseline to baseline) start a new item.
    paragraph_gap: 1.9 "em",
    /// sheet: cells sharing an edge within this are neighbours (right of, below).
    edge: 2.5 "pt",
    /// sheet: a project table's caption line lies at most this far above the table.
    caption_above_table: 3.0 "em",
    /// form: two cell edges this close touch (a ruling's width and a snapping error).
    touch: 2.5 "pt",
    /// form: least overlap for two cells to share rows (or columns).
    min_overlap: 1.0 "pt",
    /// form: a free line is split where two glyphs are further apart than this (of the larger glyph).
    line_split_gap: 3.0 "em",
    /// form: a text line outside cells names the value box it ends this close to the left of, or lies this close above (of its glyphs' size).
    free_label_gap: 1.5 "em",
    /// form: a text line outside cells longer than this is text, not a field name.
    free_label_length: 12.0 "chars",
    /// form: a shaded bar across its table spans at least this share of the table's width.
    bar_width: 0.95 "share",
    /// form: longest unit after a number in one cell (`6.0人`, `27 種類`; project costs too).
    max_unit_length: 4.0 "chars",
    /// form: lines starting this close to their block's left edge are left-aligned.
    left_aligned: 0.5 "em",
    /// form: a left-aligned line ending more than this short of its block's right edge ends a paragraph.
    short_line: 2.0 "em",
    /// form: share of a value box's width that wrapped lines may leave empty at its right.
    wrap_slack: 0.1 "share",
    /// form: height above the baseline taken as a line's middle (which part of a split cell holds it).
    line_middle: 0.3 "em",
    /// project: a value box shares its ruling with its label cell: their edges lie this close.
    label_adjacent: 2.0 "pt",
    /// project: a text line labels a box that starts at most this many line heights away from it.
    label_line_reach: 4.0 "em",
    /// project: a cost table's unit note ends at most this far below the top of its header.
    unit_note_below_top: 2.0 "pt",
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README's table is these rows (`| name | value | unit | meaning |`), in order.
    #[test]
    fn the_readme_table_lists_every_tolerance() {
        let readme = include_str!("../README.md");
        let table: Vec<&str> = readme
            .lines()
            .skip_while(|l| *l != "## Tolerances")
            .skip(1)
            .take_while(|l| !l.starts_with("## "))
            .filter(|l| l.starts_with("| `"))
            .collect();
        let rows: Vec<String> = TOLERANCES
            .rows()
            .iter()
            .map(|r| format!("| `{}` | {} | {} | {} |", r.name, r.value, r.unit, r.doc))
            .collect();
        assert_eq!(table, rows);
    }

    #[test]
    fn every_tolerance_is_positive_with_a_unit_and_a_meaning() {
        let rows = Tolerances::default().rows();
        assert_eq!(rows.len(), 39);
        for row in rows {
            assert!(row.value > 0.0, "{}", row.name);
            assert!(
                ["pt", "em", "share", "chars"].contains(&row.unit),
                "{}",
                row.name
            );
            assert!(row.doc.ends_with('.'), "{}", row.name);
        }
    }
}
