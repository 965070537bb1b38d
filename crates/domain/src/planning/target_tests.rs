//! Checks of targets as entered, rupiah amounts and the weighted roll-up (MEK-02).

use super::*;

fn quantitative() -> TargetDraft {
    TargetDraft {
        indicator: "Persentase layanan aplikasi yang terintegrasi".into(),
        kind: Some(IndicatorKind::Quantitative),
        target: "85,5".into(),
        unit: "%".into(),
        budget: "Rp 1.250.000".into(),
        strategic_plan_ref: " Renstra 2025–2029 Sasaran 2.1 ".into(),
        annual_work_plan_ref: "Renja 2027 Program 2.16.03".into(),
        weight: "".into(),
    }
}

#[test]
fn mek_02_a_quantitative_target_needs_a_number_a_unit_and_a_budget_in_rupiah() {
    let t = check_target(&quantitative()).unwrap();
    assert_eq!(t.target_number, Some(85.5));
    assert_eq!(t.budget, 1_250_000);
    assert_eq!(t.weight, 1);
    assert_eq!(t.strategic_plan_ref, "Renstra 2025–2029 Sasaran 2.1");
}

#[test]
fn mek_02_every_problem_of_a_target_is_reported_at_once() {
    let d = TargetDraft {
        indicator: "  ".into(),
        kind: Some(IndicatorKind::Quantitative),
        target: "sembilan puluh".into(),
        unit: "".into(),
        budget: "1,5 juta".into(),
        weight: "0".into(),
        ..TargetDraft::default()
    };
    let codes: Vec<_> = check_target(&d)
        .unwrap_err()
        .iter()
        .map(|p| p.code)
        .collect();
    assert_eq!(
        codes,
        [
            "indicator_blank",
            "target_not_a_number",
            "unit_blank",
            "budget_invalid",
            "weight_invalid"
        ]
    );
}

#[test]
fn mek_02_a_qualitative_target_is_described_and_needs_no_unit() {
    let d = TargetDraft {
        indicator: "Kualitas tata kelola arsip".into(),
        kind: Some(IndicatorKind::Qualitative),
        target: "Predikat arsip \"Baik\"".into(),
        ..TargetDraft::default()
    };
    let t = check_target(&d).unwrap();
    assert_eq!((t.target_number, t.budget), (None, 0));
    let blank = TargetDraft {
        target: " ".into(),
        ..d
    };
    assert_eq!(check_target(&blank).unwrap_err()[0].code, "target_blank");
    let no_kind = TargetDraft {
        kind: None,
        ..quantitative()
    };
    assert_eq!(check_target(&no_kind).unwrap_err()[0].code, "kind_missing");
}

#[test]
fn rupiah_are_read_with_dots_between_thousands_and_written_the_same_way() {
    for (typed, value) in [
        ("1.250.000", Some(1_250_000)),
        ("Rp1.250.000", Some(1_250_000)),
        ("Rp. 750.000", Some(750_000)),
        ("1250000", Some(1_250_000)),
        ("", Some(0)),
        ("12.50", None),
        ("1.2345", None),
        ("-5", None),
        ("1,5", None),
        ("99999999999999999", None),
    ] {
        assert_eq!(parse_rupiah(typed), value, "{typed}");
    }
    assert_eq!(format_rupiah(1_250_000), "Rp1.250.000");
    assert_eq!(format_rupiah(0), "Rp0");
    assert_eq!(format_rupiah(999), "Rp999");
    assert_eq!(format_rupiah(1000), "Rp1.000");
}

#[test]
fn progress_rolls_up_by_weight_and_a_leaf_keeps_its_own() {
    // Root 1 ← 2 (weight 3, itself ← 4, 5) and 3 (weight 1).
    let nodes = [
        Node {
            id: 1,
            parent: None,
            weight: 1,
            own_progress: 0.0,
        },
        Node {
            id: 2,
            parent: Some(1),
            weight: 3,
            own_progress: 99.0,
        },
        Node {
            id: 3,
            parent: Some(1),
            weight: 1,
            own_progress: 20.0,
        },
        Node {
            id: 4,
            parent: Some(2),
            weight: 1,
            own_progress: 100.0,
        },
        Node {
            id: 5,
            parent: Some(2),
            weight: 1,
            own_progress: 0.0,
        },
    ];
    let p = roll_up(&nodes);
    assert_eq!(p[&4], 100.0);
    assert_eq!(p[&2], 50.0, "the mean of its children, not its own figure");
    assert_eq!(p[&1], (3.0 * 50.0 + 20.0) / 4.0);
}

#[test]
fn a_cycle_or_an_unknown_parent_does_not_hang_the_roll_up() {
    let nodes = [
        Node {
            id: 1,
            parent: Some(2),
            weight: 1,
            own_progress: 10.0,
        },
        Node {
            id: 2,
            parent: Some(1),
            weight: 1,
            own_progress: 10.0,
        },
        Node {
            id: 3,
            parent: Some(99),
            weight: 1,
            own_progress: 150.0,
        },
    ];
    let p = roll_up(&nodes);
    assert_eq!(p.len(), 3);
    assert_eq!(p[&3], 100.0, "clamped to 100");
}
