//! Rules for parameters. Each guards against Rust that would not compile or a request that
//! would be wrong on the wire (a literal `{name}` in the URL, a value silently dropped).

use std::collections::BTreeSet;

use crate::diag::Diagnostics;
use crate::model::*;

/// The placeholders of a path template, e.g. `{project_id}`.
pub fn placeholders(path: &str) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}') else {
            return Err("unclosed `{` in the path".into());
        };
        let name = &rest[start + 1..start + end];
        if name.is_empty() || name.contains('{') {
            return Err(format!("malformed placeholder `{{{name}}}` in the path"));
        }
        names.push(name.to_string());
        rest = &rest[start + end + 1..];
    }
    if rest.contains('}') {
        return Err("unmatched `}` in the path".into());
    }
    Ok(names)
}

/// Runs the parameter rules on every operation.
pub(super) fn check_parameters(api: &mut Api, diags: &mut Diagnostics) {
    for op in api.operations.values_mut() {
        parameter_names_are_unique(op, diags);
        path_template_matches_parameters(op, diags);
        client_params_are_path_params(op, diags);
    }
    let not_text: Vec<(String, usize)> = api
        .operations
        .values()
        .flat_map(|op| {
            let api = &*api;
            op.params
                .iter()
                .enumerate()
                .filter(move |(_, param)| !travels_as_text(api, param))
                .map(|(index, _)| (op.id.clone(), index))
        })
        .collect();
    for (id, index) in not_text {
        let Some(param) = api.operations.get_mut(&id).and_then(|op| op.params.get_mut(index))
        else {
            continue;
        };
        diags.repair(
            &param.loc,
            format!(
                "parameter `{}` has a type that cannot be sent as text (an object, or a list \
                 outside the query); it is taken as a string the caller writes",
                param.name
            ),
        );
        param.ty = TypeRef::Primitive(Primitive::String);
    }
}

/// Two parameters with the same name and place would fight over one wire slot: the first one
/// declared is kept.
fn parameter_names_are_unique(op: &mut Operation, diags: &mut Diagnostics) {
    let mut seen = BTreeSet::new();
    op.params.retain(|param| {
        let fresh = seen.insert((param.location, param.name.to_ascii_lowercase()));
        if !fresh {
            diags.repair(
                &param.loc,
                format!("parameter `{}` is declared twice; the first one is kept", param.name),
            );
        }
        fresh
    });
}

/// Every `{name}` in the path has a path parameter and every path parameter has a `{name}`.
/// A missing declaration is added as a required string (or, for `project_id`/`domain_id`, the
/// client's own id); a parameter the path has no place for is left out.
fn path_template_matches_parameters(op: &mut Operation, diags: &mut Diagnostics) {
    let in_template = match placeholders(&op.path) {
        Ok(names) => names,
        Err(message) => {
            diags.error(&op.loc, message);
            return;
        }
    };
    let template: BTreeSet<&str> = in_template.iter().map(String::as_str).collect();
    op.params.retain(|param| {
        let placed =
            param.location != ParamLocation::Path || template.contains(param.name.as_str());
        if !placed {
            diags.repair(
                &param.loc,
                format!(
                    "path parameter `{}` does not appear in `{}`; left out",
                    param.name, op.path
                ),
            );
        }
        placed
    });
    let declared: BTreeSet<String> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .map(|p| p.name.clone())
        .collect();
    for missing in in_template.iter().filter(|name| !declared.contains(*name)) {
        diags.repair(
            &op.loc,
            format!(
                "path `{}` has `{{{missing}}}` but no path parameter `{missing}`; it is added as \
                 a required string",
                op.path
            ),
        );
        let client_param =
            matches!(missing.as_str(), "project_id" | "domain_id").then(|| missing.clone());
        op.params.push(Parameter {
            name: missing.clone(),
            location: ParamLocation::Path,
            ty: TypeRef::Primitive(Primitive::String),
            required: true,
            client_param,
            explode: true,
            default: None,
            constraints: Constraints::default(),
            docs: Docs::default(),
            loc: op.loc.clone(),
        });
    }
}

/// Client parameters are filled into the path from configuration; nothing fills them elsewhere.
fn client_params_are_path_params(op: &Operation, diags: &mut Diagnostics) {
    for param in op.params.iter().filter(|p| p.client_param.is_some()) {
        if param.location != ParamLocation::Path {
            diags.error(
                &param.loc.join("x-specbind-client-param"),
                "only path parameters can be client parameters",
            );
        }
    }
}

/// Parameters are sent as text: scalars and string enums, or (in the query) lists of them.
fn travels_as_text(api: &Api, param: &Parameter) -> bool {
    let resolved = api.resolve(&param.ty);
    let item = match (resolved, param.location) {
        (TypeRef::Array(item), ParamLocation::Query) => api.resolve(item),
        _ => resolved,
    };
    match item {
        TypeRef::Primitive(_) => true,
        TypeRef::Named(_) => {
            api.definition(item).is_some_and(|d| matches!(d.kind, TypeKind::StringEnum(_)))
        }
        _ => false,
    }
}
