//! Reading the chain of addresses a request passed through from `X-Forwarded-For` or
//! `Forwarded` (RFC 7239), and the client address it gives when only trusted proxies may be
//! believed. Pure functions over header values: the middleware in `client` decides when to
//! call them (only when the TCP peer is a trusted proxy).

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;
use axum::http::header::FORWARDED;

use super::{ForwardedHeader, TrustedProxies};

/// One hop of a forwarding chain: the address a proxy says it received the request from
/// (`None` when it is missing, `unknown`, an obfuscated name or not an address at all), and
/// the protocol it was received over, where the header says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hop {
    pub address: Option<IpAddr>,
    pub proto: Option<String>,
}

/// `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1`, `[2001:db8::1]`, `[2001:db8::1]:443`.
fn parse_node(text: &str) -> Option<IpAddr> {
    let text = text.trim();
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(socket) = text.parse::<SocketAddr>() {
        return Some(socket.ip());
    }
    text.strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .and_then(|t| t.parse::<IpAddr>().ok())
}

/// Every value of a header, all its lines in order.
fn lines<'a>(headers: &'a HeaderMap, name: &str) -> impl Iterator<Item = &'a str> {
    headers
        .get_all(name)
        .into_iter()
        .map(|v| v.to_str().unwrap_or("\u{0}"))
}

/// The hops of `X-Forwarded-For`, left (the original client, as claimed) to right (added by
/// the nearest proxy). A line that is not text counts as one unreadable hop.
fn x_forwarded_for(headers: &HeaderMap) -> Vec<Hop> {
    lines(headers, "x-forwarded-for")
        .flat_map(|line| line.split(','))
        .map(|entry| Hop {
            address: parse_node(entry),
            proto: None,
        })
        .collect()
}

/// Splits at `separator` outside quoted strings (with `\` escapes inside them). `None` when a
/// quote is left open.
fn split_outside_quotes(text: &str, separator: char) -> Option<Vec<&str>> {
    let mut parts = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (i, c) in text.char_indices() {
        if escaped {
            escaped = false;
        } else if quoted && c == '\\' {
            escaped = true;
        } else if c == '"' {
            quoted = !quoted;
        } else if c == separator && !quoted {
            parts.push(&text[start..i]);
            start = i + c.len_utf8();
        }
    }
    if quoted {
        return None;
    }
    parts.push(&text[start..]);
    Some(parts)
}

/// A token or a quoted string with its escapes resolved.
fn unquote(value: &str) -> String {
    let value = value.trim();
    match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(inner) => {
            let mut out = String::with_capacity(inner.len());
            let mut escaped = false;
            for c in inner.chars() {
                if !escaped && c == '\\' {
                    escaped = true;
                } else {
                    out.push(c);
                    escaped = false;
                }
            }
            out
        }
        None => value.to_string(),
    }
}

/// One `forwarded-element`: `for=…;proto=…;by=…;host=…` (names case-insensitive).
fn element(text: &str) -> Hop {
    let mut hop = Hop {
        address: None,
        proto: None,
    };
    for pair in split_outside_quotes(text, ';').unwrap_or_default() {
        let Some((name, value)) = pair.split_once('=') else {
            continue;
        };
        match name.trim().to_ascii_lowercase().as_str() {
            "for" => hop.address = parse_node(&unquote(value)),
            "proto" => hop.proto = Some(unquote(value).to_ascii_lowercase()),
            _ => {}
        }
    }
    hop
}

/// The hops of `Forwarded`, left to right. A line whose quotes do not close counts as one
/// unreadable hop (so it cannot swallow the lines after it).
fn forwarded(headers: &HeaderMap) -> Vec<Hop> {
    lines(headers, FORWARDED.as_str())
        .flat_map(|line| match split_outside_quotes(line, ',') {
            Some(elements) => elements.into_iter().map(element).collect(),
            None => vec![Hop {
                address: None,
                proto: None,
            }],
        })
        .collect()
}

/// The hops the configured header names.
pub(crate) fn hops(headers: &HeaderMap, header: ForwardedHeader) -> Vec<Hop> {
    match header {
        ForwardedHeader::XForwardedFor => x_forwarded_for(headers),
        ForwardedHeader::Forwarded => forwarded(headers),
    }
}

