//! Reading spec files: one file, or every `*.json` / `*.yaml` / `*.yml` in a directory, plus any
//! file a `$ref` reaches. Syntax errors carry line and column. YAML is read into the same JSON
//! value model, so every later stage is format-blind.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::SpecLoc;

/// One parsed spec file.
#[derive(Debug)]
pub struct SpecFile {
    /// Absolute path, tracked for rebuilds.
    pub path: PathBuf,
    /// Path as shown in diagnostics (relative to the crate when possible).
    pub display: Arc<str>,
    /// The parsed document.
    pub value: Value,
    /// Part of the spec the user named (not only reached through a `$ref`).
    pub is_root: bool,
}

impl SpecFile {
    /// Location of the document root.
    pub fn root(&self) -> SpecLoc {
        SpecLoc::new(self.display.clone(), "")
    }
}

/// Every file of one API, keyed by absolute path.
#[derive(Debug, Default)]
pub struct SpecSet {
    files: BTreeMap<PathBuf, SpecFile>,
    /// Every file read, including unparsable ones, for rebuild tracking.
    pub tracked: Vec<PathBuf>,
}

impl SpecSet {
    /// Files in path order.
    pub fn files(&self) -> impl Iterator<Item = &SpecFile> {
        self.files.values()
    }

    /// Files named by the user (not only reached through a `$ref`), in path order.
    pub fn roots(&self) -> impl Iterator<Item = &SpecFile> {
        self.files.values().filter(|file| file.is_root)
    }

    /// The file shown as `display`.
    pub fn by_display(&self, display: &str) -> Option<&SpecFile> {
        self.files.values().find(|file| &*file.display == display)
    }

    /// Resolves `reference` (`other.json#/a/b`, `#/a/b`) written at `from`.
    pub fn resolve(&self, from: &SpecLoc, reference: &str) -> Result<(SpecLoc, &Value), String> {
        let (file_part, pointer) = reference.split_once('#').unwrap_or((reference, ""));
        let file = if file_part.is_empty() {
            self.by_display(&from.file)
        } else {
            let origin = self.by_display(&from.file).map(|file| file.path.clone());
            let dir = origin.as_deref().and_then(Path::parent).unwrap_or(Path::new(""));
            self.files.get(&normalize(&dir.join(file_part)))
        };
        let file = file
            .ok_or_else(|| format!("`$ref` target file `{file_part}` is missing or unreadable"))?;
        let value = file
            .value
            .pointer(pointer)
            .ok_or_else(|| format!("`$ref` `{reference}` points at nothing in {}", file.display))?;
        Ok((SpecLoc::new(file.display.clone(), pointer), value))
    }
}

/// Loads the spec at `spec` (a file or directory, relative to `base_dir`).
pub fn load(spec: &Path, base_dir: &Path, diags: &mut Diagnostics) -> SpecSet {
    let absolute = normalize(&base_dir.join(spec));
    let shown = |path: &Path| -> Arc<str> {
        let relative = pathdiff(path, base_dir).unwrap_or_else(|| path.to_path_buf());
        relative.to_string_lossy().replace('\\', "/").into()
    };
    let mut set = SpecSet::default();
    let mut queue = Vec::new();
    match std::fs::metadata(&absolute) {
        Ok(meta) if meta.is_dir() => match std::fs::read_dir(&absolute) {
            Ok(entries) => {
                let mut paths: Vec<PathBuf> = entries
                    .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                    .filter(|path| is_spec_file(path) && path.is_file())
                    .collect();
                paths.sort();
                if paths.is_empty() {
                    diags.error(
                        &SpecLoc::new(shown(&absolute), ""),
                        "the spec directory has no `*.json` or `*.yaml` files",
                    );
                }
                queue.extend(paths.into_iter().map(|path| (path, true)));
            }
            Err(error) => diags.error(
                &SpecLoc::new(shown(&absolute), ""),
                format!("cannot read the spec directory: {error}"),
            ),
        },
        Ok(_) => queue.push((absolute.clone(), true)),
        Err(error) => diags
            .error(&SpecLoc::new(shown(&absolute), ""), format!("cannot read the spec: {error}")),
    }
    while let Some((path, is_root)) = queue.pop() {
        if set.files.contains_key(&path) || set.tracked.contains(&path) {
            continue;
        }
        set.tracked.push(path.clone());
        let display = shown(&path);
        let Some(value) = read_document(&path, &display, is_root, diags) else { continue };
        let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let mut referenced = Vec::new();
        collect_file_refs(&value, &mut referenced);
        for target in referenced {
            queue.push((normalize(&dir.join(target)), false));
        }
        set.files.insert(path.clone(), SpecFile { path, display, value, is_root });
    }
    set.tracked.sort();
    set
}

