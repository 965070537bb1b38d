//! The signed-in person's own account: changing the password (forced after an admin reset)
//! and how they are told of what waits for them (issue 18 point 4).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sikerja_domain::audit::AuditAction;
use sikerja_domain::notification::NotifyMode;
use sikerja_domain::organisation::EmployeeId;
use sikerja_storage::StorageError;
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

/// One choice of how to be told.
pub struct ModeChoice {
    code: &'static str,
    label: &'static str,
    hint: String,
    checked: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "account/notifications.html")]
pub struct NotificationsPage {
    layout: Layout,
    employee: bool,
    email: String,
    modes: Vec<ModeChoice>,
    saved: bool,
    error: Option<String>,
}

fn notifications_page(
    state: &AppState,
    employee: bool,
    email: String,
    mode: NotifyMode,
    saved: bool,
    error: Option<String>,
) -> NotificationsPage {
    let modes = NotifyMode::ALL
        .iter()
        .map(|m| ModeChoice {
            code: m.code(),
            label: m.label(),
            hint: match m {
                NotifyMode::Immediately => "satu surel untuk setiap hal, segera".to_string(),
                NotifyMode::Digest => "satu surel sehari berisi semua hal hari itu".to_string(),
                NotifyMode::Off => String::new(),
            },
            checked: *m == mode,
        })
        .collect();
    NotificationsPage {
        layout: Layout::new("Pemberitahuan", state.demo_mode),
        employee,
        email,
        modes,
        saved,
        error,
    }
}

/// `?disimpan=1` after a change.
#[derive(Debug, Deserialize)]
pub struct SavedQuery {
    #[serde(default)]
    pub disimpan: Option<String>,
}

/// `GET /akun/pemberitahuan`: the person's email address and how they want to be told
/// (issue 18 point 4). Off until an address is given.
pub async fn edit_notifications(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<SavedQuery>,
) -> Result<Response, PageError> {
    let Some(user) = auth::signed_in(&session).await? else {
        return Ok(Redirect::to("/masuk").into_response());
    };
    let saved = q.disimpan.is_some();
    Ok(match user.account {
        Account::Employee(id) => {
            let p = state.store.notification_preference(EmployeeId(id)).await?;
            notifications_page(
                &state,
                true,
                p.email.unwrap_or_default(),
                p.mode,
                saved,
                None,
            )
        }
        Account::RegionalHead(_) => {
            notifications_page(&state, false, String::new(), NotifyMode::Off, false, None)
        }
    }
    .into_response())
}

/// The notification form.
#[derive(Debug, Deserialize)]
pub struct NotificationsForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub mode: String,
}

/// `POST /akun/pemberitahuan`: saves the address and mode for the signed-in employee only.
pub async fn update_notifications(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<NotificationsForm>,
) -> Result<Response, PageError> {
    let Some(user) = auth::signed_in(&session).await? else {
        return Ok(Redirect::to("/masuk").into_response());
    };
    let Account::Employee(id) = user.account else {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            notifications_page(
                &state,
                false,
                String::new(),
                NotifyMode::Off,
                false,
                Some("Pemberitahuan surel tersedia untuk akun pegawai.".to_string()),
            ),
        )
            .into_response());
    };
    let refuse = |message: String, mode: NotifyMode| {
        Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            notifications_page(&state, true, form.email.clone(), mode, false, Some(message)),
        )
            .into_response())
    };
    let Some(mode) = NotifyMode::from_code(form.mode.trim()) else {
        return refuse("Pilih cara pemberitahuan.".to_string(), NotifyMode::Off);
    };
    match state
        .store
        .set_notification_preference(EmployeeId(id), &form.email, mode)
        .await
    {
        Ok(_) => Ok(Redirect::to("/akun/pemberitahuan?disimpan=1").into_response()),
        Err(e @ StorageError::Invalid { .. }) => refuse(e.to_string(), mode),
        Err(e) => Err(e.into()),
    }
}
