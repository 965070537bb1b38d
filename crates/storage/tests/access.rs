//! Conformance: access control storage (issue 3 points 2, 3, 5) — actor facts from held and
//! acted posts, granted roles, API tokens, regional head accounts and sign-in events — on
//! whichever backend `SIKERJA_TEST_DATABASE_URL` selects (SQLite temp files otherwise).
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

use serde_json::json;
use sha2::{Digest, Sha256};
use sikerja_domain::access::{
    Action, Actor, GrantedRole, RegionalHeadKind, RevocationChannel, Role,
};
use sikerja_domain::audit::AuditAction;
use sikerja_domain::bundle::AgencyBundle;
use sikerja_domain::org::{ActingKind, DepartmentKind, PositionClass};
use sikerja_domain::organisation::{AgencyId, DepartmentId, EmployeeId};
use sikerja_storage::testing::{TestStore, fresh_store};
use sikerja_storage::{AuditActor, AuditFilter, AuditVerification, PlacementFilter, Store};

/// The small example agency, imported.
async fn small() -> (TestStore, AgencyBundle, AgencyId) {
    let store = fresh_store().await;
    let bundle = sikerja_demo::small_agency();
    let agency = store
        .import_agency(&bundle, "operator")
        .await
        .unwrap()
        .agency;
    (store, bundle, agency)
}

/// The employee whose own position has this code.
async fn holder(store: &Store, bundle: &AgencyBundle, position: &str) -> EmployeeId {
    let record = bundle
        .employees
        .iter()
        .find(|e| e.position_code.as_deref() == Some(position))
        .unwrap();
    store
        .employee_by_nip(&record.nip)
        .await
        .unwrap()
        .employee
        .id
}

async fn department(store: &Store, agency: AgencyId, code: &str) -> DepartmentId {
    store
        .departments(Some(agency))
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.department.code == code)
        .unwrap()
        .department
        .id
}

fn admin() -> AuditActor {
    AuditActor::in_position("Kepala BKPSDM (197001011990031001)", "Kepala Badan")
}

async fn assert_chain_intact(store: &Store) {
    assert!(matches!(
        store.verify_audit().await.unwrap(),
        AuditVerification::Intact { .. }
    ));
}

