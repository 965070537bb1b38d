//! Which workflow an assignment follows, from its scope and method (PEN-10, PEN-11,
//! PEN-13..17).

use super::WorkflowKind;
use crate::assignment::{AssignmentMethod, AssignmentScope};

/// The workflow of an assignment (PEN-10, PEN-13..17); `None` for a volunteer across
/// agencies, which PEN-11 does not allow.
pub fn workflow_for(scope: AssignmentScope, method: AssignmentMethod) -> Option<WorkflowKind> {
    match (scope, method) {
        (AssignmentScope::WithinUnit, AssignmentMethod::Appointment) => {
            Some(WorkflowKind::WithinUnitAppointment)
        }
        (AssignmentScope::CrossUnit, AssignmentMethod::Appointment) => {
            Some(WorkflowKind::CrossUnitAppointment)
        }
        (AssignmentScope::CrossAgency, AssignmentMethod::Appointment) => {
            Some(WorkflowKind::CrossAgencyAppointment)
        }
        (AssignmentScope::WithinUnit, AssignmentMethod::Volunteer) => {
            Some(WorkflowKind::VolunteerWithinUnit)
        }
        (AssignmentScope::CrossUnit, AssignmentMethod::Volunteer) => {
            Some(WorkflowKind::VolunteerCrossUnit)
        }
        // PEN-11: never across agencies.
        (AssignmentScope::CrossAgency, AssignmentMethod::Volunteer) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pen_10_pen_11_each_scope_and_method_has_its_workflow_and_no_volunteer_crosses_agencies() {
        use AssignmentMethod::{Appointment, Volunteer};
        use AssignmentScope::{CrossAgency, CrossUnit, WithinUnit};
        let cases = [
            (
                WithinUnit,
                Appointment,
                Some(WorkflowKind::WithinUnitAppointment),
            ),
            (
                CrossUnit,
                Appointment,
                Some(WorkflowKind::CrossUnitAppointment),
            ),
            (
                CrossAgency,
                Appointment,
                Some(WorkflowKind::CrossAgencyAppointment),
            ),
            (
                WithinUnit,
                Volunteer,
                Some(WorkflowKind::VolunteerWithinUnit),
            ),
            (CrossUnit, Volunteer, Some(WorkflowKind::VolunteerCrossUnit)),
            (CrossAgency, Volunteer, None),
        ];
        for (scope, method, kind) in cases {
            assert_eq!(workflow_for(scope, method), kind, "{scope:?} {method:?}");
        }
    }
}
