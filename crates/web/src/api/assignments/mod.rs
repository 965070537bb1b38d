//! `/api/v1` assignment (issue 5; PEN-01..19): drafts checked against the regulation and
//! recorded, the candidate picker, the approval workflows (PEN-13..18) with their steps,
//! nudges, the inbox, the letters the steps record and the workflow definitions.
//!
//! Every change is an official's (route rule `Official`; tokens get 403 `official_only`), and
//! storage decides inside the change whether the person holds the step (PEN-18). Records are
//! read by whoever may see their assignment (`AssignmentRecord`, checked by the handler after
//! reading the record once). Decisions stay lean — one storage call, `204` — for they are what
//! people do most.

pub mod drafts;
pub mod inbox;
pub mod requests;

use sikerja_domain::assignment::{AssignmentDraft, Report};
use sikerja_domain::workflow::Involvement;
use sikerja_storage::StorageError;

use crate::api::dto::assignment::violation_detail;
use crate::error::{ErrorDetail, WebError};

/// A 422 for input that cannot be read into a draft, listing every problem.
fn invalid_input(details: Vec<ErrorDetail>) -> WebError {
    WebError::Invalid {
        code: "validation_failed",
        message: format!("Isian penugasan ditolak: {} masalah.", details.len()),
        details,
    }
}

/// A 422 `assignment_refused` listing every violation of a draft, each with its rule.
fn refused(report: &Report, draft: &AssignmentDraft) -> WebError {
    WebError::Invalid {
        code: "assignment_refused",
        message: format!(
            "Penugasan ditolak: {} pelanggaran ketentuan (PEN-01..12). Lihat details.",
            report.violations.len()
        ),
        details: report
            .violations
            .iter()
            .map(|v| violation_detail(v, draft))
            .collect(),
    }
}

/// The refusal of a start whose involvement request misses contents (PEN-14, PEN-15), with
/// one detail per missing field; other errors as they are.
fn start_error(e: StorageError, involvement: &Involvement) -> WebError {
    match e {
        StorageError::Invalid {
            code: "involvement_incomplete",
            message,
        } => WebError::Invalid {
            code: "involvement_incomplete",
            message,
            details: involvement
                .check()
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|m| ErrorDetail {
                    field: Some(format!("involvement.{}", m.field)),
                    code: "involvement_incomplete".into(),
                    message: m.message,
                    ..ErrorDetail::default()
                })
                .collect(),
        },
        other => other.into(),
    }
}
