//! One case per service: its whole export crate binds as one module.
//!
//! `bindings.rs` binds each service as a user would, every export of the crate in one module, so
//! a refusal already stops the build; this case adds what the build does not show: how many
//! exports the generator repaired or left out. It runs the generator library on the very
//! directory `spec_crate` reads, found the same way (`cargo metadata`).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use specbind_codegen::diag::Severity;

/// `Ok(notes)` when the generator accepts every export of `crate_name` as one module; the notes
/// count what it repaired and what it left out (files that are not API documents, operations it
/// cannot bind), so a case can pass and still show them.
pub fn whole_crate_binds(crate_name: &str) -> Result<Vec<String>, String> {
    let dir = crate_dir(crate_name)?;
    let parent = dir.parent().ok_or("the crate directory has no parent")?;
    let inside = Path::new(dir.file_name().ok_or("the crate directory has no name")?).join("src");
    let input = specbind_codegen::GenerateInput {
        spec: &inside,
        base_dir: parent,
        overlays: &[],
        options: specbind_codegen::Options { skip_invalid: true, ..Default::default() },
    };
    match specbind_codegen::generate(&input) {
        Ok(generated) => {
            let count =
                |severity| generated.notes.iter().filter(|n| n.severity == severity).count();
            Ok(vec![format!(
                "{} repairs, {} skips",
                count(Severity::Repair),
                count(Severity::Skip)
            )])
        }
        Err(failure) => {
            let errors: Vec<String> = failure.errors().map(ToString::to_string).collect();
            Err(format!("the generator refuses the exports: {}", errors.join("; ")))
        }
    }
}

/// The directory of dependency `name`, from `cargo metadata` (offline: the build fetched it).
fn crate_dir(name: &str) -> Result<PathBuf, String> {
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--offline", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let metadata: Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("cargo metadata printed no JSON: {e}"))?;
    metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|package| package["name"].as_str() == Some(name))
        .and_then(|package| package["manifest_path"].as_str())
        .and_then(|manifest| Path::new(manifest).parent().map(Path::to_path_buf))
        .ok_or_else(|| format!("cargo metadata does not list {name}"))
}
