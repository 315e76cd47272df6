//! `--schema`: one JSON Schema (Draft 2020-12) covering every object the main command and
//! `form` write, `oneOf` by `kind` (SPEC.md "Project sheets"): a branch per kind, each the
//! kind's own schema file (`schema/*.schema.json`) without its identity, `kind` required.
//! Additions within schema version 1 are allowed: no `additionalProperties: false` at the
//! top of any branch.

use serde_json::{Value, json};

const MEASURE: &str = include_str!("../../schema/sheet.schema.json");
const PROJECT: &str = include_str!("../../schema/project.schema.json");
const FORM: &str = include_str!("../../schema/form.schema.json");

/// The schema, pretty, with a final newline.
pub fn text() -> String {
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/sheet-extract/sheet-extract/schema/sheet-extract.schema.json",
        "title": "sheet-extract output, schema version 1",
        "description": "One object written by sheet-extract (an array of them with several inputs): a measure sheet (基本施策), a project sheet (事務事業) or a form (sheet-extract form), told apart by `kind`.",
        "type": "object",
        "properties": {
            "schema_version": {"const": 1},
            "kind": {"enum": ["measure", "project", "form"]}
        },
        "required": ["schema_version", "kind"],
        "oneOf": [branch(MEASURE), branch(PROJECT), branch(FORM)]
    });
    serde_json::to_string_pretty(&schema).expect("a schema serialises") + "\n"
}

/// A kind's schema as a branch: its identity and its closing of additions removed.
fn branch(text: &str) -> Value {
    let mut schema: Value = serde_json::from_str(text).expect("the schema files are JSON");
    if let Some(object) = schema.as_object_mut() {
        for key in ["$schema", "$id", "additionalProperties"] {
            object.remove(key);
        }
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_branch_requires_its_kind_and_allows_additions() {
        let schema: Value = serde_json::from_str(&text()).unwrap();
        assert!(schema.get("additionalProperties").is_none());
        let kinds: Vec<&Value> = schema["oneOf"]
            .as_array()
            .unwrap()
            .iter()
            .map(|branch| {
                assert!(branch.get("additionalProperties").is_none());
                let required = branch["required"].as_array().unwrap();
                assert!(required.contains(&json!("kind")));
                &branch["properties"]["kind"]["const"]
            })
            .collect();
        assert_eq!(
            kinds,
            [&json!("measure"), &json!("project"), &json!("form")]
        );
    }
}
