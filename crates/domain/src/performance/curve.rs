//! The distribution curve (*kurva distribusi*, KIN-02): the organisation's rating for the year
//! caps how the employees' ratings may be distributed. The shares are policy data per agency
//! and year ([`CurvePolicy`]), never checks written in code; [`CurvePolicy::national`] gives
//! the national pattern (PermenPANRB 6/2022, as summarised in docs/performance.md) as the
//! default an agency starts from and may change.
//!
//! A bound names a group of employee ratings and a minimum and/or maximum share of the
//! employees assessed, or that the group must not be empty. Maxima can be exceeded by one
//! finalisation and are checked at once ([`finalise_gate`]); minima and "at least one" only
//! mean something once every employee is rated, so they are reported only then.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::rating::{KIN_02_ARTICLE, PerformanceRating};
use super::refusal;
use crate::org::vocabulary;
use crate::refusals::{Refusal, RefusalKind};
use crate::rules::{Citation, RuleId};

vocabulary! {
    /// The organisation's performance rating for the year (*predikat kinerja organisasi*).
    OrganisationRating {
        Exceptional => "exceptional", "Istimewa";
        Good => "good", "Baik";
        NeedsImprovement => "needs_improvement", "Butuh Perbaikan";
        Poor => "poor", "Kurang";
        VeryPoor => "very_poor", "Sangat Kurang";
    }
}

vocabulary! {
    /// What finalising beyond a maximum does (agency policy).
    CurveMode {
        Refuse => "refuse", "Tolak finalisasi";
        Warn => "warn", "Finalkan dengan peringatan";
    }
}

vocabulary! {
    /// How a distribution departs from a bound.
    ExcessKind {
        AboveMaximum => "above_maximum", "Melebihi batas atas";
        BelowMinimum => "below_minimum", "Kurang dari batas bawah";
        Missing => "missing", "Belum ada pegawai";
    }
}

/// One bound of a curve: a group of employee ratings and its allowed share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareBound {
    /// The ratings counted together.
    pub ratings: Vec<PerformanceRating>,
    /// The smallest share, in percent of the employees assessed.
    pub min_percent: Option<u8>,
    /// The largest share, in percent of the employees assessed.
    pub max_percent: Option<u8>,
    /// At least one employee must have a rating of the group.
    pub at_least_one: bool,
}

impl ShareBound {
    fn new(ratings: &[PerformanceRating]) -> ShareBound {
        ShareBound {
            ratings: ratings.to_vec(),
            min_percent: None,
            max_percent: None,
            at_least_one: false,
        }
    }

    fn max(mut self, pct: u8) -> ShareBound {
        self.max_percent = Some(pct);
        self
    }

    fn min(mut self, pct: u8) -> ShareBound {
        self.min_percent = Some(pct);
        self
    }

    fn at_least_one(mut self) -> ShareBound {
        self.at_least_one = true;
        self
    }

    /// Indonesian names of the group: "Butuh Perbaikan/Kurang/Misconduct".
    pub fn label(&self) -> String {
        self.ratings
            .iter()
            .map(|r| r.label())
            .collect::<Vec<_>>()
            .join(" atau ")
    }
}

/// An agency's curve for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurvePolicy {
    pub year: u16,
    pub organisation_rating: OrganisationRating,
    pub mode: CurveMode,
    pub bounds: Vec<ShareBound>,
}

