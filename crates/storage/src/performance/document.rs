//! The parties of an assessment's evaluation document (issue 16 point 7): the employee, the
//! assessor who finalised it (or who exercises the fixed post now) and the assessor's
//! superior, with their rank, position and unit as the national form prints them, and the
//! organisation's predikat of the year. Read by whoever may read the whole assessment.

use sea_orm::EntityTrait;
use sikerja_domain::holders::Superior;
use sikerja_domain::organisation::{AgencyId, EmployeeId};
use sikerja_domain::performance::OrganisationRating;

use super::PlanningActor;
use super::access::{hidden, reader};
use crate::Store;
use crate::entities::{agency, assessment};
use crate::error::{Result, corrupt};
use crate::views::EmployeeView;
use sikerja_domain::Nip;

/// Who appears on the evaluation document.
#[derive(Debug, Clone)]
pub struct EvaluationParties {
    pub agency_name: String,
    /// The agency's seat, where the assessor signs ("Martapura").
    pub seat: String,
    pub employee: EmployeeView,
    /// The assessor who finalised the assessment; before that, who exercises the post now.
    pub assessor: Option<EmployeeView>,
    /// Whoever exercises the head post above the assessor's; `None` when it is the regional
    /// head (not an employee) or nobody.
    pub assessor_superior: Option<EmployeeView>,
    /// The organisation's predikat of the year, from the agency's curve (KIN-02).
    pub organisation_rating: Option<OrganisationRating>,
}

impl Store {
    /// The parties of assessment `id`'s evaluation document, for a reader of the whole
    /// assessment (the employee, the assessor, the superior, BKPSDM).
    pub async fn evaluation_parties(
        &self,
        id: i64,
        by: &PlanningActor,
    ) -> Result<EvaluationParties> {
        let m = assessment::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or_else(|| hidden(id))?;
        let r = reader(&self.db, &m, by).await?;
        if !r.reads_all() {
            return Err(hidden(id));
        }
        let employee = self.employee(EmployeeId(m.employee_id)).await?;
        let finaliser = match m.finalised_by_nip.as_deref().map(Nip::parse) {
            Some(Ok(nip)) => Some(self.employee_by_nip(&nip).await?),
            _ => None,
        };
        let assessor = match finaliser {
            Some(v) => Some(v),
            None => match r.assessor_now() {
                Ok((who, _)) => Some(self.employee(who).await?),
                Err(_) => None,
            },
        };
        let superior = match r.snap.superior_of_position(r.fixed.position) {
            Superior::Positions(heads) => heads
                .iter()
                .find_map(|h| r.snap.exercised_by(h.id))
                .map(|(who, _)| who),
            Superior::RegionalHeads(_) => None,
        };
        let assessor_superior = match superior {
            Some(who) => Some(self.employee(who).await?),
            None => None,
        };
        let organisation_rating = self
            .curve_policy(
                AgencyId(m.agency_id),
                u16::try_from(m.period_year)
                    .map_err(|_| corrupt("assessment year", &m.period_year.to_string()))?,
            )
            .await?
            .map(|c| c.organisation_rating);
        let seat = agency::Entity::find_by_id(m.agency_id)
            .one(&self.db)
            .await?
            .map(|a| a.seat)
            .unwrap_or_default();
        Ok(EvaluationParties {
            agency_name: employee.agency_name.clone(),
            seat,
            employee,
            assessor,
            assessor_superior,
            organisation_rating,
        })
    }
}
