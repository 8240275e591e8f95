//! Editing a spec file, or adding one to a spec directory, makes the next build regenerate.
//!
//! A scratch crate whose `main.rs` never changes refers to two operations. At first the spec
//! has neither, so it does not compile; after editing the existing spec file one of them
//! exists; after adding a second file both do and it compiles. Only the specs change between
//! builds, so each difference proves a regeneration. `cargo check` keeps it fast.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is in the workspace").to_path_buf()
}

fn spec_with(operations: &[(&str, &str)]) -> String {
    let paths: Vec<String> = operations
        .iter()
        .map(|(path, id)| {
            format!(
                r#""{path}": {{ "get": {{ "operationId": "{id}", "responses": {{ "204": {{ "description": "done" }} }} }} }}"#
            )
        })
        .collect();
    format!(r#"{{ "openapi": "3.0.3", "info": {{ "title": "scratch", "version": "1" }}, "paths": {{ {} }} }}"#, paths.join(", "))
}

/// Runs `cargo check` and returns (success, stderr).
fn check(dir: &Path, target: &Path) -> (bool, String) {
    let output = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--color", "never"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    (output.status.success(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// Whether rustc reported `name` as missing from the bindings module.
fn missing(stderr: &str, name: &str) -> bool {
    stderr.contains(&format!("cannot find `{name}`")) || stderr.contains(&format!("could not find `{name}`"))
}

/// Lets file modification times move past the last build's.
fn tick() {
    std::thread::sleep(Duration::from_millis(1100));
}

#[test]
fn editing_or_adding_a_spec_file_regenerates() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rebuild-scratch");
    let dir = root.join("crate");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::create_dir_all(dir.join("specs/api")).unwrap();
    let runtime = workspace().join("runtime");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"rebuild-scratch\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nspecbind = {{ path = {:?} }}\n\n[workspace]\n",
            runtime.display().to_string()
        ),
    )
    .unwrap();
    // Same dependency versions as the workspace, so nothing new is resolved.
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(dir.join("build.rs"), "fn main() { println!(\"cargo:rerun-if-changed=specs/api\"); }\n").unwrap();
    std::fs::write(
        dir.join("src/main.rs"),
        "#[specbind::bindings(spec = \"specs/api\")]\nmod api {}\n\n\
         fn main() {\n    let _ = api::ListWidgetsRequest::new();\n    let _ = api::ListGadgetsRequest::new();\n}\n",
    )
    .unwrap();
    std::fs::write(dir.join("specs/api/a.json"), spec_with(&[("/things", "ListThings")])).unwrap();
    let target = root.join("target");

    let (ok, stderr) = check(&dir, &target);
    assert!(!ok, "neither operation exists yet");
    assert!(missing(&stderr, "ListWidgetsRequest") && missing(&stderr, "ListGadgetsRequest"), "{stderr}");

    tick();
    std::fs::write(dir.join("specs/api/a.json"), spec_with(&[("/things", "ListThings"), ("/widgets", "ListWidgets")]))
        .unwrap();
    let (ok, stderr) = check(&dir, &target);
    assert!(!ok, "ListGadgets still missing");
    assert!(!missing(&stderr, "ListWidgetsRequest"), "editing a.json regenerated the bindings:\n{stderr}");
    assert!(missing(&stderr, "ListGadgetsRequest"), "{stderr}");

    tick();
    std::fs::write(dir.join("specs/api/b.json"), spec_with(&[("/gadgets", "ListGadgets")])).unwrap();
    let (ok, stderr) = check(&dir, &target);
    assert!(ok, "adding b.json regenerated the bindings:\n{stderr}");
}
