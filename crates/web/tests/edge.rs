//! The edge of the application (issue 12 points 5, 7 and 8): control characters and text
//! limits refused before any handler on every backend, one error format for the whole API
//! (413, 405 with `Allow`, bad paths, unknown routes), `Cache-Control: no-store`, nudges
//! rate limited, and rule-caused refusals that name their rule.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::assignments::{call, member, official, post, root_unit, started_team, team};
use common::{app, nip, post_json, sel};
use serde_json::{Value, json};
use sikerja_domain::assignment::AssignmentId;

fn json_of(body: &[u8]) -> Value {
    serde_json::from_slice(body)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(body)))
}

fn bearer(app: &common::TestApp, mut request: Request<Body>) -> Request<Body> {
    request.headers_mut().insert(
        header::AUTHORIZATION,
        format!("Bearer {}", app.token).parse().expect("header"),
    );
    request
}

#[tokio::test]
async fn nul_in_a_json_field_of_an_import_is_422_naming_the_field_and_writes_nothing() {
    let app = app().await;
    let before = app.store.agencies().await.expect("agencies").len();
    let mut bundle = serde_json::to_value(common::test_agency()).expect("bundle json");
    bundle["agency"]["code"] = json!("kab-lain");
    bundle["agency"]["name"] = json!("Kabupaten\u{0}Lain");
    let request = bearer(&app, post_json("/api/v1/agencies/import", &bundle));
    let (status, _, body) = app.send(request).await;
    let body = json_of(&body);
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "control_character");
    assert_eq!(body["error"]["details"][0]["field"], "agency.name");
    assert_eq!(app.store.agencies().await.expect("agencies").len(), before);
}

#[tokio::test]
async fn nul_in_a_form_field_is_422_and_writes_nothing() {
    let app = app().await;
    let before = app.store.api_tokens().await.expect("tokens").len();
    let mut admin = app.admin.clone();
    admin.get(&app, "/admin/token-api").await;
    let answer = admin
        .post(
            &app,
            "/admin/token-api",
            &[("name", "sistem\u{0}lain"), ("access", "baca")],
        )
        .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    let page = scraper::Html::parse_document(&answer.body);
    assert!(
        page.select(&sel(".error-page")).next().is_some(),
        "{}",
        answer.body
    );
    assert_eq!(app.store.api_tokens().await.expect("tokens").len(), before);
}

#[tokio::test]
async fn nul_in_a_query_string_or_a_path_is_422() {
    let app = app().await;
    for uri in [
        "/api/v1/employees?q=a%00b",
        "/api/v1/verify/ab%00cd",
        "/api/v1/agencies?x%01=1",
    ] {
        let (status, _, body) = app.send(bearer(&app, common::get(uri))).await;
        let body = json_of(&body);
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{uri}: {body}");
        assert_eq!(body["error"]["code"], "control_character", "{uri}");
    }
    let (status, body) = app.get("/pegawai?q=%1B").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
}

