//! Signing in and out: `/masuk` (NIP + password) and `POST /keluar`.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sikerja_domain::Nip;
use tower_sessions::Session;

use crate::AppState;
use crate::auth::{
    self, ClientAddress, DEMO_PASSWORD, DemoSignIn, SIGN_IN_REFUSED, SignedIn, Throttle,
};
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
}

fn page(state: &AppState, nip: String, error: Option<&'static str>) -> SignInPage {
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
    }
}

/// `GET /masuk`
pub async fn show_sign_in(State(state): State<AppState>) -> SignInPage {
    page(&state, String::new(), None)
}

/// The sign-in form.
#[derive(Debug, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    pub nip: String,
    #[serde(default)]
    pub password: String,
}

/// `POST /masuk`: checks the password (argon2id), throttles failures, and starts a session
/// under a new id. Every refusal looks and takes the same.
pub async fn create_session(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    session: Session,
    Form(form): Form<SignInForm>,
) -> Result<Response, PageError> {
    let throttle = Throttle::new(&form.nip, address.map(|a| a.ip()));
    let credential = match Nip::parse(form.nip.trim()) {
        Ok(nip) => state.store.credential_by_nip(&nip).await?,
        Err(_) => None,
    };
    let locked = throttle.locked(&state.store).await?;
    let hash = credential.as_ref().map(|c| c.password_hash.clone());
    let matches = auth::verify_password(form.password, hash).await;
    let credential = match credential {
        Some(c) if matches && !locked => c,
        _ => {
            if !locked {
                throttle.failed(&state.store).await?;
            }
            let refused = page(&state, form.nip.trim().to_string(), Some(SIGN_IN_REFUSED));
            return Ok((StatusCode::UNAUTHORIZED, refused).into_response());
        }
    };
    throttle.succeeded(&state.store).await?;
    let user = SignedIn {
        employee: credential.employee.0,
        nip: credential.nip,
        name: credential.name,
        must_change: credential.must_change,
    };
    auth::begin(&session, &user).await?;
    tracing::info!(employee.id = user.employee, "signed in");
    let next = if user.must_change {
        "/akun/kata-sandi"
    } else {
        "/"
    };
    Ok(Redirect::to(next).into_response())
}

/// `POST /keluar`: ends the session.
pub async fn delete_session(session: Session) -> Result<Redirect, PageError> {
    auth::end(&session).await?;
    Ok(Redirect::to("/masuk"))
}
