//! JSON Schema (the OpenAPI dialect) → model types. Format-neutral: OpenAPI 3.0 and Swagger 2.0
//! documents both lower their schemas here; only where named schemas live differs.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use heck::ToUpperCamelCase;
use serde_json::{Map, Value};

use super::scalars::{primitive, type_and_format};
use crate::diag::Diagnostics;
use crate::load::SpecSet;
use crate::model::*;

/// Deepest inline nesting accepted; deeper input is reported instead of overflowing the stack.
const MAX_DEPTH: usize = 64;

/// Lowers schemas into named types, naming inline ones deterministically.
pub struct SchemaLowerer<'a> {
    set: &'a SpecSet,
    /// Types lowered so far, by model name.
    pub types: BTreeMap<String, TypeDef>,
    /// Locations of named schemas (file, pointer) → model name.
    named: BTreeMap<(Arc<str>, String), String>,
    /// Every model name in use or reserved.
    taken: BTreeSet<String>,
    /// Non-named `$ref` targets being lowered, to report reference cycles.
    resolving: Vec<(Arc<str>, String)>,
    depth: usize,
}

/// What a schema lowers to before it gets a name.
enum Shape {
    Kind(TypeKind),
    Ref(TypeRef),
}

impl<'a> SchemaLowerer<'a> {
    /// A lowerer over the files of `set`.
    pub fn new(set: &'a SpecSet) -> Self {
        Self {
            set,
            types: BTreeMap::new(),
            named: BTreeMap::new(),
            taken: BTreeSet::new(),
            resolving: Vec::new(),
            depth: 0,
        }
    }

    /// Reserves `name` for the schema at `loc`; refs to `loc` become `TypeRef::Named(name)`.
    pub fn reserve(&mut self, loc: &SpecLoc, name: &str) {
        self.named.insert((loc.file.clone(), loc.pointer.clone()), name.to_string());
        self.taken.insert(name.to_string());
    }

    /// The model name reserved for the schema at `loc`, if it is a named schema.
    pub fn name_at(&self, loc: &SpecLoc) -> Option<&str> {
        self.named.get(&(loc.file.clone(), loc.pointer.clone())).map(String::as_str)
    }

    /// Lowers a named schema into a type called `name`.
    pub fn lower_named(
        &mut self,
        name: &str,
        loc: &SpecLoc,
        schema: &Value,
        diags: &mut Diagnostics,
    ) {
        let kind = match self.shape(loc, schema, name, diags) {
            Shape::Kind(kind) => kind,
            Shape::Ref(TypeRef::Named(target)) if target == name => {
                diags.repair(loc, "schema refers only to itself; read as any JSON value");
                TypeKind::Alias(TypeRef::Any)
            }
            Shape::Ref(ty) => TypeKind::Alias(ty),
        };
        let docs = docs_of(schema);
        self.types.insert(
            name.to_string(),
            TypeDef { name: name.to_string(), loc: loc.clone(), docs, kind },
        );
    }

    /// The type of `schema` at `loc`; inline structs, enums and unions get a name built from `hint`.
    pub fn type_of(
        &mut self,
        loc: &SpecLoc,
        schema: &Value,
        hint: &str,
        diags: &mut Diagnostics,
    ) -> TypeRef {
        if self.depth >= MAX_DEPTH {
            diags.repair(
                loc,
                format!("schema nested more than {MAX_DEPTH} levels deep; read as any JSON value"),
            );
            return TypeRef::Any;
        }
        self.depth += 1;
        let ty = match self.shape(loc, schema, hint, diags) {
            Shape::Ref(ty) => ty,
            Shape::Kind(kind) => {
                let name = self.fresh_name(hint);
                let docs = docs_of(schema);
                self.types.insert(
                    name.clone(),
                    TypeDef { name: name.clone(), loc: loc.clone(), docs, kind },
                );
                TypeRef::Named(name)
            }
        };
        self.depth -= 1;
        ty
    }

    /// A name based on `hint` that no other type uses.
    pub fn fresh_name(&mut self, hint: &str) -> String {
        let base = match hint.to_upper_camel_case() {
            name if name.is_empty() => "Type".to_string(),
            name => name,
        };
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }

