//! Editing a spec file, or adding one to a spec directory, makes the next build regenerate.
//!
//! A scratch crate is checked after each change to its spec directory; cargo's JSON messages
//! say whether the crate was compiled again (`"fresh": false`), which reruns the macro. Every
//! build succeeds, so no rebuild is forced by an earlier failure, and an unchanged spec must
//! leave the crate fresh. Finally a program using the new operations compiles.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is in the workspace")
        .to_path_buf()
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
    format!(
        r#"{{ "openapi": "3.0.3", "info": {{ "title": "scratch", "version": "1" }}, "paths": {{ {} }} }}"#,
        paths.join(", ")
    )
}

/// Runs `cargo check`; returns whether it succeeded, whether the binary was recompiled, and stderr.
fn check(dir: &Path, target: &Path) -> (bool, bool, String) {
    let output = Command::new(env!("CARGO"))
        .args(["check", "--color", "never", "--message-format", "json"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let recompiled = stdout
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .any(|message| {
            message["reason"] == "compiler-artifact"
                && message["target"]["name"] == "rebuild-scratch"
                && message["target"]["kind"][0] == "bin"
                && message["fresh"] == false
        });
    (output.status.success(), recompiled, String::from_utf8_lossy(&output.stderr).into_owned())
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
    let main = |uses: &str| {
        format!(
            "#[specbind::bindings(spec = \"specs/api\")]\nmod api {{}}\n\nfn main() {{\n{uses}}}\n"
        )
    };
    std::fs::write(dir.join("src/main.rs"), main("    let _ = api::ListThingsRequest::new();\n"))
        .unwrap();
    std::fs::write(dir.join("specs/api/a.json"), spec_with(&[("/things", "ListThings")])).unwrap();
    let target = root.join("target");

    let (ok, _, stderr) = check(&dir, &target);
    assert!(ok, "{stderr}");
    let (ok, recompiled, stderr) = check(&dir, &target);
    assert!(ok && !recompiled, "nothing changed, so nothing is rebuilt:\n{stderr}");

    // Edits are tracked by the macro itself (no build script yet).
    tick();
    std::fs::write(
        dir.join("specs/api/a.json"),
        spec_with(&[("/things", "ListThings"), ("/widgets", "ListWidgets")]),
    )
    .unwrap();
    let (ok, recompiled, stderr) = check(&dir, &target);
    assert!(ok && recompiled, "editing a spec file regenerates:\n{stderr}");

    // New files need the one-line build script the README recommends for spec directories.
    std::fs::write(
        dir.join("build.rs"),
        "fn main() { println!(\"cargo:rerun-if-changed=specs/api\"); }\n",
    )
    .unwrap();
    let (ok, _, stderr) = check(&dir, &target);
    assert!(ok, "{stderr}");
    let (ok, recompiled, stderr) = check(&dir, &target);
    assert!(ok && !recompiled, "{stderr}");
    tick();
    std::fs::write(dir.join("specs/api/b.json"), spec_with(&[("/gadgets", "ListGadgets")]))
        .unwrap();
    let (ok, recompiled, stderr) = check(&dir, &target);
    assert!(ok && recompiled, "adding a spec file regenerates:\n{stderr}");
    let (ok, recompiled, stderr) = check(&dir, &target);
    assert!(ok && !recompiled, "{stderr}");

    // The regenerated module really has both new operations.
    std::fs::write(
        dir.join("src/main.rs"),
        main("    let _ = api::ListWidgetsRequest::new();\n    let _ = api::ListGadgetsRequest::new();\n"),
    )
    .unwrap();
    let (ok, _, stderr) = check(&dir, &target);
    assert!(ok, "{stderr}");
}
