//! Tests of the execution rules that are not the review chain: the breakdown (MEK-04), who
//! reports to whom and when (LAP-01..03), feedback (MEK-04, LAP-04).

use super::breakdown::{WorkItemDraft, check_breakdown, may_edit, may_see};
use super::feedback::{FeedbackRole, may_acknowledge, may_give};
use super::report::{
    Addressee, ReportAddressees, ReportDraft, ReportKind, ReportPeriod, ReportPolicy, Timing,
    check_report, duties, may_answer_request, may_report, may_request_report, periods, timing,
};
use super::work::{Actor, Work, WorkKind, WorkMember};
use crate::assignment::{Day, MemberRole};
use crate::organisation::{EmployeeId, PositionId};
use crate::rules::RuleId;

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

const HEAD: PositionId = PositionId(100);
const PPK_A: PositionId = PositionId(200);
const PPK_B: PositionId = PositionId(201);
const LEAD_POST: PositionId = PositionId(300);
const LEAD: EmployeeId = EmployeeId(1);
const ANA: EmployeeId = EmployeeId(2);
const BUDI: EmployeeId = EmployeeId(3);

fn member(e: EmployeeId, role: MemberRole, assessor: PositionId) -> WorkMember {
    WorkMember {
        employee: e,
        role,
        from: day("2026-02-01"),
        until: day("2026-06-30"),
        assessor: Some(assessor),
    }
}

fn team() -> Work {
    Work {
        kind: WorkKind::Team,
        running: true,
        members: vec![
            member(LEAD, MemberRole::TeamLead, PPK_A),
            member(ANA, MemberRole::Member, PPK_A),
            member(BUDI, MemberRole::Member, PPK_B),
        ],
        owner_heads: vec![HEAD],
        responsible: None,
        from: day("2026-02-01"),
        until: day("2026-06-30"),
        budget: Some(10_000_000),
    }
}

fn individual() -> Work {
    Work {
        kind: WorkKind::Individual,
        members: vec![member(ANA, MemberRole::Member, PPK_A)],
        ..team()
    }
}

fn person(e: EmployeeId) -> Actor {
    Actor {
        employee: Some(e),
        own_position: None,
        exercises: Vec::new(),
    }
}

fn holding(e: EmployeeId, positions: &[PositionId]) -> Actor {
    Actor {
        employee: Some(e),
        own_position: positions.first().copied(),
        exercises: positions.to_vec(),
    }
}

fn item(name: &str, who: EmployeeId, from: &str, until: &str, budget: &str) -> WorkItemDraft {
    WorkItemDraft {
        name: name.into(),
        responsible: who.0.to_string(),
        from: from.into(),
        until: until.into(),
        output: "Dokumen".into(),
        budget: budget.into(),
    }
}

#[test]
fn mek_04_the_team_lead_edits_a_teams_breakdown_and_the_individual_their_own() {
    assert!(may_edit(&person(LEAD), &team()).is_ok());
    let refused = may_edit(&person(ANA), &team()).unwrap_err();
    assert_eq!(refused.code, "not_the_breakdown_editor");
    assert_eq!(refused.citation.rule_id, RuleId::MEK_04);
    assert!(may_edit(&person(ANA), &individual()).is_ok());
    assert!(may_edit(&person(BUDI), &individual()).is_err());
    // The head reads it but does not edit it.
    let head = holding(EmployeeId(9), &[HEAD]);
    assert!(may_edit(&head, &team()).is_err());
    assert!(may_see(&head, &team()));
    assert!(may_see(&holding(EmployeeId(8), &[PPK_B]), &team()));
    assert!(!may_see(&person(EmployeeId(7)), &team()));
    // Nothing is broken down before the work runs.
    let pending = Work {
        running: false,
        ..team()
    };
    assert_eq!(
        may_edit(&person(LEAD), &pending).unwrap_err().code,
        "work_not_running"
    );
}