/// Every audit entry as one text, to search for things that must not be there.
async fn audit_text(store: &Store) -> String {
    let page = store.audit_entries(&AuditFilter::default()).await.unwrap();
    page.items
        .iter()
        .map(|e| {
            format!(
                "{} {} {:?} {}",
                e.actor, e.action, e.actor_position, e.summary
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn a_pelaksana_has_one_post_in_their_home_department_and_no_roles() {
    let (store, bundle, agency) = small().await;
    let me = holder(&store, &bundle, "dinkes-subbag-uk-1").await;
    let facts = store.actor_facts(me).await.unwrap();
    let dinkes = department(&store, agency, "dinkes").await;
    assert_eq!(facts.employee, Some(me));
    assert_eq!(facts.agency, Some(agency));
    assert_eq!(facts.home_department, Some(dinkes));
    assert_eq!(facts.posts.len(), 1);
    let post = &facts.posts[0];
    assert_eq!(post.name, "Operator Layanan Kesehatan");
    assert_eq!(post.class, PositionClass::Pelaksana);
    assert_eq!(post.department, dinkes);
    assert_eq!(post.department_kind, DepartmentKind::Office);
    assert_eq!(post.agency, agency);
    assert!(!post.is_head && !post.heads_department);
    assert_eq!(post.acting, None);
    assert_eq!(facts.assesses, 0);
    assert!(facts.granted.is_empty());
    assert_eq!(facts.regional_head, None);
    assert!(Actor::new(facts).roles().is_empty());
}

#[tokio::test]
async fn the_kepala_dinas_heads_the_department_and_a_kasubbag_only_their_unit() {
    let (store, bundle, agency) = small().await;
    let dinkes = department(&store, agency, "dinkes").await;
    let kadis = holder(&store, &bundle, "dinkes-kepala").await;
    let facts = store.actor_facts(kadis).await.unwrap();
    assert_eq!(facts.posts.len(), 1);
    assert!(facts.posts[0].is_head && facts.posts[0].heads_department);
    let actor = Actor::new(facts);
    assert!(
        actor
            .roles()
            .contains(&Role::UnitOrganisationHead { department: dinkes })
    );
    assert!(actor.may(Action::DecidePlacement {
        agency,
        department: dinkes
    }));

    let kasubbag = holder(&store, &bundle, "dinkes-subbag-uk-kepala").await;
    let facts = store.actor_facts(kasubbag).await.unwrap();
    assert!(facts.posts[0].is_head && !facts.posts[0].heads_department);
    assert_eq!(facts.posts[0].class, PositionClass::Pengawas);
    // `assesses` counts what the placement list says this person assesses.
    let assessed = store
        .placements(&PlacementFilter {
            agency: Some(agency),
            ..PlacementFilter::default()
        })
        .await
        .unwrap()
        .into_iter()
        .filter(|p| {
            p.assessor
                .as_ref()
                .is_some_and(|a| a.person.employee == kasubbag)
        })
        .count();
    assert!(assessed > 0);
    assert_eq!(facts.assesses as usize, assessed);
    let actor = Actor::new(facts);
    assert!(actor.roles().contains(&Role::Assessor));
    assert!(!actor.may(Action::DecidePlacement {
        agency,
        department: dinkes
    }));
}

#[tokio::test]
async fn a_plh_exercises_the_acted_post_besides_their_own() {
    let (store, bundle, _) = small().await;
    let kasi = holder(&store, &bundle, "kec-gambut-seksi-p-kepala").await;
    let facts = store.actor_facts(kasi).await.unwrap();
    let names: Vec<(&str, Option<ActingKind>)> = facts
        .posts
        .iter()
        .map(|p| (p.name.as_str(), p.acting))
        .collect();
    assert_eq!(
        names,
        [
            ("Kepala Seksi Pemerintahan", None),
            ("Kepala Seksi Pelayanan Umum", Some(ActingKind::Plh)),
        ],
        "own post first, then the acted one"
    );
}

/// The small agency with the Kepala Dinas gone and `acting` (a position code) as Plt.
fn with_plt_kepala_dinas(acting: &str) -> AgencyBundle {
    let mut bundle = sikerja_demo::small_agency();
    bundle
        .employees
        .retain(|e| e.position_code.as_deref() != Some("dinkes-kepala"));
    let e = bundle
        .employees
        .iter_mut()
        .find(|e| e.position_code.as_deref() == Some(acting))
        .unwrap();
    e.acting_position_code = Some("dinkes-kepala".into());
    e.acting_kind = Some(ActingKind::Plt);
    bundle
}

#[tokio::test]
async fn a_plt_kepala_dinas_heads_the_department_until_the_assignment_moves() {
    let store = fresh_store().await;
    let bundle = with_plt_kepala_dinas("dinkes-sekretariat-kepala");
    let agency = store
        .import_agency(&bundle, "operator")
        .await
        .unwrap()
        .agency;
    let dinkes = department(&store, agency, "dinkes").await;
    let sekretaris = holder(&store, &bundle, "dinkes-sekretariat-kepala").await;
    let kabid = holder(&store, &bundle, "dinkes-bid-pk-kepala").await;
    let heads = |facts: &sikerja_domain::access::ActorFacts| {
        Actor::new(facts.clone())
            .roles()
            .contains(&Role::UnitOrganisationHead { department: dinkes })
    };

    let facts = store.actor_facts(sekretaris).await.unwrap();
    assert_eq!(facts.posts.len(), 2);
    let plt = &facts.posts[1];
    assert_eq!(plt.name, "Kepala Dinas Kesehatan");
    assert_eq!(plt.acting, Some(ActingKind::Plt));
    assert!(plt.is_head && plt.heads_department);
    assert_eq!(facts.home_department, Some(dinkes));
    assert!(heads(&facts));
    assert!(!heads(&store.actor_facts(kabid).await.unwrap()));

    // The assignment moves to the Kepala Bidang: the rights follow at once.
    store
        .import_agency(&with_plt_kepala_dinas("dinkes-bid-pk-kepala"), "operator")
        .await
        .unwrap();
    let facts = store.actor_facts(sekretaris).await.unwrap();
    assert_eq!(facts.posts.len(), 1);
    assert!(!heads(&facts));
    let facts = store.actor_facts(kabid).await.unwrap();
    assert_eq!(facts.posts[1].name, "Kepala Dinas Kesehatan");
    assert_eq!(facts.posts[1].acting, Some(ActingKind::Plt));
    assert!(heads(&facts));
}

#[tokio::test]
async fn facts_of_an_unknown_employee_are_not_found() {
    let store = fresh_store().await;
    let e = store.actor_facts(EmployeeId(424_242)).await.unwrap_err();
    assert_eq!(e.code(), "not_found");
}

#[tokio::test]
async fn a_granted_role_counts_until_revoked_and_both_are_audited() {
    let (store, bundle, agency) = small().await;
    let me = holder(&store, &bundle, "dinkes-subbag-uk-1").await;
    let reason = "Pengelola data kepegawaian Dinas Kesehatan";
    let grant = store
        .grant_role(me, GrantedRole::HrAdmin, &admin(), reason)
        .await
        .unwrap();
    let facts = store.actor_facts(me).await.unwrap();
    assert_eq!(facts.granted, [GrantedRole::HrAdmin]);
    assert!(Actor::new(facts).may(Action::AdministerAgency { agency }));

    let list = store.role_grants(agency).await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, grant);
    assert_eq!(list[0].employee, me);
    assert_eq!(
        list[0].name, "Yuliana Ramadhani, A.Md.K.L.",
        "name with titles"
    );
    assert_eq!(list[0].nip, "196902011996052001");
    assert_eq!(list[0].role, GrantedRole::HrAdmin);
    assert_eq!(list[0].reason, reason);
    assert!(list[0].is_active());

    // The only admin of the agency: taken back from the command line, forced.
    store
        .revoke_role_via(
            grant,
            &admin(),
            "Pindah tugas",
            RevocationChannel::Cli { force: true },
        )
        .await
        .unwrap();
    let facts = store.actor_facts(me).await.unwrap();
    assert!(facts.granted.is_empty());
    assert!(!Actor::new(facts).may(Action::AdministerAgency { agency }));
    let list = store.role_grants(agency).await.unwrap();
    assert_eq!(list.len(), 1, "a revoked grant stays listed");
    assert!(!list[0].is_active());
    assert_eq!(list[0].revoke_reason.as_deref(), Some("Pindah tugas"));
    assert_eq!(
        list[0].revoked_by.as_deref(),
        Some("Kepala BKPSDM (197001011990031001)")
    );

    let entries = store
        .audit_of(
            sikerja_domain::audit::AuditSubject::RoleGrant,
            &grant.0.to_string(),
        )
        .await
        .unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["role.granted", "role.revoked"]);
    for e in &entries {
        assert_eq!(e.actor, "Kepala BKPSDM (197001011990031001)");
        assert_eq!(e.actor_position.as_deref(), Some("Kepala Badan"));
    }
    assert!(entries[0].summary.contains("hr_admin"));
    assert_chain_intact(&store).await;

    // Given again after the revocation: a new, active grant.
    let again = store
        .grant_role(me, GrantedRole::HrAdmin, &admin(), reason)
        .await
        .unwrap();
    assert_ne!(again, grant);
    assert_eq!(store.role_grants(agency).await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_duplicate_grant_a_second_revocation_and_blank_reasons_are_refused() {
    let (store, bundle, _) = small().await;
    let me = holder(&store, &bundle, "dinkes-subbag-uk-1").await;
    let grant = store
        .grant_role(me, GrantedRole::ProcessMapKeeper, &admin(), "Peta proses")
        .await
        .unwrap();
    let entries_before = store
        .audit_entries(&AuditFilter::default())
        .await
        .unwrap()
        .total;

    let dup = store
        .grant_role(me, GrantedRole::ProcessMapKeeper, &admin(), "Lagi")
        .await
        .unwrap_err();
    assert_eq!(dup.code(), "already_granted");
    let blank = store
        .grant_role(me, GrantedRole::HrAdmin, &admin(), "  ")
        .await
        .unwrap_err();
    assert_eq!(blank.code(), "grant_reason_blank");
    let nobody = store
        .grant_role(me, GrantedRole::HrAdmin, &AuditActor::new(" "), "Alasan")
        .await
        .unwrap_err();
    assert_eq!(nobody.code(), "actor_blank");
    let unknown = store
        .grant_role(
            EmployeeId(999_999),
            GrantedRole::HrAdmin,
            &admin(),
            "Alasan",
        )
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), "not_found");

    let blank = store.revoke_role(grant, &admin(), "").await.unwrap_err();
    assert_eq!(blank.code(), "revoke_reason_blank");
    store.revoke_role(grant, &admin(), "Selesai").await.unwrap();
    let twice = store
        .revoke_role(grant, &admin(), "Selesai")
        .await
        .unwrap_err();
    assert_eq!(twice.code(), "grant_already_revoked");
    let missing = store
        .revoke_role(sikerja_storage::GrantId(999_999), &admin(), "Selesai")
        .await
        .unwrap_err();
    assert_eq!(missing.code(), "not_found");

    let entries_after = store
        .audit_entries(&AuditFilter::default())
        .await
        .unwrap()
        .total;
    assert_eq!(entries_after, entries_before + 1, "only the revocation");
    assert_chain_intact(&store).await;
}

#[tokio::test]
async fn two_concurrent_grants_of_the_same_role_leave_one_active_grant() {
    let (store, bundle, agency) = small().await;
    let me = holder(&store, &bundle, "dinkes-subbag-uk-1").await;
    let actor = admin();
    let (a, b) = tokio::join!(
        store.grant_role(me, GrantedRole::HrAdmin, &actor, "Pertama"),
        store.grant_role(me, GrantedRole::HrAdmin, &actor, "Kedua"),
    );
    let codes: Vec<&str> = [&a, &b]
        .iter()
        .filter_map(|r| r.as_ref().err().map(|e| e.code()))
        .collect();
    assert_eq!(codes, ["already_granted"], "{a:?} {b:?}");
    assert_eq!(store.role_grants(agency).await.unwrap().len(), 1);
    assert_chain_intact(&store).await;
}

fn sha256_hex(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[tokio::test]
async fn an_api_token_is_found_by_its_secret_until_revoked_and_the_secret_is_never_stored() {
    let (store, _, agency) = small().await;
    let (token, secret) = store
        .create_api_token("Sinkronisasi SIASN", Some(agency), false, &admin())
        .await
        .unwrap();
    assert!(secret.starts_with("skj_"));
    assert_eq!(secret.len(), 44);
    assert_eq!(token.prefix, &secret[..8]);
    assert_eq!(token.agency, Some(agency));
    assert!(!token.can_write);
    assert_eq!(token.last_used_at, None);

    let found = store.api_token_by_secret(&secret).await.unwrap().unwrap();
    assert_eq!(found.id, token.id);
    let used = found.last_used_at.unwrap();
    // Within a minute the use is not written again.
    let again = store.api_token_by_secret(&secret).await.unwrap().unwrap();
    assert_eq!(again.last_used_at, Some(used));
    let listed = store.api_tokens().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].last_used_at, Some(used));

    assert!(
        store
            .api_token_by_secret("skj_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
            .await
            .unwrap()
            .is_none()
    );
    assert!(store.api_token_by_secret("").await.unwrap().is_none());

    // Only the SHA-256 is stored: a row matches the hash, none matches the secret.
    let probe =
        |value: &str| format!("UPDATE api_tokens SET name = name WHERE token_hash = '{value}'");
    assert_eq!(store.execute_sql(&probe(&secret)).await.unwrap(), 0);
    assert_eq!(
        store
            .execute_sql(&probe(&sha256_hex(&secret)))
            .await
            .unwrap(),
        1
    );

    store.revoke_api_token(token.id, &admin()).await.unwrap();
    assert!(store.api_token_by_secret(&secret).await.unwrap().is_none());
    let listed = store.api_tokens().await.unwrap();
    assert!(listed[0].revoked_at.is_some());
    assert_eq!(
        listed[0].revoked_by.as_deref(),
        Some("Kepala BKPSDM (197001011990031001)")
    );
    let twice = store
        .revoke_api_token(token.id, &admin())
        .await
        .unwrap_err();
    assert_eq!(twice.code(), "token_already_revoked");

    let entries = store
        .audit_of(
            sikerja_domain::audit::AuditSubject::ApiToken,
            &token.id.0.to_string(),
        )
        .await
        .unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["token.created", "token.revoked"]);
    let log = audit_text(&store).await;
    assert!(
        !log.contains(&secret),
        "the secret never enters the audit log"
    );
    assert!(!log.contains(&secret[8..]));
    assert!(!log.contains(&sha256_hex(&secret)));
    assert_chain_intact(&store).await;
}

#[tokio::test]
async fn a_token_for_all_agencies_and_bad_token_input() {
    let store = fresh_store().await;
    let (all, _) = store
        .create_api_token("Dasbor provinsi", None, true, &AuditActor::new("sistem"))
        .await
        .unwrap();
    assert_eq!(all.agency, None);
    assert!(all.can_write);
    let blank = store
        .create_api_token(" ", None, false, &admin())
        .await
        .unwrap_err();
    assert_eq!(blank.code(), "token_name_blank");
    let unknown = store
        .create_api_token("X", Some(AgencyId(999_999)), false, &admin())
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), "not_found");
    let missing = store
        .revoke_api_token(sikerja_storage::ApiTokenId(999_999), &admin())
        .await
        .unwrap_err();
    assert_eq!(missing.code(), "not_found");
}

