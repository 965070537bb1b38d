//! Placements (KED-01..12), manual decisions (KED-09) and span of control (KED-10). Every
//! placement answer names its `rule_id` and `article`.

use serde::{Deserialize, Serialize};
use sikerja_domain::rules::RuleId;
use sikerja_storage::{OfficialRef, PlacementView, SpanView};
use utoipa::ToSchema;

use super::PersonDto;

/// An official exercising a position, possibly as Plt./Plh.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfficialDto {
    pub person: PersonDto,
    pub position_id: i64,
    pub position_name: String,
    #[schema(example = "pengawas")]
    pub class: String,
    /// `plt` or `plh` when acting.
    pub acting: Option<String>,
}

impl From<&OfficialRef> for OfficialDto {
    fn from(o: &OfficialRef) -> Self {
        OfficialDto {
            person: PersonDto::from(&o.person),
            position_id: o.position.0,
            position_name: o.position_name.clone(),
            class: o.class.code().into(),
            acting: o.acting.map(|a| a.code().into()),
        }
    }
}

/// A manual placement decided under KED-09.
#[derive(Debug, Serialize, ToSchema)]
pub struct ManualRecordDto {
    pub justification: String,
    /// NIP of the deciding official.
    pub decided_by: String,
    pub decided_at: chrono::DateTime<chrono::Utc>,
}

/// The kedudukan of one JF or Pelaksana.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlacementDto {
    pub employee: PersonDto,
    pub position_id: i64,
    pub position_name: String,
    #[schema(example = "fungsional")]
    pub position_class: String,
    #[schema(example = "ahli_pertama")]
    pub functional_level: Option<String>,
    pub unit_id: i64,
    pub unit_name: String,
    pub department_id: i64,
    pub department_name: String,
    /// `placed` or `unresolved`.
    #[schema(example = "placed")]
    pub status: String,
    /// Atasan langsung.
    pub superior: Option<OfficialDto>,
    /// Pejabat Penilai Kinerja.
    pub assessor: Option<OfficialDto>,
    /// A Pengawas coordinating like a team lead (KED-12 alternative, STR-07).
    pub coordinator: Option<OfficialDto>,
    /// The Administrator recommending the assessment of an Ahli Madya (STR-06).
    pub recommender: Option<OfficialDto>,
    /// The rule that decided, e.g. `KED-03`; `KED-09` for unresolved cases.
    #[schema(example = "KED-03")]
    pub rule_id: String,
    /// The article of the regulation, e.g. `Lampiran I.B.1.c.3`.
    #[schema(example = "Lampiran I.B.1.c.3")]
    pub article: String,
    /// Indonesian title of the rule.
    pub rule_title: String,
    /// Set when the KED-12 policy moved the assessor away from the superior.
    pub assessor_rule_id: Option<String>,
    pub assessor_article: Option<String>,
    pub notes: Vec<String>,
    /// Why no rule applied (unresolved only).
    pub reason: Option<String>,
    pub manual: Option<ManualRecordDto>,
}

impl From<&PlacementView> for PlacementDto {
    fn from(p: &PlacementView) -> Self {
        PlacementDto {
            employee: PersonDto::from(&p.employee),
            position_id: p.position.0,
            position_name: p.position_name.clone(),
            position_class: p.position_class.code().into(),
            functional_level: p.functional_level.map(|l| l.code().into()),
            unit_id: p.unit.0,
            unit_name: p.unit_name.clone(),
            department_id: p.department.0,
            department_name: p.department_name.clone(),
            status: p.status.code().into(),
            superior: p.superior.as_ref().map(OfficialDto::from),
            assessor: p.assessor.as_ref().map(OfficialDto::from),
            coordinator: p.coordinator.as_ref().map(OfficialDto::from),
            recommender: p.recommender.as_ref().map(OfficialDto::from),
            rule_id: p.rule_id.clone(),
            article: p.article.clone(),
            rule_title: RuleId::parse(&p.rule_id)
                .map(|r| r.title().to_string())
                .unwrap_or_default(),
            assessor_rule_id: p.assessor_rule_id.clone(),
            assessor_article: p.assessor_article.clone(),
            notes: p.notes.clone(),
            reason: p.reason.clone(),
            manual: p.manual.as_ref().map(|m| ManualRecordDto {
                justification: m.justification.clone(),
                decided_by: m.decided_by.clone(),
                decided_at: m.decided_at,
            }),
        }
    }
}

/// A manual placement for an unresolved case (KED-09). The examples are an unresolved case of
/// the demo government (the Analis Kebijakan Ahli Utama of the Sekretariat Daerah placed under
/// the Sekretaris Daerah), so that a generated request can succeed.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ManualPlacementRequest {
    #[schema(example = 2)]
    pub employee_id: i64,
    /// The position the employee will sit under.
    #[schema(example = 1)]
    pub superior_position_id: i64,
    /// The PPK's position: Pengawas or above, held.
    #[schema(example = 1)]
    pub assessor_position_id: i64,
    /// Required: why this placement.
    #[schema(
        min_length = 1,
        example = "Ditetapkan langsung di bawah Sekretaris Daerah karena Lampiran I.A.1.c tidak mengatur Ahli Utama."
    )]
    pub justification: String,
    /// NIP of the deciding official; must be an existing employee.
    #[schema(example = "196904121994031003", pattern = "^[0-9]{18}$")]
    pub decided_by: String,
}

/// Span of control of one official (KED-10).
#[derive(Debug, Serialize, ToSchema)]
pub struct SpanDto {
    pub official: OfficialDto,
    /// JF/Pelaksana placed directly under the official.
    pub placed: u32,
    /// JF/Pelaksana the official assesses.
    pub assessed: u32,
    pub threshold: u32,
    pub over_threshold: bool,
}

impl From<&SpanView> for SpanDto {
    fn from(s: &SpanView) -> Self {
        SpanDto {
            official: OfficialDto::from(&s.official),
            placed: s.placed,
            assessed: s.assessed,
            threshold: s.threshold,
            over_threshold: s.over_threshold,
        }
    }
}
