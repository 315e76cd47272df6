//! The text view of an [`Inspection`]: per page, every non-empty cell with its grid span,
//! role (field path, label, unassigned) and text; then the free lines.

use std::fmt::Write;

use super::{Inspection, Role};

/// Render the listing.
pub fn render(inspection: &Inspection) -> String {
    let mut out = String::new();
    if let Some(reason) = &inspection.rejected {
        let _ = writeln!(out, "rejected: {reason}");
    }
    for (span, _) in &inspection.sheets {
        let _ = writeln!(out, "sheet on {}", span.describe());
    }
    for page in &inspection.pages {
        let content = &page.content;
        let _ = writeln!(
            out,
            "page {}: {:.1} x {:.1} pt, {} glyphs, {} ruling segments, {} cells",
            page.number,
            content.width,
            content.height,
            content.glyphs.len(),
            content.segments.len(),
            page.cells.len()
        );
        for cell in page.cells.iter().filter(|c| c.role != Role::Empty) {
            let marker = if cell.role == Role::Unassigned {
                "!"
            } else {
                " "
            };
            let _ = writeln!(
                out,
                "{marker} r{:<7} c{:<7} {:<44} {}",
                range(cell.rows),
                range(cell.columns),
                cell.role.describe(),
                quote(&cell.cell.text())
            );
        }
        for free in &page.free_lines {
            let marker = if free.used { " " } else { "!" };
            let role = if free.used { "free text" } else { "unassigned" };
            let _ = writeln!(
                out,
                "{marker} {:<17} {:<44} {}",
                format!("y={:.0}", free.line.y),
                role,
                quote(crate::text::trim(&free.line.text))
            );
        }
    }
    render_sheets(inspection, &mut out);
    out
}

/// Each sheet's page range with its warnings, or why it failed.
fn render_sheets(inspection: &Inspection, out: &mut String) {
    for (span, sheet) in &inspection.sheets {
        match sheet {
            Ok(sheet) => {
                let _ = writeln!(
                    out,
                    "sheet on {}: {} warning(s)",
                    span.describe(),
                    sheet.warnings().len()
                );
                for warning in sheet.warnings() {
                    let _ = writeln!(out, "  warning: {warning}");
                }
            }
            Err(e) => {
                let _ = writeln!(out, "sheet on {}: {e}", span.describe());
            }
        }
    }
}

/// The tolerances the stages use, one per line: name, value and unit, meaning.
pub fn render_tolerances() -> String {
    let mut out = String::from("tolerances:\n");
    for row in crate::tolerances::TOLERANCES.rows() {
        let value = format!("{} {}", row.value, row.unit);
        let _ = writeln!(out, "  {:<20} {:<10} {}", row.name, value, row.doc);
    }
    out
}

fn range((first, last): (usize, usize)) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}-{last}")
    }
}

/// The text in double quotes, on one line (line breaks shown as ⏎).
fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\\\"").replace('\n', "⏎"))
}
