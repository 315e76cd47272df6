//! Text rules of SPEC.md: glyphs → lines, lines → one text, lines → items.
//!
//! - Wrapped lines of a cell are joined with nothing between them.
//! - A new item starts at a line beginning with ・, ◇ or ◆, or at a new paragraph (a blank
//!   line's worth of vertical gap); the leading ・ is dropped, ◇/◆ become the item's marker.
//! - Characters are kept as printed, except WAVE DASH 〜 → ～ and MINUS SIGN − → －.
//! - Leading and trailing white space (including U+3000) is trimmed.

use crate::pdf::Glyph;
use crate::tolerances::TOLERANCES;

/// One line of text inside a cell (or outside all cells).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    /// Left edge of the first glyph.
    pub x0: f64,
    /// Right edge of the last glyph.
    pub x1: f64,
    /// Baseline.
    pub y: f64,
    /// Largest font size on the line.
    pub size: f64,
}

/// A narrative item: one bullet point or paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// ◇ or ◆ where the item was marked so.
    pub marker: Option<char>,
    pub text: String,
}

/// Characters that start a new item.
const ITEM_STARTS: [char; 3] = ['・', '◇', '◆'];

/// Output form of characters that PDFs map ambiguously by producer.
pub fn normalize_char(c: char) -> char {
    match c {
        '\u{301C}' => '\u{FF5E}', // WAVE DASH → FULLWIDTH TILDE
        '\u{2212}' => '\u{FF0D}', // MINUS SIGN → FULLWIDTH HYPHEN-MINUS
        _ => c,
    }
}

/// Variation selectors (U+FE00–FE0F, U+E0100–E01EF) choose a glyph shape, not a character;
/// some CMaps attach them to kanji (這 → 這󠄀), others don't, so they are dropped.
pub fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// Trim ASCII and ideographic white space at both ends.
pub fn trim(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Remove all white space: the key used to match printed labels (`指　   標` → `指標`).
pub fn compact(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for piece in s.split(is_space) {
        out.push_str(piece);
    }
    out
}

/// Group glyphs into lines by baseline, each line ordered left to right.
pub fn lines(mut glyphs: Vec<&Glyph>) -> Vec<Line> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    for glyph in glyphs {
        let joins = rows.last().is_some_and(|row| {
            let base = row[0];
            let tolerance = TOLERANCES.line_baseline * base.size.min(glyph.size);
            (glyph.y - base.y).abs() <= tolerance
        });
        if joins {
            rows.last_mut().expect("checked").push(glyph);
        } else {
            rows.push(vec![glyph]);
        }
    }
    rows.into_iter().map(line_from_glyphs).collect()
}

fn line_from_glyphs(mut row: Vec<&Glyph>) -> Line {
    row.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut text = String::new();
    let mut prev: Option<&Glyph> = None;
    for glyph in &row {
        if let Some(p) = prev
            && needs_space(p, glyph)
        {
            text.push(' ');
        }
        text.extend(
            glyph
                .text
                .chars()
                .filter(|&c| !is_variation_selector(c))
                .map(normalize_char),
        );
        prev = Some(glyph);
    }
    let last = row.last().expect("a line has glyphs");
    Line {
        text,
        x0: row[0].x,
        x1: last.x + last.width,
        y: row.iter().map(|g| g.y).fold(f64::MIN, f64::max),
        size: row.iter().map(|g| g.size).fold(0.0, f64::max),
    }
}

/// A visible gap between two Latin letters or digits stands for a word space that the
/// producer positioned instead of printing (cairo, some Ghostscript output).
fn needs_space(prev: &Glyph, next: &Glyph) -> bool {
    let gap = next.x - (prev.x + prev.width);
    let latin = |g: &Glyph| g.text.chars().all(|c| c.is_ascii_alphanumeric());
    gap > TOLERANCES.word_gap * prev.size.max(next.size) && latin(prev) && latin(next)
}

/// Join the lines of one cell: nothing between them, trimmed at both ends.
pub fn join_lines(lines: &[Line]) -> String {
    let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
    trim(&joined).to_string()
}

/// Split the lines of one cell into items (see module doc).
pub fn items(lines: &[Line]) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut current: Option<(Option<char>, String)> = None;
    let mut prev: Option<&Line> = None;
    for line in lines {
        let text = trim(&line.text);
        if text.is_empty() {
            continue;
        }
        let first = text.chars().next().expect("not empty");
        let new_paragraph =
            prev.is_some_and(|p| line.y - p.y > TOLERANCES.paragraph_gap * p.size.max(line.size));
        let starts_item = ITEM_STARTS.contains(&first) || new_paragraph || current.is_none();
        if starts_item {
            if let Some(done) = current.take() {
                push_item(&mut items, done);
            }
            let (marker, rest) = match first {
                '◇' | '◆' => (Some(first), &text[first.len_utf8()..]),
                '・' => (None, &text[first.len_utf8()..]),
                _ => (None, text),
            };
            current = Some((marker, rest.to_string()));
        } else if let Some((_, body)) = current.as_mut() {
            body.push_str(text);
        }
        prev = Some(line);
    }
    if let Some(done) = current {
        push_item(&mut items, done);
    }
    items
}