/// The real client of a request that came from `peer` with these hops: the peer itself
/// unless it is a trusted proxy; else, walking the hops from the right, the first address
/// that is not a trusted proxy. Everything left of it was written by the client and is not
/// believed. An unreadable hop stops the walk at the last trusted proxy; a chain of trusted
/// proxies only gives its left-most address.
pub(crate) fn client_address(peer: IpAddr, hops: &[Hop], trusted: &TrustedProxies) -> IpAddr {
    let mut nearest = peer.to_canonical();
    if !trusted.contains(nearest) {
        return nearest;
    }
    for hop in hops.iter().rev() {
        let Some(address) = hop.address.map(|a| a.to_canonical()) else {
            return nearest;
        };
        if !trusted.contains(address) {
            return address;
        }
        nearest = address;
    }
    nearest
}

/// Whether the nearest trusted proxy received the request over https: the right-most
/// `X-Forwarded-Proto` value, or the `proto` of the right-most `Forwarded` element.
pub(crate) fn forwarded_https(headers: &HeaderMap, header: ForwardedHeader) -> bool {
    let proto = match header {
        ForwardedHeader::XForwardedFor => lines(headers, "x-forwarded-proto")
            .flat_map(|line| line.split(','))
            .last()
            .map(|p| p.trim().to_ascii_lowercase()),
        ForwardedHeader::Forwarded => forwarded(headers).pop().and_then(|h| h.proto),
    };
    proto.as_deref() == Some("https")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn proxies(list: &[&str]) -> TrustedProxies {
        TrustedProxies::parse(list.iter().copied()).unwrap()
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.append(*name, HeaderValue::from_str(value).unwrap());
        }
        h
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn resolve(peer: &str, pairs: &[(&'static str, &str)], header: ForwardedHeader) -> IpAddr {
        let trusted = proxies(&["10.0.0.0/8", "127.0.0.1", "2001:db8:ffff::/48"]);
        client_address(ip(peer), &hops(&headers(pairs), header), &trusted)
    }

    const XFF: ForwardedHeader = ForwardedHeader::XForwardedFor;
    const FWD: ForwardedHeader = ForwardedHeader::Forwarded;

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_claims() {
        let spoof = [("x-forwarded-for", "203.0.113.77")];
        assert_eq!(resolve("198.51.100.4", &spoof, XFF), ip("198.51.100.4"));
        let spoof = [("forwarded", "for=203.0.113.77")];
        assert_eq!(resolve("198.51.100.4", &spoof, FWD), ip("198.51.100.4"));
    }

    #[test]
    fn behind_a_trusted_proxy_the_address_it_appended_is_the_client() {
        let h = [("x-forwarded-for", "198.51.100.4")];
        assert_eq!(resolve("127.0.0.1", &h, XFF), ip("198.51.100.4"));
        let h = [("forwarded", "for=198.51.100.4;proto=https")];
        assert_eq!(resolve("127.0.0.1", &h, FWD), ip("198.51.100.4"));
    }

    #[test]
    fn addresses_a_client_puts_left_of_the_proxys_entry_are_not_believed() {
        // The client sent `X-Forwarded-For: 1.1.1.1, 10.0.0.9`; the proxy appended its peer.
        let h = [("x-forwarded-for", "1.1.1.1, 10.0.0.9, 198.51.100.4")];
        assert_eq!(resolve("10.1.2.3", &h, XFF), ip("198.51.100.4"));
        // The same over two header lines.
        let h = [
            ("x-forwarded-for", "1.1.1.1"),
            ("x-forwarded-for", "198.51.100.4"),
        ];
        assert_eq!(resolve("10.1.2.3", &h, XFF), ip("198.51.100.4"));
        let h = [("forwarded", "for=1.1.1.1, for=\"198.51.100.4:5000\"")];
        assert_eq!(resolve("10.1.2.3", &h, FWD), ip("198.51.100.4"));
    }

    #[test]
    fn a_chain_of_trusted_proxies_is_walked_to_the_first_untrusted_address() {
        let h = [(
            "x-forwarded-for",
            "9.9.9.9, 198.51.100.4, 10.0.0.2, 10.0.0.3",
        )];
        assert_eq!(resolve("127.0.0.1", &h, XFF), ip("198.51.100.4"));
        // All trusted: the left-most one (a request from inside the network).
        let h = [("x-forwarded-for", "10.0.0.2, 10.0.0.3")];
        assert_eq!(resolve("127.0.0.1", &h, XFF), ip("10.0.0.2"));
        // No header at all: the proxy itself.
        assert_eq!(resolve("127.0.0.1", &[], XFF), ip("127.0.0.1"));
    }

    #[test]
    fn an_unreadable_hop_stops_at_the_nearest_trusted_proxy() {
        for junk in ["unknown", "_hidden", "not an address", "", "1.2.3.4.5"] {
            let value = format!("1.1.1.1, {junk}");
            let h = [("x-forwarded-for", value.as_str())];
            assert_eq!(resolve("127.0.0.1", &h, XFF), ip("127.0.0.1"), "{junk:?}");
        }
        let h = [("forwarded", "for=unknown"), ("forwarded", "for=_gazonk")];
        assert_eq!(resolve("10.0.0.1", &h, FWD), ip("10.0.0.1"));
        // A quote left open by the client cannot swallow the proxy's own line.
        let h = [
            ("forwarded", "for=\"1.1.1.1, for=2.2.2.2"),
            ("forwarded", "for=198.51.100.4"),
        ];
        assert_eq!(resolve("10.0.0.1", &h, FWD), ip("198.51.100.4"));
    }

    #[test]
    fn ipv6_with_brackets_ports_and_mapped_ipv4_are_read() {
        let h = [("forwarded", "For=\"[2001:db8:cafe::17]:4711\"")];
        assert_eq!(resolve("127.0.0.1", &h, FWD), ip("2001:db8:cafe::17"));
        let h = [("x-forwarded-for", "[2001:db8:cafe::17]:4711")];
        assert_eq!(resolve("127.0.0.1", &h, XFF), ip("2001:db8:cafe::17"));
        // A peer seen as IPv4-mapped IPv6 matches the IPv4 proxy entry.
        let h = [("x-forwarded-for", "198.51.100.4")];
        assert_eq!(resolve("::ffff:127.0.0.1", &h, XFF), ip("198.51.100.4"));
        let h = [("x-forwarded-for", "::ffff:198.51.100.4")];
        assert_eq!(resolve("2001:db8:ffff::1", &h, XFF), ip("198.51.100.4"));
    }

    #[test]
    fn only_the_configured_header_is_read() {
        // The proxy sets X-Forwarded-For; a client-sent Forwarded is ignored, and vice versa.
        let h = [
            ("forwarded", "for=203.0.113.77"),
            ("x-forwarded-for", "198.51.100.4"),
        ];
        assert_eq!(resolve("127.0.0.1", &h, XFF), ip("198.51.100.4"));
        let h = [
            ("x-forwarded-for", "203.0.113.77"),
            ("forwarded", "for=198.51.100.4"),
        ];
        assert_eq!(resolve("127.0.0.1", &h, FWD), ip("198.51.100.4"));
    }

    #[test]
    fn quoted_values_keep_their_separators_and_escapes() {
        let h = [(
            "forwarded",
            "for=\"[2001:db8::1]\";host=\"a;b,c\";proto=HTTPS, for=198.51.100.4;by=\"x\\\"y\"",
        )];
        let hops = hops(&headers(&h), FWD);
        assert_eq!(hops.len(), 2);
        assert_eq!(hops[0].address, Some(ip("2001:db8::1")));
        assert_eq!(hops[0].proto.as_deref(), Some("https"));
        assert_eq!(hops[1].address, Some(ip("198.51.100.4")));
    }

    #[test]
    fn https_is_what_the_nearest_proxy_says() {
        let h = headers(&[("x-forwarded-proto", "http, https")]);
        assert!(forwarded_https(&h, XFF));
        let h = headers(&[("x-forwarded-proto", "https, http")]);
        assert!(!forwarded_https(&h, XFF));
        let h = headers(&[(
            "forwarded",
            "for=1.1.1.1;proto=https, for=2.2.2.2;proto=http",
        )]);
        assert!(!forwarded_https(&h, FWD));
        let h = headers(&[("forwarded", "for=2.2.2.2;proto=https")]);
        assert!(forwarded_https(&h, FWD));
        assert!(!forwarded_https(&HeaderMap::new(), XFF));
    }
}