#[test]
fn mek_04_a_breakdown_stays_within_the_members_the_period_and_the_budget() {
    let work = team();
    let ok = check_breakdown(
        &[
            item("Survei", ANA, "2026-02-01", "2026-03-31", "4.000.000"),
            item("Analisis", BUDI, "2026-04-01", "2026-05-31", "6.000.000"),
        ],
        &work,
    )
    .unwrap();
    assert_eq!(ok.len(), 2);
    assert_eq!(ok[1].responsible, BUDI);
    assert_eq!(ok[1].budget, 6_000_000);

    let codes = |drafts: &[WorkItemDraft]| -> Vec<&'static str> {
        check_breakdown(drafts, &work)
            .unwrap_err()
            .iter()
            .map(|p| p.code)
            .collect()
    };
    assert_eq!(
        codes(&[item("X", EmployeeId(99), "2026-02-01", "2026-02-02", "")]),
        ["item_responsible_not_a_member"]
    );
    assert_eq!(
        codes(&[item("X", ANA, "2026-01-15", "2026-02-02", "")]),
        ["item_outside_period"]
    );
    assert_eq!(
        codes(&[item("X", ANA, "2026-03-02", "2026-03-01", "")]),
        ["item_dates_inverted"]
    );
    assert_eq!(
        codes(&[
            item("X", ANA, "2026-02-01", "2026-02-02", "9.000.000"),
            item("Y", BUDI, "2026-02-01", "2026-02-02", "2.000.000"),
        ]),
        ["breakdown_over_budget"]
    );
    assert_eq!(
        codes(&[item("", ANA, "2026-02-01", "2026-02-02", "-5")]),
        ["item_text_blank", "item_budget_invalid"]
    );
    // A member who joins later is responsible only within their own period.
    let mut late = team();
    late.members[2].from = day("2026-04-01");
    let err =
        check_breakdown(&[item("X", BUDI, "2026-03-01", "2026-04-30", "")], &late).unwrap_err();
    assert_eq!(err[0].code, "item_outside_member_period");
}

#[test]
fn lap_02_members_report_to_the_lead_and_the_lead_to_the_head_and_ppk() {
    let d = duties(&team(), &ReportPolicy::default());
    assert_eq!(d.len(), 3);
    let of = |e: EmployeeId| d.iter().find(|x| x.reporter == e).unwrap();
    assert_eq!(of(LEAD).kind, ReportKind::TeamToHead);
    assert_eq!(
        of(LEAD).to,
        [Addressee::Position(HEAD), Addressee::Position(PPK_A)]
    );
    assert_eq!(of(ANA).kind, ReportKind::MemberToLead);
    assert_eq!(of(ANA).to, [Addressee::Lead(LEAD)]);
    assert_eq!(of(BUDI).to, [Addressee::Lead(LEAD)]);
    assert!(
        may_report(
            &person(ANA),
            &team(),
            &ReportPolicy::default(),
            ReportKind::MemberToLead
        )
        .is_ok()
    );
    let refused = may_report(
        &person(ANA),
        &team(),
        &ReportPolicy::default(),
        ReportKind::TeamToHead,
    )
    .unwrap_err();
    assert_eq!(refused.code, "not_the_team_lead_reporter");
    assert_eq!(refused.citation.rule_id, RuleId::LAP_02);
}

#[test]
fn lap_01_an_individual_reports_to_the_head_and_or_the_ppk_as_the_agency_sets() {
    let policy = |addressees| ReportPolicy {
        addressees,
        ..ReportPolicy::default()
    };
    let to = |p: ReportPolicy| duties(&individual(), &p)[0].to.clone();
    assert_eq!(
        to(policy(ReportAddressees::Both)),
        [Addressee::Position(HEAD), Addressee::Position(PPK_A)]
    );
    assert_eq!(
        to(policy(ReportAddressees::OrgUnitHead)),
        [Addressee::Position(HEAD)]
    );
    assert_eq!(
        to(policy(ReportAddressees::Assessor)),
        [Addressee::Position(PPK_A)]
    );
    // No settled PPK: the head receives it rather than nobody.
    let mut w = individual();
    w.members[0].assessor = None;
    assert_eq!(
        duties(&w, &policy(ReportAddressees::Assessor))[0].to,
        [Addressee::Position(HEAD)]
    );
    assert_eq!(
        duties(&w, &ReportPolicy::default())[0].kind,
        ReportKind::IndividualToHead
    );
    let c = ReportKind::IndividualToHead.citation();
    assert_eq!((c.rule_id, c.article), (RuleId::LAP_01, "Pasal 16"));
}

