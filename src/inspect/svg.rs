//! The SVG view of one page: glyphs drawn at their positions, ruling lines, each detected
//! cell outlined and coloured by role (label, value, text, unassigned) with its field path,
//! and a legend. Opens in any browser; hover a cell for its path and text.

use std::fmt::Write;

use super::{InspectedPage, Role};

const FONTS: &str =
    "'IPAexGothic', 'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic', 'Meiryo', sans-serif";

/// Fill and stroke colours per role.
fn colours(role: &Role) -> (&'static str, &'static str) {
    match role {
        Role::Label => ("#dbe8ff", "#3b6fd1"),
        Role::Value(_) => ("#dcf5dc", "#2e8b3e"),
        Role::Text(_) => ("#fff1d6", "#d18a1d"),
        Role::Unassigned => ("#ffd6d6", "#d12020"),
        Role::Empty => ("none", "#bbbbbb"),
    }
}

/// Render one page.
pub fn render(page: &InspectedPage) -> String {
    let content = &page.content;
    let (w, h) = (content.width, content.height);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.1} {:.1}" width="{:.0}" height="{:.0}">"#,
        h + 40.0,
        w * 2.0,
        (h + 40.0) * 2.0
    );
    let _ = writeln!(out, "<title>page {}</title>", page.number);
    let _ = writeln!(
        out,
        r##"<rect x="0" y="0" width="{w:.1}" height="{h:.1}" fill="white" stroke="#999" stroke-width="0.5"/>"##
    );
    draw_cells(&mut out, page);
    draw_rulings(&mut out, page);
    draw_glyphs(&mut out, page);
    draw_paths(&mut out, page);
    legend(&mut out, h);
    out.push_str("</svg>\n");
    out
}

fn draw_cells(out: &mut String, page: &InspectedPage) {
    out.push_str("<g class=\"cells\">\n");
    for cell in &page.cells {
        let r = cell.cell.rect;
        let (fill, stroke) = colours(&cell.role);
        let width = if cell.role == Role::Unassigned {
            1.2
        } else {
            0.4
        };
        let _ = writeln!(
            out,
            r#"<rect class="cell {}" x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="{fill}" fill-opacity="0.6" stroke="{stroke}" stroke-width="{width}"><title>{} r{}-{} c{}-{}: {}</title></rect>"#,
            cell.role.kind(),
            r.x0,
            r.y0,
            r.width(),
            r.height(),
            escape(cell.role.describe()),
            cell.rows.0,
            cell.rows.1,
            cell.columns.0,
            cell.columns.1,
            escape(&cell.cell.text())
        );
    }
    out.push_str("</g>\n");
}

fn draw_rulings(out: &mut String, page: &InspectedPage) {
    out.push_str("<g class=\"rulings\" stroke=\"#555\" stroke-width=\"0.3\">\n");
    for s in &page.content.segments {
        let (x1, y1, x2, y2) = match s.axis {
            crate::pdf::Axis::Horizontal => (s.start, s.pos, s.end, s.pos),
            crate::pdf::Axis::Vertical => (s.pos, s.start, s.pos, s.end),
        };
        let _ = writeln!(
            out,
            r#"<line x1="{x1:.2}" y1="{y1:.2}" x2="{x2:.2}" y2="{y2:.2}"/>"#
        );
    }
    out.push_str("</g>\n");
}

fn draw_glyphs(out: &mut String, page: &InspectedPage) {
    let _ = writeln!(
        out,
        "<g class=\"glyphs\" font-family=\"{}\" fill=\"#111\">",
        escape(FONTS)
    );
    for g in &page.content.glyphs {
        let _ = writeln!(
            out,
            r#"<text x="{:.2}" y="{:.2}" font-size="{:.2}">{}</text>"#,
            g.x,
            g.y,
            g.size,
            escape(&g.text)
        );
    }
    out.push_str("</g>\n");
}

/// Each used cell's field path, small, in its top-left corner.
fn draw_paths(out: &mut String, page: &InspectedPage) {
    out.push_str("<g class=\"paths\" font-family=\"monospace\" fill=\"#333\">\n");
    for cell in page.cells.iter().filter(|c| c.role != Role::Empty) {
        let r = cell.cell.rect;
        let _ = writeln!(
            out,
            r#"<text x="{:.2}" y="{:.2}" font-size="2.2">{}</text>"#,
            r.x0 + 0.6,
            r.y0 + 2.4,
            escape(cell.role.describe())
        );
    }
    out.push_str("</g>\n");
}

fn legend(out: &mut String, page_height: f64) {
    let y = page_height + 12.0;
    let _ = writeln!(
        out,
        "<g class=\"legend\" font-family=\"{}\" font-size=\"7\">",
        escape(FONTS)
    );
    let entries = [
        (Role::Label, "label"),
        (Role::Value(String::new()), "value (field path)"),
        (Role::Text(String::new()), "narrative text"),
        (Role::Unassigned, "unassigned (in warnings)"),
        (Role::Empty, "empty cell"),
    ];
    for (i, (role, name)) in entries.iter().enumerate() {
        let x = 10.0 + i as f64 * 110.0;
        let (fill, stroke) = colours(role);
        let _ = writeln!(
            out,
            r#"<rect x="{x:.1}" y="{:.1}" width="14" height="9" fill="{fill}" stroke="{stroke}"/><text x="{:.1}" y="{:.1}">{name}</text>"#,
            y - 7.0,
            x + 18.0,
            y
        );
    }
    out.push_str("</g>\n");
}

/// Escape text for XML; drop characters XML 1.0 does not allow.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}