#[tokio::test]
async fn a_regional_head_account_is_upserted_signs_in_by_username_and_has_agency_facts() {
    let (store, _, agency) = small().await;
    let sistem = AuditActor::new("sistem");
    let id = store
        .upsert_regional_head(
            agency,
            RegionalHeadKind::Head,
            "Bupati Contoh",
            "H. Ahmad Fauzi",
            "Bupati.Contoh",
            &sistem,
        )
        .await
        .unwrap();
    let view = store.regional_head(id).await.unwrap();
    assert_eq!(view.username, "bupati.contoh");
    assert!(!view.has_password);
    assert!(
        store
            .regional_head_credential("bupati.contoh")
            .await
            .unwrap()
            .is_none(),
        "no password yet: no credential"
    );

    let hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
    store
        .set_regional_head_password(id, hash, true, &sistem, AuditAction::PasswordReset)
        .await
        .unwrap();
    let c = store
        .regional_head_credential(" BUPATI.Contoh ")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.id, id);
    assert_eq!(c.title, "Bupati Contoh");
    assert_eq!(c.name, "H. Ahmad Fauzi");
    assert_eq!(c.password_hash, hash);
    assert!(c.must_change);
    assert_eq!(c.kind, RegionalHeadKind::Head);

    // The same agency and kind again: the account is updated, the password kept.
    let same = store
        .upsert_regional_head(
            agency,
            RegionalHeadKind::Head,
            "Bupati Contoh",
            "H. Ahmad Fauzi, S.H.",
            "bupati.contoh",
            &sistem,
        )
        .await
        .unwrap();
    assert_eq!(same, id);
    let c = store
        .regional_head_credential("bupati.contoh")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.name, "H. Ahmad Fauzi, S.H.");
    assert_eq!(c.password_hash, hash);

    let taken = store
        .upsert_regional_head(
            agency,
            RegionalHeadKind::Deputy,
            "Wakil Bupati Contoh",
            "Siti Rahmah",
            "bupati.contoh",
            &sistem,
        )
        .await
        .unwrap_err();
    assert_eq!(taken.code(), "username_taken");
    let nip_like = store
        .upsert_regional_head(
            agency,
            RegionalHeadKind::Deputy,
            "Wakil Bupati Contoh",
            "Siti Rahmah",
            "197503082005032001",
            &sistem,
        )
        .await
        .unwrap_err();
    assert_eq!(nip_like.code(), "username_invalid");
    let deputy = store
        .upsert_regional_head(
            agency,
            RegionalHeadKind::Deputy,
            "Wakil Bupati Contoh",
            "Siti Rahmah",
            "wabup.contoh",
            &sistem,
        )
        .await
        .unwrap();
    let heads = store.regional_heads(agency).await.unwrap();
    let ids: Vec<i64> = heads.iter().map(|h| h.id).collect();
    assert_eq!(ids, [id, deputy], "the head before the deputy");

    let facts = store.regional_head_facts(id).await.unwrap();
    assert_eq!(facts.agency, Some(agency));
    assert_eq!(facts.regional_head, Some(RegionalHeadKind::Head));
    assert_eq!(facts.employee, None);
    assert!(facts.posts.is_empty());
    let actor = Actor::new(facts);
    assert!(actor.sees_agency(agency));
    assert!(!actor.may(Action::AdministerAgency { agency }));
    assert_eq!(
        store.regional_head_facts(999_999).await.unwrap_err().code(),
        "not_found"
    );

    let entries = store
        .audit_of(
            sikerja_domain::audit::AuditSubject::RegionalHead,
            &id.to_string(),
        )
        .await
        .unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "regional_head.created",
            "password.reset",
            "regional_head.updated"
        ]
    );
    assert!(!audit_text(&store).await.contains(hash));
    assert_chain_intact(&store).await;
}

