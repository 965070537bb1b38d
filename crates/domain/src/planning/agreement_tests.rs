//! Every transition of the agreement lifecycle, allowed and refused (MEK-02, MEK-03).

use super::*;
use crate::rules::RuleId;

fn draft() -> AgreementState {
    AgreementState::new()
}

fn signed() -> AgreementState {
    AgreementState {
        status: AgreementStatus::Signed,
        version: 1,
        holder_signed: true,
        setter_signed: true,
    }
}

fn sign(parties: &[Party]) -> AgreementEvent<'_> {
    AgreementEvent::Sign {
        parties,
        has_targets: true,
    }
}

#[test]
fn mek_02_a_new_agreement_is_an_unsigned_draft_of_version_1() {
    let s = AgreementState::new();
    assert_eq!(s.status, AgreementStatus::Draft);
    assert_eq!(s.version, 1);
    assert!(!s.holder_signed && !s.setter_signed);
}

#[test]
fn mek_02_one_party_signing_leaves_a_draft_signed_by_that_party() {
    let after = next(&draft(), &sign(&[Party::Holder])).unwrap();
    assert_eq!(after.status, AgreementStatus::Draft);
    assert!(after.holder_signed && !after.setter_signed);
    assert_eq!(newly_signed(&draft(), &after), vec![Party::Holder]);
}

#[test]
fn mek_02_the_second_signature_signs_and_locks_the_agreement() {
    let holder_signed = next(&draft(), &sign(&[Party::Holder])).unwrap();
    let after = next(&holder_signed, &sign(&[Party::Setter])).unwrap();
    assert_eq!(after.status, AgreementStatus::Signed);
    assert_eq!(after.version, 1);
    assert_eq!(newly_signed(&holder_signed, &after), vec![Party::Setter]);
}

#[test]
fn mek_02_a_person_who_is_both_parties_signs_for_both_at_once() {
    let after = next(&draft(), &sign(&[Party::Holder, Party::Setter])).unwrap();
    assert_eq!(after.status, AgreementStatus::Signed);
    assert_eq!(
        newly_signed(&draft(), &after),
        vec![Party::Holder, Party::Setter]
    );
}

#[test]
fn mek_02_signing_again_is_refused_as_already_signed() {
    let holder_signed = next(&draft(), &sign(&[Party::Holder])).unwrap();
    let r = next(&holder_signed, &sign(&[Party::Holder])).unwrap_err();
    assert_eq!(r.code, "already_signed");
    assert_eq!(r.kind, RefusalKind::Conflict);
}

#[test]
fn mek_02_an_agreement_without_targets_is_not_signed() {
    let r = next(
        &draft(),
        &AgreementEvent::Sign {
            parties: &[Party::Holder],
            has_targets: false,
        },
    )
    .unwrap_err();
    assert_eq!(r.code, "agreement_without_targets");
    assert_eq!(r.kind, RefusalKind::Invalid);
}

#[test]
fn mek_02_a_signed_agreement_is_locked_against_signing_and_editing() {
    for event in [sign(&[Party::Holder]), AgreementEvent::Edit] {
        let r = next(&signed(), &event).unwrap_err();
        assert_eq!(r.code, "agreement_signed");
        assert_eq!(r.kind, RefusalKind::Conflict);
        assert_eq!(r.citation.rule_id, RuleId::MEK_02);
    }
    assert_eq!(
        require_draft(&signed()).unwrap_err().code,
        "agreement_signed"
    );
    assert!(require_draft(&draft()).is_ok());
}

#[test]
fn mek_02_editing_a_draft_withdraws_the_signatures_given() {
    let holder_signed = next(&draft(), &sign(&[Party::Holder])).unwrap();
    let after = next(&holder_signed, &AgreementEvent::Edit).unwrap();
    assert_eq!(after, draft());
    // An unsigned draft stays as it is.
    assert_eq!(next(&draft(), &AgreementEvent::Edit).unwrap(), draft());
}

#[test]
fn mek_03_amending_a_signed_agreement_makes_an_unsigned_draft_of_the_next_version() {
    let after = next(
        &signed(),
        &AgreementEvent::Amend {
            reason: "Target anggaran berubah",
        },
    )
    .unwrap();
    assert_eq!(
        after,
        AgreementState {
            status: AgreementStatus::Draft,
            version: 2,
            holder_signed: false,
            setter_signed: false,
        }
    );
}

#[test]
fn mek_03_an_amendment_without_a_reason_is_refused() {
    let r = next(&signed(), &AgreementEvent::Amend { reason: "  " }).unwrap_err();
    assert_eq!(r.code, "amendment_reason_blank");
    assert_eq!(r.kind, RefusalKind::Invalid);
    assert_eq!(r.citation.rule_id, RuleId::MEK_03);
}

#[test]
fn mek_02_a_draft_is_changed_directly_not_amended() {
    let r = next(&draft(), &AgreementEvent::Amend { reason: "alasan" }).unwrap_err();
    assert_eq!(r.code, "agreement_not_signed");
    assert_eq!(r.kind, RefusalKind::Conflict);
}

#[test]
fn doc_05_an_agreement_takes_its_number_at_the_second_signature_not_the_first() {
    let half = next(&draft(), &sign(&[Party::Holder])).unwrap();
    assert!(!takes_number(&draft(), &half));
    let full = next(&half, &sign(&[Party::Setter])).unwrap();
    assert!(takes_number(&half, &full));
    // One person holding both sides signs both at once: numbered then.
    let both = next(&draft(), &sign(&[Party::Holder, Party::Setter])).unwrap();
    assert!(takes_number(&draft(), &both));
    // A signed agreement stays as numbered.
    assert!(!takes_number(&signed(), &signed()));
}
