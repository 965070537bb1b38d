//! PEN-04 the lead comes from the owner unit, PEN-08 lead requirements, PEN-09 JF from
//! penyetaraan first.

use super::*;

fn requirement_codes(rs: &[Requirement]) -> Vec<(&'static str, bool)> {
    rs.iter().map(|r| (r.code, r.met)).collect()
}

fn met(rs: &[Requirement], code: &str) -> bool {
    rs.iter().any(|r| r.code == code && r.met)
}

fn start() -> Day {
    d("2025-02-01")
}

#[test]
fn pen_04_a_cross_unit_team_lead_comes_from_the_owner_unit() {
    let mut fx = fx();
    let outsider = fx.jf(fx.other_seksi);
    let insider = fx.jf(fx.seksi);
    let r = fx.check(&fx.team(outsider, &[insider]));
    assert_eq!(r.scope, AssignmentScope::CrossUnit);
    assert_eq!(codes(&r), ["team_lead_not_from_owner_unit"]);
    let v = &r.violations[0];
    assert_eq!(v.employee, Some(outsider));
    assert_eq!(rule_of(v), "PEN-04 · Pasal 9 ayat 3; Lampiran II.A.8");
    assert!(v.message.contains("Dinas Kesehatan"), "{}", v.message);
    assert_eq!(
        fact_of(&r, "team_lead_not_from_owner_unit", "team_lead_unit"),
        Some(fx.other.to_string())
    );
    // The same two people with the insider leading.
    assert!(fx.check(&fx.team(insider, &[outsider])).is_allowed());
}

#[test]
fn pen_04_b_a_cross_agency_team_lead_from_the_other_agency_is_refused() {
    let mut fx = fx();
    let province = fx.jf(fx.province_seksi);
    let insider = fx.jf(fx.seksi);
    let r = fx.check(&fx.team(province, &[insider]));
    assert_eq!(r.scope, AssignmentScope::CrossAgency);
    assert_eq!(codes(&r), ["team_lead_not_from_owner_unit"]);
}

#[test]
fn pen_08_a_a_cross_unit_lead_failing_every_requirement_gets_one_violation_each() {
    let mut fx = fx();
    let lead = fx.b.jf(fx.seksi, AhliPertama);
    fx.edit(lead, |e| {
        e.education = Education::D3;
        e.grade = Grade::Pns {
            group: 2,
            sub: b'd',
        };
    });
    let outsider = fx.jf(fx.other_seksi);
    let r = fx.check(&fx.team(lead, &[outsider]));
    assert_eq!(
        codes(&r),
        [
            "lead_education",
            "lead_grade",
            "lead_rating",
            "lead_experience"
        ]
    );
    let articles: Vec<String> = r.violations.iter().map(rule_of).collect();
    assert_eq!(
        articles,
        [
            "PEN-08 · Pasal 9 ayat 6 huruf a",
            "PEN-08 · Pasal 9 ayat 6 huruf b",
            "PEN-08 · Pasal 9 ayat 6 huruf c",
            "PEN-08 · Pasal 9 ayat 6 huruf d",
        ]
    );
    assert_eq!(
        fact_of(&r, "lead_grade", "record").as_deref(),
        Some("Golongan II/d (Pengatur Tingkat I)")
    );
    assert_eq!(
        fact_of(&r, "lead_rating", "record").as_deref(),
        Some("Predikat kinerja tahun 2024 belum tercatat")
    );
    assert!(r.advice.is_empty());
}

#[test]
fn pen_08_b_within_unit_lead_requirements_are_advice_by_default_and_enforced_by_policy() {
    let mut fx = fx();
    let lead = fx.b.jf(fx.seksi, AhliPertama);
    fx.edit(lead, |e| e.education = Education::Sma);
    let member = fx.pelaksana(fx.seksi);
    let draft = fx.team(lead, &[member]);
    let r = fx.check(&draft);
    assert!(r.is_allowed(), "{:#?}", r.violations);
    assert_eq!(
        advice_codes(&r),
        ["lead_education", "lead_rating", "lead_experience"]
    );
    assert!(r.advice[0].message.starts_with("Saran:"));
    let enforcing = AssignmentPolicy {
        enforce_lead_rules_within_unit: true,
        ..AssignmentPolicy::default()
    };
    let r = fx.check_with(&draft, &[], &enforcing);
    assert_eq!(
        codes(&r),
        ["lead_education", "lead_rating", "lead_experience"]
    );
    assert!(r.advice.is_empty());
}

