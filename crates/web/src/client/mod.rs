//! Who the client of a request is, behind the reverse proxies the operator trusts, and
//! whether it came over https (issue 12 point 3 and HSTS).
//!
//! The client address is the TCP peer, unless the peer is a configured trusted proxy: then
//! it is the right-most address of the configured forwarding header (`X-Forwarded-For` or
//! `Forwarded`) that is not itself a trusted proxy (`forwarded`). Only one header is read,
//! the one the proxy writes, so a client cannot slip in the other. The result is put in the
//! request's extensions as [`Client`] and on a `client` tracing span, and is the only client
//! address the throttling of sign-ins, the audit log and the logs use.
//!
//! A request counts as https when the public URL is https, or when a trusted proxy says so
//! (`X-Forwarded-Proto`, or `proto=` of `Forwarded`). Its answer then carries
//! `Strict-Transport-Security` and every cookie it sets is `Secure`.

mod forwarded;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;
use serde::{Deserialize, Serialize};
use tracing::Instrument;

/// `Strict-Transport-Security` of https answers: one year, this host only (a regency's
/// domain often has other hosts still on plain http, so no `includeSubDomains`), no preload.
pub const HSTS: &str = "max-age=31536000";

/// The header a trusted proxy writes the client address into.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ForwardedHeader {
    /// `X-Forwarded-For` (with `X-Forwarded-Proto`), as nginx, Caddy and most proxies write.
    #[default]
    XForwardedFor,
    /// `Forwarded` (RFC 7239), `for=` and `proto=`.
    Forwarded,
}

/// The addresses and networks of trusted reverse proxies.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Arc<[IpNet]>);

/// A trusted-proxy entry that is neither an IP address nor a CIDR network.
#[derive(Debug, thiserror::Error)]
#[error("`{0}` is not an IP address or a CIDR network (e.g. 127.0.0.1, 10.0.0.0/8, ::1)")]
pub struct BadProxyEntry(pub String);