#[tokio::test]
async fn a_ten_megabyte_nudge_note_is_refused_without_being_stored_or_repeated() {
    let app = app().await;
    let (assignment, request) = started_team(&app).await;
    let mut kadis = app.admin.clone();
    let note = "x".repeat(10 * 1024 * 1024);
    let (status, body) = post(
        &mut kadis,
        &app,
        &format!("/api/v1/requests/{request}/nudges"),
        json!({ "note": note }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["code"], "text_too_long");
    assert_eq!(body["error"]["details"][0]["field"], "note");
    assert!(body.to_string().len() < 2_000, "the value is not repeated");
    let id = app
        .store
        .request_of(AssignmentId(assignment))
        .await
        .expect("request")
        .expect("started");
    let view = app.store.assignment_request(id).await.expect("view");
    assert!(view.reminders.is_empty(), "{:?}", view.reminders);
}

#[tokio::test]
async fn a_second_nudge_within_the_interval_is_refused_with_when_it_may_be_sent() {
    let app = app().await;
    let (_, request) = started_team(&app).await;
    let mut kadis = app.admin.clone();
    let uri = format!("/api/v1/requests/{request}/nudges");
    let (status, body) = post(&mut kadis, &app, &uri, json!({"note": "Mohon segera"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = post(&mut kadis, &app, &uri, json!({"note": "Sekali lagi"})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "nudge_too_soon");
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("dapat dikirim mulai"), "{message}");
    assert!(message.contains("WITA"), "{message}");
}

#[tokio::test]
async fn an_oversized_body_is_413_in_the_json_envelope() {
    let app = app().await;
    let big = vec![b' '; 17 * 1024 * 1024];
    let request = Request::post("/api/v1/agencies/import")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, big.len())
        .body(Body::from(big))
        .expect("request");
    let (status, response, body) = app.send(bearer(&app, request)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        response.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap_or_default()
            .starts_with("application/json")
    );
    assert_eq!(json_of(&body)["error"]["code"], "body_too_large");
}

#[tokio::test]
async fn a_wrong_method_is_405_with_allow_in_the_format_of_its_area() {
    let app = app().await;
    let request = Request::builder()
        .method(Method::DELETE)
        .uri("/api/v1/agencies")
        .body(Body::empty())
        .expect("request");
    let (status, response, body) = app.send(bearer(&app, request)).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.headers()[header::ALLOW], "GET, HEAD");
    assert_eq!(json_of(&body)["error"]["code"], "method_not_allowed");
    // A page: the Indonesian error page, also with Allow.
    let request = Request::builder()
        .method(Method::PUT)
        .uri("/masuk")
        .body(Body::empty())
        .expect("request");
    let (status, response, body) = app.send(request).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.headers()[header::ALLOW], "GET, HEAD, POST");
    let body = String::from_utf8(body).expect("utf-8");
    assert!(body.contains("Metode tidak diizinkan"), "{body}");
    // Outside the authorised routers (the static assets) too.
    let request = Request::post("/static/sikerja.css")
        .body(Body::empty())
        .expect("request");
    let (status, response, _) = app.send(request).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(response.headers().contains_key(header::ALLOW));
}

