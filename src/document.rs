//! The documents the command writes, one per sheet or form read: a [`Document`] is one of
//! SPEC.md's kinds ("Kinds of sheet", "Any form"), each with its own model. Serialising a
//! document gives exactly the object SPEC.md defines for its kind (the model's JSON, which
//! carries its own `kind` key); reading one back dispatches on that key (a sheet written
//! before the key existed is a measure sheet).
//!
//! Every sink writes documents, and every stage's result becomes one, so that a new kind is a
//! new variant here and a new model, never a special case in the pool or the sinks.

use serde::{Deserialize, Serialize};

use crate::form::FormDocument;
use crate::model::Sheet;
use crate::project::{JudgementPages, ProjectSheet};

/// One output object.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Document {
    /// A 基本施策 sheet (`kind: "measure"`).
    Measure(Sheet),
    /// A 事務事業 sheet (`kind: "project"`).
    Project(ProjectSheet),
    /// One input file read by `sheet-extract form` (`kind: "form"`).
    Form(FormDocument),
}

impl Document {
    /// The `kind` key of the document's JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Document::Measure(_) => "measure",
            Document::Project(_) => "project",
            Document::Form(_) => "form",
        }
    }

    /// The document's warnings (anything doubtful, in plain words).
    pub fn warnings(&self) -> &[crate::warning::Warning] {
        match self {
            Document::Measure(sheet) => &sheet.warnings,
            Document::Project(sheet) => &sheet.warnings,
            Document::Form(form) => &form.warnings,
        }
    }

    /// The input file as given (`source.file`).
    pub fn file(&self) -> &str {
        match self {
            Document::Measure(sheet) => &sheet.source.file,
            Document::Project(sheet) => &sheet.source.file,
            Document::Form(form) => &form.source.file,
        }
    }

    /// The page (1-based) on which the document starts.
    pub fn first_page(&self) -> usize {
        match self {
            Document::Measure(sheet) => sheet.source.first_page,
            Document::Project(sheet) => sheet.source.first_page,
            Document::Form(form) => form.pages.first().map_or(1, |p| p.page),
        }
    }
}

impl From<Sheet> for Document {
    fn from(sheet: Sheet) -> Document {
        Document::Measure(sheet)
    }
}

impl From<ProjectSheet> for Document {
    fn from(sheet: ProjectSheet) -> Document {
        Document::Project(sheet)
    }
}

impl From<FormDocument> for Document {
    fn from(form: FormDocument) -> Document {
        Document::Form(form)
    }
}

/// A document as it crosses a pipe: tagged by its variant, so that the reader needs no
/// look-ahead (serde's external tagging: `{"Measure": {…}}`). A project sheet travels with
/// what its JSON leaves out: the pages of its assessments and direction.
#[derive(Debug, Serialize)]
pub enum TaggedRef<'a> {
    Measure(&'a Sheet),
    Project(&'a ProjectSheet, JudgementPages),
    Form(&'a FormDocument),
}

/// The owned counterpart of [`TaggedRef`], read back into a [`Document`].
#[derive(Debug, Deserialize)]
pub enum Tagged {
    Measure(Sheet),
    Project(ProjectSheet, JudgementPages),
    Form(FormDocument),
}

impl Document {
    /// The document tagged for a pipe.
    pub fn tagged(&self) -> TaggedRef<'_> {
        match self {
            Document::Measure(sheet) => TaggedRef::Measure(sheet),
            Document::Project(sheet) => TaggedRef::Project(sheet, JudgementPages::of(sheet)),
            Document::Form(form) => TaggedRef::Form(form),
        }
    }
}

impl From<Tagged> for Document {
    fn from(tagged: Tagged) -> Document {
        match tagged {
            Tagged::Measure(sheet) => Document::Measure(sheet),
            Tagged::Project(mut sheet, pages) => {
                pages.restore(&mut sheet);
                Document::Project(sheet)
            }
            Tagged::Form(form) => Document::Form(form),
        }
    }
}

impl<'de> Deserialize<'de> for Document {
    /// By the `kind` key (absent: a measure sheet written before the key existed).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Document, D::Error> {
        use serde::de::Error;
        let value = serde_json::Value::deserialize(d)?;
        let kind = value
            .get("kind")
            .and_then(|k| k.as_str())
            .unwrap_or("measure");
        let document = match kind {
            "measure" => serde_json::from_value(value).map(Document::Measure),
            "project" => serde_json::from_value(value).map(Document::Project),
            "form" => serde_json::from_value(value).map(Document::Form),
            other => return Err(D::Error::custom(format!("unknown kind {other:?}"))),
        };
        document.map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::FormSource;

    fn form() -> FormDocument {
        FormDocument {
            schema_version: 1,
            kind: "form".into(),
            source: FormSource {
                file: "a.pdf".into(),
                pages: 3,
                sha256: "00".into(),
            },
            pages: Vec::new(),
            warnings: vec![crate::Warning::from_text("w".into())],
        }
    }

    #[test]
    fn a_document_serialises_as_its_model_and_reads_back_by_kind() {
        let document = Document::Form(form());
        let json = serde_json::to_string(&document).unwrap();
        assert_eq!(json, serde_json::to_string(&form()).unwrap());
        assert_eq!(
            json,
            r#"{"schema_version":1,"kind":"form","source":{"file":"a.pdf","pages":3,"sha256":"00"},"pages":[],"warnings":["w"]}"#
        );
        assert_eq!(serde_json::from_str::<Document>(&json).unwrap(), document);
        assert_eq!(document.warnings()[0].text(), "w");
    }

    #[test]
    fn a_tagged_document_round_trips() {
        let document = Document::Form(form());
        let json = serde_json::to_string(&document.tagged()).unwrap();
        assert!(json.starts_with(r#"{"Form":{"schema_version":1"#), "{json}");
        let back: Tagged = serde_json::from_str(&json).unwrap();
        assert_eq!(Document::from(back), document);
    }

    #[test]
    fn a_project_sheet_crosses_a_pipe_with_the_pages_its_json_leaves_out() {
        let json = include_str!("../fixtures/projects/excel-c1.expected.json");
        let mut sheet: ProjectSheet = serde_json::from_str(json).unwrap();
        sheet.assessments[0].page = 2;
        sheet.direction.as_mut().unwrap().page = 3;
        let plain = serde_json::to_value(&sheet).unwrap();
        assert_eq!(plain["assessments"][0].get("page"), None);
        assert_eq!(plain["direction"].get("page"), None);
        let document = Document::Project(sheet);
        let wire = serde_json::to_string(&document.tagged()).unwrap();
        let back = Document::from(serde_json::from_str::<Tagged>(&wire).unwrap());
        assert_eq!(back, document);
        let Document::Project(back) = back else {
            unreachable!()
        };
        assert_eq!(back.assessments[0].page, 2);
        assert_eq!(back.direction.unwrap().page, 3);
    }

    #[test]
    fn an_unknown_kind_is_refused() {
        let error = serde_json::from_str::<Document>(r#"{"kind":"x"}"#).unwrap_err();
        assert_eq!(error.to_string(), r#"unknown kind "x""#);
    }
}
