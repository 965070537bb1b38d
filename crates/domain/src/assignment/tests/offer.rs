//! Issue 14 point 6: the owners and methods offered to a person (PEN-03, PEN-10, PEN-13..15).

use super::*;

/// The head post of a unit and its definitive holder.
fn head_of(fx: &Fx, unit: UnitId) -> (PositionId, EmployeeId) {
    let p =
        fx.b.org
            .positions
            .iter()
            .find(|p| p.is_head && p.unit == unit)
            .map(|p| p.id)
            .expect("a head post");
    (p, fx.b.holder(p))
}

/// The Bidang above the Seksi of the Dinas.
fn bidang(fx: &Fx) -> UnitId {
    fx.b.org
        .units
        .iter()
        .find(|u| u.id == fx.seksi)
        .and_then(|u| u.parent)
        .expect("the Seksi sits in a Bidang")
}

#[test]
fn pen_10_the_head_of_a_unit_organisasi_is_offered_to_appoint_for_it() {
    let mut fx = fx();
    let (_, kadis) = head_of(&fx, fx.dinas);
    let member = fx.jf(fx.seksi);
    let offer = owner_offer(&fx.b.org, kadis, &[member]);
    assert_eq!(offer.options.len(), 1, "{offer:#?}");
    let o = &offer.options[0];
    assert_eq!((o.unit, o.route), (fx.dinas, OwnerRoute::Appoint));
    // Within the unit: PEN-13, Lampiran II.B.1.a.
    assert_eq!(o.citation.to_string(), "PEN-13 · Lampiran II.B.1.a");
    assert!(offer.limits.is_empty());
    assert!(owner_route(&offer, fx.dinas, AssignmentMethod::Appointment).is_ok());
    // Not a volunteer request: the head heads a unit.
    assert!(owner_route(&offer, fx.dinas, AssignmentMethod::Volunteer).is_err());
}

#[test]
fn pen_10_the_head_of_an_uptd_flagged_as_unit_organisasi_appoints_for_it() {
    let mut fx = fx();
    let (_, kepala_uptd) = head_of(&fx, fx.uptd);
    let member = fx.pelaksana(fx.uptd);
    let offer = owner_offer(&fx.b.org, kepala_uptd, &[member]);
    let units: Vec<(UnitId, OwnerRoute)> =
        offer.options.iter().map(|o| (o.unit, o.route)).collect();
    assert_eq!(units, [(fx.uptd, OwnerRoute::Appoint)]);
}

#[test]
fn pen_14_a_kepala_bidang_forming_a_cross_unit_team_prepares_it_for_the_head_of_the_dinas() {
    let mut fx = fx();
    let bidang = bidang(&fx);
    let (_, kabid) = head_of(&fx, bidang);
    let lead = fx.jf(fx.seksi);
    let other = fx.jf(fx.other_seksi);
    let offer = owner_offer(&fx.b.org, kabid, &[lead, other]);
    // Not the Bidang: a Unit Kerja is no owner; the draft goes to the Kepala Dinas.
    assert_eq!(offer.options.len(), 1, "{offer:#?}");
    let o = &offer.options[0];
    assert_eq!((o.unit, o.route), (fx.dinas, OwnerRoute::Prepare));
    let (_, _) = head_of(&fx, fx.dinas);
    assert!(
        o.label().starts_with("Siapkan rancangan untuk Kepala"),
        "{}",
        o.label()
    );
    // The limitation names the rule of the cross-unit appointment.
    assert_eq!(offer.limits.len(), 1);
    let l = &offer.limits[0];
    assert_eq!((l.unit, l.org_unit), (bidang, fx.dinas));
    assert_eq!(l.citation.to_string(), "PEN-14 · Lampiran II.B.1.b.1");
    assert!(
        l.message.contains("lintas Unit Organisasi"),
        "{}",
        l.message
    );
    // Saving for the Dinas prepares; a forged form naming the Bidang is refused with it.
    let route = owner_route(&offer, fx.dinas, AssignmentMethod::Appointment).map(|o| o.route);
    assert_eq!(route, Ok(OwnerRoute::Prepare));
    let refused = owner_route(&offer, bidang, AssignmentMethod::Appointment).expect_err("refused");
    assert_eq!(refused.code, "not_the_appointing_head");
    assert_eq!(refused.citation.rule_id, crate::rules::RuleId::PEN_10);
    assert!(refused.message.contains("PEN-14"), "{}", refused.message);
    // Another Perangkat Daerah is not offered at all.
    assert!(owner_route(&offer, fx.other, AssignmentMethod::Appointment).is_err());
}