    fn shape(
        &mut self,
        loc: &SpecLoc,
        schema: &Value,
        hint: &str,
        diags: &mut Diagnostics,
    ) -> Shape {
        let Some(map) = schema.as_object() else {
            if schema != &Value::Bool(true) {
                diags.repair(loc, "a schema must be a JSON object; read as any JSON value");
            }
            return Shape::Ref(TypeRef::Any);
        };
        if let Some(reference) = map.get("$ref") {
            return Shape::Ref(self.reference(loc, reference, hint, diags));
        }
        if let Some(parts) = map.get("allOf") {
            return self.all_of(loc, map, parts, hint, diags);
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(variants) = map.get(key) {
                return self.union(&loc.join(key), map, variants, hint, diags);
            }
        }
        let Some((ty, format)) = type_and_format(loc, map, diags) else {
            return Shape::Ref(TypeRef::Any);
        };
        if let Some(values) = map.get("enum")
            && ty == "string"
        {
            return self.string_enum(&loc.join("enum"), values, diags);
        }
        match ty {
            "object" => self.object(loc, map, hint, diags),
            "array" => {
                let items = match map.get("items") {
                    Some(items) => {
                        self.type_of(&loc.join("items"), items, &format!("{hint}Item"), diags)
                    }
                    None => TypeRef::Any,
                };
                Shape::Ref(TypeRef::Array(Box::new(items)))
            }
            "string" | "integer" | "number" | "boolean" => {
                Shape::Ref(TypeRef::Primitive(primitive(ty, format)))
            }
            _ => Shape::Ref(TypeRef::Any),
        }
    }

    fn reference(
        &mut self,
        loc: &SpecLoc,
        reference: &Value,
        hint: &str,
        diags: &mut Diagnostics,
    ) -> TypeRef {
        let loc = loc.join("$ref");
        let Some(reference) = reference.as_str() else {
            diags.repair(&loc, "`$ref` must be a string; read as any JSON value");
            return TypeRef::Any;
        };
        let (target, value) = match self.set.resolve(&loc, reference) {
            Ok(found) => found,
            Err(message) => {
                diags.repair(&loc, format!("{message}; read as any JSON value"));
                return TypeRef::Any;
            }
        };
        if let Some(name) = self.name_at(&target) {
            return TypeRef::Named(name.to_string());
        }
        let key = (target.file.clone(), target.pointer.clone());
        if self.resolving.contains(&key) {
            diags.repair(
                &loc,
                format!(
                    "`$ref` cycle through `{reference}` with no named schema to break it; the \
                     inner reference is read as any JSON value"
                ),
            );
            return TypeRef::Any;
        }
        self.resolving.push(key);
        let last = target.pointer.rsplit('/').next().unwrap_or(hint).to_string();
        let ty = self.type_of(&target, value, if last.is_empty() { hint } else { &last }, diags);
        self.resolving.pop();
        ty
    }

    fn object(
        &mut self,
        loc: &SpecLoc,
        map: &Map<String, Value>,
        hint: &str,
        diags: &mut Diagnostics,
    ) -> Shape {
        let properties = map.get("properties").and_then(Value::as_object);
        let additional = match map.get("additionalProperties") {
            Some(Value::Bool(true)) => Some(TypeRef::Any),
            Some(Value::Object(schema)) if schema.is_empty() => Some(TypeRef::Any),
            Some(schema @ Value::Object(_)) => Some(self.type_of(
                &loc.join("additionalProperties"),
                schema,
                &format!("{hint}Value"),
                diags,
            )),
            Some(Value::Bool(false)) | None => None,
            Some(_) => {
                diags.repair(
                    &loc.join("additionalProperties"),
                    "`additionalProperties` must be a boolean or a schema; ignored",
                );
                None
            }
        };
        match properties {
            Some(properties) if !properties.is_empty() => {
                let required = required_names(loc, map, diags);
                let fields = self.fields(loc, properties, &required, hint, diags);
                Shape::Kind(TypeKind::Struct(StructDef {
                    fields,
                    additional_properties: additional,
                }))
            }
            _ => Shape::Ref(match additional {
                Some(TypeRef::Any) | None => TypeRef::Any,
                Some(value) => TypeRef::Map(Box::new(value)),
            }),
        }
    }

    fn fields(
        &mut self,
        loc: &SpecLoc,
        properties: &Map<String, Value>,
        required: &BTreeSet<String>,
        hint: &str,
        diags: &mut Diagnostics,
    ) -> Vec<Field> {
        let mut fields = Vec::with_capacity(properties.len());
        for (wire_name, schema) in properties {
            let at = loc.join("properties").join(wire_name);
            let ty = self.type_of(&at, schema, &format!("{hint}_{wire_name}"), diags);
            let get = |key: &str| schema.get(key);
            fields.push(Field {
                wire_name: wire_name.clone(),
                ty,
                required: required.contains(wire_name),
                nullable: get("nullable") == Some(&Value::Bool(true)),
                default: get("default").cloned(),
                constraints: constraints_of(schema),
                read_only: get("readOnly") == Some(&Value::Bool(true)),
                deprecated: get("deprecated") == Some(&Value::Bool(true)),
                docs: docs_of(schema),
                loc: at,
            });
        }
        fields
    }

