//! Writes small spec files into a fresh scratch directory and runs the generator on them.
#![allow(dead_code)] // each test file uses a different part of this helper

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use specbind_codegen::{GenerateInput, Options, lower_api, model::Api};

/// A scratch directory holding spec files, removed on drop.
pub struct Scratch {
    /// The directory, used as `base_dir`.
    pub dir: PathBuf,
}

impl Scratch {
    /// A new empty directory unique to this process and call.
    pub fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("specbind-codegen-test-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Self { dir }
    }

    /// Writes `text` at `relative`, creating folders.
    pub fn write(&self, relative: &str, text: &str) -> &Self {
        let path = self.dir.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Lowers `spec` (relative to the scratch directory).
    pub fn lower(&self, spec: &str) -> Result<Api, Vec<String>> {
        self.lower_with(spec, Options::default())
    }

    /// Lowers `spec` with `options`.
    pub fn lower_with(&self, spec: &str, options: Options) -> Result<Api, Vec<String>> {
        let input = GenerateInput { spec: Path::new(spec), base_dir: &self.dir, options };
        lower_api(&input)
            .map(|lowered| lowered.api)
            .map_err(|f| f.errors().map(ToString::to_string).collect())
    }

    /// Lowers `spec`, panicking with the diagnostics if it fails.
    pub fn lower_ok(&self, spec: &str) -> Api {
        self.lower(spec).unwrap_or_else(|d| panic!("unexpected diagnostics:\n{}", d.join("\n")))
    }

    /// Lowers `spec`, which must succeed; returns its repairs and skips, rendered as
    /// `<label>: <file>#<pointer>: <message>`.
    pub fn lower_notes(&self, spec: &str) -> Vec<String> {
        let input = GenerateInput {
            spec: Path::new(spec),
            base_dir: &self.dir,
            options: Options::default(),
        };
        match lower_api(&input) {
            Ok(lowered) => {
                lowered.notes.iter().map(|d| format!("{}: {d}", d.severity.label())).collect()
            }
            Err(f) => panic!("unexpected diagnostics:\n{:#?}", f.diagnostics),
        }
    }

    /// Lowers `spec` with `strict`, which must fail; returns the rendered errors.
    pub fn lower_strict_err(&self, spec: &str) -> Vec<String> {
        let options = Options { strict: true, ..Options::default() };
        match self.lower_with(spec, options) {
            Ok(_) => panic!("{spec} lowered under `strict` but should not have"),
            Err(diags) => diags,
        }
    }

    /// Lowers `spec`, which must fail; returns the rendered errors.
    pub fn lower_err(&self, spec: &str) -> Vec<String> {
        match self.lower(spec) {
            Ok(_) => panic!("{spec} lowered but should not have"),
            Err(diags) => diags,
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// An OpenAPI 3.0 document with the given `paths` and `components` JSON.
pub fn doc(paths: &str, components: &str) -> String {
    format!(
        r#"{{"openapi":"3.0.3","info":{{"title":"t","version":"1"}},"paths":{paths},"components":{components}}}"#
    )
}
