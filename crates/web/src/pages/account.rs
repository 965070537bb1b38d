//! The signed-in person's own account: changing the password (forced after an admin reset).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sikerja_domain::audit::AuditAction;
use sikerja_domain::organisation::EmployeeId;
use tower_sessions::Session;

use crate::AppState;
use crate::auth::{self, Account, SignedIn};
use crate::error::{PageError, WebError};
use crate::views::Layout;

#[derive(Template, WebTemplate)]
#[template(path = "account/password.html")]
pub struct PasswordPage {
    layout: Layout,
    must_change: bool,
    error: Option<&'static str>,
}

fn page(state: &AppState, user: &SignedIn, error: Option<&'static str>) -> PasswordPage {
    PasswordPage {
        layout: Layout::new("Ganti kata sandi", state.demo_mode),
        must_change: user.must_change,
        error,
    }
}

/// `GET /akun/kata-sandi`
pub async fn edit_password(
    State(state): State<AppState>,
    session: Session,
) -> Result<Response, PageError> {
    match auth::signed_in(&session).await? {
        Some(user) => Ok(page(&state, &user, None).into_response()),
        None => Ok(Redirect::to("/masuk").into_response()),
    }
}

/// The change-password form.
#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    pub current: String,
    #[serde(default)]
    pub new: String,
    #[serde(default)]
    pub confirm: String,
}

/// `POST /akun/kata-sandi`: checks the current password and the rules, stores the new hash
/// and renews the session id.
pub async fn update_password(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<PasswordForm>,
) -> Result<Response, PageError> {
    let Some(mut user) = auth::signed_in(&session).await? else {
        return Ok(Redirect::to("/masuk").into_response());
    };
    let refuse = |message| {
        Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            page(&state, &user, Some(message)),
        )
            .into_response())
    };
    let hash = match user.account {
        Account::Employee(id) => state
            .store
            .credential(EmployeeId(id))
            .await?
            .map(|c| c.password_hash),
        Account::RegionalHead(_) => state
            .store
            .regional_head_credential(&user.login)
            .await?
            .map(|c| c.password_hash),
    };
    if !auth::verify_password(form.current.clone(), hash).await {
        return refuse("Kata sandi saat ini salah.");
    }
    if let Err(message) = auth::check_new_password(&form.new, &form.confirm, &user.login) {
        return refuse(message);
    }
    if form.new == form.current {
        return refuse("Kata sandi baru harus berbeda dari kata sandi saat ini.");
    }
    let hash = auth::hash_password(form.new).await.map_err(|e| {
        tracing::error!(error = %e, "hashing a new password failed");
        PageError::from(WebError::Internal)
    })?;
    let actor = auth::audit_actor(&user, None);
    match user.account {
        Account::Employee(id) => {
            state
                .store
                .set_password_audited(
                    EmployeeId(id),
                    &hash,
                    false,
                    &actor,
                    AuditAction::PasswordChanged,
                )
                .await?
        }
        Account::RegionalHead(id) => {
            state
                .store
                .set_regional_head_password(id, &hash, false, &actor, AuditAction::PasswordChanged)
                .await?
        }
    }
    user.must_change = false;
    auth::begin(&session, &user).await?;
    crate::security::renew_csrf(&session).await?;
    Ok(Redirect::to("/").into_response())
}