#[tokio::test]
async fn every_api_error_is_the_json_envelope() {
    let app = app().await;
    for (uri, status, code) in [
        ("/api/v1/nothing-here", StatusCode::NOT_FOUND, "not_found"),
        (
            "/api/v1/verify/%FF%FE",
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        ("/api/v1/agencies/%FF", StatusCode::NOT_FOUND, "not_found"),
        (
            "/api/v1/employees?limit=abc",
            StatusCode::BAD_REQUEST,
            "invalid_query",
        ),
    ] {
        let (got, response, body) = app.send(bearer(&app, common::get(uri))).await;
        assert_eq!(got, status, "{uri}: {}", String::from_utf8_lossy(&body));
        assert!(
            response.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap_or_default()
                .starts_with("application/json"),
            "{uri}"
        );
        assert_eq!(json_of(&body)["error"]["code"], code, "{uri}");
    }
}

#[tokio::test]
async fn pages_and_api_answers_are_not_stored_by_caches_but_static_assets_are() {
    let app = app().await;
    for uri in ["/api/v1/agencies", "/", "/masuk", "/api/v1/nothing-here"] {
        let (_, response, _) = app.send_authed(common::get(uri)).await;
        assert_eq!(
            response.headers()[header::CACHE_CONTROL],
            "no-store",
            "{uri}"
        );
    }
    let (_, response, _) = app.send(common::get("/static/htmx.min.js")).await;
    assert_ne!(response.headers()[header::CACHE_CONTROL], "no-store");
}

#[tokio::test]
async fn pen_11_a_volunteer_for_another_agency_is_refused_by_the_rule_not_a_generic_403() {
    let app = app().await;
    let unit = root_unit(&app, "dinkes").await;
    let me = app.employee_id(nip::PELAKSANA).await;
    let mut pelaksana = official(&app, nip::PELAKSANA).await;
    let mut wish = team(
        unit,
        "Membantu instansi lain",
        vec![member(me, "member", "2027-03-01", "2027-03-31")],
    );
    wish["execution"] = json!("individual");
    wish["method"] = json!("volunteer");
    wish["agency"] = json!(999);
    for uri in ["/api/v1/assignments", "/api/v1/assignments/check"] {
        let (status, body) =
            call(&mut pelaksana, &app, Method::POST, uri, Some(wish.clone())).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{uri}: {body}");
        assert_eq!(body["error"]["code"], "volunteer_across_agencies");
        assert_eq!(body["error"]["details"][0]["rule_id"], "PEN-11");
        assert_eq!(body["error"]["details"][0]["article"], "Lampiran II.B.2");
    }
}

/// Error codes that are not caused by a rule of the regulation: input the application cannot
/// read, missing records, the application's own safeguards. Every other code found at a
/// refusal site must be in the domain's `RULE_REFUSALS` with its citation.
const NOT_RULE_CAUSED: &[&str] = &[
    // The notification desk (issue 18 point 4): a filter and sending again.
    "delivery_not_given_up",
    "delivery_state_invalid",
    // Dashboards (issue 18): a token reaching every agency names one; an unreadable filter.
    "agency_required",
    "department_invalid",
    "unit_invalid",
    // Notifications (issue 18 point 4): the account's email address and mode.
    "notification_email_required",
    "email_invalid",
    "email_too_long",
    "email_control_character",
    // Business-process maps (issue 17): a form without its kind, source or file, a
    // department of another agency, a save that lost the race for its version number.
    "process_map_kind_missing",
    "process_map_source_missing",
    "process_map_file_missing",
    "process_map_unknown_department",
    "process_map_concurrent_save",
    // An unscoped API token listing maps without naming the agency.
    "process_map_agency_required",
    // A broken .bpmn file (sikerja_maps::ProblemKind, docs/maps.md): the document's fault,
    // not a rule's.
    "bpmn_too_large",
    "bpmn_not_xml",
    "bpmn_doctype",
    "bpmn_not_bpmn",
    "bpmn_too_many_elements",
    "bpmn_missing_id",
    "bpmn_invalid_id",
    "bpmn_duplicate_id",
    "bpmn_missing_attribute",
    "bpmn_invalid_number",
    "bpmn_no_process",
    "bpmn_flow_unknown_node",
    "bpmn_node_unknown_flow",
    "bpmn_lane_unknown_node",
    "bpmn_participant_unknown_process",
    "bpmn_unknown_reference",
    "bpmn_shape_unknown_element",
    "bpmn_invalid_text",
    // A party signs an agreement only after ticking that they read it (issue 15 point 6).
    "signature_not_confirmed",
    // The upload of the whole agency (issue 14 point 3): the file, its agency, its size.
    "import_file_missing",
    "import_other_agency",
    "import_too_large_for_page",
    "import_upload_expired",
    // Issue 14 point 6: the fields of experience are the agency's data (a stored field still
    // in use, an import naming no field), and a head asking to prepare what they may appoint
    // is an input mistake.
    "experience_field_in_use",
    "experience_field_unknown",
    "prepare_not_needed",
    // Organisation upkeep (issue 14): input, state and identity checks of dated changes,
    // regional heads' terms (one person per office at a time is data integrity, not a rule of
    // the regulation) and the policy page.
    "basis_incomplete",
    "number_invalid",
    "password_invalid",
    "org_as_of_before_records",
    "org_change_basis_invalid",
    // The change pages: an unknown kind in the link, a hidden batch that does not read back.
    "org_change_kind_unknown",
    "org_change_batch_invalid",
    "org_change_batch_empty",
    // Organisation changes by natural keys (issue 14 point 3): a batch that cannot be read.
    "org_change_batch_invalid",
    "org_change_code_taken",
    "org_change_field_missing",
    "org_change_file_too_large",
    "org_change_file_unreadable",
    "org_change_file_missing",
    "org_change_upload_expired",
    "org_change_key_unknown",
    "org_change_state_unknown",
    "org_change_value_invalid",
    "org_change_kind_not_supported",
    "org_change_new_id_invalid",
    "org_change_not_pending",
    "org_change_other_agency",
    "org_change_pending_conflict",
    "org_change_replay_refused",
    "regional_head_field_blank",
    "regional_office_unknown",
    "term_overlaps",
    // Execution (issue 13): input, decided-once and limits of reports and feedback.
    "work_without_members",
    "result_title_blank",
    "review_chain_unresolved",
    "report_already_submitted",
    "report_period_not_started",
    "report_period_unknown",
    "report_period_missing",
    "report_kind_missing",
    "not_an_employee",
    "too_many_evidence_files",
    "report_request_message_invalid",
    "report_request_due_past",
    "feedback_text_invalid",
    "feedback_report_unknown",
    "feedback_already_acknowledged",
    "grace_days_out_of_range",
    "issue_already_decided",
    "issue_nudge_too_soon",
    "issue_invalid",
    "issue_collaboration_unknown",
    "issue_addressee_invalid",
    // Execution pages and API (issue 13): a form or body that cannot be read.
    "day_invalid",
    "report_choice_invalid",
    "report_kind_invalid",
    "report_request_due_invalid",
    "report_period_invalid",
    "report_addressees_invalid",
    "result_decision_invalid",
    "result_realisation_invalid",
    // Performance assessment pages and API (issue 16): a period, level, core value, kind of
    // follow-up, curve choice or percentage, or the work of a member report that cannot be read.
    "period_invalid",
    "rating_level_invalid",
    "core_value_invalid",
    "follow_up_kind_invalid",
    "member_report_work_invalid",
    "curve_choice_invalid",
    "curve_percent_invalid",
    // BKPSDM's follow-up list uses `department_invalid` too (listed with the dashboards).
    // Evidence files sent with a report (issue 13 point 4): the upload's form.
    "file_field_unknown",
    "report_part_invalid",
    "invalid_multipart",
    // Input that cannot be read or is blank / out of range.
    "actor_blank",
    "assignment_title_blank",
    "audit_event_blank",
    "bad_request",
    "body_too_large",
    "control_character",
    "decided_by_blank",
    "decided_by_invalid",
    "decided_by_unknown",
    "department_required",
    "dialogue_notes_blank",
    "dialogue_without_participants",
    "execution_invalid",
    "expectation_blank",
    "field_invalid",
    "grant_reason_blank",
    "held_on_invalid",
    "invalid_body",
    "invalid_form",
    "invalid_format",
    "invalid_json",
    "invalid_limit",
    "invalid_query",
    "invalid_request",
    "invalid_status",
    "letterhead_logo_not_png",
    "letterhead_without_name",
    // Issue 15 point 8: the register and letterhead forms of the admin page.
    "letter_issuer_unknown",
    "letter_kind_unknown",
    "letterhead_too_many_lines",
    // Issue 15: the letterhead form's logo file (PNG or JPEG, size, readable).
    "letterhead_logo_not_image",
    "letterhead_logo_too_large",
    "letterhead_logo_unreadable",
    "plan_title_blank",
    "post_invalid",
    "progress_invalid",
    "progress_out_of_range",
    "revoke_reason_blank",
    "text_too_long",
    "token_name_blank",
    "unknown_step",
    "username_invalid",
    "year_invalid",
    "year_out_of_range",
    "year_required",
    "escalation_hours_out_of_range",
    "copy_year_not_later",
    "register_year",
    "participant_unknown",
    "target_not_in_agreement",
    "authority_position_unknown",
    "issued_letter_unknown",
    "unit_parent_unknown",
    "broken_reference",
    "sqlite_memory_refused",
    // State of a record (the application's lifecycle, not a rule of the regulation).
    "agreement_exists",
    "agreement_not_signed",
    "agreement_without_targets",
    "already_acknowledged",
    "already_cancelled",
    // A letter is cancelled with a reason so the register says why (DOC-05 practice, not a
    // refusal the regulation words).
    "cancel_reason_blank",
    "already_granted",
    "already_issued",
    "already_placed",
    "already_signed",
    "assignment_not_draft",
    "grant_already_revoked",
    "token_already_revoked",
    "nothing_waits",
    "plan_state",
    "plan_return_note_blank",
    "plan_without_activities",
    "position_removed",
    "post_vacant",
    "target_has_children",
    "task_is_a_step",
    "too_many_targets",
    "username_taken",
    "duplicate_key",
    "letter_content",
    "render_failed",
    "nudge_too_soon",
    "not_refusable",
    "involvement_incomplete_letter",
    "nip_in_other_agency",
    "no_setter",
    "setter_unresolved",
    "not_a_post",
    "parent_not_of_setter",
    "last_role_holder",
    "audit_checkpoint_invalid",
    "audit_checkpoints_unreadable",
    "audit_checkpoints_unwritable",
    "database_not_migrated",
    // Who may act, by position or account (access, not a refusal by the regulation).
    "forbidden",
    "official_only",
    "not_a_party",
    "not_the_holder",
    "not_the_recipient",
    "not_the_requester",
    "not_the_setter",
    "csrf_rejected",
    "unauthenticated",
    // Issue 16: a member report or recommendation without text; a curve without its legal
    // basis (the record's own requirement, like a policy change's).
    "note_text_blank",
    "legal_basis_blank",
];

/// Refusals that list every violation, each with its own rule and article in `details`.
const CITED_IN_DETAILS: &[&str] = &[
    "assignment_refused",
    "validation_failed",
    "manual_placement_refused",
    "grant_refused",
    // Each invalid field of an agency policy names its rule and article in `details`.
    "policy_invalid",
];

/// Every `(code, text after it)` of a refusal site in the sources of storage, web and domain.
fn refusal_sites() -> Vec<(String, String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for krate in ["storage", "web", "domain"] {
        let mut stack = vec![root.join(krate).join("src")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("source folder").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
    }
    let mut sites = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).expect("source");
        let in_domain = file.components().any(|c| c.as_os_str() == "domain");
        let openers: &[&str] = if in_domain {
            // The domain's typed refusals (execution), passed through by storage, and the
            // modules' local shorthands for them.
            &[
                "invalid(",
                "conflict(",
                "forbidden(",
                "Invalid {",
                "Conflict {",
                "Forbidden {",
                "Refusal::new(",
                " refusal(",
                "(refusal(",
            ]
        } else {
            &[
                "invalid(",
                "conflict(",
                "forbidden(",
                "Invalid {",
                "Conflict {",
                "Forbidden {",
            ]
        };
        for &opener in openers {
            let mut from = 0;
            while let Some(at) = source[from..].find(opener) {
                let start = from + at + opener.len();
                from = start;
                let rest = source[start..].trim_start();
                let rest = rest.strip_prefix("code:").map_or(rest, str::trim_start);
                // Domain refusals name their kind first: `Refusal::new(RefusalKind::X, "code"`.
                let rest = match rest.strip_prefix("RefusalKind::") {
                    Some(r) => r.find(',').map_or(r, |comma| r[comma + 1..].trim_start()),
                    None => rest,
                };
                let Some(rest) = rest.strip_prefix('"') else {
                    continue;
                };
                let Some(end) = rest.find('"') else { continue };
                let code = &rest[..end];
                if code.is_empty()
                    || !code
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
                {
                    continue;
                }
                let after: String = rest[end..].chars().take(400).collect();
                sites.push((code.to_string(), after, file.display().to_string()));
            }
        }
    }
    sites
}