/// A file a spec directory's listing includes.
fn is_spec_file(path: &Path) -> bool {
    path.extension().and_then(|ext| ext.to_str()).is_some_and(|ext| {
        ext.eq_ignore_ascii_case("json")
            || ext.eq_ignore_ascii_case("yaml")
            || ext.eq_ignore_ascii_case("yml")
    })
}

/// Whether `path` is read as YAML (by its extension; everything else is JSON).
fn is_yaml(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"))
}

fn read_document(
    path: &Path,
    display: &Arc<str>,
    is_root: bool,
    diags: &mut Diagnostics,
) -> Option<Value> {
    let loc = SpecLoc::new(display.clone(), "");
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        // A missing file reached only by `$ref` is reported at that `$ref`, where it can be fixed.
        Err(error) if !is_root && error.kind() == std::io::ErrorKind::NotFound => return None,
        Err(error) => {
            diags.error(&loc, format!("cannot read the file: {error}"));
            return None;
        }
    };
    if is_yaml(path) {
        return read_yaml(&bytes, loc, diags);
    }
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(value) => Some(value),
        Err(error) => {
            let mut diagnostic =
                Diagnostic::new(loc, format!("invalid JSON: {}", strip_position(&error)));
            diagnostic.line_col = Some((error.line(), error.column()));
            diags.push(diagnostic);
            None
        }
    }
}

fn read_yaml(bytes: &[u8], loc: SpecLoc, diags: &mut Diagnostics) -> Option<Value> {
    let failure = match std::str::from_utf8(bytes) {
        Ok(text) => match serde_saphyr::from_str::<Value>(text) {
            Ok(value) => return Some(value),
            Err(error) => error,
        },
        Err(error) => {
            diags.error(&loc, format!("invalid YAML: not UTF-8 ({error})"));
            return None;
        }
    };
    let position = failure.location().map(|at| (at.line() as usize, at.column() as usize));
    let message = failure.to_string();
    // The first line says what is wrong; the rest is a snippet of the file.
    let first = message.lines().next().unwrap_or("syntax error").trim();
    let mut diagnostic = Diagnostic::new(loc, format!("invalid YAML: {first}"));
    diagnostic.line_col = position.filter(|(line, _)| *line > 0);
    diags.push(diagnostic);
    None
}

/// serde_json appends " at line L column C"; the diagnostic carries those separately.
fn strip_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

fn collect_file_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                let file = reference.split('#').next().unwrap_or("");
                if !file.is_empty() && !file.contains("://") {
                    out.push(file.to_string());
                }
            }
            map.values().for_each(|child| collect_file_refs(child, out));
        }
        Value::Array(items) => items.iter().for_each(|child| collect_file_refs(child, out)),
        _ => {}
    }
}

/// Removes `.` and `..` without touching the file system (the path may not exist).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `path` relative to `base`, when `path` is inside or beside it.
fn pathdiff(path: &Path, base: &Path) -> Option<PathBuf> {
    let base = normalize(base);
    let path_parts: Vec<_> = path.components().collect();
    let base_parts: Vec<_> = base.components().collect();
    let common = path_parts.iter().zip(&base_parts).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return None;
    }
    let mut out = PathBuf::new();
    for _ in common..base_parts.len() {
        out.push("..");
    }
    for part in &path_parts[common..] {
        out.push(part.as_os_str());
    }
    Some(out)
}
