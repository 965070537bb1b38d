//! PEN-01 the shape of an assignment and its members, PEN-02 placement settled first.

use super::*;

#[test]
fn pen_01_a_an_individual_assignment_has_exactly_one_member_and_no_lead() {
    let mut fx = fx();
    let a = fx.jf(fx.seksi);
    let b = fx.pelaksana(fx.seksi);
    assert!(fx.check(&fx.individual(a)).is_allowed());
    let mut two = fx.individual(a);
    two.members.push(person(b, MemberRole::Member));
    let r = fx.check(&two);
    assert_eq!(codes(&r), ["individual_member_count"]);
    assert_eq!(
        rule_of(&r.violations[0]),
        "PEN-01 · Pasal 9 ayat 1; Lampiran II.A.1"
    );
    let mut led = fx.individual(a);
    led.members[0].role = MemberRole::TeamLead;
    assert_eq!(codes(&fx.check(&led)), ["individual_with_team_lead"]);
    let mut empty = fx.individual(a);
    empty.members.clear();
    assert_eq!(codes(&fx.check(&empty)), ["individual_member_count"]);
}

#[test]
fn pen_01_b_a_team_has_exactly_one_lead_and_at_least_one_other_member() {
    let mut fx = fx();
    let a = fx.jf(fx.seksi);
    let b = fx.jf(fx.seksi);
    let c = fx.pelaksana(fx.seksi);
    let alone = fx.team(a, &[]);
    assert_eq!(codes(&fx.check(&alone)), ["team_without_members"]);
    let mut two_leads = fx.team(a, &[b, c]);
    two_leads.members[1].role = MemberRole::TeamLead;
    let r = fx.check(&two_leads);
    assert_eq!(codes(&r), ["team_lead_count"]);
    assert_eq!(
        fact_of(&r, "team_lead_count", "team_leads").as_deref(),
        Some("2")
    );
    let mut no_lead = fx.team(a, &[b]);
    no_lead.members[0].role = MemberRole::Member;
    assert_eq!(codes(&fx.check(&no_lead)), ["team_lead_count"]);
}

#[test]
fn pen_01_c_a_period_must_not_end_before_it_starts() {
    let mut fx = fx();
    let a = fx.jf(fx.seksi);
    let b = fx.pelaksana(fx.seksi);
    let mut draft = fx.team(a, &[b]);
    draft.members[1].from = d("2025-07-01");
    let r = fx.check(&draft);
    assert_eq!(codes(&r), ["member_period_inverted"]);
    let v = &r.violations[0];
    assert_eq!(v.employee, Some(b));
    assert_eq!(rule_of(v), "PEN-01 · Lampiran II.A.5");
    assert!(v.message.contains("1 Juli 2025"), "{}", v.message);
}

#[test]
fn pen_01_d_only_functional_officials_and_executors_are_assigned_each_once() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    let member = fx.pelaksana(fx.seksi);
    let kepala_seksi =
        fx.b.org
            .positions
            .iter()
            .find(|p| p.unit == fx.seksi && p.is_head)
            .map(|p| p.id)
            .expect("head of the Seksi");
    let structural = fx.b.holder(kepala_seksi);
    let ghost = EmployeeId(9999);
    let draft = fx.team(lead, &[member, structural, ghost, member]);
    let r = fx.check(&draft);
    assert_eq!(
        codes(&r),
        [
            "member_duplicate",
            "member_not_functional_or_executor",
            "member_unknown"
        ],
        "{:#?}",
        r.violations
    );
    assert_eq!(r.violations[1].employee, Some(structural));
    assert!(r.violations[1].message.contains("Pejabat Pengawas"));
    assert_eq!(
        fact_of(&r, "member_not_functional_or_executor", "position_class").as_deref(),
        Some("Pejabat Pengawas")
    );
}

#[test]
fn pen_02_a_a_member_whose_placement_is_unresolved_is_named_with_the_reason() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    // JF Ahli Utama: no section places them (KED-09).
    let utama = fx.b.jf(fx.seksi, AhliUtama);
    let r = fx.check(&fx.team(lead, &[utama]));
    assert_eq!(codes(&r), ["member_placement_unresolved"]);
    let v = &r.violations[0];
    assert_eq!(v.employee, Some(utama));
    assert_eq!(rule_of(v), "PEN-02 · Lampiran II.A.2");
    assert!(v.message.contains(&fx.employee(utama).display_name()));
    assert!(
        fact_of(&r, "member_placement_unresolved", "placement_rule")
            .is_some_and(|x| x.starts_with("KED-09"))
    );
}

#[test]
fn pen_02_b_a_member_without_a_placement_outcome_is_named() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    let member = fx.pelaksana(fx.seksi);
    let draft = fx.team(lead, &[member]);
    let outcomes: Vec<Outcome> = fx
        .outcomes()
        .into_iter()
        .filter(|o| o.employee() != member)
        .collect();
    let r = check(
        &fx.b.org,
        &outcomes,
        &[],
        &draft,
        &AssignmentPolicy::default(),
    );
    assert_eq!(codes(&r), ["member_placement_missing"]);
    assert_eq!(r.violations[0].employee, Some(member));
}
