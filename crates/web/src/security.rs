//! Per-request protections of the pages: a Content-Security-Policy with a fresh nonce, and the
//! CSRF token every state-changing form must carry (synchronizer token kept in the session).
//!
//! Pages are compressed, so a secret that sits in every page next to text an attacker can make
//! the page echo could be guessed from the compressed length (BREACH). The token is therefore
//! never written as it is: each response carries it masked with a fresh one-time pad
//! (`pad ‖ pad XOR token`, as Rails and Django do), so its bytes differ in every response while
//! any of them unmasks to the session's token.
//!
//! The API is not covered here: it authenticates with bearer tokens, which a browser never
//! sends on its own, and refuses writes made with a session cookie alone (see `authz`).

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

use crate::auth::session_failed;
use crate::error::{PageError, WebError};

/// Session key of the CSRF token.
const CSRF_KEY: &str = "csrf";
/// Form field carrying the CSRF token.
pub const CSRF_FIELD: &str = "_csrf";
/// Header carrying the CSRF token (htmx requests; set on `<body hx-headers>`).
pub const CSRF_HEADER: &str = "x-csrf-token";

/// What the templates of one request need: the CSP nonce and the CSRF token.
#[derive(Debug, Clone, Default)]
pub(crate) struct RequestSecrets {
    pub nonce: String,
    pub csrf: String,
}

tokio::task_local! {
    static SECRETS: RequestSecrets;
}

/// The secrets of the request being handled (empty outside a page request).
pub(crate) fn request_secrets() -> RequestSecrets {
    SECRETS.try_with(Clone::clone).unwrap_or_default()
}

/// 128 random bits as 32 hex digits, from the system's random source.
pub(crate) fn random_hex() -> Result<String, WebError> {
    // A password-hash salt is 16 bytes from the operating system's CSPRNG.
    let bytes = argon2::password_hash::try_generate_salt()
        .map_err(|e| WebError::internal("random source", &e))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The CSP of a page, allowing only the scripts and styles that carry `nonce`.
pub(crate) fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    )
}

/// Bytes of a hex text (`None` when it is not hex of whole bytes).
fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The session's token as one response writes it: a fresh pad, then the token XOR the pad,
/// in hex (twice the token's length). An empty token stays empty.
fn mask(token: &str) -> Result<String, WebError> {
    let Some(raw) = from_hex(token).filter(|r| !r.is_empty()) else {
        return Ok(String::new());
    };
    let mut pad = Vec::with_capacity(raw.len());
    while pad.len() < raw.len() {
        pad.extend(from_hex(&random_hex()?).unwrap_or_default());
    }
    pad.truncate(raw.len());
    let masked: Vec<u8> = raw.iter().zip(&pad).map(|(t, p)| t ^ p).collect();
    Ok(format!("{}{}", to_hex(&pad), to_hex(&masked)))
}

/// The token a masked text stands for (`None` when it is not a masked token).
fn unmask(given: &str) -> Option<String> {
    let bytes = from_hex(given)?;
    if bytes.is_empty() || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let (pad, masked) = bytes.split_at(bytes.len() / 2);
    Some(to_hex(
        &pad.iter()
            .zip(masked)
            .map(|(p, m)| p ^ m)
            .collect::<Vec<_>>(),
    ))
}

/// Whether a presented (masked) token stands for the session's token.
fn presented_matches(expected: &str, given: &str) -> bool {
    unmask(given).is_some_and(|t| tokens_match(expected, &t))
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn tokens_match(a: &str, b: &str) -> bool {
    // Constant time in the length of the expected token.
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The token a request presents: the header, else the `_csrf` field of a urlencoded form or a
/// `multipart/form-data` body (buffered within the request's body limit and parsed with
/// multer; a body that cannot be parsed presents none). Returns the request rebuilt with its
/// body.
async fn presented_token(request: Request) -> Result<(Option<String>, Request), WebError> {
    if let Some(v) = request.headers().get(CSRF_HEADER) {
        let token = v.to_str().ok().map(str::to_string);
        return Ok((token, request));
    }
    if crate::multipart::is_multipart(request.headers()) {
        let (parts, request) = crate::multipart::buffer(request).await?;
        // An unreadable body presents no token.
        let token = parts
            .ok()
            .and_then(|p| p.text(CSRF_FIELD).map(|t| t.value.clone()));
        return Ok((token, request));
    }
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok((None, request));
    }
    let limit = crate::layers::allowance(&request);
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, limit)
        .await
        .map_err(|_| WebError::PayloadTooLarge { limit })?;
    let token = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
        .ok()
        .and_then(|pairs| {
            pairs
                .into_iter()
                .find(|(k, _)| k == CSRF_FIELD)
                .map(|(_, v)| v)
        });
    Ok((token, Request::from_parts(parts, Body::from(bytes))))
}

