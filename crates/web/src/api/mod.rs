//! The JSON API under `/api/v1` for the other SPBE systems (TIK-01), described by an OpenAPI
//! document at `/api/openapi.json` and browsable at `/api/docs/`.
//!
//! Errors use one envelope, `{"error": {"code", "message", "details"}}`, with stable
//! `snake_case` codes and Indonesian messages (see [`crate::error`]).

mod agencies;
mod departments;
pub mod dto;
mod employees;
mod import;
mod placements;

use axum::Router;
use axum::http::{HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use utoipa_swagger_ui::SwaggerUi;

use crate::AppState;
use crate::error::{ErrorBody, ErrorDetail, ErrorEnvelope};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Sikerja API",
        description = "API Sistem Kerja (Peraturan Bupati Banjar No. 39/2024): organisasi, pegawai, kedudukan dan Pejabat Penilai Kinerja. Setiap kedudukan menyebut `rule_id` dan `article`. Kesalahan: `{\"error\": {\"code\", \"message\", \"details\"}}`."
    ),
    tags(
        (name = "agencies", description = "Instansi Pemerintah: daftar, rincian, impor dan ekspor"),
        (name = "departments", description = "Perangkat Daerah, unit, jabatan, rentang kendali"),
        (name = "employees", description = "Pegawai ASN"),
        (name = "placements", description = "Kedudukan dan penetapan manual (KED)")
    ),
    components(schemas(ErrorEnvelope, ErrorBody, ErrorDetail))
)]
struct ApiDoc;

/// Every API route with its OpenAPI description. The token layer of the next issue wraps this
/// router.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(agencies::list_agencies))
        .routes(routes!(agencies::get_agency))
        .routes(routes!(agencies::export_agency))
        .routes(routes!(agencies::import_agency))
        .routes(routes!(departments::list_departments))
        .routes(routes!(departments::get_department))
        .routes(routes!(departments::list_units))
        .routes(routes!(departments::list_positions))
        .routes(routes!(departments::get_span_of_control))
        .routes(routes!(employees::list_employees))
        .routes(routes!(employees::get_employee))
        .routes(routes!(placements::get_employee_placement))
        .routes(routes!(placements::list_placements))
        .routes(routes!(placements::create_manual_placement))
}

/// The OpenAPI document of the API.
pub fn openapi() -> utoipa::openapi::OpenApi {
    routes().split_for_parts().1
}

/// `/api/openapi.json` and the Swagger UI at `/api/docs/` (vendored: nothing from a CDN).
pub fn docs_routes(openapi: utoipa::openapi::OpenApi) -> Router {
    Router::from(SwaggerUi::new("/api/docs").url("/api/openapi.json", openapi)).layer(
        SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(crate::layers::DOCS_CSP),
        ),
    )
}
