//! `spec_crate = "..."`: finds the source directory of a dependency that ships spec files (the
//! `huawei-cloud-api-definitions-<SERVICE>` crates carry a service's API Explorer exports under
//! `src/`).
//!
//! Cargo tells a proc-macro nothing about other packages, so we ask `cargo metadata` (the cargo
//! running the build is in `CARGO`). Only a dependency of the crate being compiled counts: that
//! makes the version the one in the user's `Cargo.lock`, and the files already downloaded.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The directory holding `name`'s `Cargo.toml`, for the package whose manifest is in
/// `manifest_dir`. The error is a sentence for the user.
pub fn locate(name: &str, manifest_dir: &Path) -> Result<PathBuf, String> {
    let metadata = cargo_metadata(manifest_dir)?;
    let packages = metadata["packages"].as_array().map(Vec::as_slice).unwrap_or_default();
    let own_manifest = manifest_dir.join("Cargo.toml");
    let own = packages
        .iter()
        .find(|package| package["manifest_path"].as_str().map(Path::new) == Some(&own_manifest))
        .and_then(|package| package["id"].as_str())
        .ok_or_else(|| format!("`cargo metadata` does not list {}", own_manifest.display()))?;
    let nodes = metadata["resolve"]["nodes"].as_array().map(Vec::as_slice).unwrap_or_default();
    let dependency_ids: Vec<&str> = nodes
        .iter()
        .find(|node| node["id"].as_str() == Some(own))
        .and_then(|node| node["deps"].as_array())
        .map(|deps| deps.iter().filter_map(|dep| dep["pkg"].as_str()).collect())
        .unwrap_or_default();
    let manifest = packages
        .iter()
        .filter(|package| package["name"].as_str() == Some(name))
        .find(|package| package["id"].as_str().is_some_and(|id| dependency_ids.contains(&id)))
        .and_then(|package| package["manifest_path"].as_str())
        .ok_or_else(|| {
            format!(
                "`{name}` is not a dependency of this crate; add it to [dependencies] \
                 (`{name} = {{ version = \"*\", default-features = false }}`: only its files are \
                 read, none of its code is needed)"
            )
        })?;
    Path::new(manifest)
        .parent()
        .map(Path::to_path_buf)
        .ok_or_else(|| format!("`{manifest}` has no parent directory"))
}

/// `cargo metadata` for the package in `manifest_dir`, offline and with the lock file as it is,
/// so the macro never downloads anything or rewrites `Cargo.lock` during a build, and for this
/// platform only, whose packages the build has already downloaded.
fn cargo_metadata(manifest_dir: &Path) -> Result<Value, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--offline", "--locked"])
        .args(["--filter-platform", env!("SPECBIND_HOST_TRIPLE")])
        .current_dir(manifest_dir)
        .output()
        .map_err(|error| format!("cannot run `cargo metadata`: {error}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!("`cargo metadata` failed: {}", stderr.trim()));
    }
    serde_json::from_slice(&output.stdout)
        .map_err(|error| format!("`cargo metadata` printed something that is not JSON: {error}"))
}
