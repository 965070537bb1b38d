//! Sign-in: server-side sessions in the database, the signed-in person of a request,
//! passwords, the throttling of sign-in attempts and the device cookie. Which routes need a signed-in person is
//! decided by the authorisation layer, not here.

mod device;
mod password;
mod return_to;
mod session_store;
mod throttle;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_storage::{AuditActor, Store};
use tower_sessions::cookie::SameSite;
use tower_sessions::cookie::time::Duration;
use tower_sessions::{Expiry, Session, SessionManagerLayer};

pub use device::DEVICE_COOKIE;
pub(crate) use device::{presented as presented_device, set_cookie as device_cookie};
pub use password::{
    HashError, MIN_PASSWORD_LEN, check_new_password, hash_password, temporary_password,
    verify_password,
};
pub use return_to::{MAX_RETURN_LEN, RETURN_PARAM, safe_return_path, sign_in_location};
pub use session_store::DbSessionStore;
pub use throttle::FORGET_AFTER;
pub(crate) use throttle::{Admitted, Attempt, SIGN_IN_REFUSED};

use crate::error::{PageError, WebError};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "sikerja_sesi";

/// The password every well-known demo person gets when the demo is loaded (documented in the
/// README; demo mode only).
pub const DEMO_PASSWORD: &str = "demo12345";

/// Session key of the signed-in person.
const USER_KEY: &str = "pengguna";

/// Whose account a session belongs to.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Account {
    /// A civil servant (PNS or PPPK), signing in with their NIP.
    Employee(i64),
    /// A Bupati or Wakil Bupati, signing in with a username.
    RegionalHead(i64),
}

/// The signed-in person, as kept in the session.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SignedIn {
    pub account: Account,
    /// What the person signs in with: NIP (digits) or username.
    pub login: String,
    /// Name with titles.
    pub name: String,
    /// The password was set by an admin and must be changed before anything else.
    pub must_change: bool,
}

/// A well-known demo person listed on the sign-in page of the demo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSignIn {
    /// Name with titles.
    pub name: String,
    /// What the person does, in Indonesian.
    pub role: String,
    /// NIP (digits).
    pub nip: String,
}

tokio::task_local! {
    /// The signed-in person of the request being handled, for the page header.
    static CURRENT: Option<SignedIn>;
}

/// The signed-in person of the request being handled (`None` outside a request or when
/// nobody is signed in). Read by the base layout.
pub(crate) fn current_user() -> Option<SignedIn> {
    CURRENT.try_with(Clone::clone).ok().flatten()
}

/// The signed-in person of a session. A session written by an older release that no longer
/// reads is treated as signed out.
pub(crate) async fn signed_in(session: &Session) -> Result<Option<SignedIn>, PageError> {
    match session.get::<serde_json::Value>(USER_KEY).await {
        Ok(None) => Ok(None),
        Ok(Some(value)) => Ok(serde_json::from_value(value).ok()),
        Err(e) => Err(session_failed(e)),
    }
}

/// The audit label of a person: "Nama (NIP 1987…)" or "Nama (akun …)".
pub(crate) fn audit_actor(user: &SignedIn, position: Option<String>) -> AuditActor {
    match user.account {
        Account::Employee(_) => AuditActor::employee(&user.name, &user.login, position),
        Account::RegionalHead(_) => AuditActor {
            label: format!("{} (akun {})", user.name, user.login),
            position,
        },
    }
}

/// Appends an audit row for an account event (sign-in, sign-out, password change).
pub(crate) async fn record(
    store: &Store,
    user: &SignedIn,
    action: AuditAction,
    summary: serde_json::Value,
) -> Result<(), PageError> {
    let (entity, id) = match user.account {
        Account::Employee(id) => (AuditSubject::Employee, id),
        Account::RegionalHead(id) => (AuditSubject::RegionalHead, id),
    };
    let actor = audit_actor(user, None);
    store
        .record_event(
            &actor.label,
            actor.position.as_deref(),
            action,
            entity,
            &id.to_string(),
            summary,
        )
        .await?;
    Ok(())
}

/// Starts a signed-in session under a new id (no fixation).
pub(crate) async fn begin(session: &Session, user: &SignedIn) -> Result<(), PageError> {
    session.cycle_id().await.map_err(session_failed)?;
    session.insert(USER_KEY, user).await.map_err(session_failed)
}

/// Ends the session: its record is deleted and the cookie cleared.
pub(crate) async fn end(session: &Session) -> Result<(), PageError> {
    session.flush().await.map_err(session_failed)
}

pub(crate) fn session_failed(e: tower_sessions::session::Error) -> PageError {
    tracing::error!(error = %e, "session store failed");
    PageError::from(WebError::Internal)
}

/// Paths a person who must change their password may still reach.
fn allowed_before_change(path: &str) -> bool {
    path == "/akun/kata-sandi" || path == "/keluar" || path == "/masuk"
}

/// Makes the signed-in person known to the pages of the request, and sends a person whose
/// password must be changed to the change page first.
pub(crate) async fn track_user(session: Session, request: Request, next: Next) -> Response {
    let user = match signed_in(&session).await {
        Ok(user) => user,
        Err(e) => return e.into_response(),
    };
    if user.as_ref().is_some_and(|u| u.must_change) && !allowed_before_change(request.uri().path())
    {
        return Redirect::to("/akun/kata-sandi").into_response();
    }
    CURRENT.scope(user, next.run(request)).await
}

/// The session layer: cookie `sikerja_sesi`, HttpOnly, SameSite=Lax, Secure unless
/// `secure_cookies` is off (demo on plain http), expiring after 8 hours without use.
pub fn session_layer(store: Store, secure_cookies: bool) -> SessionManagerLayer<DbSessionStore> {
    SessionManagerLayer::new(DbSessionStore::new(store))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure_cookies)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(Duration::hours(8)))
}