#[tokio::test]
async fn an_audited_password_change_names_the_person_but_not_the_hash() {
    let (store, bundle, _) = small().await;
    let me = holder(&store, &bundle, "dinkes-subbag-uk-1").await;
    let hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$cmFoYXNpYQ";
    let actor = AuditActor::in_position(
        "Yuliana Ramadhani (196902011996052001)",
        "Operator Layanan Kesehatan",
    );
    store
        .set_password_audited(me, hash, false, &actor, AuditAction::PasswordChanged)
        .await
        .unwrap();
    let c = store.credential(me).await.unwrap().unwrap();
    assert_eq!(c.password_hash, hash);
    assert!(!c.must_change);
    let entries = store
        .audit_of(
            sikerja_domain::audit::AuditSubject::Employee,
            &me.0.to_string(),
        )
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].action, "password.changed");
    assert_eq!(
        entries[0].actor_position.as_deref(),
        Some("Operator Layanan Kesehatan")
    );
    assert!(!audit_text(&store).await.contains(hash));
    let unknown = store
        .set_password_audited(
            EmployeeId(999_999),
            hash,
            true,
            &actor,
            AuditAction::PasswordReset,
        )
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), "not_found");
    assert_chain_intact(&store).await;
}

#[tokio::test]
async fn sign_in_events_are_recorded_in_the_chain() {
    let store = fresh_store().await;
    store
        .record_event(
            "Yuliana Ramadhani (196902011996052001)",
            Some("Operator Layanan Kesehatan"),
            AuditAction::SessionSignedIn,
            sikerja_domain::audit::AuditSubject::Employee,
            "7",
            json!({ "ip": "10.0.0.8" }),
        )
        .await
        .unwrap();
    store
        .record_event(
            "ip:10.0.0.9",
            None,
            AuditAction::SessionSignedIn,
            sikerja_domain::audit::AuditSubject::Employee,
            "nip:196902011996052001",
            json!({ "failures": 5 }),
        )
        .await
        .unwrap();
    let blank = store
        .record_event(
            "",
            None,
            AuditAction::SessionSignedOut,
            sikerja_domain::audit::AuditSubject::Employee,
            "7",
            json!({}),
        )
        .await
        .unwrap_err();
    assert_eq!(blank.code(), "actor_blank");
    let entries = store
        .audit_of(sikerja_domain::audit::AuditSubject::Employee, "7")
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].action, "session.signed_in");
    assert_eq!(entries[0].summary, r#"{"ip":"10.0.0.8"}"#);
    assert_eq!(
        store.verify_audit().await.unwrap(),
        AuditVerification::Intact {
            entries: 2,
            head: Some(
                store
                    .audit_entries(&AuditFilter::default())
                    .await
                    .unwrap()
                    .items[0]
                    .hash
                    .clone()
            ),
        }
    );
}