#[test]
fn pen_08_c_a_pppk_lead_needs_the_golongan_the_agency_set_as_equivalent() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    fx.edit(lead, |e| {
        e.employment_type = EmploymentType::Pppk;
        e.grade = Grade::Pppk(8);
    });
    let default = AssignmentPolicy::default();
    let rs = lead_eligibility(fx.employee(lead), FIELD, start(), &default);
    let grade = rs
        .iter()
        .find(|r| r.code == "lead_grade")
        .expect("grade requirement");
    assert!(!grade.met);
    assert_eq!(
        grade.name,
        "Golongan PPPK paling rendah IX — padanan Penata Muda III/a yang ditetapkan kebijakan instansi"
    );
    assert_eq!(grade.detail, "Golongan PPPK VIII");
    // A cross-unit team refuses it, naming the equivalent.
    let outsider = fx.jf(fx.other_seksi);
    let r = fx.check(&fx.team(lead, &[outsider]));
    assert_eq!(codes(&r), ["lead_grade"]);
    assert!(r.violations[0].message.contains("padanan"));
    // An agency that sets VIII as the equivalent accepts the same lead.
    let lenient = AssignmentPolicy {
        pppk_min_golongan: 8,
        ..AssignmentPolicy::default()
    };
    assert!(met(
        &lead_eligibility(fx.employee(lead), FIELD, start(), &lenient),
        "lead_grade"
    ));
    assert!(
        fx.check_with(&fx.team(lead, &[outsider]), &[], &lenient)
            .is_allowed()
    );
    fx.edit(lead, |e| e.grade = Grade::Pppk(9));
    assert!(met(
        &lead_eligibility(fx.employee(lead), FIELD, start(), &default),
        "lead_grade"
    ));
}

#[test]
fn pen_08_d_the_pns_threshold_is_penata_muda_iii_a_not_the_ocr_reading_i_a() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    let policy = AssignmentPolicy::default();
    for (grade, ok) in [
        ("I/a", false),
        ("II/d", false),
        ("III/a", true),
        ("IV/e", true),
    ] {
        fx.edit(lead, |e| {
            e.grade = Grade::parse(grade, false).expect("valid grade")
        });
        let rs = lead_eligibility(fx.employee(lead), FIELD, start(), &policy);
        assert_eq!(met(&rs, "lead_grade"), ok, "{grade}");
    }
}

#[test]
fn pen_08_e_education_is_at_least_s1_or_d4() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    let policy = AssignmentPolicy::default();
    for (education, ok) in [
        (Education::D3, false),
        (Education::D4, true),
        (Education::S1, true),
        (Education::S3, true),
    ] {
        fx.edit(lead, |e| e.education = education);
        let rs = lead_eligibility(fx.employee(lead), FIELD, start(), &policy);
        assert_eq!(met(&rs, "lead_education"), ok, "{education:?}");
    }
}

#[test]
fn pen_08_f_the_rating_of_the_year_before_the_start_must_be_baik_or_better() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    let policy = AssignmentPolicy::default();
    let cases = [
        (vec![(2024, PerformanceRating::SangatBaik)], true),
        (vec![(2024, PerformanceRating::Baik)], true),
        (vec![(2024, PerformanceRating::ButuhPerbaikan)], false),
        // Only the year of the assignment itself, or an older one: missing.
        (
            vec![
                (2025, PerformanceRating::SangatBaik),
                (2023, PerformanceRating::Baik),
            ],
            false,
        ),
        (vec![], false),
    ];
    for (ratings, ok) in cases {
        fx.edit(lead, |e| {
            e.ratings = ratings
                .iter()
                .map(|(year, rating)| YearRating {
                    year: *year,
                    rating: *rating,
                })
                .collect();
        });
        let rs = lead_eligibility(fx.employee(lead), FIELD, start(), &policy);
        assert_eq!(met(&rs, "lead_rating"), ok, "{ratings:?}");
    }
    // A 2026 assignment looks at 2025.
    let rs = lead_eligibility(fx.employee(lead), FIELD, d("2026-01-05"), &policy);
    assert!(
        rs.iter()
            .any(|r| r.code == "lead_rating" && r.name.contains("2025"))
    );
}

