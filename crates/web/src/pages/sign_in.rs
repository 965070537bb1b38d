//! Signing in and out: `/masuk` (NIP + password) and `POST /keluar`.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sikerja_domain::Nip;
use sikerja_domain::audit::AuditAction;
use tower_sessions::Session;

use crate::AppState;
use crate::auth::{
    self, Account, Admitted, Attempt, DEMO_PASSWORD, DemoSignIn, SIGN_IN_REFUSED, SignedIn,
};
use crate::client::ClientAddress;
use crate::error::PageError;
use crate::views::Layout;

#[derive(Template, WebTemplate)]
#[template(path = "account/sign_in.html")]
pub struct SignInPage {
    layout: Layout,
    nip: String,
    error: Option<&'static str>,
    demo: Vec<DemoSignIn>,
    demo_password: &'static str,
    /// The page to return to after signing in (`?ke=`), already checked to be same-site.
    return_to: Option<String>,
}

fn page(
    state: &AppState,
    nip: String,
    error: Option<&'static str>,
    return_to: Option<String>,
) -> SignInPage {
    let demo = if state.demo_mode {
        state.demo_sign_ins.to_vec()
    } else {
        Vec::new()
    };
    SignInPage {
        layout: Layout::new("Masuk", state.demo_mode),
        nip,
        error,
        demo,
        demo_password: DEMO_PASSWORD,
        return_to,
    }
}

/// Where the sign-in page was asked to return to.
#[derive(Debug, Default, Deserialize)]
pub struct SignInQuery {
    #[serde(default)]
    pub ke: String,
}

/// The page to return to, if it is a same-site path ([`auth::safe_return_path`]); anything
/// else is dropped and sign-in goes to the start page.
fn return_to(raw: &str) -> Option<String> {
    auth::safe_return_path(raw.trim()).map(str::to_string)
}

/// `GET /masuk`, `GET /masuk?ke=/pegawai/12`
pub async fn show_sign_in(
    State(state): State<AppState>,
    query: Result<Query<SignInQuery>, axum::extract::rejection::QueryRejection>,
) -> SignInPage {
    let query = query.map(|Query(q)| q).unwrap_or_default();
    page(&state, String::new(), None, return_to(&query.ke))
}

/// The sign-in form.
#[derive(Debug, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    pub nip: String,
    #[serde(default)]
    pub password: String,
    /// The page to return to (issue 15 point 8); followed only if same-site.
    #[serde(default)]
    pub ke: String,
}

/// Who a sign-in form names: an employee's credential or a regional head's.
struct Candidate {
    account: Account,
    login: String,
    name: String,
    hash: String,
    must_change: bool,
}

async fn candidate(state: &AppState, login: &str) -> Result<Option<Candidate>, PageError> {
    let login = login.trim();
    if let Ok(nip) = Nip::parse(login) {
        return Ok(state
            .store
            .credential_by_nip(&nip)
            .await?
            .map(|c| Candidate {
                account: Account::Employee(c.employee.0),
                login: c.nip,
                name: c.name,
                hash: c.password_hash,
                must_change: c.must_change,
            }));
    }
    if login.is_empty() || login.len() > 64 {
        return Ok(None);
    }
    // A username that is not well formed is simply nobody: the refusal looks the same.
    let found = state
        .store
        .regional_head_credential(login)
        .await
        .ok()
        .flatten();
    Ok(found.map(|c| Candidate {
        account: Account::RegionalHead(c.id),
        login: login.to_lowercase(),
        name: format!("{} ({})", c.name, c.title),
        hash: c.password_hash,
        must_change: c.must_change,
    }))
}

/// `POST /masuk`: throttles the attempt (device cookie, account, real client address),
/// checks the password (argon2id) and starts a session under a new id, renewing the device
/// cookie. Every refusal looks and takes the same.
pub async fn create_session(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    session: Session,
    Form(form): Form<SignInForm>,
) -> Result<Response, PageError> {
    let attempt = Attempt::new(&form.nip, address, auth::presented_device(&headers));
    let found = candidate(&state, &form.nip).await?;
    let admitted = attempt.admit(&state.store).await?;
    let hash = found.as_ref().map(|c| c.hash.clone());
    // The password is checked even for a refused attempt: every refusal takes the same.
    let matches = auth::verify_password(form.password, hash).await;
    let found = match found {
        Some(c) if matches && admitted != Admitted::Refused => c,
        _ => {
            tracing::info!(
                sign_in.throttled = admitted == Admitted::Refused,
                sign_in.known_device = admitted == Admitted::KnownDevice,
                "sign-in refused"
            );
            let refused = page(
                &state,
                form.nip.trim().to_string(),
                Some(SIGN_IN_REFUSED),
                return_to(&form.ke),
            );
            return Ok((StatusCode::UNAUTHORIZED, refused).into_response());
        }
    };
    let device = attempt.succeeded(&state.store, admitted).await?;
    let user = SignedIn {
        account: found.account,
        login: found.login,
        name: found.name,
        must_change: found.must_change,
    };
    auth::begin(&session, &user).await?;
    crate::security::renew_csrf(&session).await?;
    auth::record(
        &state.store,
        &user,
        AuditAction::SessionSignedIn,
        serde_json::json!({
            "client": address.map(|a| a.to_string()),
            "known_device": admitted == Admitted::KnownDevice,
        }),
    )
    .await?;
    let next = if user.must_change {
        "/akun/kata-sandi".to_string()
    } else {
        return_to(&form.ke).unwrap_or_else(|| "/".to_string())
    };
    let mut response = Redirect::to(&next).into_response();
    if let Some(cookie) = auth::device_cookie(&device, state.secure_cookies) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

/// `POST /keluar`: ends the session.
pub async fn delete_session(
    State(state): State<AppState>,
    session: Session,
) -> Result<Redirect, PageError> {
    if let Some(user) = auth::signed_in(&session).await? {
        auth::record(
            &state.store,
            &user,
            AuditAction::SessionSignedOut,
            serde_json::json!({}),
        )
        .await?;
    }
    auth::end(&session).await?;
    Ok(Redirect::to("/masuk"))
}
