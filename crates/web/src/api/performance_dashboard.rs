//! The performance dashboard's numbers (`kinerja`) in `GET /api/v1/dashboards/kinerja`: a
//! period's assessments per Perangkat Daerah (KIN-01) and the period's predikat in the scope
//! against the year's curve (KIN-02).

use serde::Serialize;
use sikerja_storage::dashboards::PerformanceDashboard;
use utoipa::ToSchema;

use super::performance::dto::CurveDto;
use crate::pages::dashboards::KIN_02;

/// One department's assessments of the period: its employees in scope (Fungsional and
/// Pelaksana by their placement now) by the state of their assessment.
#[derive(Debug, Serialize, ToSchema)]
pub struct DepartmentAssessmentsDto {
    pub department: i64,
    pub name: String,
    pub employees: u32,
    /// No assessment opened for the period.
    pub not_opened: u32,
    pub draft: u32,
    /// Locked and not acknowledged: final, objected, objection decided.
    pub finalised: u32,
    pub acknowledged: u32,
}

/// The performance dashboard (`kinerja`).
#[derive(Debug, Serialize, ToSchema)]
pub struct PerformanceNumbersDto {
    /// The period: `2026-q4`, `2026-m11`, `2026-y`.
    pub period: String,
    pub departments: Vec<DepartmentAssessmentsDto>,
    /// The period's predikat of the employees in scope against the agency's curve of the
    /// year; `excesses` only for the annual period (the curve caps the annual predikat).
    pub distribution: CurveDto,
    /// The rule of the curve: `KIN-02`.
    pub rule_id: String,
    pub article: String,
}

impl PerformanceNumbersDto {
    pub fn new(agency: i64, d: &PerformanceDashboard) -> Self {
        PerformanceNumbersDto {
            period: d.period.code(),
            departments: d
                .departments
                .iter()
                .map(|r| DepartmentAssessmentsDto {
                    department: r.department.0,
                    name: r.name.clone(),
                    employees: r.employees,
                    not_opened: r.not_opened,
                    draft: r.draft,
                    finalised: r.finalised,
                    acknowledged: r.acknowledged,
                })
                .collect(),
            distribution: CurveDto::new(agency, &d.distribution),
            rule_id: KIN_02.rule_id.to_string(),
            article: KIN_02.article.to_string(),
        }
    }
}