/// The text of the domain's sources, the refusal registry left out.
fn domain_sources_outside_registry() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../domain/src");
    let mut text = String::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("source folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && path.file_name().is_some_and(|n| n != "refusals.rs")
            {
                text.push_str(&std::fs::read_to_string(&path).expect("source"));
            }
        }
    }
    text
}

fn names_a_rule(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(6).any(|w| {
        w[..3].iter().all(u8::is_ascii_uppercase)
            && w[3] == b'-'
            && w[4].is_ascii_digit()
            && w[5].is_ascii_digit()
    })
}

#[test]
fn every_rule_caused_refusal_code_carries_a_citation() {
    use sikerja_domain::refusals::{RULE_REFUSALS, citation_of};
    let sites = refusal_sites();
    assert!(
        sites.len() > 50,
        "the scan finds the refusal sites ({})",
        sites.len()
    );
    let mut unclassified = Vec::new();
    for (code, after, file) in &sites {
        let cited = citation_of(code).is_some();
        let listed =
            NOT_RULE_CAUSED.contains(&code.as_str()) || CITED_IN_DETAILS.contains(&code.as_str());
        if !cited && !listed {
            unclassified.push(format!("{code} ({file})"));
        }
        // A message that names a rule is a rule-caused refusal: it needs its citation.
        let message: String = after.lines().take(4).collect();
        if names_a_rule(&message) && !cited && !CITED_IN_DETAILS.contains(&code.as_str()) {
            unclassified.push(format!("{code} names a rule but has no citation ({file})"));
        }
    }
    unclassified.sort();
    unclassified.dedup();
    assert!(
        unclassified.is_empty(),
        "error codes neither cited in sikerja_domain::refusals::RULE_REFUSALS nor listed as not rule-caused: {unclassified:#?}"
    );
    // Every cited code is used: at a refusal site, or (the domain's typed errors that map a
    // variant to its code) as a literal in the domain's sources outside the registry.
    let domain_literals = domain_sources_outside_registry();
    for r in RULE_REFUSALS {
        let quoted = format!("\"{}\"", r.code);
        assert!(
            sites.iter().any(|(c, _, _)| c == r.code) || domain_literals.contains(&quoted),
            "{} is cited but no refusal site uses it",
            r.code
        );
    }
}