/// Two employees of the small agency, each with an active `hr_admin` grant.
async fn two_admins(
    store: &Store,
    bundle: &AgencyBundle,
) -> (
    (EmployeeId, sikerja_storage::GrantId),
    (EmployeeId, sikerja_storage::GrantId),
) {
    let mut out = Vec::new();
    for record in bundle.employees.iter().take(2) {
        let id = store
            .employee_by_nip(&record.nip)
            .await
            .unwrap()
            .employee
            .id;
        let grant = store
            .grant_role(id, GrantedRole::HrAdmin, &admin(), "Admin BKPSDM")
            .await
            .unwrap();
        out.push((id, grant));
    }
    (out[0], out[1])
}

async fn active_admins(store: &Store, agency: AgencyId) -> usize {
    store
        .role_grants(agency)
        .await
        .unwrap()
        .iter()
        .filter(|g| g.is_active() && g.role == GrantedRole::HrAdmin)
        .count()
}

#[tokio::test]
async fn the_last_admin_is_kept_unless_the_command_line_forces_it_and_says_so() {
    let (store, bundle, agency) = small().await;
    let ((_, first), (_, second)) = two_admins(&store, &bundle).await;
    store
        .revoke_role(first, &admin(), "Pindah tugas")
        .await
        .unwrap();
    let before = store
        .audit_entries(&AuditFilter::default())
        .await
        .unwrap()
        .total;
    let last = store
        .revoke_role(second, &admin(), "Pindah tugas")
        .await
        .unwrap_err();
    assert_eq!(last.code(), "last_role_holder");
    assert!(last.to_string().contains("pemegang terakhir"), "{last}");
    let unforced = store
        .revoke_role_via(
            second,
            &admin(),
            "Pindah tugas",
            RevocationChannel::Cli { force: false },
        )
        .await
        .unwrap_err();
    assert_eq!(unforced.code(), "last_role_holder");
    assert_eq!(active_admins(&store, agency).await, 1);
    assert_eq!(
        store
            .audit_entries(&AuditFilter::default())
            .await
            .unwrap()
            .total,
        before,
        "a refusal records nothing"
    );
    store
        .revoke_role_via(
            second,
            &admin(),
            "Instalasi baru",
            RevocationChannel::Cli { force: true },
        )
        .await
        .unwrap();
    assert_eq!(active_admins(&store, agency).await, 0);
    let entries = store
        .audit_of(
            sikerja_domain::audit::AuditSubject::RoleGrant,
            &second.0.to_string(),
        )
        .await
        .unwrap();
    let revoked = entries.iter().find(|e| e.action == "role.revoked").unwrap();
    let summary: serde_json::Value = serde_json::from_str(&revoked.summary).unwrap();
    assert_eq!(summary["forced_last_holder"], json!(true));
    // A role an admin gives is not protected: its last holder goes.
    let me = holder(&store, &bundle, "dinkes-subbag-uk-1").await;
    let keeper = store
        .grant_role(me, GrantedRole::ProcessMapKeeper, &admin(), "Peta proses")
        .await
        .unwrap();
    store
        .revoke_role(keeper, &admin(), "Selesai")
        .await
        .unwrap();
}

