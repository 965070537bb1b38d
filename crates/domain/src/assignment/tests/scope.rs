//! PEN-03 scope from the members, PEN-12 instrument, PEN-10 method, PEN-11 volunteering.

use super::*;

#[test]
fn pen_03_a_scope_is_within_unit_when_every_member_comes_from_the_owner_unit() {
    let mut fx = fx();
    let deep = fx.jf(fx.seksi);
    let top = fx.pelaksana(fx.dinas);
    let draft = fx.team(deep, &[top]);
    // The Seksi sits two levels below the Dinas: the walk goes up to the Unit Organisasi.
    assert_eq!(org_unit_of(&fx.b.org, deep), Some(fx.dinas));
    assert_eq!(scope_of(&fx.b.org, &draft), AssignmentScope::WithinUnit);
    assert_eq!(AssignmentScope::WithinUnit.label(), "dalam Unit Organisasi");
}

#[test]
fn pen_03_b_a_member_of_another_org_unit_makes_the_scope_cross_unit() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    let other = fx.jf(fx.other_seksi);
    let r = fx.check(&fx.team(lead, &[other]));
    assert_eq!(r.scope, AssignmentScope::CrossUnit);
    assert_eq!(r.scope.label(), "lintas Unit Organisasi");
    assert!(r.is_allowed(), "{:#?}", r.violations);
}

#[test]
fn pen_03_c_a_member_of_another_agency_makes_the_scope_cross_agency() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    let other = fx.jf(fx.other_seksi);
    let province = fx.jf(fx.province_seksi);
    let draft = fx.team(lead, &[other, province]);
    assert_eq!(scope_of(&fx.b.org, &draft), AssignmentScope::CrossAgency);
    assert_eq!(
        AssignmentScope::CrossAgency.label(),
        "lintas Instansi Pemerintah"
    );
}

#[test]
fn pen_03_d_the_walk_stops_at_the_nearest_unit_flagged_as_org_unit() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    let puskesmas = fx.jf(fx.uptd);
    // The UPTD is its own Unit Organisasi although it hangs under the Dinas.
    assert_eq!(org_unit_of(&fx.b.org, puskesmas), Some(fx.uptd));
    let draft = fx.team(lead, &[puskesmas]);
    assert_eq!(scope_of(&fx.b.org, &draft), AssignmentScope::CrossUnit);
    // Owned by the UPTD, the same people are a cross-unit team led from outside it.
    let mut owned_by_uptd = draft.clone();
    owned_by_uptd.owner_unit = fx.uptd;
    assert_eq!(
        codes(&fx.check(&owned_by_uptd)),
        ["team_lead_not_from_owner_unit"]
    );
    // Nobody without a position has a Unit Organisasi.
    let nobody = fx.b.employee(None);
    assert_eq!(org_unit_of(&fx.b.org, nobody), None);
}

#[test]
fn pen_03_e_scope_is_recomputed_when_members_change() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    let inside = fx.pelaksana(fx.seksi);
    let outside = fx.jf(fx.other_seksi);
    let province = fx.jf(fx.province_seksi);
    let mut draft = fx.team(lead, &[inside]);
    assert_eq!(fx.check(&draft).scope, AssignmentScope::WithinUnit);
    draft.members.push(person(outside, MemberRole::Member));
    let r = fx.check(&draft);
    assert_eq!(
        (r.scope, r.instrument),
        (AssignmentScope::CrossUnit, Instrument::SecretaryDecree)
    );
    draft.members.push(person(province, MemberRole::Member));
    assert_eq!(fx.check(&draft).scope, AssignmentScope::CrossAgency);
    draft
        .members
        .retain(|m| m.employee != province && m.employee != outside);
    let r = fx.check(&draft);
    assert_eq!(
        (r.scope, r.instrument),
        (AssignmentScope::WithinUnit, Instrument::AssignmentLetter)
    );
    // A member moving to another Perangkat Daerah changes the scope too.
    let other_position = fx.b.position(
        fx.other_seksi,
        PositionClass::Pelaksana,
        None,
        "Pengadministrasi",
        false,
    );
    fx.edit(inside, |e| e.position = Some(other_position));
    assert_eq!(fx.check(&draft).scope, AssignmentScope::CrossUnit);
}

