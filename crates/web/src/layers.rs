//! Cross-cutting layers: request body limits ([`limit_body`]), request tracing, the security headers that
//! are cheap to have from the start, `Cache-Control: no-store` on everything but the static
//! assets, gzip for clients that accept it, and [`one_format`], which gives every error answer produced outside the handlers
//! (axum's rejections and router, the body limit) the application's format.

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

/// Largest accepted request body: an XLSX import of a whole regency fits with room to spare.
/// The upload routes ([`crate::uploads`]) take a larger `multipart/form-data` body.
pub const BODY_LIMIT: usize = 16 * 1024 * 1024;

/// The body limit of a request, in bytes, as [`limit_body`] decided it (a request extension:
/// the layers that buffer a body, the screen and the CSRF check, buffer within it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct BodyAllowance(pub usize);

/// The body limit of `request` ([`BODY_LIMIT`] unless [`limit_body`] said otherwise).
pub(crate) fn allowance<B>(request: &axum::http::Request<B>) -> usize {
    request
        .extensions()
        .get::<BodyAllowance>()
        .map_or(BODY_LIMIT, |a| a.0)
}

/// The body limit of every request: a `multipart/form-data` body to an upload route (the report
/// routes, [`crate::uploads::UPLOAD_ROUTES`]) may be
/// `upload_limit` bytes ([`crate::uploads::upload_limit`]: the file policy's largest file
/// times the most files of a report, plus the form), every other body [`BODY_LIMIT`]. A
/// declared `Content-Length` above it is refused at once, a body that grows past it when it
/// is read; both are a 413 in the format of the area.
pub(crate) async fn limit_body(
    State(upload_limit): State<usize>,
    mut request: Request,
    next: Next,
) -> Response {
    let upload = crate::multipart::is_multipart(request.headers())
        && crate::uploads::is_upload_route(request.method(), request.uri().path());
    let limit = if upload { upload_limit } else { BODY_LIMIT };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        let error = crate::error::WebError::PayloadTooLarge { limit };
        return if request.uri().path().starts_with("/api/") {
            crate::error::ApiError(error).into_response()
        } else {
            crate::error::PageError(error).into_response()
        };
    }
    request.extensions_mut().insert(BodyAllowance(limit));
    let request = request.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
    next.run(request).await
}

/// Pages allow scripts, styles, images and requests only from the application itself: no
/// inline script or style, nothing from other origins, no framing.
pub const PAGE_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// Swagger UI sets inline styles from its JavaScript and shows data: images; it gets a CSP of
/// its own (still 'self' only for scripts).
pub const DOCS_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

fn header_layer(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}

/// Every answer may show personal data (pages and API alike) unless it says otherwise: only
/// the static assets set a `Cache-Control` of their own.
pub const CACHE_CONTROL: &str = "no-store";

/// Re-renders an error answer that is not in the format of its area (axum's plain-text
/// rejections, the body limit's 413, the router's empty 405): the JSON envelope under `/api/`,
/// the Indonesian error page elsewhere, with the same status (and the `Allow` header of a 405).
pub async fn one_format(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    // Already in the format of its area: ours, or a handler's own page (a form shown again
    // with its errors) or JSON.
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let formatted = if api {
        content_type.starts_with("application/json")
    } else {
        content_type.starts_with("text/html")
    };
    if !(status.is_client_error() || status.is_server_error())
        || formatted
        || response
            .extensions()
            .get::<crate::error::Rendered>()
            .is_some()
    {
        return response;
    }
    let allow = response
        .headers()
        .get(header::ALLOW)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let error = crate::error::WebError::from_status(status, allow);
    tracing::debug!(status = status.as_u16(), "error answer re-rendered");
    let mut rendered = if api {
        crate::error::ApiError(error).into_response()
    } else {
        crate::error::PageError(error).into_response()
    };
    // Keep the status even where the mapping is coarser (e.g. 408 shown as a 400 message).
    *rendered.status_mut() = status;
    rendered
}

/// Wraps the application in the layers, outermost last; `upload_limit` is the body limit of
/// the upload routes.
pub fn apply(app: Router, upload_limit: usize) -> Router {
    // Every body is limited by `limit_body`; the extractors add no limit of their own.
    app.layer(DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn_with_state(
            upload_limit,
            limit_body,
        ))
        // Outside the body limit, so that an extractor's plain-text 413 is re-rendered;
        // inside the headers, which then reach the re-rendered answers too.
        .layer(axum::middleware::from_fn(one_format))
        .layer(header_layer(header::CACHE_CONTROL, CACHE_CONTROL))
        .layer(header_layer(header::CONTENT_SECURITY_POLICY, PAGE_CSP))
        .layer(header_layer(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header_layer(header::X_FRAME_OPTIONS, "DENY"))
        .layer(header_layer(header::REFERRER_POLICY, "same-origin"))
        // Pages, JSON and the assets gzipped for clients that accept it (issue 15 point 11:
        // 46–143 KiB per page went uncompressed); small and already compressed bodies
        // (images) are left as they are by the default predicate.
        .layer(CompressionLayer::new())
        .layer(
            // One INFO line per request (method, path, status, latency) at the default log level.
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
}