/// Middleware of the page routes: gives the request a CSP nonce and a CSRF token (kept in the
/// session once a session exists or the page has a form: the sign-in page), refuses a
/// state-changing request without the session's token, and sets the nonce CSP header.
pub(crate) async fn protect_pages(session: Session, request: Request, next: Next) -> Response {
    match protect(session, request, next).await {
        Ok(response) => response,
        Err(e) => PageError(e).into_response(),
    }
}

async fn protect(session: Session, request: Request, next: Next) -> Result<Response, WebError> {
    let nonce = random_hex()?;
    let stored: Option<String> = session
        .get(CSRF_KEY)
        .await
        .map_err(|e| session_failed(e).0)?;
    let request = if is_safe(request.method()) {
        request
    } else {
        let (presented, request) = presented_token(request).await?;
        match (&stored, presented) {
            (Some(expected), Some(given)) if presented_matches(expected, &given) => request,
            _ => {
                tracing::warn!(path = %request.uri().path(), "CSRF token missing or wrong");
                return Err(WebError::CsrfRejected);
            }
        }
    };
    // A token for every signed-in session and for the sign-in page, created on first need.
    let wants_token = stored.is_none()
        && (crate::auth::signed_in(&session)
            .await
            .ok()
            .flatten()
            .is_some()
            || request.uri().path() == "/masuk");
    let csrf = match stored {
        Some(t) => t,
        None if wants_token => {
            let t = random_hex()?;
            session
                .insert(CSRF_KEY, &t)
                .await
                .map_err(|e| session_failed(e).0)?;
            t
        }
        None => String::new(),
    };
    let secrets = RequestSecrets {
        nonce: nonce.clone(),
        csrf: mask(&csrf)?,
    };
    let mut response = SECRETS.scope(secrets, next.run(request)).await;
    if let Ok(value) = HeaderValue::from_str(&page_csp(&nonce)) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    Ok(response)
}

/// Whether a request made with a session cookie carries the session's token in the
/// `X-CSRF-Token` header (API writes by signed-in people).
pub(crate) async fn header_token_matches(
    session: &Session,
    headers: &axum::http::HeaderMap,
) -> bool {
    let stored: Option<String> = session.get(CSRF_KEY).await.ok().flatten();
    let given = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
    matches!((stored, given), (Some(s), Some(g)) if presented_matches(&s, g))
}

/// Gives a fresh session (after sign-in, which cycles the id) a new CSRF token, so a token
/// seen before sign-in is worthless after it.
pub(crate) async fn renew_csrf(session: &Session) -> Result<(), PageError> {
    let t = random_hex().map_err(PageError)?;
    session.insert(CSRF_KEY, &t).await.map_err(session_failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_masked_token_differs_in_every_response_and_unmasks_to_the_session_token() {
        let token = random_hex().expect("random");
        let a = mask(&token).expect("mask");
        let b = mask(&token).expect("mask");
        assert_ne!(a, b, "a fresh pad each time");
        assert_eq!(a.len(), 2 * token.len());
        assert!(!a.contains(&token));
        assert!(presented_matches(&token, &a) && presented_matches(&token, &b));
        // The bare token, another session's masked token and junk are refused.
        assert!(!presented_matches(&token, &token));
        let other = mask(&random_hex().expect("random")).expect("mask");
        assert!(!presented_matches(&token, &other));
        for junk in ["", "zz", "abc", &a[1..], &format!("{a}00")] {
            assert!(!presented_matches(&token, junk), "{junk}");
        }
        assert_eq!(mask("").expect("mask"), "");
    }

    #[test]
    fn tokens_compare_by_value_and_length() {
        assert!(tokens_match("abc", "abc"));
        assert!(!tokens_match("abc", "abd"));
        assert!(!tokens_match("abc", "abcd"));
        assert!(!tokens_match("", "a"));
    }

    #[test]
    fn random_tokens_are_long_and_distinct() {
        let a = random_hex().expect("random");
        let b = random_hex().expect("random");
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }

    #[test]
    fn the_page_policy_allows_scripts_only_with_the_nonce() {
        let csp = page_csp("n0nce");
        assert!(csp.contains("script-src 'nonce-n0nce'"), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
    }
}
