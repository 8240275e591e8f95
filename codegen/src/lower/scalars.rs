//! Scalar types: a schema's `type` and `format` read the way real specs write them (repairing
//! type names outside the standard), and the primitive a standard pair becomes.

use serde_json::{Map, Value};

use crate::diag::Diagnostics;
use crate::model::*;

/// The scalar for a standard `type` + `format`. `format` is open (OpenAPI says so): an unknown
/// one is only a hint, and the type alone decides.
pub fn primitive(ty: &str, format: Option<&str>) -> Primitive {
    match (ty, format) {
        ("string", Some("binary")) => Primitive::Bytes,
        ("string", _) => Primitive::String,
        ("boolean", _) => Primitive::Bool,
        ("integer", Some("int32" | "int16" | "int8" | "uint8" | "uint16")) => Primitive::I32,
        ("integer", _) => Primitive::I64,
        ("number", Some("float" | "float32")) => Primitive::F32,
        _ => Primitive::F64,
    }
}

/// The standard type of a schema (and its format), with the obvious repairs: names outside the
/// standard (`long`, `Integer`, `double`, `file`, `Object`, …) become the standard type they
/// mean, a type list (OpenAPI 3.1 style) its first non-`null` entry. `None` for a schema that
/// allows any JSON value.
pub(super) fn type_and_format<'m>(
    loc: &SpecLoc,
    map: &'m Map<String, Value>,
    diags: &mut Diagnostics,
) -> Option<(&'static str, Option<&'m str>)> {
    let format = map.get("format").and_then(Value::as_str);
    let written = match map.get("type") {
        None if map.contains_key("properties") || map.contains_key("additionalProperties") => {
            return Some(("object", format));
        }
        None if map.contains_key("items") => return Some(("array", format)),
        None if map.contains_key("enum") => return Some(("string", format)),
        None => return None,
        Some(Value::String(ty)) => ty.as_str(),
        Some(Value::Array(types)) => {
            let first = types.iter().filter_map(Value::as_str).find(|ty| *ty != "null");
            diags.repair(
                &loc.join("type"),
                format!(
                    "`type` must be a string (OpenAPI 3.0 has no type lists); read as `{}`",
                    first.unwrap_or("any")
                ),
            );
            first?
        }
        Some(_) => {
            diags.repair(&loc.join("type"), "`type` must be a string; read as any JSON value");
            return None;
        }
    };
    let standard = match written {
        "string" | "integer" | "number" | "boolean" | "object" | "array" => {
            return Some((standard_name(written), format));
        }
        "null" => return None,
        _ => nonstandard_type(written),
    };
    match standard {
        Some((ty, implied)) => {
            diags.repair(&loc.join("type"), format!("unknown type `{written}`; read as `{ty}`"));
            Some((ty, implied.or(format)))
        }
        None => {
            diags.repair(
                &loc.join("type"),
                format!("unknown type `{written}`; read as any JSON value"),
            );
            None
        }
    }
}

/// `written` as a `'static` standard type name (it is one of them).
fn standard_name(written: &str) -> &'static str {
    ["string", "integer", "number", "boolean", "object", "array"]
        .into_iter()
        .find(|name| *name == written)
        .unwrap_or("string")
}

/// The standard type (and implied format) an exporter meant by a type name outside the
/// standard, compared without case.
fn nonstandard_type(written: &str) -> Option<(&'static str, Option<&'static str>)> {
    let found = match written.to_ascii_lowercase().as_str() {
        "long" | "int64" | "bigint" | "biginteger" => ("integer", Some("int64")),
        "int" | "integer" | "int32" | "short" => ("integer", Some("int32")),
        "double" | "decimal" | "bigdecimal" => ("number", Some("double")),
        "float" => ("number", Some("float")),
        "number" => ("number", None),
        "string" | "str" | "text" | "date" | "datetime" => ("string", None),
        "boolean" | "bool" => ("boolean", None),
        "object" | "map" | "json" => ("object", None),
        "array" | "list" => ("array", None),
        // Swagger 2.0's `file` is a binary upload or download.
        "file" | "binary" => ("string", Some("binary")),
        _ => return None,
    };
    Some(found)
}