#[test]
fn pen_08_g_two_years_of_experience_in_the_field_compared_ignoring_case() {
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    let policy = AssignmentPolicy::default();
    let cases = [
        ("  KESEHATAN ", 2, true),
        ("kesehatan", 1, false),
        ("Keuangan", 10, false),
    ];
    for (field, years, ok) in cases {
        fx.edit(lead, |e| {
            e.experience = vec![Experience {
                field: field.into(),
                years,
            }]
        });
        let rs = lead_eligibility(fx.employee(lead), "Kesehatan", start(), &policy);
        assert_eq!(met(&rs, "lead_experience"), ok, "{field} {years}");
    }
    let rs = lead_eligibility(fx.employee(lead), " ", start(), &policy);
    assert!(!met(&rs, "lead_experience"));
    // A qualified lead meets all four, each answered on its own.
    let qualified = fx.jf(fx.seksi);
    assert_eq!(
        requirement_codes(&lead_eligibility(
            fx.employee(qualified),
            FIELD,
            start(),
            &policy
        )),
        [
            ("lead_education", true),
            ("lead_grade", true),
            ("lead_rating", true),
            ("lead_experience", true)
        ]
    );
}

#[test]
fn pen_09_a_where_jf_from_penyetaraan_exist_another_lead_needs_a_reason() {
    let mut fx = fx();
    let equalized = fx.jf(fx.seksi);
    fx.edit(equalized, |e| e.from_equalization = true);
    // An equalized JF of another Unit Organisasi is no candidate here.
    let elsewhere = fx.jf(fx.uptd);
    fx.edit(elsewhere, |e| e.from_equalization = true);
    assert_eq!(
        equalized_candidates(&fx.b.org, fx.dinas, AgencyId(1)),
        [equalized]
    );
    let lead = fx.jf(fx.seksi);
    let member = fx.pelaksana(fx.seksi);
    let mut draft = fx.team(lead, &[member]);
    let r = fx.check(&draft);
    assert_eq!(codes(&r), ["team_lead_reason_missing"]);
    assert_eq!(rule_of(&r.violations[0]), "PEN-09 · Lampiran II.A.9");
    assert_eq!(
        fact_of(&r, "team_lead_reason_missing", "equalized_candidates"),
        Some(equalized.to_string())
    );
    assert!(
        r.violations[0]
            .message
            .contains(&fx.employee(equalized).display_name())
    );
    draft.team_lead_reason = Some("   ".into());
    assert_eq!(codes(&fx.check(&draft)), ["team_lead_reason_missing"]);
    draft.team_lead_reason = Some("Sedang bertugas di tim lain".into());
    let r = fx.check(&draft);
    assert!(r.is_allowed());
    assert_eq!(advice_codes(&r), ["team_lead_reason_given"]);
    assert!(r.advice[0].message.ends_with("Sedang bertugas di tim lain"));
    // The equalized JF leading needs no reason.
    let r = fx.check(&fx.team(equalized, &[member]));
    assert!(r.is_allowed() && r.advice.is_empty());
}

#[test]
fn pen_09_b_without_jf_from_penyetaraan_any_jf_or_pelaksana_may_lead() {
    let mut fx = fx();
    let lead = fx.pelaksana(fx.seksi);
    fx.edit(lead, |e| {
        e.ratings.push(YearRating {
            year: 2024,
            rating: PerformanceRating::Baik,
        });
        e.experience.push(Experience {
            field: FIELD.into(),
            years: 2,
        });
    });
    let member = fx.jf(fx.seksi);
    let r = fx.check(&fx.team(lead, &[member]));
    assert!(r.is_allowed() && r.advice.is_empty(), "{r:#?}");
}

#[test]
fn pen_08_resolving_experience_makes_the_lead_requirement_see_the_synonym() {
    use crate::experience_fields::{resolve_experience, tests::list};
    let mut fx = fx();
    let lead = fx.jf(fx.seksi);
    fx.edit(lead, |e| {
        e.experience = vec![Experience {
            field: "Pelayanan Kesehatan".into(),
            years: 3,
        }]
    });
    let mut org = fx.b.org.clone();
    let task = resolve_experience(&mut org, AgencyId(1), &list(), "kesehatan");
    assert_eq!(task, "Kesehatan");
    let e = org.employees.iter().find(|e| e.id == lead).expect("lead");
    let reqs = lead_eligibility(
        e,
        &task,
        Day::parse("2025-02-01").expect("day"),
        &AssignmentPolicy::default(),
    );
    assert!(reqs.iter().all(|r| r.met), "{reqs:#?}");
}
