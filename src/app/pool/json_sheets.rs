//! Sheets given as JSON (`series` inputs: what the main command wrote, one object, an array
//! or NDJSON lines): each value is passed on as a unit, as if extracted, so that the pool
//! treats PDFs and JSON files alike. Takes the input's bytes; gives [`Message`]s.

use sheet_extract::model::SCHEMA_VERSION;
use sheet_extract::{Document, ExtractError, Sheet};

use super::extract::{end, unit};
use super::protocol::{Extracted, Message};

/// JSON rather than a PDF (`series` inputs): text opening an object or array (after a
/// UTF-8 byte-order mark), UTF-16 text, or any other JSON value (`null`, `42`).
pub fn looks_like_json(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"%PDF") {
        return false;
    }
    let text = without_bom(bytes);
    is_utf16(bytes)
        || matches!(first_byte(text), Some(b'{' | b'['))
        || serde_json::from_slice::<serde::de::IgnoredAny>(text).is_ok()
}

fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

fn is_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF")
}

fn first_byte(text: &[u8]) -> Option<u8> {
    text.iter().copied().find(|b| !b.is_ascii_whitespace())
}

/// Sheets written by the main command (one object, an array, or NDJSON lines), each passed
/// on as if extracted; `source` stays what the JSON says. A bad line of NDJSON fails that
/// line's sheet alone; anything else that is no sheet JSON fails the file with the reason.
pub fn read(bytes: &[u8], emit: &mut dyn FnMut(Message)) {
    let text = without_bom(bytes);
    let failure = if is_utf16(bytes) {
        Some("(UTF-16 text: save it as UTF-8)".to_string())
    } else {
        match first_byte(text) {
            Some(b'[') => match serde_json::from_slice::<Vec<serde_json::Value>>(text) {
                Ok(values) => emit_sheets(numbered(values), "sheet", emit),
                Err(e) => Some(format!("({e})")),
            },
            Some(b'{') => match serde_json::from_slice::<serde_json::Value>(text) {
                Ok(value) => emit_sheets(numbered([value]), "sheet", emit),
                Err(e) if text.trim_ascii().contains(&b'\n') && is_trailing(&e) => {
                    emit_sheets(ndjson_lines(text), "line", emit)
                }
                Err(e) => Some(format!("({e})")),
            },
            _ => Some(format!("(JSON {}, not a sheet)", json_type(text))),
        }
    };
    end(emit, Vec::new(), failure.map(ExtractError::NotSheetJson));
}

/// An error after a complete first value: the text is several values (NDJSON).
fn is_trailing(e: &serde_json::Error) -> bool {
    e.to_string().starts_with("trailing characters")
}

/// Each non-blank line with its 1-based number, read as a value.
fn ndjson_lines(text: &[u8]) -> impl Iterator<Item = Numbered> {
    text.split(|&b| b == b'\n')
        .enumerate()
        .filter(|(_, line)| !line.iter().all(u8::is_ascii_whitespace))
        .map(|(n, line)| {
            let value =
                serde_json::from_slice(line).map_err(|e| format!("({})", without_position(&e)));
            (n + 1, value)
        })
}

/// A value read from a JSON input, with the number it is known by (its place, or line).
type Numbered = (usize, Result<serde_json::Value, String>);

/// Numbered from 1.
fn numbered(values: impl IntoIterator<Item = serde_json::Value>) -> impl Iterator<Item = Numbered> {
    values
        .into_iter()
        .enumerate()
        .map(|(n, value)| (n + 1, Ok(value)))
}

/// Emit one unit per value (`sheet 2`, or `line 7` of NDJSON), a value that is no sheet
/// failing alone.
fn emit_sheets(
    values: impl Iterator<Item = Numbered>,
    what: &str,
    emit: &mut dyn FnMut(Message),
) -> Option<String> {
    for (number, value) in values {
        let result = value
            .and_then(sheet_of)
            .map(|sheet| Extracted::whole(Document::Measure(sheet), false))
            .map_err(ExtractError::NotSheetJson);
        unit(emit, format!("{what} {number}"), result);
    }
    None
}

/// A measure sheet of this schema version, with no integer beyond what a sheet holds.
fn sheet_of(value: serde_json::Value) -> Result<Sheet, String> {
    if let Some(number) = too_large(&value) {
        return Err(format!(
            "(the integer {number} is beyond the range of a sheet's numbers)"
        ));
    }
    let sheet: Sheet = serde_json::from_value(value).map_err(|e| format!("({e})"))?;
    if sheet.schema_version != SCHEMA_VERSION {
        return Err(format!("of schema version {SCHEMA_VERSION}"));
    }
    Ok(sheet)
}

/// The first integer in `value` that does not fit an i64.
fn too_large(value: &serde_json::Value) -> Option<&serde_json::Number> {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_u64() && !n.is_i64() => Some(n),
        Value::Array(items) => items.iter().find_map(too_large),
        Value::Object(map) => map.values().find_map(too_large),
        _ => None,
    }
}

fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rsplit_once(" at line ") {
        Some((message, _)) => message.to_string(),
        None => text,
    }
}

fn json_type(text: &[u8]) -> &'static str {
    match first_byte(text) {
        Some(b'n') => "null",
        Some(b't' | b'f') => "boolean",
        Some(b'"') => "string",
        _ => "number",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_told_from_pdf_by_its_first_bytes() {
        for json in [
            &b"{\"a\":1}"[..],
            b"\xEF\xBB\xBF[1]",
            b"\xFF\xFE{\0",
            b" null",
            b"42",
        ] {
            assert!(looks_like_json(json), "{json:?}");
        }
        for other in [&b"%PDF-1.7\n{"[..], b"<html>", b""] {
            assert!(!looks_like_json(other), "{other:?}");
        }
    }

    /// One unit per NDJSON line; a bad line fails alone, numbered by its line.
    #[test]
    fn a_bad_ndjson_line_fails_its_own_unit() {
        let mut sheet: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string("fixtures/kitakami-r6-4-1.expected.json").unwrap(),
        )
        .unwrap();
        // The fixtures' expected JSON leaves out `source` (it names the test's path).
        sheet["source"] =
            serde_json::json!({"file": "a.pdf", "first_page": 1, "pages": 2, "sha256": "00"});
        let ndjson = format!("{sheet}\n\n{{\n{{\"x\":1}}\n");
        let mut units = Vec::new();
        read(ndjson.as_bytes(), &mut |message| {
            if let Message::Unit(unit) = message {
                units.push((unit.pages, unit.result.is_ok()));
            }
        });
        let want = [("line 1", true), ("line 3", false), ("line 4", false)];
        assert_eq!(units, want.map(|(line, ok)| (line.to_string(), ok)));
    }
}
