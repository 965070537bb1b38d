//! Activities of a *rencana pelaksanaan kegiatan dan anggaran* (MEK-02): what a JF or
//! Pelaksana plans to do for a target, in which months, producing what, at what cost.

use serde::{Deserialize, Serialize};

use super::target::{Problem, parse_rupiah};

/// Most activities in one plan.
pub const MAX_ACTIVITIES: usize = 100;

/// One activity as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ActivityDraft {
    pub name: String,
    pub output: String,
    pub month_from: String,
    pub month_to: String,
    pub budget: String,
}

/// A checked activity, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub name: String,
    /// The output (*keluaran*), e.g. "Laporan evaluasi SPBE".
    pub output: String,
    /// First and last month, 1–12.
    pub month_from: u8,
    pub month_to: u8,
    /// Rupiah.
    pub budget: i64,
}

/// Checks the activities of a plan; every problem is reported at once, the field naming the
/// activity's place (`activities[2].name`).
pub fn check_activities(drafts: &[ActivityDraft]) -> Result<Vec<Activity>, Vec<Problem>> {
    let mut problems = Vec::new();
    if drafts.is_empty() {
        problems.push(Problem::new(
            "activities",
            "plan_without_activities",
            "Rencana memuat sekurang-kurangnya satu kegiatan.",
        ));
    }
    if drafts.len() > MAX_ACTIVITIES {
        problems.push(Problem::new(
            "activities",
            "too_many_activities",
            format!("Satu rencana memuat paling banyak {MAX_ACTIVITIES} kegiatan."),
        ));
    }
    let mut out = Vec::new();
    for (i, d) in drafts.iter().enumerate() {
        let n = i + 1;
        let name = d.name.trim();
        if name.is_empty() {
            problems.push(Problem::new(
                "activity_name",
                "activity_name_blank",
                format!("Kegiatan ke-{n}: nama kegiatan wajib diisi."),
            ));
        }
        let month = |s: &str| s.trim().parse::<u8>().ok().filter(|m| (1..=12).contains(m));
        let (from, to) = (month(&d.month_from), month(&d.month_to));
        match (from, to) {
            (Some(f), Some(t)) if f <= t => {}
            (Some(_), Some(_)) => problems.push(Problem::new(
                "activity_months",
                "activity_months_reversed",
                format!("Kegiatan ke-{n}: bulan selesai tidak boleh sebelum bulan mulai."),
            )),
            _ => problems.push(Problem::new(
                "activity_months",
                "activity_month_invalid",
                format!("Kegiatan ke-{n}: bulan mulai dan selesai berupa angka 1 sampai 12."),
            )),
        }
        let budget = parse_rupiah(&d.budget);
        if budget.is_none() {
            problems.push(Problem::new(
                "activity_budget",
                "activity_budget_invalid",
                format!("Kegiatan ke-{n}: anggaran berupa rupiah, mis. 2.500.000."),
            ));
        }
        if let (Some(f), Some(t), Some(b)) = (from, to, budget) {
            out.push(Activity {
                name: name.to_string(),
                output: d.output.trim().to_string(),
                month_from: f,
                month_to: t.max(f),
                budget: b,
            });
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn draft(name: &str, from: &str, to: &str, budget: &str) -> ActivityDraft {
        ActivityDraft {
            name: name.into(),
            output: "Laporan".into(),
            month_from: from.into(),
            month_to: to.into(),
            budget: budget.into(),
        }
    }

    #[test]
    fn mek_02_activities_need_a_name_months_in_order_and_a_budget_in_rupiah() {
        let ok = check_activities(&[draft("Survei kebutuhan", "1", "3", "2.500.000")]);
        assert_eq!(ok.map(|a| a[0].budget), Ok(2_500_000));
        let bad = check_activities(&[
            draft(" ", "4", "2", "2.500.000"),
            draft("Uji coba", "0", "13", "dua juta"),
        ]);
        let codes: Vec<_> = bad.unwrap_err().iter().map(|p| p.code).collect();
        assert_eq!(
            codes,
            [
                "activity_name_blank",
                "activity_months_reversed",
                "activity_month_invalid",
                "activity_budget_invalid"
            ]
        );
        assert_eq!(
            check_activities(&[]).unwrap_err()[0].code,
            "plan_without_activities"
        );
    }
}

crate::org::vocabulary! {
    /// A step on the current version of an activity plan (MEK-02, MEK-03).
    PlanStep {
        /// The holder submits the draft to the head who sets their agreement.
        Submit => "submit", "Ajukan";
        /// That head approves the submitted version.
        Approve => "approve", "Setujui";
        /// That head returns the submitted version with notes (issue 15 point 6).
        Return => "return", "Kembalikan";
    }
}

/// The state a step leads the current version to, `None` when the step is not open in its
/// state: a draft is submitted; a submitted version is approved or returned. A returned or
/// approved version changes only by a new version (MEK-03, Pasal 10 ayat 2).
pub fn plan_next(
    current: super::target::PlanStatus,
    step: PlanStep,
) -> Option<super::target::PlanStatus> {
    use super::target::PlanStatus::*;
    match (current, step) {
        (Draft, PlanStep::Submit) => Some(Submitted),
        (Submitted, PlanStep::Approve) => Some(Approved),
        (Submitted, PlanStep::Return) => Some(Returned),
        _ => None,
    }
}

impl PlanStep {
    /// The party of the agreement who takes this step: its holder submits, the head who set
    /// the agreement approves or returns (MEK-02, MEK-03).
    pub fn party(self) -> super::agreement::Party {
        match self {
            PlanStep::Submit => super::agreement::Party::Holder,
            PlanStep::Approve | PlanStep::Return => super::agreement::Party::Setter,
        }
    }
}

/// The steps someone who is `parties` of the agreement may take on a version in `current`:
/// the plan page offers exactly these and storage refuses the others (issue 15 point 4).
pub fn plan_steps_open(
    current: super::target::PlanStatus,
    parties: &[super::agreement::Party],
) -> Vec<PlanStep> {
    PlanStep::ALL
        .iter()
        .copied()
        .filter(|s| parties.contains(&s.party()) && plan_next(current, *s).is_some())
        .collect()
}

/// The state a step needs.
pub fn plan_step_from(step: PlanStep) -> super::target::PlanStatus {
    use super::target::PlanStatus::*;
    match step {
        PlanStep::Submit => Draft,
        PlanStep::Approve | PlanStep::Return => Submitted,
    }
}

#[cfg(test)]
mod plan_step_tests {
    use super::super::agreement::Party;
    use super::super::target::PlanStatus;
    use super::*;

    #[test]
    fn mek_02_mek_03_the_holder_submits_a_draft_and_the_setter_approves_or_returns_it() {
        use PlanStep::*;
        assert_eq!(
            plan_steps_open(PlanStatus::Draft, &[Party::Holder]),
            [Submit]
        );
        assert!(plan_steps_open(PlanStatus::Draft, &[Party::Setter]).is_empty());
        assert_eq!(
            plan_steps_open(PlanStatus::Submitted, &[Party::Setter]),
            [Approve, Return]
        );
        assert!(plan_steps_open(PlanStatus::Submitted, &[Party::Holder]).is_empty());
        for done in [PlanStatus::Approved, PlanStatus::Returned] {
            assert!(plan_steps_open(done, &[Party::Holder, Party::Setter]).is_empty());
        }
        assert!(plan_steps_open(PlanStatus::Submitted, &[]).is_empty());
    }

    #[test]
    fn mek_03_a_submitted_plan_is_approved_or_returned_and_nothing_else_moves() {
        let all = [
            PlanStatus::Draft,
            PlanStatus::Submitted,
            PlanStatus::Approved,
            PlanStatus::Returned,
        ];
        for s in all {
            for step in [PlanStep::Submit, PlanStep::Approve, PlanStep::Return] {
                let next = plan_next(s, step);
                // A step moves exactly from the state it needs.
                assert_eq!(next.is_some(), s == plan_step_from(step), "{s:?} {step:?}");
            }
        }
        assert_eq!(
            plan_next(PlanStatus::Submitted, PlanStep::Return),
            Some(PlanStatus::Returned)
        );
        assert_eq!(plan_next(PlanStatus::Returned, PlanStep::Submit), None);
        assert_eq!(plan_next(PlanStatus::Approved, PlanStep::Return), None);
    }
}
