//! The planning dashboard's numbers (`perencanaan`) in `GET /api/v1/dashboards/perencanaan`:
//! the year's performance agreements per Perangkat Daerah by signature (MEK-02, STR-01..05)
//! and the realisation of their leaf targets by accepted results (MEK-05).

use serde::Serialize;
use sikerja_storage::dashboards::PlanningDashboard;
use utoipa::ToSchema;

use crate::pages::dashboards::{MEK_02, MEK_05};

/// One department's performance agreements of the year.
#[derive(Debug, Serialize, ToSchema)]
pub struct DepartmentAgreementsDto {
    pub department: i64,
    pub name: String,
    /// Signed by both parties.
    pub countersigned: u32,
    /// Signed by one party, waiting for the other.
    pub signed_once: u32,
    /// Drafts nobody has signed.
    pub unsigned: u32,
    /// Definitive post holders without an agreement of the year for their post.
    pub missing: u32,
}

/// One department's leaf targets of the year by realisation.
#[derive(Debug, Serialize, ToSchema)]
pub struct DepartmentRealisationDto {
    pub department: i64,
    pub name: String,
    /// Leaf targets (not divided further) of the year's agreements.
    pub targets: u32,
    /// Realised to 100%.
    pub realised: u32,
    /// Realised above 0% and below 100%.
    pub partly: u32,
    /// Not realised by an accepted result.
    pub unrealised: u32,
    /// The mean realisation of the leaf targets in percent (unweighted). A target's
    /// realisation is the percentage its latest accepted result recorded; none: 0.
    pub mean_percent: f64,
}

/// The planning dashboard (`perencanaan`).
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanningNumbersDto {
    pub year: u16,
    pub agreements: Vec<DepartmentAgreementsDto>,
    pub realisation: Vec<DepartmentRealisationDto>,
    /// The rules: `MEK-02` (agreements) and `MEK-05` (realisation), with their articles.
    pub rule_ids: Vec<String>,
    pub articles: Vec<String>,
}

impl From<&PlanningDashboard> for PlanningNumbersDto {
    fn from(d: &PlanningDashboard) -> Self {
        PlanningNumbersDto {
            year: d.year,
            agreements: d
                .agreements
                .iter()
                .map(|r| DepartmentAgreementsDto {
                    department: r.department.0,
                    name: r.name.clone(),
                    countersigned: r.countersigned,
                    signed_once: r.signed_once,
                    unsigned: r.unsigned,
                    missing: r.missing,
                })
                .collect(),
            realisation: d
                .realisation
                .iter()
                .map(|r| DepartmentRealisationDto {
                    department: r.department.0,
                    name: r.name.clone(),
                    targets: r.targets,
                    realised: r.realised,
                    partly: r.partly,
                    unrealised: r.unrealised,
                    mean_percent: (r.mean_percent * 10.0).round() / 10.0,
                })
                .collect(),
            rule_ids: [MEK_02, MEK_05]
                .iter()
                .map(|c| c.rule_id.to_string())
                .collect(),
            articles: [MEK_02, MEK_05]
                .iter()
                .map(|c| c.article.to_string())
                .collect(),
        }
    }
}