impl CurvePolicy {
    /// The national pattern for an organisation rating (docs/performance.md):
    /// - Istimewa: Sangat Baik at most 70%;
    /// - Baik: Baik at most 70%, at least one Butuh Perbaikan or Kurang/Misconduct;
    /// - Butuh Perbaikan: Butuh Perbaikan at least 60%, Sangat Baik at most 10%;
    /// - Kurang: Kurang/Misconduct at least 60%, Butuh Perbaikan at least 10%, Sangat Baik at
    ///   most 10%;
    /// - Sangat Kurang: Sangat Kurang at least 60%, Kurang/Misconduct or Butuh Perbaikan at
    ///   least 10%, no Sangat Baik.
    pub fn national(year: u16, organisation_rating: OrganisationRating, mode: CurveMode) -> Self {
        use PerformanceRating as P;
        let bounds = match organisation_rating {
            OrganisationRating::Exceptional => vec![ShareBound::new(&[P::SangatBaik]).max(70)],
            OrganisationRating::Good => vec![
                ShareBound::new(&[P::Baik]).max(70),
                ShareBound::new(&[P::ButuhPerbaikan, P::Kurang]).at_least_one(),
            ],
            OrganisationRating::NeedsImprovement => vec![
                ShareBound::new(&[P::ButuhPerbaikan]).min(60),
                ShareBound::new(&[P::SangatBaik]).max(10),
            ],
            OrganisationRating::Poor => vec![
                ShareBound::new(&[P::Kurang]).min(60),
                ShareBound::new(&[P::ButuhPerbaikan]).min(10),
                ShareBound::new(&[P::SangatBaik]).max(10),
            ],
            OrganisationRating::VeryPoor => vec![
                ShareBound::new(&[P::SangatKurang]).min(60),
                ShareBound::new(&[P::Kurang, P::ButuhPerbaikan]).min(10),
                ShareBound::new(&[P::SangatBaik]).max(0),
            ],
        };
        CurvePolicy {
            year,
            organisation_rating,
            mode,
            bounds,
        }
    }

    /// Refuses a policy that cannot be read (`curve_policy_invalid`): a bound without ratings
    /// or saying nothing, a share above 100%, a minimum above its maximum.
    pub fn check(&self) -> Result<(), Refusal> {
        for b in &self.bounds {
            let problem = if b.ratings.is_empty() {
                Some("batas tanpa predikat")
            } else if b.min_percent.is_none() && b.max_percent.is_none() && !b.at_least_one {
                Some("batas tanpa persentase")
            } else if b.min_percent.is_some_and(|p| p > 100)
                || b.max_percent.is_some_and(|p| p > 100)
            {
                Some("persentase lebih dari 100")
            } else if matches!((b.min_percent, b.max_percent), (Some(lo), Some(hi)) if lo > hi) {
                Some("batas bawah melebihi batas atas")
            } else {
                None
            };
            if let Some(problem) = problem {
                return Err(refusal(
                    RefusalKind::Invalid,
                    "curve_policy_invalid",
                    RuleId::KIN_02,
                    KIN_02_ARTICLE,
                    format!("Kurva distribusi tidak dapat dipakai: {problem}."),
                ));
            }
        }
        Ok(())
    }
}

/// The ratings of an agency's employees in a year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DistributionCounts {
    /// Employees to be assessed (the denominator of every share).
    pub employees: u32,
    /// Finalised ratings so far.
    pub rated: BTreeMap<PerformanceRating, u32>,
}

impl DistributionCounts {
    pub fn rated_total(&self) -> u32 {
        self.rated.values().sum()
    }

    fn count_of(&self, ratings: &[PerformanceRating]) -> u32 {
        ratings
            .iter()
            .map(|r| self.rated.get(r).copied().unwrap_or(0))
            .sum()
    }

    /// The counts with one more rating.
    pub fn with(&self, rating: PerformanceRating) -> DistributionCounts {
        let mut out = self.clone();
        *out.rated.entry(rating).or_insert(0) += 1;
        out
    }
}

/// A bound the distribution departs from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CurveExcess {
    /// The index of the bound in the policy.
    pub bound: usize,
    pub ratings: Vec<PerformanceRating>,
    pub kind: ExcessKind,
    /// Employees with a rating of the group.
    pub count: u32,
    /// The largest (above maximum) or smallest (below minimum, missing) allowed count.
    pub allowed: u32,
    /// Indonesian sentence for pages.
    pub message: String,
    pub citation: Citation,
}

