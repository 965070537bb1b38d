//! PEN-05 and PEN-06: at most 3 times, 12 or 6 months each; PEN-07: what "3 times" counts.

use super::*;

use MembershipKind::{OwnUnit, Seconded};

fn year_policy() -> AssignmentPolicy {
    AssignmentPolicy::default()
}

fn concurrent_policy() -> AssignmentPolicy {
    AssignmentPolicy {
        window: CountWindow::Concurrent,
        ..AssignmentPolicy::default()
    }
}

#[test]
fn pen_05_a_a_within_unit_team_term_is_at_most_12_months() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    let member = fx.pelaksana(fx.seksi);
    let mut draft = fx.team(lead, &[member]);
    draft.members[1].from = d("2025-01-01");
    draft.members[1].until = d("2025-12-31");
    assert!(fx.check(&draft).is_allowed(), "12 months is allowed");
    draft.members[1].until = d("2026-01-01");
    let r = fx.check(&draft);
    assert_eq!(codes(&r), ["own_unit_term_too_long"]);
    assert_eq!(rule_of(&r.violations[0]), "PEN-05 · Pasal 9 ayat 4");
    assert_eq!(
        fact_of(&r, "own_unit_term_too_long", "months").as_deref(),
        Some("13")
    );
    assert_eq!(
        fact_of(&r, "own_unit_term_too_long", "max_months").as_deref(),
        Some("12")
    );
}

#[test]
fn pen_05_b_a_fourth_within_unit_team_in_the_year_is_refused_naming_the_three_counted() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    let member = fx.pelaksana(fx.seksi);
    let history = [
        past(11, member, OwnUnit, "2024-11-01", "2025-01-31"),
        past(12, member, OwnUnit, "2025-03-01", "2025-03-31"),
        past(13, member, OwnUnit, "2025-10-01", "2025-12-31"),
        // Another year, another kind, another person: not counted.
        past(14, member, OwnUnit, "2024-01-01", "2024-06-30"),
        past(15, member, Seconded, "2025-01-01", "2025-02-28"),
        past(16, lead, OwnUnit, "2025-01-01", "2025-02-28"),
    ];
    let draft = fx.team(lead, &[member]);
    let r = fx.check_with(&draft, &history, &year_policy());
    assert_eq!(codes(&r), ["own_unit_term_count"]);
    let v = &r.violations[0];
    assert_eq!(v.employee, Some(member));
    assert_eq!(rule_of(v), "PEN-05 · Pasal 9 ayat 4");
    assert_eq!(
        fact_of(&r, "own_unit_term_count", "counted_assignments").as_deref(),
        Some("11,12,13")
    );
    assert_eq!(
        fact_of(&r, "own_unit_term_count", "counted_at").as_deref(),
        Some("tahun 2025")
    );
    assert!(v.message.contains("penugasan 11, 12, 13"), "{}", v.message);
    // Two before it is fine.
    let r = fx.check_with(&draft, &history[1..], &year_policy());
    assert!(r.is_allowed(), "{:#?}", r.violations);
}

#[test]
fn pen_06_a_a_seconded_member_serves_at_most_6_months_each_time() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    let seconded = fx.jf(fx.other_seksi);
    let mut draft = fx.team(lead, &[seconded]);
    draft.members[1].from = d("2025-03-01");
    draft.members[1].until = d("2025-08-31");
    assert!(fx.check(&draft).is_allowed(), "6 months is allowed");
    draft.members[1].until = d("2025-09-01");
    let r = fx.check(&draft);
    assert_eq!(codes(&r), ["secondment_too_long"]);
    assert_eq!(rule_of(&r.violations[0]), "PEN-06 · Pasal 9 ayat 5");
    // The lead, from the owner unit, may stay 12 months in the same team.
    draft.members[0].from = d("2025-01-01");
    draft.members[0].until = d("2025-12-31");
    assert_eq!(codes(&fx.check(&draft)), ["secondment_too_long"]);
}

#[test]
fn pen_06_b_a_seconded_member_is_seconded_at_most_3_times_own_unit_teams_apart() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    let seconded = fx.jf(fx.province_seksi);
    let history = [
        past(21, seconded, Seconded, "2025-01-01", "2025-01-31"),
        past(22, seconded, Seconded, "2025-02-01", "2025-02-28"),
        past(23, seconded, OwnUnit, "2025-02-01", "2025-03-31"),
        past(24, seconded, OwnUnit, "2025-02-01", "2025-03-31"),
        past(25, seconded, OwnUnit, "2025-02-01", "2025-03-31"),
    ];
    let draft = fx.team(lead, &[seconded]);
    assert!(fx.check_with(&draft, &history, &year_policy()).is_allowed());
    let mut more = history.to_vec();
    more.push(past(26, seconded, Seconded, "2025-09-01", "2025-10-31"));
    let r = fx.check_with(&draft, &more, &year_policy());
    assert_eq!(codes(&r), ["secondment_count"]);
    assert_eq!(rule_of(&r.violations[0]), "PEN-06 · Pasal 9 ayat 5");
    assert_eq!(
        fact_of(&r, "secondment_count", "counted_assignments").as_deref(),
        Some("21,22,26")
    );
}

