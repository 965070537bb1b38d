//! Issue 14 point 5: the version in force on a day, and which values are refused.

use super::*;
use crate::assignment::CountWindow;
use crate::execution::report::ReportPeriod;
use crate::org::AssessorPolicy;

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn version(id: i64, from: &str, window: CountWindow) -> PolicyVersion {
    let mut policies = AgencyPolicies::default();
    policies.assignment.window = window;
    PolicyVersion {
        id,
        effective_from: day(from),
        policies,
    }
}

#[test]
fn as_of_gives_the_defaults_before_any_version() {
    let empty = PolicyHistory::default();
    assert_eq!(empty.as_of(day("2026-01-01")), AgencyPolicies::default());
    let h = PolicyHistory {
        versions: vec![version(1, "2026-03-01", CountWindow::Concurrent)],
    };
    assert_eq!(h.as_of(day("2026-02-28")), AgencyPolicies::default());
    assert!(h.version_on(day("2026-02-28")).is_none());
}

#[test]
fn as_of_picks_the_latest_version_in_force_pen_07() {
    let h = PolicyHistory {
        versions: vec![
            version(3, "2026-06-01", CountWindow::CalendarYear),
            version(1, "2026-01-01", CountWindow::Concurrent),
        ],
    };
    assert_eq!(
        h.as_of(day("2026-01-01")).assignment.window,
        CountWindow::Concurrent
    );
    assert_eq!(
        h.as_of(day("2026-05-31")).assignment.window,
        CountWindow::Concurrent
    );
    assert_eq!(
        h.as_of(day("2026-06-01")).assignment.window,
        CountWindow::CalendarYear
    );
    assert_eq!(h.version_on(day("2027-01-01")).map(|v| v.id), Some(3));
}

#[test]
fn as_of_prefers_the_version_recorded_last_on_the_same_day() {
    let h = PolicyHistory {
        versions: vec![
            version(7, "2026-01-01", CountWindow::Concurrent),
            version(4, "2026-01-01", CountWindow::CalendarYear),
        ],
    };
    assert_eq!(h.version_on(day("2026-02-01")).map(|v| v.id), Some(7));
}

#[test]
fn the_defaults_are_the_catalogues() {
    let d = AgencyPolicies::default();
    assert_eq!(
        d.placement.assessor_policy,
        AssessorPolicy::PlacementDecides
    );
    assert_eq!(d.placement.span_of_control_threshold, 15);
    assert_eq!(d.assignment.window, CountWindow::CalendarYear);
    assert!(!d.assignment.enforce_lead_rules_within_unit);
    assert_eq!(d.assignment.pppk_min_golongan, 9);
    assert_eq!(d.authority_position, None);
    assert_eq!(d.report.period, ReportPeriod::Monthly);
    assert_eq!(d.letters, LetterPolicy::default());
    assert!(validate(&d).is_empty());
}

fn fields(problems: &[PolicyProblem]) -> Vec<&'static str> {
    problems.iter().map(|p| p.field).collect()
}

#[test]
fn out_of_range_values_are_refused_with_their_field_and_rule() {
    let mut p = AgencyPolicies::default();
    p.placement.span_of_control_threshold = 0;
    p.assignment.pppk_min_golongan = 18;
    p.report.grace_days = 32;
    let problems = validate(&p);
    assert_eq!(
        fields(&problems),
        [
            "span_of_control_threshold",
            "pppk_min_golongan",
            "report_grace_days"
        ]
    );
    assert_eq!(
        problems[0].rule.as_ref().unwrap().rule_id.to_string(),
        "KED-10"
    );
    assert_eq!(
        problems[1].rule.as_ref().unwrap().rule_id.to_string(),
        "PEN-08"
    );
    assert_eq!(problems[1].code, "pppk_golongan_out_of_range");
    p.placement.span_of_control_threshold = MAX_SPAN_THRESHOLD;
    p.assignment.pppk_min_golongan = 1;
    p.report.grace_days = 31;
    assert!(validate(&p).is_empty());
}

#[test]
fn classification_codes_are_digits_and_dots_one_per_kind_doc_05() {
    let mut p = AgencyPolicies::default();
    let c = |kind, code: &str| Classification {
        kind,
        code: code.into(),
    };
    p.letters.classifications = vec![
        c(LetterKind::SuratTugas, "800.1.11"),
        c(LetterKind::RegentDecree, "100.3.3"),
    ];
    assert!(validate(&p).is_empty());
    assert_eq!(
        p.letters.classification(LetterKind::RegentDecree),
        Some("100.3.3")
    );
    assert_eq!(p.letters.classification(LetterKind::AssignmentLetter), None);
    for bad in [
        "",
        "800/1",
        "800..1",
        "8a0",
        ".800",
        "1234567890.1234567890",
    ] {
        p.letters.classifications = vec![c(LetterKind::SuratTugas, bad)];
        let problems = validate(&p);
        assert_eq!(fields(&problems), ["classifications"], "{bad:?}");
        assert_eq!(
            problems[0].rule.as_ref().unwrap().rule_id.to_string(),
            "DOC-05"
        );
    }
    p.letters.classifications = vec![
        c(LetterKind::SuratTugas, "800"),
        c(LetterKind::SuratTugas, "800.1"),
    ];
    assert_eq!(validate(&p)[0].code, "classification_duplicate");
}

#[test]
fn the_budget_regulation_is_one_line_of_a_title_doc_05() {
    let mut p = AgencyPolicies::default();
    p.letters.budget_regulation = Some("Peraturan Daerah Nomor 5 Tahun 2025".into());
    assert!(validate(&p).is_empty());
    p.letters.budget_regulation = Some("  ".into());
    assert_eq!(validate(&p)[0].code, "budget_regulation_blank");
    p.letters.budget_regulation = Some("Perda\nNomor 5".into());
    assert_eq!(validate(&p)[0].code, "control_character");
    p.letters.budget_regulation = Some("x".repeat(501));
    assert_eq!(validate(&p)[0].code, "text_too_long");
}

#[test]
fn a_change_needs_a_legal_basis_and_is_never_backdated() {
    let today = day("2026-12-19");
    let ok = PolicyChange {
        effective_from: today,
        policies: AgencyPolicies::default(),
        legal_basis: "SK Bupati Nomor 800/12/2026 tanggal 18 Desember 2026".into(),
    };
    assert!(validate_change(&ok, today).is_empty());
    let tomorrow = PolicyChange {
        effective_from: day("2026-12-20"),
        ..ok.clone()
    };
    assert!(validate_change(&tomorrow, today).is_empty());
    let bad = PolicyChange {
        effective_from: day("2026-12-18"),
        legal_basis: " ".into(),
        ..ok.clone()
    };
    let problems = validate_change(&bad, today);
    assert_eq!(fields(&problems), ["legal_basis", "effective_from"]);
    assert_eq!(problems[1].code, "policy_backdated");
    assert!(problems.iter().all(|p| p.rule.is_none()));
}