impl TrustedProxies {
    /// Parses addresses (`127.0.0.1`, `::1`) and networks (`10.0.0.0/8`, `fd00::/8`).
    pub fn parse<'a>(entries: impl IntoIterator<Item = &'a str>) -> Result<Self, BadProxyEntry> {
        let nets = entries
            .into_iter()
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(|e| {
                e.parse::<IpNet>()
                    .or_else(|_| e.parse::<IpAddr>().map(IpNet::from))
                    .map(|n| n.trunc())
                    .map_err(|_| BadProxyEntry(e.to_string()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(TrustedProxies(nets.into()))
    }

    /// Whether the address belongs to a trusted proxy (IPv4-mapped IPv6 as IPv4).
    pub fn contains(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.0.iter().any(|n| n.contains(&address))
    }

    /// Whether no proxy is trusted.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// How the server is reached: the proxies it trusts and whether its public URL is https.
#[derive(Debug, Clone, Default)]
pub struct ProxySettings {
    /// Peers whose forwarding headers are believed.
    pub trusted: TrustedProxies,
    /// The header they write the client address into.
    pub header: ForwardedHeader,
    /// The public URL is https: every request counts as https.
    pub public_https: bool,
}

/// What is known of the client of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Client {
    /// The real client address; `None` when the server does not know its peer (tests).
    pub address: Option<IpAddr>,
    /// The request reached the server over https (see the module documentation).
    pub https: bool,
}

impl ProxySettings {
    /// The client of a request from `peer` with these headers.
    pub fn client(&self, peer: Option<IpAddr>, headers: &axum::http::HeaderMap) -> Client {
        let Some(peer) = peer else {
            return Client {
                address: None,
                https: self.public_https,
            };
        };
        let via_proxy = self.trusted.contains(peer);
        let address = if via_proxy {
            forwarded::client_address(peer, &forwarded::hops(headers, self.header), &self.trusted)
        } else {
            peer.to_canonical()
        };
        Client {
            address: Some(address),
            https: self.public_https
                || (via_proxy && forwarded::forwarded_https(headers, self.header)),
        }
    }
}

/// Whether a `Set-Cookie` value already carries the `Secure` attribute.
fn is_secure(cookie: &str) -> bool {
    cookie
        .split(';')
        .skip(1)
        .any(|a| a.trim().eq_ignore_ascii_case("secure"))
}

/// Marks every cookie of an https answer `Secure` and adds `Strict-Transport-Security`.
fn harden(response: &mut Response) {
    let headers = response.headers_mut();
    headers
        .entry(header::STRICT_TRANSPORT_SECURITY)
        .or_insert(HeaderValue::from_static(HSTS));
    let cookies: Vec<HeaderValue> = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| match v.to_str() {
            Ok(text) if !is_secure(text) => {
                HeaderValue::from_str(&format!("{text}; Secure")).unwrap_or_else(|_| v.clone())
            }
            _ => v.clone(),
        })
        .collect();
    if cookies.is_empty() {
        return;
    }
    headers.remove(header::SET_COOKIE);
    for c in cookies {
        headers.append(header::SET_COOKIE, c);
    }
}

/// Outermost middleware: finds the [`Client`] of the request, runs the rest inside a
/// `client` span carrying `client.address`, and hardens https answers.
pub(crate) async fn resolve(
    State(settings): State<ProxySettings>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let client = settings.client(peer, request.headers());
    request.extensions_mut().insert(client);
    let shown = client
        .address
        .map_or_else(|| "unknown".to_string(), |a| a.to_string());
    let span = tracing::info_span!("client", client.address = %shown);
    let mut response = next.run(request).instrument(span).await;
    if client.https {
        harden(&mut response);
    }
    response
}

/// The real client address of a request (see [`resolve`]).
pub(crate) struct ClientAddress(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddress(
            parts.extensions.get::<Client>().and_then(|c| c.address),
        ))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_networks_are_accepted_and_junk_is_named() {
        let t = TrustedProxies::parse(["127.0.0.1", " 10.0.0.0/8 ", "fd00::/8", ""]).unwrap();
        assert!(t.contains("10.200.1.1".parse().unwrap()));
        assert!(t.contains("::ffff:127.0.0.1".parse().unwrap()));
        assert!(t.contains("fd12::1".parse().unwrap()));
        assert!(!t.contains("127.0.0.2".parse().unwrap()));
        let e = TrustedProxies::parse(["10.0.0.0/33"]).unwrap_err();
        assert!(e.to_string().contains("10.0.0.0/33"));
        assert!(TrustedProxies::parse(["proxy.local"]).is_err());
    }

    #[test]
    fn https_needs_a_trusted_proxy_or_an_https_public_url() {
        let mut headers = axum::http::HeaderMap::new();
        headers.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        let mut s = ProxySettings {
            trusted: TrustedProxies::parse(["127.0.0.1"]).unwrap(),
            ..Default::default()
        };
        assert!(s.client(Some("127.0.0.1".parse().unwrap()), &headers).https);
        assert!(
            !s.client(Some("198.51.100.4".parse().unwrap()), &headers)
                .https
        );
        s.public_https = true;
        assert!(
            s.client(Some("198.51.100.4".parse().unwrap()), &headers)
                .https
        );
    }

    #[test]
    fn https_answers_get_hsts_and_secure_cookies() {
        let mut r = Response::new(axum::body::Body::empty());
        let h = r.headers_mut();
        h.append(
            header::SET_COOKIE,
            HeaderValue::from_static("a=1; HttpOnly"),
        );
        h.append(header::SET_COOKIE, HeaderValue::from_static("b=2; Secure"));
        harden(&mut r);
        let cookies: Vec<&str> = r
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect();
        assert_eq!(cookies, ["a=1; HttpOnly; Secure", "b=2; Secure"]);
        assert_eq!(r.headers()[header::STRICT_TRANSPORT_SECURITY], HSTS);
    }
}