#[test]
fn lap_02_periods_follow_the_agency_setting_and_are_cut_to_the_work() {
    let monthly = ReportPolicy::default();
    let p = periods(day("2026-02-10"), day("2026-04-15"), &monthly);
    let spans: Vec<(String, String, String)> = p
        .iter()
        .map(|x| (x.start.to_string(), x.end.to_string(), x.due.to_string()))
        .collect();
    assert_eq!(
        spans,
        [
            (
                "2026-02-10".into(),
                "2026-02-28".into(),
                "2026-03-05".into()
            ),
            (
                "2026-03-01".into(),
                "2026-03-31".into(),
                "2026-04-05".into()
            ),
            (
                "2026-04-01".into(),
                "2026-04-15".into(),
                "2026-04-20".into()
            ),
        ]
    );
    let quarterly = ReportPolicy {
        period: ReportPeriod::Quarterly,
        grace_days: 0,
        ..monthly
    };
    let q = periods(day("2026-02-10"), day("2026-12-31"), &quarterly);
    assert_eq!(q.len(), 4);
    assert_eq!(q[0].end, day("2026-03-31"));
    assert_eq!(q[3].start, day("2026-10-01"));
    assert_eq!(q[3].due, day("2026-12-31"));
    let weekly = ReportPolicy {
        period: ReportPeriod::Weekly,
        grace_days: 2,
        ..monthly
    };
    let w = periods(day("2026-12-28"), day("2027-01-12"), &weekly);
    assert_eq!(w.len(), 3);
    assert_eq!(w[0].end, day("2027-01-03"));
    assert_eq!(w[2].end, day("2027-01-12"));
    assert_eq!(w[2].due, day("2027-01-14"));
    assert!(periods(day("2026-05-01"), day("2026-04-01"), &monthly).is_empty());
}

#[test]
fn lap_02_a_report_not_in_by_its_due_day_is_late() {
    let (start, due) = (day("2026-03-01"), day("2026-04-05"));
    assert_eq!(
        timing(start, due, None, day("2026-02-20")),
        Timing::Upcoming
    );
    assert_eq!(timing(start, due, None, day("2026-04-05")), Timing::Open);
    assert_eq!(timing(start, due, None, day("2026-04-06")), Timing::Late);
    assert_eq!(
        timing(start, due, Some(day("2026-04-05")), day("2026-05-01")),
        Timing::OnTime
    );
    assert_eq!(
        timing(start, due, Some(day("2026-04-06")), day("2026-05-01")),
        Timing::SubmittedLate
    );
}

#[test]
fn lap_03_only_the_head_of_the_org_unit_asks_a_member_for_a_report() {
    let head = holding(EmployeeId(9), &[HEAD]);
    assert_eq!(may_request_report(&head, &team(), BUDI), Ok(HEAD));
    let not_head =
        may_request_report(&holding(EmployeeId(8), &[PPK_A]), &team(), BUDI).unwrap_err();
    assert_eq!(not_head.code, "not_the_org_unit_head");
    assert_eq!(not_head.citation.rule_id, RuleId::LAP_03);
    assert_eq!(
        may_request_report(&head, &team(), EmployeeId(77))
            .unwrap_err()
            .code,
        "report_request_not_a_member"
    );
    // Only the person asked answers it.
    assert!(may_answer_request(&person(BUDI), &team(), BUDI, "Budi").is_ok());
    let other = may_answer_request(&person(ANA), &team(), BUDI, "Budi").unwrap_err();
    assert_eq!(other.code, "not_the_requested_reporter");
    assert_eq!(other.citation.rule_id, RuleId::LAP_03);
}

#[test]
fn lap_02_a_report_holds_progress_for_its_activities_and_realisation_for_its_targets() {
    let ok = check_report(
        &ReportDraft {
            progress: vec![(5, "40".into()), (6, "100%".into()), (7, " ".into())],
            realisation: vec![(11, "12,5".into())],
            narrative: "  Survei selesai.  ".into(),
        },
        &[5, 6, 7],
        &[11],
    )
    .unwrap();
    assert_eq!(ok.progress, [(5, 40), (6, 100)]);
    assert_eq!(ok.realisation, [(11, 12.5)]);
    assert_eq!(ok.narrative, "Survei selesai.");
    let codes: Vec<&str> = check_report(
        &ReportDraft {
            progress: vec![(5, "101".into()), (8, "10".into())],
            realisation: vec![(11, "-1".into()), (12, "3".into())],
            narrative: String::new(),
        },
        &[5],
        &[11],
    )
    .unwrap_err()
    .iter()
    .map(|p| p.code)
    .collect();
    assert_eq!(
        codes,
        [
            "report_progress_invalid",
            "report_unknown_activity",
            "report_realisation_invalid",
            "report_unknown_target",
            "report_empty"
        ]
    );
}

