//! Reads every operation of `specs/vpcep` (method, path template, `x-specbind-unavailable-in`)
//! into a table the simulator compiles in, so which region offers what has one source: the
//! specs the `vpcep` client is generated from. Nothing here is kept by hand.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const METHODS: &[&str] = &["get", "put", "post", "delete", "patch", "head", "options"];

fn main() {
    let specs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs/vpcep");
    println!("cargo:rerun-if-changed={}", specs.display());
    let mut rows = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&specs)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", specs.display()))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        rows.extend(operations_of(file));
    }
    rows.sort();
    let mut table = String::from("&[\n");
    for (id, method, path, regions) in &rows {
        let _ = writeln!(
            table,
            "    SpecOperation {{ id: {id:?}, method: {method:?}, path: {path:?}, \
             unavailable_in: &{regions:?} }},"
        );
    }
    table.push_str("]\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("spec_operations.rs"), table).expect("OUT_DIR is writable");
}

/// `(operationId, METHOD, path, regions lacking it)` for each operation in one spec file. A build
/// script may panic: a broken spec should stop the build with the file named.
fn operations_of(file: &Path) -> Vec<(String, String, String, Vec<String>)> {
    let text = std::fs::read_to_string(file)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    let doc: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", file.display()));
    let mut found = Vec::new();
    let Some(paths) = doc.get("paths").and_then(|paths| paths.as_object()) else {
        return found;
    };
    for (path, item) in paths {
        for method in METHODS {
            let Some(operation) = item.get(*method) else { continue };
            let id = operation["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{}: {method} {path} has no operationId", file.display()))
                .to_owned();
            let regions = operation
                .get("x-specbind-unavailable-in")
                .and_then(|regions| regions.as_array())
                .map(|regions| {
                    regions.iter().filter_map(|r| r.as_str().map(str::to_owned)).collect()
                })
                .unwrap_or_default();
            found.push((id, method.to_ascii_uppercase(), path.clone(), regions));
        }
    }
    found
}
