//! Where sign-in returns to (issue 15 point 8): a page asked for without a session sends to
//! `/masuk?ke=/path?query`, and a successful sign-in goes back there. Only a same-site
//! relative path is ever followed, so that `ke` cannot be used as an open redirect.

use axum::http::Uri;

/// The name of the query parameter and form field carrying the page to return to.
pub const RETURN_PARAM: &str = "ke";

/// The longest path returned to (the limit of a name field, [`sikerja_domain::limits`]).
pub const MAX_RETURN_LEN: usize = 255;

/// `raw` if it is a same-site relative path: it starts with a single `/` (not `//`, which a
/// browser reads as another host), has no backslash (`/\evil` is read as `//evil`), no
/// scheme, no space or control character (a browser drops TAB and LF, turning `/\t/evil`
/// into `//evil`), only printable ASCII (a request's path and query as sent), and at most
/// [`MAX_RETURN_LEN`] characters. Signing in or out is never a destination.
pub fn safe_return_path(raw: &str) -> Option<&str> {
    let ok = raw.len() <= MAX_RETURN_LEN
        && raw.starts_with('/')
        && !raw.starts_with("//")
        && raw.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
        && !is_sign_in_or_out(raw);
    ok.then_some(raw)
}

fn is_sign_in_or_out(raw: &str) -> bool {
    let path = raw.split(['?', '#']).next().unwrap_or_default();
    matches!(path, "/masuk" | "/keluar")
}

/// The sign-in page's address for a request of `uri` made without a session: with
/// `?ke=` naming the page, unless it is the start page (where sign-in goes anyway) or not a
/// path that would be followed back.
pub fn sign_in_location(uri: &Uri) -> String {
    let target = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    match safe_return_path(target) {
        Some(t) if t != "/" => {
            let encoded: String = form_urlencoded::byte_serialize(t.as_bytes()).collect();
            format!("/masuk?{RETURN_PARAM}={encoded}")
        }
        _ => "/masuk".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_same_site_path_with_its_query_is_followed() {
        for ok in [
            "/pegawai/12",
            "/perangkat-daerah/3/kedudukan?unit=5&per=2026-01-01",
            "/aturan?q=KED-03",
        ] {
            assert_eq!(safe_return_path(ok), Some(ok), "{ok}");
        }
    }

    #[test]
    fn anything_that_could_leave_the_site_is_refused() {
        let long = format!("/{}", "a".repeat(MAX_RETURN_LEN));
        for bad in [
            "",
            "pegawai/12",
            "//evil.example/",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/pegawai\\..\\x",
            "https://evil.example/",
            "javascript:alert(1)",
            " /pegawai",
            "/\t/evil.example",
            "/\n/evil.example",
            "/peg awai",
            "/pegawai/é",
            "/masuk",
            "/masuk?ke=/pegawai",
            "/keluar",
            long.as_str(),
        ] {
            assert_eq!(safe_return_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_sign_in_location_names_the_page_encoded() {
        let uri = Uri::from_static("/perangkat-daerah/3/kedudukan?unit=5&per=2026-01-01");
        assert_eq!(
            sign_in_location(&uri),
            "/masuk?ke=%2Fperangkat-daerah%2F3%2Fkedudukan%3Funit%3D5%26per%3D2026-01-01"
        );
        assert_eq!(sign_in_location(&Uri::from_static("/")), "/masuk");
        assert_eq!(sign_in_location(&Uri::from_static("/masuk")), "/masuk");
    }
}