#[test]
fn mek_04_heads_ppk_and_leads_give_feedback_and_only_the_member_acknowledges() {
    let head = holding(EmployeeId(9), &[HEAD]);
    let a = may_give(&head, &team(), LEAD).unwrap();
    assert_eq!(
        (a.role, a.position),
        (FeedbackRole::OrgUnitHead, Some(HEAD))
    );
    // The PPK of Budi, not of Ana.
    let ppk_b = holding(EmployeeId(8), &[PPK_B]);
    assert_eq!(
        may_give(&ppk_b, &team(), BUDI).unwrap().role,
        FeedbackRole::Assessor
    );
    assert_eq!(
        may_give(&ppk_b, &team(), ANA).unwrap_err().code,
        "not_a_feedback_giver"
    );
    // The lead gives feedback in their own position, to members, not to themself.
    let lead = holding(LEAD, &[LEAD_POST]);
    let l = may_give(&lead, &team(), ANA).unwrap();
    assert_eq!(
        (l.role, l.position),
        (FeedbackRole::TeamLead, Some(LEAD_POST))
    );
    assert_eq!(
        may_give(&lead, &team(), LEAD).unwrap_err().code,
        "feedback_to_self"
    );
    assert_eq!(
        may_give(&person(ANA), &team(), BUDI).unwrap_err().code,
        "not_a_feedback_giver"
    );
    assert_eq!(
        may_give(&head, &team(), EmployeeId(50)).unwrap_err().code,
        "feedback_not_a_member"
    );
    assert!(may_acknowledge(&person(ANA), ANA).is_ok());
    assert_eq!(
        may_acknowledge(&person(BUDI), ANA).unwrap_err().code,
        "not_the_feedback_recipient"
    );
}

#[test]
fn lap_04_a_plt_of_the_head_acts_as_the_head() {
    // The Plt. exercises the head position (storage lists it among the positions exercised).
    let plt = Actor {
        employee: Some(EmployeeId(40)),
        own_position: Some(PositionId(41)),
        exercises: vec![PositionId(41), HEAD],
    };
    assert_eq!(may_request_report(&plt, &team(), ANA), Ok(HEAD));
    assert_eq!(may_give(&plt, &team(), ANA).unwrap().position, Some(HEAD));
}

mod issues {
    use super::*;
    use crate::execution::issue::{
        Collaboration, Homes, IssueAddressee, IssueDecision, IssueDraft, addressees,
        check_decision, check_issue, holds, may_raise,
    };
    use crate::organisation::AgencyId;

    const HOME_B: PositionId = PositionId(500);
    const OWNER: AgencyId = AgencyId(1);
    const OTHER: AgencyId = AgencyId(2);

    fn homes() -> Homes {
        Homes {
            owner_agency: Some(OWNER),
            unit_heads: vec![(LEAD, HEAD), (ANA, HEAD), (BUDI, HOME_B)],
            agencies: vec![(LEAD, OWNER), (ANA, OWNER), (BUDI, OTHER)],
        }
    }

    #[test]
    fn lap_05_the_team_lead_raises_a_problem_to_the_owner_head() {
        assert!(may_raise(&person(LEAD), &team()).is_ok());
        let err = may_raise(&person(ANA), &team()).unwrap_err();
        assert_eq!(err.code, "not_the_team_raising");
        assert_eq!(err.citation.rule_id, RuleId::LAP_05);
        // Individual work raises no team problem.
        assert!(may_raise(&person(ANA), &individual()).is_err());
        assert_eq!(
            addressees(&team(), &homes(), Collaboration::OwnerHead).unwrap(),
            [IssueAddressee::Position(HEAD)]
        );
    }