#[test]
fn pen_03_f_the_owner_must_be_an_org_unit_of_the_owner_agency() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    let member = fx.pelaksana(fx.seksi);
    let mut draft = fx.team(lead, &[member]);
    draft.owner_unit = fx.seksi;
    let r = fx.check(&draft);
    assert!(
        codes(&r).contains(&"owner_not_org_unit"),
        "{:#?}",
        r.violations
    );
    let mut draft = fx.team(lead, &[member]);
    draft.owner_agency = OTHER_AGENCY;
    let r = fx.check(&draft);
    assert_eq!(codes(&r)[0], "owner_agency_mismatch");
    assert_eq!(rule_of(&r.violations[0]), "PEN-03 · Pasal 9 ayat 2");
}

#[test]
fn pen_10_the_method_names_its_article() {
    assert_eq!(
        AssignmentMethod::Appointment.citation().to_string(),
        "PEN-10 · Pasal 11 huruf a, Pasal 12"
    );
    assert_eq!(AssignmentMethod::Volunteer.label(), "Pengajuan sukarela");
}

#[test]
fn pen_11_volunteering_is_refused_across_agencies_only() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    let other = fx.jf(fx.other_seksi);
    let province = fx.jf(fx.province_seksi);
    let mut draft = fx.team(lead, &[other]);
    draft.method = AssignmentMethod::Volunteer;
    assert!(
        fx.check(&draft).is_allowed(),
        "cross-unit volunteering is allowed"
    );
    draft.members.push(person(province, MemberRole::Member));
    let r = fx.check(&draft);
    assert_eq!(codes(&r), ["volunteer_cross_agency"]);
    assert_eq!(rule_of(&r.violations[0]), "PEN-11 · Lampiran II.B.2");
    assert_eq!(
        fact_of(&r, "volunteer_cross_agency", "scope").as_deref(),
        Some("cross_agency")
    );
    draft.method = AssignmentMethod::Appointment;
    assert!(fx.check(&draft).is_allowed());
}

#[test]
fn pen_12_the_instrument_follows_the_scope() {
    let cases = [
        (
            AssignmentScope::WithinUnit,
            Instrument::AssignmentLetter,
            "PEN-12 · Pasal 14 ayat 3",
        ),
        (
            AssignmentScope::CrossUnit,
            Instrument::SecretaryDecree,
            "PEN-12 · Pasal 14 ayat 2",
        ),
        (
            AssignmentScope::CrossAgency,
            Instrument::RegentDecree,
            "PEN-12 · Pasal 14 ayat 1",
        ),
    ];
    for (scope, instrument, citation) in cases {
        let (i, c) = instrument_for(scope);
        assert_eq!((i, c.to_string().as_str()), (instrument, citation));
    }
    assert_eq!(Instrument::RegentDecree.label(), "Keputusan Bupati");
}

#[test]
fn pen_03_scope_and_findings_do_not_depend_on_the_order_of_members() {
    let mut fx = fx();
    let lead = fx.jf(fx.other_seksi);
    let a = fx.pelaksana(fx.seksi);
    let b = fx.jf(fx.province_seksi);
    let draft = fx.team(lead, &[a, b]);
    let mut reversed = draft.clone();
    reversed.members.reverse();
    let (x, y) = (fx.check(&draft), fx.check(&reversed));
    assert_eq!(x.scope, y.scope);
    let mut cx = codes(&x);
    let mut cy = codes(&y);
    cx.sort_unstable();
    cy.sort_unstable();
    assert_eq!(cx, cy);
}