    fn all_of(
        &mut self,
        loc: &SpecLoc,
        map: &Map<String, Value>,
        parts: &Value,
        hint: &str,
        diags: &mut Diagnostics,
    ) -> Shape {
        let Some(parts) = parts.as_array() else {
            diags.repair(
                &loc.join("allOf"),
                "`allOf` must be an array of schemas; read as any JSON value",
            );
            return Shape::Ref(TypeRef::Any);
        };
        let own_properties =
            map.get("properties").and_then(Value::as_object).is_some_and(|p| !p.is_empty());
        // `allOf: [$ref]` is the usual way to attach a description to a reference.
        if parts.len() == 1 && !own_properties {
            return Shape::Ref(self.type_of(&loc.join("allOf").join(0), &parts[0], hint, diags));
        }
        let mut merged = StructDef::default();
        for (i, part) in parts.iter().enumerate() {
            let at = loc.join("allOf").join(i);
            let (part_loc, part_value) = self.follow(&at, part, diags);
            match self.shape(&part_loc, &part_value, &format!("{hint}Part{i}"), diags) {
                Shape::Kind(TypeKind::Struct(part)) => merge_fields(&mut merged, part),
                Shape::Ref(TypeRef::Any) => {}
                Shape::Ref(TypeRef::Named(name)) => {
                    match self.types.get(&name).map(|def| def.kind.clone()) {
                        Some(TypeKind::Struct(part)) => merge_fields(&mut merged, part),
                        _ => diags.repair(
                            &at,
                            format!("`allOf` part `{name}` is not an object schema; ignored"),
                        ),
                    }
                }
                _ => diags.repair(&at, "`allOf` parts must be object schemas; ignored"),
            }
        }
        if own_properties || map.contains_key("required") {
            let own: Map<String, Value> = map
                .iter()
                .filter(|(key, _)| *key != "allOf")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if let Shape::Kind(TypeKind::Struct(part)) = self.object(loc, &own, hint, diags) {
                merge_fields(&mut merged, part);
            }
            let required = required_names(loc, map, diags);
            for field in &mut merged.fields {
                field.required |= required.contains(&field.wire_name);
            }
        }
        Shape::Kind(TypeKind::Struct(merged))
    }

    /// Follows `$ref`s to the schema they name (needed to merge `allOf` parts by value).
    fn follow(
        &mut self,
        loc: &SpecLoc,
        schema: &Value,
        diags: &mut Diagnostics,
    ) -> (SpecLoc, Value) {
        let mut loc = loc.clone();
        let mut schema = schema.clone();
        for _ in 0..MAX_DEPTH {
            let Some(reference) = schema.get("$ref").and_then(Value::as_str).map(str::to_string)
            else {
                break;
            };
            match self.set.resolve(&loc.join("$ref"), &reference) {
                Ok((target, value)) => {
                    loc = target;
                    schema = value.clone();
                }
                Err(message) => {
                    diags.repair(&loc.join("$ref"), format!("{message}; ignored"));
                    return (loc, Value::Bool(true));
                }
            }
        }
        (loc, schema)
    }