fn push_item(items: &mut Vec<Item>, (marker, text): (Option<char>, String)) {
    let text = trim(&text).to_string();
    if !text.is_empty() || marker.is_some() {
        items.push(Item { marker, text });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, y: f64) -> Line {
        Line {
            text: text.into(),
            x0: 0.0,
            x1: 10.0,
            y,
            size: 10.0,
        }
    }

    fn glyph(text: &str, x: f64, y: f64) -> Glyph {
        Glyph {
            text: text.into(),
            x,
            y,
            width: 10.0,
            size: 10.0,
        }
    }

    #[test]
    fn variation_selectors_are_dropped_and_dashes_made_full_width() {
        let glyphs = [
            glyph("横", 0.0, 10.0),
            glyph("這\u{E0100}", 10.0, 10.0),
            glyph("\u{301C}", 20.0, 10.0),
            glyph("\u{2212}", 30.0, 10.0),
        ];
        let got = lines(glyphs.iter().collect());
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].text, "横這～－");
    }

    #[test]
    fn wrapped_lines_join_with_nothing_between() {
        let lines = [line("産業の連携によ", 10.0), line("る相乗効果", 22.0)];
        assert_eq!(join_lines(&lines), "産業の連携による相乗効果");
    }

    #[test]
    fn join_trims_ideographic_spaces() {
        assert_eq!(
            join_lines(&[line("\u{3000} 商工部\u{3000}", 10.0)]),
            "商工部"
        );
    }

    #[test]
    fn bullets_start_items_and_are_dropped() {
        let lines = [
            line("・毎週、情報交換を行", 10.0),
            line("っている。", 22.0),
            line("・寄附件数が増加した。", 34.0),
        ];
        let got = items(&lines);
        assert_eq!(
            got,
            vec![
                Item {
                    marker: None,
                    text: "毎週、情報交換を行っている。".into()
                },
                Item {
                    marker: None,
                    text: "寄附件数が増加した。".into()
                },
            ]
        );
    }

    #[test]
    fn diamonds_become_markers() {
        let lines = [line("◇見直す。", 10.0), line("◆検討する。", 22.0)];
        let got = items(&lines);
        assert_eq!(got[0].marker, Some('◇'));
        assert_eq!(got[0].text, "見直す。");
        assert_eq!(got[1].marker, Some('◆'));
    }

    #[test]
    fn blank_line_gap_starts_a_new_paragraph() {
        let lines = [line("第一段落。", 10.0), line("第二段落。", 40.0)];
        assert_eq!(items(&lines).len(), 2);
        let lines = [line("続けて", 10.0), line("書く。", 22.0)];
        assert_eq!(items(&lines).len(), 1);
    }

    #[test]
    fn wave_dash_and_minus_become_full_width() {
        let g = [
            glyph("2021", 0.0, 10.0),
            glyph("〜", 40.0, 10.0),
            glyph("−", 50.0, 10.0),
        ];
        let got = lines(g.iter().collect());
        assert_eq!(got[0].text, "2021～－");
    }

    #[test]
    fn glyphs_group_into_lines_by_baseline_then_x() {
        let g = [
            glyph("い", 10.0, 10.0),
            glyph("う", 0.0, 22.0),
            glyph("あ", 0.0, 10.5),
        ];
        let got = lines(g.iter().collect());
        let texts: Vec<_> = got.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["あい", "う"]);
    }

    #[test]
    fn latin_words_positioned_apart_get_a_space() {
        let g = [glyph("AB", 0.0, 10.0), glyph("CD", 25.0, 10.0)];
        assert_eq!(lines(g.iter().collect())[0].text, "AB CD");
        let g = [glyph("日", 0.0, 10.0), glyph("本", 25.0, 10.0)];
        assert_eq!(lines(g.iter().collect())[0].text, "日本");
    }

    #[test]
    fn distributed_label_reads_as_its_label() {
        // 均等割り付け: one glyph every 20 pt in a 10 pt font, no space glyphs.
        let glyphs: Vec<Glyph> = "評価項目"
            .chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                text: c.to_string(),
                x: 100.0 + 20.0 * i as f64,
                y: 50.0,
                width: 10.0,
                size: 10.0,
            })
            .collect();
        let lines = lines(glyphs.iter().collect());
        assert_eq!(lines.len(), 1);
        assert_eq!(compact(&join_lines(&lines)), "評価項目");
    }

    #[test]
    fn compact_removes_all_spaces() {
        assert_eq!(compact("指　   標"), "指標");
    }
}
