//! Warnings: what a reader of a document should look at, each with its kind, so that callers
//! (the batch's count, `--strict`, tests) never read the wording. Every stage makes its
//! warnings here, so the wording of each kind is in one place. JSON holds the text alone
//! (SPEC: `warnings` is an array of strings); a warning read back from JSON (the worker's
//! pipe, `series` inputs) gets its kind again from the wording this module writes.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What a warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WarningKind {
    /// Glyphs on a page whose font gives no characters.
    Undecodable,
    /// Printed text that no field of the sheet took.
    Unassigned,
    /// A project row of a measure sheet with no group row above it.
    ProjectWithoutGroup,
    /// Years printed without an era in a file that prints no era year to take.
    YearWithoutEra,
    /// An assessment printed as options of which none stands out as marked.
    NoMarkedOption,
    /// A warning of a wording this version does not write (JSON from elsewhere).
    Other,
}

/// One warning: its kind and the sentence shown to users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    kind: WarningKind,
    text: String,
}

impl Warning {
    /// `N glyph(s) on page P cannot be decoded: FONTS` (a sheet's page).
    pub fn undecodable_on_sheet(glyphs: usize, page: impl fmt::Display, fonts: &str) -> Warning {
        let text = format!("{glyphs} glyph(s) on page {page} cannot be decoded: {fonts}");
        Warning::of(WarningKind::Undecodable, text)
    }

    /// `page P: N glyphs cannot be decoded (FONTS)` (a page read by `form`).
    pub fn undecodable_on_page(page: impl fmt::Display, glyphs: usize, fonts: &str) -> Warning {
        let text = format!("page {page}: {glyphs} glyphs cannot be decoded ({fonts})");
        Warning::of(WarningKind::Undecodable, text)
    }

    /// Text of a measure sheet no field took, where it is printed.
    pub fn unassigned_text(page: impl fmt::Display, x: f64, y: f64, text: &str) -> Warning {
        let text = format!("unassigned text on page {page} at x={x:.0} y={y:.0}: \"{text}\"");
        Warning::of(WarningKind::Unassigned, text)
    }

    /// A text line of a project sheet outside every cell and under no label.
    pub fn stray_line(page: impl fmt::Display, text: &str) -> Warning {
        let text = format!("page {page}: text outside every cell and under no label: {text}");
        Warning::of(WarningKind::Unassigned, text)
    }

    /// A project of a measure sheet printed with no group row above it.
    pub fn project_without_group(number: &str) -> Warning {
        let text = format!("project {number} has no group row above it");
        Warning::of(WarningKind::ProjectWithoutGroup, text)
    }

    /// Bare years (`20年度`) in a file that prints no era year.
    pub fn year_without_era() -> Warning {
        let text =
            "a year without an era (such as 20年度) has no fiscal year: no era year is printed";
        Warning::of(WarningKind::YearWithoutEra, text.to_string())
    }

    /// An assessment whose options carry no mark that stands out.
    pub fn no_marked_option(page: impl fmt::Display, label: &str) -> Warning {
        let text = format!("page {page}: {label}: no option stands out as marked");
        Warning::of(WarningKind::NoMarkedOption, text)
    }

    fn of(kind: WarningKind, text: String) -> Warning {
        Warning { kind, text }
    }

    /// A warning read back from its text: the kind from the wording above.
    pub fn from_text(text: String) -> Warning {
        let kind = if text.starts_with("unassigned text on page ")
            || text.contains(": text outside every cell and under no label: ")
        {
            WarningKind::Unassigned
        } else if text.contains(" cannot be decoded") {
            WarningKind::Undecodable
        } else if text.starts_with("project ") && text.ends_with(" has no group row above it") {
            WarningKind::ProjectWithoutGroup
        } else if text.starts_with("a year without an era ") {
            WarningKind::YearWithoutEra
        } else if text.ends_with(": no option stands out as marked") {
            WarningKind::NoMarkedOption
        } else {
            WarningKind::Other
        };
        Warning { kind, text }
    }

    /// What the warning is about.
    pub fn kind(&self) -> WarningKind {
        self.kind
    }

    /// The sentence shown to users.
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Warning {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Warning {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Warning::from_text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every warning this version writes is recognised again from its JSON text.
    #[test]
    fn each_kind_comes_back_from_its_text() {
        let made = [
            Warning::undecodable_on_sheet(3, 2, "F1 (Type0)"),
            Warning::undecodable_on_page(2, 3, "F1 (Type0)"),
            Warning::unassigned_text(4, 12.4, 700.6, "メモ"),
            Warning::stray_line(1, "※ 注"),
            Warning::project_without_group("7"),
            Warning::year_without_era(),
            Warning::no_marked_option(2, "必要性"),
        ];
        for warning in made {
            let json = serde_json::to_string(&warning).unwrap();
            let back: Warning = serde_json::from_str(&json).unwrap();
            assert_eq!(back, warning, "{json}");
            assert_ne!(back.kind(), WarningKind::Other, "{json}");
        }
        assert_eq!(
            serde_json::to_string(&Warning::unassigned_text(4, 12.4, 700.6, "メモ")).unwrap(),
            r#""unassigned text on page 4 at x=12 y=701: \"メモ\"""#
        );
        let other: Warning = serde_json::from_str(r#""something else""#).unwrap();
        assert_eq!(
            (other.kind(), other.text()),
            (WarningKind::Other, "something else")
        );
    }
}
