//! Completing the OpenAPI document from the route table, so that it says what the server
//! does (issue 12, point 10): the security schemes (bearer token, session cookie) on every
//! operation that is not public, and the error answers every operation can give — 401 and 403
//! where access is checked, 404 (and 400/422 for a path that is not UTF-8 or holds a control
//! character) where a path names an object, 400/413/415/422 where a body or query is read, 409
//! where a write can conflict — each with the error envelope.
//!
//! Done on the serialised document: utoipa describes each handler's own answers, the route
//! table ([`crate::authz::api_access`]) knows who may call it.

use axum::http::Method;
use serde_json::{Map, Value, json};
use utoipa::openapi::OpenApi;

use crate::auth::SESSION_COOKIE;
use crate::authz::{Access, api_access};

/// Name of the bearer-token security scheme.
pub const BEARER: &str = "bearer";
/// Name of the session-cookie security scheme.
pub const SESSION: &str = "session";

fn envelope(description: &str) -> Value {
    json!({
        "description": description,
        "content": {
            "application/json": {
                "schema": { "$ref": "#/components/schemas/ErrorEnvelope" }
            }
        }
    })
}

fn add(responses: &mut Map<String, Value>, status: &str, description: &str) {
    responses
        .entry(status.to_string())
        .or_insert_with(|| envelope(description));
}

fn method(name: &str) -> Option<Method> {
    match name {
        "get" => Some(Method::GET),
        "post" => Some(Method::POST),
        "put" => Some(Method::PUT),
        "delete" => Some(Method::DELETE),
        "patch" => Some(Method::PATCH),
        _ => None,
    }
}

/// Adds the security schemes and the error answers to `doc`.
pub fn complete(doc: OpenApi) -> OpenApi {
    let Ok(mut value) = serde_json::to_value(&doc) else {
        return doc;
    };
    let table = api_access();
    if let Some(paths) = value.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for (name, op) in item.iter_mut() {
                let (Some(m), Some(op)) = (method(name), op.as_object_mut()) else {
                    continue;
                };
                operation(&m, path, table.get(&m, path), op);
            }
        }
    }
    let components = value
        .as_object_mut()
        .map(|root| root.entry("components").or_insert_with(|| json!({})));
    if let Some(Value::Object(components)) = components {
        components.insert(
            "securitySchemes".into(),
            json!({
                BEARER: {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "API token for other SPBE systems (`sikerja token create`); `Authorization: Bearer <token>`."
                },
                SESSION: {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": SESSION_COOKIE,
                    "description": "Session of a person signed in through `/masuk` (planning and assignment changes only through a session)."
                }
            }),
        );
    }
    match serde_json::from_value(value) {
        Ok(completed) => completed,
        Err(e) => {
            tracing::error!(error = %e, "the completed OpenAPI document does not read back");
            doc
        }
    }
}

fn operation(m: &Method, path: &str, access: Option<Access>, op: &mut Map<String, Value>) {
    let public = access == Some(Access::Public);
    let has_body = op.contains_key("requestBody");
    let has_query = op
        .get("parameters")
        .and_then(Value::as_array)
        .is_some_and(|ps| ps.iter().any(|p| p["in"] == "query"));
    let responses = op
        .entry("responses")
        .or_insert_with(|| json!({}))
        .as_object_mut();
    let Some(responses) = responses else { return };
    if !public {
        add(
            responses,
            "401",
            "Not signed in: no session or token, or an invalid token (`unauthenticated`)",
        );
        add(
            responses,
            "403",
            "Not authorised: outside the token's agency or the person's roles, a token without write access, or a change only officials may make (`forbidden`, `official_only`)",
        );
    }
    if path.contains('{') {
        add(responses, "404", "Not found (`not_found`)");
        // The screen at the edge reads every path segment (issue 12, point 5): bytes that are
        // not UTF-8 are a 400, a control character a 422.
        add(
            responses,
            "400",
            "The address cannot be read: not UTF-8 (`bad_request`)",
        );
        add(
            responses,
            "422",
            "A value in the address contains a control character (`control_character`)",
        );
    }
    if has_query {
        add(
            responses,
            "400",
            "The query parameters cannot be read (`invalid_query`)",
        );
        add(
            responses,
            "422",
            "Invalid parameter value (`validation_failed`, `invalid_*`)",
        );
    }
    if has_body {
        add(
            responses,
            "400",
            "The request body is not valid JSON (`invalid_json`)",
        );
        add(
            responses,
            "413",
            "The request body is larger than 16 MiB (`payload_too_large`)",
        );
        add(
            responses,
            "422",
            "The request body is refused; every problem in `details` (`validation_failed`, rule codes)",
        );
    }
    if *m != Method::GET {
        add(
            responses,
            "409",
            "Conflicts with the current state (e.g. already decided, number already used)",
        );
    }
    let security = if public {
        json!([])
    } else {
        json!([{ BEARER: [] }, { SESSION: [] }])
    };
    op.insert("security".into(), security);
}