#[test]
fn pen_13_a_kepala_seksi_prepares_even_a_team_of_their_own_unit_organisasi() {
    let mut fx = fx();
    let (_, kasi) = head_of(&fx, fx.seksi);
    let member = fx.pelaksana(fx.seksi);
    let offer = owner_offer(&fx.b.org, kasi, &[member]);
    let routes: Vec<(UnitId, OwnerRoute)> =
        offer.options.iter().map(|o| (o.unit, o.route)).collect();
    assert_eq!(routes, [(fx.dinas, OwnerRoute::Prepare)]);
    assert_eq!(
        offer.limits[0].citation.to_string(),
        "PEN-13 · Lampiran II.B.1.a"
    );
}

#[test]
fn pen_15_a_member_of_another_agency_cites_the_cross_agency_rule() {
    let mut fx = fx();
    let (_, kadis) = head_of(&fx, fx.dinas);
    let (_, kasi) = head_of(&fx, fx.seksi);
    let outside = fx.jf(fx.province_seksi);
    let offer = owner_offer(&fx.b.org, kadis, &[outside]);
    assert_eq!(
        offer.options[0].citation.to_string(),
        "PEN-15 · Lampiran II.B.1.c.1"
    );
    let offer = owner_offer(&fx.b.org, kasi, &[outside]);
    assert!(offer.limits[0].message.contains("lintas Instansi"));
}

#[test]
fn org_05_a_plt_of_the_head_of_the_dinas_appoints_and_does_not_also_prepare() {
    let mut fx = fx();
    let bidang = bidang(&fx);
    let (kadis_post, kadis) = head_of(&fx, fx.dinas);
    let (_, kabid) = head_of(&fx, bidang);
    // The Kepala Dinas leaves; the Kepala Bidang is named Plt.
    fx.b.org.employees.retain(|e| e.id != kadis);
    for p in &mut fx.b.org.positions {
        if p.id == kadis_post {
            p.acting = Some(Acting {
                employee: kabid,
                kind: ActingKind::Plt,
            });
        }
    }
    let offer = owner_offer(&fx.b.org, kabid, &[]);
    let routes: Vec<(UnitId, OwnerRoute)> =
        offer.options.iter().map(|o| (o.unit, o.route)).collect();
    assert_eq!(routes, [(fx.dinas, OwnerRoute::Appoint)]);
    // No member yet: PEN-10, Pasal 12.
    assert_eq!(offer.options[0].citation.to_string(), "PEN-10 · Pasal 12");
}

#[test]
fn pen_11_someone_who_heads_no_unit_volunteers_for_a_unit_organisasi_of_their_agency_only() {
    let mut fx = fx();
    let me = fx.jf(fx.seksi);
    let offer = owner_offer(&fx.b.org, me, &[me]);
    let units: Vec<UnitId> = offer.options.iter().map(|o| o.unit).collect();
    assert!(units.contains(&fx.dinas) && units.contains(&fx.uptd) && units.contains(&fx.other));
    assert!(!units.contains(&fx.province_seksi));
    assert!(
        offer
            .options
            .iter()
            .all(|o| o.route == OwnerRoute::Volunteer)
    );
    assert!(owner_route(&offer, fx.dinas, AssignmentMethod::Volunteer).is_ok());
    // No appointment for them.
    let refused =
        owner_route(&offer, fx.dinas, AssignmentMethod::Appointment).expect_err("refused");
    assert_eq!(refused.code, "not_the_appointing_head");
}

/// The standing of a stored draft.
fn standing(
    route: Option<OwnerRoute>,
    members: &[EmployeeId],
    prepared_by: Option<EmployeeId>,
) -> DraftStanding {
    DraftStanding {
        route,
        members: members.to_vec(),
        prepared_by,
    }
}

