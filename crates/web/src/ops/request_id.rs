//! The request id (issue 19 point 3): every request gets one, which is returned in the
//! `X-Request-Id` header, put on the request's log span, shown on error pages ("Kode
//! permintaan: …") and in API error bodies (`request_id`), so that a person's report of an
//! error finds its log lines.
//!
//! An incoming `X-Request-Id` is kept only from a trusted reverse proxy (which made it up or
//! passed on its own client's) and only when it is short and plain ([`is_valid`]); from
//! anyone else a client could forge log lines' ids, so a fresh one is made.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use crate::client::ProxySettings;

/// The header carrying the id both ways.
pub const HEADER: &str = "x-request-id";

/// The longest incoming id accepted.
pub const MAX_LEN: usize = 64;

tokio::task_local! {
    static CURRENT: RequestId;
}

/// The id of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub String);

/// Whether an incoming id may be kept: 1 to [`MAX_LEN`] ASCII letters, digits, `-`, `_`, `.`
/// or `:` (UUIDs, nginx's `$request_id`, HAProxy's unique ids).
pub fn is_valid(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

/// A fresh id: 16 random bytes in hex.
fn fresh() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // No randomness (never seen on Linux): a time-based id still tells requests apart.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        bytes = nanos.to_be_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The id of the request being answered by this task, if any (error renderings read it).
pub fn current() -> Option<String> {
    CURRENT.try_with(|id| id.0.clone()).ok()
}

/// The id of a request from `peer` with these headers: the incoming one from a trusted proxy
/// when valid, else a fresh one.
pub fn choose(
    settings: &ProxySettings,
    peer: Option<std::net::IpAddr>,
    headers: &axum::http::HeaderMap,
) -> String {
    let from_proxy = peer.is_some_and(|p| settings.trusted.contains(p));
    headers
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|id| from_proxy && is_valid(id))
        .map_or_else(fresh, str::to_string)
}

/// Middleware: gives the request its id (extension, task-local, log span) and the answer its
/// header.
pub(crate) async fn assign(
    State(settings): State<ProxySettings>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let id = choose(&settings, peer, request.headers());
    request.extensions_mut().insert(RequestId(id.clone()));
    let span = tracing::info_span!("request", request_id = %id);
    let mut response = CURRENT
        .scope(RequestId(id.clone()), next.run(request).instrument(span))
        .await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(HEADER, value);
    }
    response
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn only_short_plain_ids_are_valid() {
        assert!(is_valid("3f2a-9c_1.b:7"));
        assert!(is_valid(&"a".repeat(MAX_LEN)));
        assert!(!is_valid(""));
        assert!(!is_valid(&"a".repeat(MAX_LEN + 1)));
        assert!(!is_valid("a b"));
        assert!(!is_valid("a\nb"));
        assert!(!is_valid("<script>"));
    }

    #[test]
    fn an_incoming_id_is_kept_only_from_a_trusted_proxy() {
        let settings = ProxySettings {
            trusted: crate::client::TrustedProxies::parse(["10.0.0.1"]).unwrap(),
            ..Default::default()
        };
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(HEADER, HeaderValue::from_static("dari-proksi-1"));
        let proxy = Some("10.0.0.1".parse().unwrap());
        let other = Some("198.51.100.7".parse().unwrap());
        assert_eq!(choose(&settings, proxy, &headers), "dari-proksi-1");
        let made = choose(&settings, other, &headers);
        assert_ne!(made, "dari-proksi-1");
        assert_eq!(made.len(), 32);
        headers.insert(HEADER, HeaderValue::from_static("bad id"));
        assert_ne!(choose(&settings, proxy, &headers), "bad id");
    }
}
