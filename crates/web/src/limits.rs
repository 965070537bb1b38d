//! The text limits of the API in its OpenAPI document (issue 12 point 5): the one table is
//! [`sikerja_domain::limits`]; [`crate::screen`] enforces it on every JSON body, form and
//! query string before any handler runs, and [`apply_to_openapi`] writes it into the OpenAPI
//! document as `maxLength`, so the two cannot disagree. `docs/api.md` shows the table.

pub use sikerja_domain::limits::{TABLE, TextKind, kind_of};
use utoipa::openapi::schema::{ArrayItems, Schema, SchemaType, Type};
use utoipa::openapi::{OpenApi, RefOr};

/// Writes the limit of each string property and parameter the client sends into the OpenAPI
/// document (`maxLength`): query and path parameters, request bodies and the schemas they
/// refer to. Answers carry no limit (their texts are composed, e.g. messages listing every
/// violation). Enumerations, formatted strings and explicit limits are left alone.
pub fn apply_to_openapi(doc: &mut OpenApi) {
    let mut requested = Vec::new();
    for item in doc.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.post,
            &mut item.put,
            &mut item.delete,
            &mut item.patch,
        ];
        for op in operations.into_iter().flatten() {
            for p in op.parameters.iter_mut().flatten() {
                if let RefOr::T(p) = p
                    && let Some(schema) = p.schema.as_mut()
                {
                    limit_schema(schema, Some(&p.name));
                }
            }
            if let Some(RefOr::T(body)) = op.request_body.as_mut() {
                for content in body.content.values_mut() {
                    if let RefOr::T(content) = content
                        && let Some(schema) = content.schema.as_mut()
                    {
                        refs_in(schema, &mut requested);
                        limit_schema(schema, None);
                    }
                }
            }
        }
    }
    let Some(components) = doc.components.as_mut() else {
        return;
    };
    // The schemas request bodies refer to, and those they refer to in turn.
    let mut done = std::collections::BTreeSet::new();
    while let Some(name) = requested.pop() {
        if !done.insert(name.clone()) {
            continue;
        }
        if let Some(schema) = components.schemas.get_mut(&name) {
            refs_in(schema, &mut requested);
            limit_schema(schema, None);
        }
    }
}

/// The component names `schema` refers to.
fn refs_in(schema: &RefOr<Schema>, out: &mut Vec<String>) {
    let schema = match schema {
        RefOr::Ref(r) => {
            if let Some(name) = r.ref_location.strip_prefix("#/components/schemas/") {
                out.push(name.to_string());
            }
            return;
        }
        RefOr::T(s) => s,
    };
    match schema {
        Schema::Object(o) => o.properties.values().for_each(|p| refs_in(p, out)),
        Schema::Array(a) => {
            if let ArrayItems::RefOrSchema(items) = &a.items {
                refs_in(items, out);
            }
        }
        Schema::OneOf(o) => o.items.iter().for_each(|s| refs_in(s, out)),
        Schema::AllOf(o) => o.items.iter().for_each(|s| refs_in(s, out)),
        Schema::AnyOf(o) => o.items.iter().for_each(|s| refs_in(s, out)),
        _ => {}
    }
}

fn is_string(t: &SchemaType) -> bool {
    match t {
        SchemaType::Type(Type::String) => true,
        SchemaType::Array(ts) => ts.contains(&Type::String),
        _ => false,
    }
}

fn limit_schema(schema: &mut RefOr<Schema>, name: Option<&str>) {
    let RefOr::T(schema) = schema else { return };
    match schema {
        Schema::Object(o) => {
            if let Some(name) = name
                && is_string(&o.schema_type)
                && o.enum_values.is_none()
                && o.max_length.is_none()
                && o.format.is_none()
            {
                o.max_length = Some(kind_of(name).max());
            }
            for (field, property) in o.properties.iter_mut() {
                limit_schema(property, Some(field));
            }
        }
        Schema::Array(a) => {
            if let ArrayItems::RefOrSchema(items) = &mut a.items {
                limit_schema(items, name);
            }
        }
        Schema::OneOf(o) => o.items.iter_mut().for_each(|s| limit_schema(s, name)),
        Schema::AllOf(o) => o.items.iter_mut().for_each(|s| limit_schema(s, name)),
        Schema::AnyOf(o) => o.items.iter_mut().for_each(|s| limit_schema(s, name)),
        _ => {}
    }
}