    fn union(
        &mut self,
        loc: &SpecLoc,
        map: &Map<String, Value>,
        variants: &Value,
        hint: &str,
        diags: &mut Diagnostics,
    ) -> Shape {
        let Some(items) = variants.as_array().filter(|items| !items.is_empty()) else {
            diags.repair(
                loc,
                "`oneOf`/`anyOf` must be a non-empty array of schemas; read as any JSON value",
            );
            return Shape::Ref(TypeRef::Any);
        };
        if items.len() == 1 {
            return Shape::Ref(self.type_of(&loc.join(0), &items[0], hint, diags));
        }
        let mut variants = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let ty = self.type_of(&loc.join(i), item, &format!("{hint}Variant{i}"), diags);
            let name = match &ty {
                TypeRef::Named(name) => name.clone(),
                other => variant_name(other, i),
            };
            variants.push(UnionVariant { name, ty });
        }
        let discriminator = map
            .get("discriminator")
            .and_then(|d| self.discriminator(loc, d, items, &variants, diags));
        Shape::Kind(TypeKind::Union(UnionDef { variants, discriminator }))
    }

    fn discriminator(
        &mut self,
        loc: &SpecLoc,
        discriminator: &Value,
        items: &[Value],
        variants: &[UnionVariant],
        diags: &mut Diagnostics,
    ) -> Option<Discriminator> {
        let at = loc.join("discriminator");
        let Some(property) = discriminator.get("propertyName").and_then(Value::as_str) else {
            diags.repair(&at, "`discriminator` needs a string `propertyName`; ignored");
            return None;
        };
        let mapping = discriminator.get("mapping").and_then(Value::as_object);
        let mut tags = Vec::with_capacity(variants.len());
        for (item, variant) in items.iter().zip(variants) {
            let reference = item.get("$ref").and_then(Value::as_str);
            let mapped = mapping.and_then(|mapping| {
                mapping
                    .iter()
                    .find(|(_, target)| target.as_str() == reference)
                    .map(|(tag, _)| tag.clone())
            });
            let default_tag =
                reference.and_then(|r| r.rsplit('/').next()).unwrap_or(&variant.name).to_string();
            tags.push(mapped.unwrap_or(default_tag));
        }
        Some(Discriminator { property: property.to_string(), tags })
    }

    fn string_enum(&mut self, loc: &SpecLoc, values: &Value, diags: &mut Diagnostics) -> Shape {
        let Some(items) = values.as_array() else {
            diags.repair(loc, "`enum` must be an array; ignored");
            return Shape::Ref(TypeRef::Primitive(Primitive::String));
        };
        let mut seen = BTreeSet::new();
        let mut strings = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match item {
                Value::String(text) => {
                    if seen.insert(text.clone()) {
                        strings.push(text.clone());
                    }
                }
                Value::Null => {}
                Value::Bool(_) | Value::Number(_) => {
                    let text = item.to_string();
                    diags.repair(
                        &loc.join(i),
                        format!(
                            "a string enum may only list strings; {text} is kept as \"{text}\""
                        ),
                    );
                    if seen.insert(text.clone()) {
                        strings.push(text);
                    }
                }
                _ => diags.repair(&loc.join(i), "a string enum may only list strings; ignored"),
            }
        }
        if strings.is_empty() {
            return Shape::Ref(TypeRef::Primitive(Primitive::String));
        }
        Shape::Kind(TypeKind::StringEnum(StringEnumDef { values: strings }))
    }
}

fn merge_fields(into: &mut StructDef, part: StructDef) {
    for field in part.fields {
        match into.fields.iter_mut().find(|existing| existing.wire_name == field.wire_name) {
            Some(existing) => {
                existing.required |= field.required;
                existing.ty = field.ty;
            }
            None => into.fields.push(field),
        }
    }
    if part.additional_properties.is_some() {
        into.additional_properties = part.additional_properties;
    }
}

fn variant_name(ty: &TypeRef, index: usize) -> String {
    match ty {
        TypeRef::Primitive(Primitive::String) => "String".into(),
        TypeRef::Primitive(Primitive::Bool) => "Bool".into(),
        TypeRef::Primitive(Primitive::I32 | Primitive::I64) => "Integer".into(),
        TypeRef::Primitive(Primitive::F32 | Primitive::F64) => "Number".into(),
        TypeRef::Array(_) => "Array".into(),
        TypeRef::Map(_) => "Map".into(),
        _ => format!("Variant{index}"),
    }
}

/// `required` as a set, reporting a malformed list.
pub fn required_names(
    loc: &SpecLoc,
    map: &Map<String, Value>,
    diags: &mut Diagnostics,
) -> BTreeSet<String> {
    match map.get("required") {
        None => BTreeSet::new(),
        Some(Value::Array(names)) => {
            names.iter().filter_map(Value::as_str).map(str::to_string).collect()
        }
        Some(_) => {
            diags.repair(
                &loc.join("required"),
                "`required` must be an array of property names; ignored",
            );
            BTreeSet::new()
        }
    }
}

/// Documentation from `title`/`summary` and `description`.
pub fn docs_of(value: &Value) -> Docs {
    let text = |key: &str| {
        value
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    Docs { summary: text("summary").or_else(|| text("title")), description: text("description") }
}

/// Validation limits written on a schema.
pub fn constraints_of(schema: &Value) -> Constraints {
    let uint = |key: &str| schema.get(key).and_then(Value::as_u64);
    let float = |key: &str| schema.get(key).and_then(Value::as_f64);
    Constraints {
        min_length: uint("minLength"),
        max_length: uint("maxLength"),
        minimum: float("minimum"),
        maximum: float("maximum"),
        min_items: uint("minItems"),
        max_items: uint("maxItems"),
        pattern: schema.get("pattern").and_then(Value::as_str).map(str::to_string),
    }
}