/// The largest count within `pct` percent of `total` (rounded down).
fn max_count(pct: u8, total: u32) -> u32 {
    let v = u64::from(pct) * u64::from(total) / 100;
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// The smallest count reaching `pct` percent of `total` (rounded up).
fn min_count(pct: u8, total: u32) -> u32 {
    let v = (u64::from(pct) * u64::from(total)).div_ceil(100);
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// KIN-02: the bounds of `policy` the distribution departs from. Maxima always; minima and
/// "at least one" once every employee is rated.
pub fn check_distribution(counts: &DistributionCounts, policy: &CurvePolicy) -> Vec<CurveExcess> {
    let complete = counts.employees > 0 && counts.rated_total() >= counts.employees;
    let mut out = Vec::new();
    for (i, b) in policy.bounds.iter().enumerate() {
        let count = counts.count_of(&b.ratings);
        let mut push = |kind: ExcessKind, allowed: u32| {
            let message = match kind {
                ExcessKind::AboveMaximum => format!(
                    "Predikat {} dimiliki {count} pegawai; kurva distribusi membolehkan paling banyak {allowed} dari {} pegawai.",
                    b.label(),
                    counts.employees
                ),
                ExcessKind::BelowMinimum => format!(
                    "Predikat {} dimiliki {count} pegawai; kurva distribusi mensyaratkan paling sedikit {allowed} dari {} pegawai.",
                    b.label(),
                    counts.employees
                ),
                ExcessKind::Missing => format!(
                    "Kurva distribusi mensyaratkan ada pegawai dengan predikat {}.",
                    b.label()
                ),
            };
            out.push(CurveExcess {
                bound: i,
                ratings: b.ratings.clone(),
                kind,
                count,
                allowed,
                message,
                citation: Citation::new(RuleId::KIN_02, KIN_02_ARTICLE),
            });
        };
        if let Some(pct) = b.max_percent {
            let allowed = max_count(pct, counts.employees);
            if count > allowed {
                push(ExcessKind::AboveMaximum, allowed);
            }
        }
        if complete {
            if let Some(pct) = b.min_percent {
                let allowed = min_count(pct, counts.employees);
                if count < allowed {
                    push(ExcessKind::BelowMinimum, allowed);
                }
            }
            if b.at_least_one && count == 0 {
                push(ExcessKind::Missing, 1);
            }
        }
    }
    out
}

/// KIN-02: finalising one more `rating` on top of `before`. The maxima of the rating's groups
/// this finalisation exceeds refuse it (`distribution_exceeded`) under [`CurveMode::Refuse`],
/// and are returned as warnings under [`CurveMode::Warn`]; an excess that was already there
/// before is not blamed on this one (it is a warning in both modes).
pub fn finalise_gate(
    before: &DistributionCounts,
    rating: PerformanceRating,
    policy: &CurvePolicy,
) -> Result<Vec<CurveExcess>, Refusal> {
    let already: Vec<usize> = check_distribution(before, policy)
        .into_iter()
        .filter(|e| e.kind == ExcessKind::AboveMaximum)
        .map(|e| e.bound)
        .collect();
    let after = check_distribution(&before.with(rating), policy);
    let caused = after.iter().find(|e| {
        e.kind == ExcessKind::AboveMaximum
            && e.ratings.contains(&rating)
            && !already.contains(&e.bound)
    });
    if let (Some(e), CurveMode::Refuse) = (caused, policy.mode) {
        return Err(refusal(
            RefusalKind::Conflict,
            "distribution_exceeded",
            RuleId::KIN_02,
            KIN_02_ARTICLE,
            format!(
                "{} Kebijakan instansi menolak finalisasi di atas kurva distribusi.",
                e.message
            ),
        ));
    }
    Ok(after)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use PerformanceRating as P;

    fn counts(employees: u32, rated: &[(P, u32)]) -> DistributionCounts {
        DistributionCounts {
            employees,
            rated: rated.iter().copied().collect(),
        }
    }

    #[test]
    fn kin_02_every_national_curve_is_a_valid_policy() {
        for o in OrganisationRating::ALL {
            let p = CurvePolicy::national(2025, *o, CurveMode::Refuse);
            assert!(!p.bounds.is_empty(), "{o:?}");
            p.check().unwrap();
        }
    }

    #[test]
    fn kin_02_a_good_organisation_caps_baik_at_seventy_percent() {
        let policy = CurvePolicy::national(2025, OrganisationRating::Good, CurveMode::Refuse);
        // 10 employees: at most 7 Baik.
        let c = counts(10, &[(P::Baik, 7)]);
        assert!(check_distribution(&c, &policy).is_empty());
        let over = check_distribution(&c.with(P::Baik), &policy);
        assert_eq!(over.len(), 1);
        assert_eq!(over[0].kind, ExcessKind::AboveMaximum);
        assert_eq!((over[0].count, over[0].allowed), (8, 7));
        assert_eq!(over[0].citation.rule_id, RuleId::KIN_02);
    }

    #[test]
    fn kin_02_minima_and_at_least_one_are_judged_once_everyone_is_rated() {
        let policy = CurvePolicy::national(2025, OrganisationRating::Good, CurveMode::Warn);
        let partial = counts(4, &[(P::Baik, 2), (P::SangatBaik, 1)]);
        assert!(check_distribution(&partial, &policy).is_empty());
        let complete = partial.with(P::SangatBaik);
        let e = check_distribution(&complete, &policy);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].kind, ExcessKind::Missing);
        assert!(
            e[0].message
                .contains("Butuh Perbaikan atau Kurang/Misconduct")
        );

        let poor = CurvePolicy::national(2025, OrganisationRating::Poor, CurveMode::Warn);
        let c = counts(10, &[(P::Kurang, 5), (P::ButuhPerbaikan, 1), (P::Baik, 4)]);
        let kinds: Vec<_> = check_distribution(&c, &poor)
            .iter()
            .map(|e| (e.ratings.clone(), e.kind, e.allowed))
            .collect();
        // Kurang/Misconduct needs 6 of 10 (60%); Butuh Perbaikan has its 1 (10%).
        assert_eq!(kinds, vec![(vec![P::Kurang], ExcessKind::BelowMinimum, 6)]);
    }

    #[test]
    fn kin_02_finalising_beyond_a_maximum_is_refused_or_warned_as_the_policy_says() {
        let mut policy =
            CurvePolicy::national(2025, OrganisationRating::Exceptional, CurveMode::Refuse);
        let before = counts(10, &[(P::SangatBaik, 7)]);
        let e = finalise_gate(&before, P::SangatBaik, &policy).unwrap_err();
        assert_eq!(e.code, "distribution_exceeded");
        assert_eq!(e.citation.rule_id, RuleId::KIN_02);
        // Another rating passes.
        assert!(finalise_gate(&before, P::Baik, &policy).unwrap().is_empty());
        policy.mode = CurveMode::Warn;
        let warnings = finalise_gate(&before, P::SangatBaik, &policy).unwrap();
        assert_eq!(warnings.len(), 1);
        // An excess already there before is not blamed on this finalisation.
        policy.mode = CurveMode::Refuse;
        let already = counts(10, &[(P::SangatBaik, 8)]);
        assert_eq!(
            finalise_gate(&already, P::SangatBaik, &policy)
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn kin_02_no_sangat_baik_in_a_very_poor_organisation() {
        let policy = CurvePolicy::national(2025, OrganisationRating::VeryPoor, CurveMode::Refuse);
        let e = finalise_gate(&counts(30, &[]), P::SangatBaik, &policy).unwrap_err();
        assert_eq!(e.code, "distribution_exceeded");
    }

    #[test]
    fn kin_02_an_unreadable_curve_policy_is_refused() {
        let mut p = CurvePolicy::national(2025, OrganisationRating::Good, CurveMode::Refuse);
        p.bounds[0].max_percent = Some(101);
        assert_eq!(p.check().unwrap_err().code, "curve_policy_invalid");
        p.bounds[0] = ShareBound::new(&[P::Baik]).min(80).max(70);
        assert_eq!(p.check().unwrap_err().code, "curve_policy_invalid");
        p.bounds[0] = ShareBound::new(&[]).max(70);
        assert_eq!(p.check().unwrap_err().code, "curve_policy_invalid");
        p.bounds[0] = ShareBound::new(&[P::Baik]);
        assert_eq!(p.check().unwrap_err().code, "curve_policy_invalid");
    }
}
