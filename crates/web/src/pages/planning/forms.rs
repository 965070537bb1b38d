//! Reading the planning forms. Forms arrive as a list of pairs so that repeated fields
//! (activities, participants, one identification per target) keep their order.

use sikerja_domain::organisation::{AgencyId, EmployeeId, PositionId};
use sikerja_domain::planning::activity::{ActivityDraft, check_activities};
use sikerja_domain::planning::structure::Post;
use sikerja_domain::planning::target::{
    CheckedTarget, Execution, IndicatorKind, Problem, TargetDraft, check_target,
};
use sikerja_storage::planning::TargetIdentification;

use crate::error::WebError;

/// The pairs of a submitted form.
pub type Pairs = Vec<(String, String)>;

/// The first value of `key`, trimmed ("" when absent).
pub fn field<'a>(pairs: &'a Pairs, key: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.trim())
        .unwrap_or("")
}

/// Every value of `key`, in order.
pub fn fields<'a>(pairs: &'a Pairs, key: &str) -> Vec<&'a str> {
    pairs
        .iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .collect()
}

fn problems(list: Vec<Problem>) -> WebError {
    let message = list
        .iter()
        .map(|p| p.message.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let code = list.first().map_or("invalid_input", |p| p.code);
    WebError::invalid(code, message)
}

/// The target fields of a form, checked (MEK-02).
pub fn target(pairs: &Pairs) -> Result<CheckedTarget, WebError> {
    let draft = TargetDraft {
        indicator: field(pairs, "indicator").to_string(),
        kind: IndicatorKind::from_code(field(pairs, "kind")),
        target: field(pairs, "target").to_string(),
        unit: field(pairs, "unit").to_string(),
        budget: field(pairs, "budget").to_string(),
        strategic_plan_ref: field(pairs, "strategic_plan_ref").to_string(),
        annual_work_plan_ref: field(pairs, "annual_work_plan_ref").to_string(),
        weight: field(pairs, "weight").to_string(),
    };
    check_target(&draft).map_err(problems)
}

/// An id field, or a 422 naming it.
pub fn id(pairs: &Pairs, key: &str, what: &str) -> Result<i64, WebError> {
    field(pairs, key)
        .parse::<i64>()
        .map_err(|_| WebError::invalid("field_invalid", format!("Pilih {what}.")))
}

/// A year field (2000–2100).
pub fn year(pairs: &Pairs) -> Result<i32, WebError> {
    field(pairs, "year")
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .ok_or_else(|| WebError::invalid("year_invalid", "Tahun harus diisi, mis. 2027."))
}

/// A post given as `position:employee` (the value of the post choices).
pub fn post(pairs: &Pairs, key: &str) -> Result<Post, WebError> {
    let raw = field(pairs, key);
    let bad = || WebError::invalid("post_invalid", "Pilih jabatan tujuan dari daftar.");
    let (p, e) = raw.split_once(':').ok_or_else(bad)?;
    Ok(Post {
        position: PositionId(p.parse().map_err(|_| bad())?),
        employee: Some(EmployeeId(e.parse().map_err(|_| bad())?)),
    })
}

/// The value a post choice carries.
pub fn post_value(post: &Post) -> String {
    match post.employee {
        Some(e) => format!("{}:{}", post.position.0, e.0),
        None => format!("{}:", post.position.0),
    }
}

/// The agency field.
pub fn agency(pairs: &Pairs) -> Result<AgencyId, WebError> {
    Ok(AgencyId(id(pairs, "agency", "instansi")?))
}

/// The activities of a plan form: repeated `name`, `output`, `month_from`, `month_to`,
/// `budget`; rows left entirely blank are skipped.
pub fn activities(
    pairs: &Pairs,
) -> Result<Vec<sikerja_domain::planning::activity::Activity>, WebError> {
    let names = fields(pairs, "name");
    let outputs = fields(pairs, "output");
    let froms = fields(pairs, "month_from");
    let tos = fields(pairs, "month_to");
    let budgets = fields(pairs, "budget");
    let get = |v: &[&str], i: usize| v.get(i).map(|s| s.to_string()).unwrap_or_default();
    let drafts: Vec<ActivityDraft> = (0..names.len())
        .map(|i| ActivityDraft {
            name: get(&names, i),
            output: get(&outputs, i),
            month_from: get(&froms, i),
            month_to: get(&tos, i),
            budget: get(&budgets, i),
        })
        .filter(|d| {
            !(d.name.trim().is_empty()
                && d.output.trim().is_empty()
                && d.month_from.trim().is_empty()
                && d.month_to.trim().is_empty()
                && d.budget.trim().is_empty())
        })
        .collect();
    check_activities(&drafts).map_err(problems)
}

/// The identification fields of a dialogue form for the given targets: `execution_{id}`
/// ("individual"/"team", empty: not decided in this dialogue), `other_units_{id}`,
/// `other_agencies_{id}`, `team_lead_{id}` (checkboxes).
pub fn identifications(pairs: &Pairs, targets: &[i64]) -> Vec<TargetIdentification> {
    let on = |key: String| !field(pairs, &key).is_empty();
    targets
        .iter()
        .filter_map(|t| {
            let execution = Execution::from_code(field(pairs, &format!("execution_{t}")))?;
            Some(TargetIdentification {
                target: *t,
                execution,
                needs_other_units: on(format!("other_units_{t}")),
                needs_other_agencies: on(format!("other_agencies_{t}")),
                needs_team_lead: on(format!("team_lead_{t}")),
            })
        })
        .collect()
}
