//! The import graph of the library follows [`LAYERS`](crate::LAYERS): no module uses one
//! after it (no upward import), so there is no cycle.

use std::collections::BTreeSet;
use std::path::Path;

/// The modules (of `LAYERS`) that the source files of module `name` use, outside comments
/// and tests.
fn uses(name: &str) -> BTreeSet<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![src.join(format!("{name}.rs"))];
    if let Ok(dir) = std::fs::read_dir(src.join(name)) {
        files.extend(dir.map(|e| e.unwrap().path()));
    }
    let mut used = BTreeSet::new();
    for file in files.iter().filter(|f| f.is_file()) {
        let text = std::fs::read_to_string(file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for (i, _) in line.match_indices("crate::") {
                let rest = &line[i + "crate::".len()..];
                let names: Vec<&str> = match rest.strip_prefix('{') {
                    Some(list) => list.split(['}', ',']).map(str::trim).collect(),
                    None => vec![rest],
                };
                for name in names {
                    let module: String = name
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    used.insert(module);
                }
            }
        }
    }
    used.into_iter()
        .filter(|m| m != name && crate::LAYERS.contains(&m.as_str()))
        .collect()
}

#[test]
fn no_module_uses_one_above_it() {
    for (level, name) in crate::LAYERS.iter().enumerate() {
        for used in uses(name) {
            let at = crate::LAYERS.iter().position(|m| *m == used).unwrap();
            assert!(at < level, "{name} uses {used}, which comes after it");
        }
    }
}

#[test]
fn every_module_is_in_the_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules: Vec<String> = std::fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_string()))
        .filter(|m| !["lib", "main", "app", "layering"].contains(&m.as_str()))
        .collect();
    modules.sort();
    modules.dedup();
    let mut layers: Vec<String> = crate::LAYERS.iter().map(|m| m.to_string()).collect();
    layers.sort();
    assert_eq!(modules, layers);
}