    #[test]
    fn lap_05_collaboration_adds_each_members_home_head_or_agency_head() {
        assert_eq!(
            addressees(&team(), &homes(), Collaboration::UnitHeads).unwrap(),
            [
                IssueAddressee::Position(HEAD),
                IssueAddressee::Position(HOME_B)
            ]
        );
        assert_eq!(
            addressees(&team(), &homes(), Collaboration::AgencyHeads).unwrap(),
            [
                IssueAddressee::Position(HEAD),
                IssueAddressee::RegionalHead(OTHER)
            ]
        );
        // All members from the owner's unit: no collaboration to ask for.
        let local = Homes {
            owner_agency: Some(OWNER),
            unit_heads: vec![(LEAD, HEAD), (ANA, HEAD), (BUDI, HEAD)],
            agencies: vec![(LEAD, OWNER), (ANA, OWNER), (BUDI, OWNER)],
        };
        for c in [Collaboration::UnitHeads, Collaboration::AgencyHeads] {
            assert_eq!(
                addressees(&team(), &local, c).unwrap_err().code,
                "issue_no_collaboration"
            );
        }
        let headless = Work {
            owner_heads: Vec::new(),
            ..team()
        };
        assert_eq!(
            addressees(&headless, &homes(), Collaboration::OwnerHead)
                .unwrap_err()
                .code,
            "issue_owner_head_vacant"
        );
        // A Plt. of the head holds the head's place; a regional head by their agency.
        let plt = Actor {
            employee: Some(EmployeeId(40)),
            own_position: None,
            exercises: vec![HEAD],
        };
        assert!(holds(&plt, None, IssueAddressee::Position(HEAD)));
        assert!(!holds(&plt, None, IssueAddressee::Position(HOME_B)));
        assert!(holds(
            &Actor::default(),
            Some(OTHER),
            IssueAddressee::RegionalHead(OTHER)
        ));
    }

    #[test]
    fn lap_05_a_problem_comes_with_recommendations_and_a_due_day() {
        let today = day("2026-04-01");
        let ok = check_issue(
            &IssueDraft {
                title: " Data rujukan tidak lengkap ".into(),
                description: "Puskesmas belum mengirim data.".into(),
                recommendations: vec!["Surat Kepala Dinas".into(), " ".into(), "Kunjungan".into()],
                due: "2026-04-08".into(),
            },
            today,
        )
        .unwrap();
        assert_eq!(ok.title, "Data rujukan tidak lengkap");
        assert_eq!(ok.recommendations.len(), 2);
        let codes: Vec<&str> = check_issue(
            &IssueDraft {
                title: String::new(),
                description: "x".into(),
                recommendations: vec![" ".into()],
                due: "2026-03-31".into(),
            },
            today,
        )
        .unwrap_err()
        .iter()
        .map(|p| p.code)
        .collect();
        assert_eq!(
            codes,
            [
                "issue_title_invalid",
                "issue_recommendations_required",
                "issue_due_invalid"
            ]
        );
        let far = IssueDraft {
            title: "t".into(),
            description: "d".into(),
            recommendations: vec!["r".into()],
            due: "2026-07-31".into(),
        };
        assert!(check_issue(&far, today).is_err());
    }

    #[test]
    fn lap_05_a_decision_chooses_a_recommendation_or_says_another_with_a_reason() {
        assert!(check_decision(&IssueDecision::Recommendation(1), "Paling cepat", 2).is_ok());
        assert_eq!(
            check_decision(&IssueDecision::Recommendation(2), "x", 2)
                .unwrap_err()
                .code,
            "issue_recommendation_unknown"
        );
        assert_eq!(
            check_decision(&IssueDecision::Other(" ".into()), "x", 2)
                .unwrap_err()
                .code,
            "issue_decision_blank"
        );
        assert_eq!(
            check_decision(&IssueDecision::Other("Rapat koordinasi".into()), " ", 2)
                .unwrap_err()
                .code,
            "issue_reason_required"
        );
    }
}

#[test]
fn lap_02_a_report_falls_due_in_the_days_before_its_due_day_until_submitted() {
    use super::report::falls_due;
    let (start, due) = (day("2026-03-01"), day("2026-04-05"));
    // One day's notice (the default): the day before and the due day itself.
    assert!(!falls_due(start, due, false, day("2026-04-03"), 1));
    assert!(falls_due(start, due, false, day("2026-04-04"), 1));
    assert!(falls_due(start, due, false, day("2026-04-05"), 1));
    // Late is no longer "falling due"; submitted never is.
    assert!(!falls_due(start, due, false, day("2026-04-06"), 1));
    assert!(!falls_due(start, due, true, day("2026-04-04"), 1));
    // A wider notice, and never before the period begins.
    assert!(falls_due(start, due, false, day("2026-03-29"), 7));
    assert!(!falls_due(
        day("2026-04-01"),
        day("2026-04-03"),
        false,
        day("2026-03-31"),
        7
    ));
    // No notice: only on the due day.
    assert!(!falls_due(start, due, false, day("2026-04-04"), 0));
    assert!(falls_due(start, due, false, due, 0));
}
