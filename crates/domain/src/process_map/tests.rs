use super::*;
use crate::access::ActorFacts;

fn facts(agency: i64, granted: Vec<GrantedRole>) -> ActorFacts {
    ActorFacts {
        agency: Some(AgencyId(agency)),
        granted,
        ..ActorFacts::default()
    }
}

fn review(version: u32) -> ReviewInput {
    ReviewInput {
        version,
        findings: "Alur persetujuan terlalu panjang".into(),
        decisions: "Gabungkan dua langkah".into(),
        sop_changes: vec![SopChange {
            number: "SOP-07/2026".into(),
            title: "SOP Penugasan".into(),
        }],
    }
}

#[test]
fn pro_01_only_a_keeper_of_the_agency_writes_and_everyone_of_it_reads() {
    let keeper = facts(1, vec![GrantedRole::ProcessMapKeeper]);
    let admin = facts(1, vec![GrantedRole::HrAdmin]);
    assert!(may_keep(&keeper, AgencyId(1)));
    assert!(!may_keep(&keeper, AgencyId(2)));
    assert!(!may_keep(&admin, AgencyId(1)));
    assert_eq!(
        check_keeper(&admin, AgencyId(1)),
        Err(MapRefusal::NotKeeper)
    );
    assert!(may_read(&admin, AgencyId(1)));
    assert!(!may_read(&admin, AgencyId(2)));
    assert!(!may_read(&ActorFacts::default(), AgencyId(1)));
}

#[test]
fn pro_03_saving_adds_a_version_but_never_to_an_archived_map() {
    assert_eq!(decide_save(ProcessMapStatus::Draft), Ok(()));
    assert_eq!(decide_save(ProcessMapStatus::Published), Ok(()));
    assert_eq!(
        decide_save(ProcessMapStatus::Archived),
        Err(MapRefusal::Archived)
    );
}

#[test]
fn pro_03_publishing_takes_the_latest_version_once() {
    assert_eq!(decide_publish(ProcessMapStatus::Draft, 1, None), Ok(1));
    assert_eq!(
        decide_publish(ProcessMapStatus::Published, 3, Some(2)),
        Ok(3)
    );
    assert_eq!(
        decide_publish(ProcessMapStatus::Published, 2, Some(2)),
        Err(MapRefusal::NothingToPublish)
    );
    assert_eq!(
        decide_publish(ProcessMapStatus::Archived, 3, Some(2)),
        Err(MapRefusal::Archived)
    );
    assert_eq!(decide_archive(ProcessMapStatus::Published), Ok(()));
    assert_eq!(
        decide_archive(ProcessMapStatus::Archived),
        Err(MapRefusal::Archived)
    );
}

#[test]
fn pro_03_a_review_names_its_version_findings_and_whole_sop_changes() {
    assert_eq!(
        decide_review(ProcessMapStatus::Published, 2, &review(2)),
        Ok(())
    );
    assert_eq!(
        decide_review(ProcessMapStatus::Published, 2, &review(3)),
        Err(MapRefusal::UnknownVersion(3))
    );
    let mut blank = review(1);
    blank.findings = "  ".into();
    assert_eq!(
        decide_review(ProcessMapStatus::Draft, 1, &blank).map_err(|e| e.code()),
        Err("process_map_findings_blank")
    );
    let mut half = review(1);
    half.sop_changes[0].title = String::new();
    assert_eq!(
        decide_review(ProcessMapStatus::Draft, 1, &half).map_err(|e| e.code()),
        Err("process_map_invalid_sop_change")
    );
    let mut control = review(1);
    control.decisions = "a\u{1b}b".into();
    assert_eq!(
        decide_review(ProcessMapStatus::Draft, 1, &control).map_err(|e| e.code()),
        Err("process_map_invalid_text")
    );
    assert_eq!(
        decide_review(ProcessMapStatus::Archived, 1, &review(1)),
        Err(MapRefusal::Archived)
    );
}

#[test]
fn a_title_is_required_and_limited() {
    assert!(check_title("Peta lintas fungsi penugasan").is_ok());
    assert!(check_title(" ").is_err());
    assert!(check_title(&"x".repeat(501)).is_err());
    assert!(check_note(&"x".repeat(4000)).is_ok());
}

#[test]
fn pro_01_a_token_reads_the_maps_of_its_agency_or_of_every_agency_when_unscoped() {
    assert!(token_may_read(Some(AgencyId(1)), AgencyId(1)));
    assert!(!token_may_read(Some(AgencyId(2)), AgencyId(1)));
    assert!(token_may_read(None, AgencyId(1)));
}
