//! One case per service: its whole export crate binds as one module.
//!
//! `bindings.rs` binds each service as a user would, with the crate's every export in one
//! module; where the generator refuses that (ELB today) the bindings fall back to one module
//! per file so the wire cases can still run. This case keeps the refusal counted as a failure
//! instead of letting the fallback hide it. It runs the generator library on the very
//! directory `spec_crate` reads, found the same way (`cargo metadata`).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// `Ok(())` when the generator accepts every export of `crate_name` as one module.
pub fn whole_crate_binds(crate_name: &str) -> Result<(), String> {
    let dir = crate_dir(crate_name)?;
    let parent = dir.parent().ok_or("the crate directory has no parent")?;
    let inside = Path::new(dir.file_name().ok_or("the crate directory has no name")?).join("src");
    let input = specbind_codegen::GenerateInput {
        spec: &inside,
        base_dir: parent,
        options: specbind_codegen::Options { skip_invalid: true },
    };
    match specbind_codegen::generate(&input) {
        Ok(_) => Ok(()),
        Err(failure) => {
            let problems: Vec<String> =
                failure.diagnostics.iter().map(|diagnostic| diagnostic.to_string()).collect();
            Err(format!("the generator refuses the exports: {}", problems.join("; ")))
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