#[test]
fn pen_07_a_by_default_assignments_overlapping_the_same_calendar_year_count() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    let member = fx.pelaksana(fx.seksi);
    // Three earlier teams in 2025, none running at the same time as the new one.
    let history = [
        past(31, member, OwnUnit, "2025-01-01", "2025-01-15"),
        past(32, member, OwnUnit, "2025-07-01", "2025-07-31"),
        past(33, member, OwnUnit, "2025-08-01", "2025-12-31"),
    ];
    let draft = fx.team(lead, &[member]);
    let r = fx.check_with(&draft, &history, &year_policy());
    assert_eq!(codes(&r), ["own_unit_term_count"]);
    assert_eq!(
        fact_of(&r, "own_unit_term_count", "window").as_deref(),
        Some("calendar_year")
    );
    assert!(r.violations[0].message.contains("PEN-07"));
    // The policy alternative counts only those running at the same time: none.
    assert!(
        fx.check_with(&draft, &history, &concurrent_policy())
            .is_allowed()
    );
}

#[test]
fn pen_07_b_a_period_across_the_new_year_is_counted_in_each_year_it_touches() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    let member = fx.pelaksana(fx.seksi);
    let history = [
        past(41, member, OwnUnit, "2026-01-01", "2026-01-31"),
        past(42, member, OwnUnit, "2026-02-01", "2026-02-28"),
        past(43, member, OwnUnit, "2026-03-01", "2026-03-31"),
        past(44, member, OwnUnit, "2025-01-01", "2025-01-31"),
    ];
    let mut draft = fx.team(lead, &[member]);
    draft.members[1].from = d("2025-10-01");
    draft.members[1].until = d("2026-03-31");
    let r = fx.check_with(&draft, &history, &year_policy());
    assert_eq!(codes(&r), ["own_unit_term_count"]);
    assert_eq!(
        fact_of(&r, "own_unit_term_count", "counted_at").as_deref(),
        Some("tahun 2026")
    );
    assert_eq!(
        fact_of(&r, "own_unit_term_count", "counted_assignments").as_deref(),
        Some("41,42,43")
    );
}

#[test]
fn pen_07_c_the_policy_alternative_counts_assignments_active_at_the_same_time() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    let member = fx.pelaksana(fx.seksi);
    // The new team runs 1 February – 30 June 2025.
    let history = [
        past(51, member, OwnUnit, "2025-01-01", "2025-04-30"),
        past(52, member, OwnUnit, "2025-03-01", "2025-12-31"),
        past(53, member, OwnUnit, "2025-04-01", "2025-04-30"),
        // Running during the new period but not together with the three above.
        past(54, member, OwnUnit, "2025-06-01", "2025-06-30"),
        // Over before the new one starts.
        past(55, member, OwnUnit, "2024-06-01", "2025-01-31"),
    ];
    let draft = fx.team(lead, &[member]);
    let r = fx.check_with(&draft, &history, &concurrent_policy());
    assert_eq!(codes(&r), ["own_unit_term_count"]);
    assert_eq!(
        fact_of(&r, "own_unit_term_count", "counted_assignments").as_deref(),
        Some("51,52,53")
    );
    assert_eq!(
        fact_of(&r, "own_unit_term_count", "counted_at").as_deref(),
        Some("tanggal 1 April 2025")
    );
    assert_eq!(
        fact_of(&r, "own_unit_term_count", "window").as_deref(),
        Some("concurrent")
    );
    // Without 53 at most two run together.
    let fewer: Vec<PastAssignment> = history.iter().filter(|p| p.id.0 != 53).cloned().collect();
    assert!(
        fx.check_with(&draft, &fewer, &concurrent_policy())
            .is_allowed()
    );
}

#[test]
fn pen_07_d_the_assignment_being_changed_is_not_counted_against_itself() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    let member = fx.pelaksana(fx.seksi);
    let history = [
        past(61, member, OwnUnit, "2025-01-01", "2025-01-31"),
        past(62, member, OwnUnit, "2025-03-01", "2025-03-31"),
        past(63, member, OwnUnit, "2025-02-01", "2025-06-30"),
    ];
    let mut draft = fx.team(lead, &[member]);
    draft.id = Some(AssignmentId(63));
    assert!(fx.check_with(&draft, &history, &year_policy()).is_allowed());
    draft.id = None;
    assert_eq!(
        codes(&fx.check_with(&draft, &history, &year_policy())),
        ["own_unit_term_count"]
    );
}

#[test]
fn pen_05_06_individual_assignments_are_not_limited() {
    let mut fx = fx();
    let member = fx.pelaksana(fx.seksi);
    let history = [
        past(71, member, OwnUnit, "2025-01-01", "2025-01-31"),
        past(72, member, OwnUnit, "2025-03-01", "2025-03-31"),
        past(73, member, OwnUnit, "2025-04-01", "2025-06-30"),
    ];
    let mut draft = fx.individual(member);
    draft.members[0].until = d("2026-12-31");
    assert!(fx.check_with(&draft, &history, &year_policy()).is_allowed());
}

#[test]
fn pen_05_and_pen_06_limits_name_their_rule_times_and_months() {
    use crate::assignment::MembershipKind;
    let own = MembershipKind::OwnUnit.limit();
    assert_eq!(
        (
            own.citation.rule_id.to_string(),
            own.citation.article,
            own.times,
            own.months
        ),
        ("PEN-05".to_string(), "Pasal 9 ayat 4", 3, 12)
    );
    let seconded = MembershipKind::Seconded.limit();
    assert_eq!(
        (
            seconded.citation.rule_id.to_string(),
            seconded.citation.article,
            seconded.times,
            seconded.months
        ),
        ("PEN-06".to_string(), "Pasal 9 ayat 5", 3, 6)
    );
}
