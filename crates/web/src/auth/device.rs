//! The device cookie of the sign-in (see `throttle`): a random token the storage binds to the
//! accounts signed in from this browser. It is sent only to `/masuk`, never readable by
//! scripts, and renewed at every successful sign-in.

use axum::http::{HeaderMap, HeaderValue, header};
use tower_sessions::cookie::time::Duration;
use tower_sessions::cookie::{Cookie, SameSite};

/// Name of the device cookie.
pub const DEVICE_COOKIE: &str = "sikerja_perangkat";

/// The device token the browser presents, if any.
pub(crate) fn presented(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(std::result::Result::ok)
        .find(|c| c.name() == DEVICE_COOKIE)
        .map(|c| c.value().to_string())
}

/// The `Set-Cookie` value giving the browser its (renewed) device token.
pub(crate) fn set_cookie(token: &str, secure: bool) -> Option<HeaderValue> {
    let cookie = Cookie::build((DEVICE_COOKIE, token))
        .path("/masuk")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .max_age(Duration::days(super::throttle::DEVICES.lifetime.num_days()))
        .build();
    HeaderValue::from_str(&cookie.to_string()).ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_read_among_other_cookies() {
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; sikerja_perangkat=abc"),
        );
        assert_eq!(presented(&h).as_deref(), Some("abc"));
        assert_eq!(presented(&HeaderMap::new()), None);
    }

    #[test]
    fn the_cookie_goes_only_to_the_sign_in_page_and_not_to_scripts() {
        let c = set_cookie("abc", true).unwrap();
        let c = c.to_str().unwrap();
        for part in [
            "sikerja_perangkat=abc",
            "Path=/masuk",
            "HttpOnly",
            "SameSite=Strict",
            "Secure",
            "Max-Age=15552000",
        ] {
            assert!(c.contains(part), "{c} lacks {part}");
        }
    }
}