#[test]
fn pen_10_the_head_changes_a_draft_prepared_for_them_and_it_keeps_its_preparer() {
    let (head, kabid, jf) = (EmployeeId(1), EmployeeId(2), EmployeeId(3));
    let prepared = standing(Some(OwnerRoute::Appoint), &[jf], Some(kabid));
    assert_eq!(
        change_draft(head, &prepared, OwnerRoute::Appoint, &[jf]),
        Ok(Some(kabid))
    );
    // The Kepala Bidang changes what they prepared; it stays prepared by them.
    let theirs = standing(Some(OwnerRoute::Prepare), &[jf], Some(kabid));
    assert_eq!(
        change_draft(kabid, &theirs, OwnerRoute::Prepare, &[jf]),
        Ok(Some(kabid))
    );
    // Named Plt. of the head post since, the preparer now appoints: nothing waits for a head.
    let now_head = standing(Some(OwnerRoute::Appoint), &[jf], Some(kabid));
    assert_eq!(
        change_draft(kabid, &now_head, OwnerRoute::Appoint, &[jf]),
        Ok(None)
    );
    // The head moves the draft to a unit they may only prepare for: now prepared by them.
    let own = standing(Some(OwnerRoute::Appoint), &[jf], None);
    assert_eq!(
        change_draft(head, &own, OwnerRoute::Prepare, &[jf]),
        Ok(Some(head))
    );
}

#[test]
fn pen_10_nobody_else_changes_a_draft_and_a_volunteer_stays_a_member() {
    let (kabid, other_kabid, jf, other) =
        (EmployeeId(2), EmployeeId(4), EmployeeId(3), EmployeeId(5));
    // Another Kepala Bidang of the same Unit Organisasi did not prepare it.
    let prepared = standing(Some(OwnerRoute::Prepare), &[jf], Some(kabid));
    let refused =
        change_draft(other_kabid, &prepared, OwnerRoute::Prepare, &[jf]).expect_err("refused");
    assert_eq!(refused.code, "not_the_appointing_head");
    assert_eq!(refused.citation.to_string(), "PEN-10 · Pasal 11–13");
    // A head's draft offers a Kepala Bidang nothing to change.
    let heads = standing(Some(OwnerRoute::Prepare), &[jf], None);
    assert!(change_draft(kabid, &heads, OwnerRoute::Prepare, &[jf]).is_err());
    assert!(
        change_draft(
            kabid,
            &standing(None, &[jf], None),
            OwnerRoute::Appoint,
            &[jf]
        )
        .is_err()
    );
    // A volunteer changes their own request, never someone else's, and stays in it.
    let asked = standing(Some(OwnerRoute::Volunteer), &[jf], None);
    assert_eq!(
        change_draft(jf, &asked, OwnerRoute::Volunteer, &[jf, other]),
        Ok(None)
    );
    assert!(change_draft(other, &asked, OwnerRoute::Volunteer, &[jf, other]).is_err());
    assert!(change_draft(jf, &asked, OwnerRoute::Volunteer, &[other]).is_err());
}

#[test]
fn pen_10_may_change_draft_answers_what_change_draft_refuses_by() {
    let (head, kabid, other_kabid, jf) =
        (EmployeeId(1), EmployeeId(2), EmployeeId(4), EmployeeId(3));
    let prepared = standing(Some(OwnerRoute::Appoint), &[jf], Some(kabid));
    assert_eq!(may_change_draft(head, &prepared), Ok(()));
    let theirs = standing(Some(OwnerRoute::Prepare), &[jf], Some(kabid));
    assert_eq!(may_change_draft(kabid, &theirs), Ok(()));
    let refused = may_change_draft(other_kabid, &theirs).expect_err("refused");
    assert_eq!(refused.code, "not_the_appointing_head");
    assert_eq!(refused.citation.to_string(), "PEN-10 · Pasal 11–13");
    assert_eq!(
        change_draft(other_kabid, &theirs, OwnerRoute::Prepare, &[jf]),
        Err(refused)
    );
    assert!(may_change_draft(jf, &standing(None, &[jf], None)).is_err());
    let asked = standing(Some(OwnerRoute::Volunteer), &[jf], None);
    assert_eq!(may_change_draft(jf, &asked), Ok(()));
    assert!(may_change_draft(head, &asked).is_err());
}
