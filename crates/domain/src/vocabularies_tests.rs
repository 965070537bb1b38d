//! Every domain vocabulary (issue 14 point 7): each value's code parses back to it, codes are
//! unique, and each value has an Indonesian label, so storage can keep any value and a page
//! can show it.

use std::collections::HashSet;

macro_rules! every_value_round_trips {
    ($($ty:path),+ $(,)?) => {$({
        let mut seen = HashSet::new();
        for v in <$ty>::ALL.iter().copied() {
            let name = stringify!($ty);
            assert!(!v.code().is_empty(), "{name}: {v:?} has an empty code");
            assert!(seen.insert(v.code()), "{name}: code {} is used twice", v.code());
            assert_eq!(<$ty>::from_code(v.code()), Some(v), "{name}: {v:?} does not round-trip");
            assert!(!v.label().trim().is_empty(), "{name}: {v:?} has no Indonesian label");
            assert_eq!(v.to_string(), v.label(), "{name}: {v:?} displays its label");
        }
        assert!(!<$ty>::ALL.is_empty());
        assert_eq!(<$ty>::from_code("no_such_code"), None);
    })+};
}

#[test]
fn every_vocabulary_value_round_trips_and_has_an_indonesian_label() {
    use crate::assignment::{
        AssignmentMethod, AssignmentScope, AssignmentStatus, CountWindow, Instrument, MemberRole,
        MembershipKind,
    };
    use crate::org::{
        ActingKind, AgencyKind, AssessorPolicy, DepartmentKind, EmploymentType, FunctionalLevel,
        PerformanceRating, PositionClass, Substance, UnitKind,
    };
    every_value_round_trips!(
        AgencyKind,
        DepartmentKind,
        UnitKind,
        PositionClass,
        FunctionalLevel,
        Substance,
        EmploymentType,
        ActingKind,
        PerformanceRating,
        AssessorPolicy,
        AssignmentScope,
        AssignmentMethod,
        Instrument,
        MemberRole,
        MembershipKind,
        CountWindow,
        AssignmentStatus,
        crate::assignment::AssignmentRelation,
        crate::audit::AuditAction,
        crate::audit::AuditSubject,
        crate::audit::AuditGroup,
        crate::changes::OrgChangeState,
        crate::planning::structure::SetterKind,
        crate::planning::target::IndicatorKind,
        crate::planning::target::AgreementStatus,
        crate::numbering::RegisterKind,
        crate::planning::target::Execution,
        crate::planning::target::PlanStatus,
        crate::planning::activity::PlanStep,
        crate::regional_heads::RegionalOffice,
        crate::execution::feedback::FeedbackRole,
        crate::execution::issue::Collaboration,
        crate::execution::report::ReportPeriod,
        crate::execution::report::ReportAddressees,
        crate::execution::report::ReportKind,
        crate::workflow::RequestState,
        crate::workflow::TaskKind,
        crate::workflow::ReminderKind,
        crate::notification::NotificationKind,
        crate::notification::Channel,
        crate::notification::DeliveryState,
        crate::notification::NotifyMode,
        crate::workflow::StepProgress,
        crate::workflow::LetterStatus,
        crate::placement::PlacementStatus,
        crate::execution::report::ReportLineKind,
        crate::execution::issue::IssueDecisionKind,
        crate::performance::rating::ExpectationLevel,
        crate::performance::rating::CoreValue,
        crate::performance::period::PeriodCadence,
        crate::performance::period::PeriodKind,
        crate::performance::period::PeriodWindow,
        crate::performance::assessment::AssessmentState,
        crate::performance::assessment::AssessmentAction,
        crate::performance::curve::OrganisationRating,
        crate::performance::curve::CurveMode,
        crate::performance::curve::ExcessKind,
        crate::performance::follow_up::FollowUpKind,
        crate::process_map::ProcessMapKind,
        crate::process_map::ProcessMapStatus,
        crate::process_map::lanes::LaneBindingKind,
        crate::dashboard::DashboardKind,
    );
}

#[test]
fn a_request_state_sets_its_assignment_status() {
    use crate::assignment::AssignmentStatus;
    use crate::workflow::{RequestState, State};
    let open = State::At { step: "ajukan" };
    assert_eq!(RequestState::of(&open), RequestState::Open);
    assert_eq!(RequestState::of(&State::Assigned), RequestState::Assigned);
    assert_eq!(
        RequestState::of(&State::Refused { step: "setujui" }),
        RequestState::Refused
    );
    assert_eq!(
        RequestState::Open.assignment_status(),
        AssignmentStatus::Requested
    );
    assert_eq!(
        RequestState::Assigned.assignment_status(),
        AssignmentStatus::Active
    );
    assert_eq!(
        RequestState::Refused.assignment_status(),
        AssignmentStatus::Refused
    );
    assert!(AssignmentStatus::Active.counts());
    assert!(!AssignmentStatus::Cancelled.counts());
    assert!(!AssignmentStatus::Refused.counts());
}

#[test]
fn a_step_shows_current_refused_done_or_pending() {
    use crate::workflow::{RequestState, StepProgress};
    let of = StepProgress::of;
    assert_eq!(of(None, false, false), StepProgress::Pending);
    assert_eq!(
        of(Some(RequestState::Open), true, false),
        StepProgress::Current
    );
    assert_eq!(
        of(Some(RequestState::Open), false, true),
        StepProgress::Done
    );
    assert_eq!(
        of(Some(RequestState::Open), false, false),
        StepProgress::Pending
    );
    assert_eq!(
        of(Some(RequestState::Refused), true, true),
        StepProgress::Refused
    );
    assert_eq!(
        of(Some(RequestState::Assigned), false, true),
        StepProgress::Done
    );
}