#[tokio::test]
async fn two_admins_revoking_each_other_at_once_leave_one_admin() {
    let (store, bundle, agency) = small().await;
    for round in 0..10 {
        let ((_, a), (_, b)) = two_admins(&store, &bundle).await;
        let mut tasks = Vec::new();
        for grant in [a, b] {
            let store: Store = (*store).clone();
            tasks.push(tokio::spawn(async move {
                store.revoke_role(grant, &admin(), "Saling mencabut").await
            }));
        }
        let mut refused = 0;
        for t in tasks {
            if let Err(e) = t.await.unwrap() {
                assert_eq!(e.code(), "last_role_holder", "{e}");
                refused += 1;
            }
        }
        assert_eq!(refused, 1, "round {round}");
        assert_eq!(active_admins(&store, agency).await, 1, "round {round}");
        // Clear the survivor for the next round.
        let survivor = store
            .role_grants(agency)
            .await
            .unwrap()
            .into_iter()
            .find(|g| g.is_active())
            .unwrap();
        store
            .revoke_role_via(
                survivor.id,
                &admin(),
                "Ronde berikutnya",
                RevocationChannel::Cli { force: true },
            )
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn fifty_parallel_revocations_of_one_grant_decide_once() {
    let (store, bundle, _) = small().await;
    let me = holder(&store, &bundle, "dinkes-subbag-uk-1").await;
    let grant = store
        .grant_role(me, GrantedRole::ProcessMapKeeper, &admin(), "Peta proses")
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let store: Store = (*store).clone();
        tasks.push(tokio::spawn(async move {
            store.revoke_role(grant, &admin(), "Selesai").await
        }));
    }
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(()) => ok += 1,
            Err(e) => assert_eq!(e.code(), "grant_already_revoked", "{e}"),
        }
    }
    assert_eq!(ok, 1);
    let revocations = store
        .audit_of(
            sikerja_domain::audit::AuditSubject::RoleGrant,
            &grant.0.to_string(),
        )
        .await
        .unwrap()
        .iter()
        .filter(|e| e.action == "role.revoked")
        .count();
    assert_eq!(revocations, 1);
}

#[tokio::test]
async fn fifty_parallel_revocations_of_one_token_decide_once() {
    let (store, _, agency) = small().await;
    let (token, _) = store
        .create_api_token("simpeg", Some(agency), false, &admin())
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let store: Store = (*store).clone();
        let id = token.id;
        tasks.push(tokio::spawn(async move {
            store.revoke_api_token(id, &admin()).await
        }));
    }
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(()) => ok += 1,
            Err(e) => assert_eq!(e.code(), "token_already_revoked", "{e}"),
        }
    }
    assert_eq!(ok, 1);
    let revocations = store
        .audit_of(
            sikerja_domain::audit::AuditSubject::ApiToken,
            &token.id.0.to_string(),
        )
        .await
        .unwrap()
        .iter()
        .filter(|e| e.action == "token.revoked")
        .count();
    assert_eq!(revocations, 1);
}
