//! The letters a workflow step produces (issue 5 point 8; DOC-04, PEN-12): recorded with their
//! whole content (`LetterContent`) when the step is taken, so the letters crate renders them
//! as issued without reading the organisation again.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::Serialize;
use sikerja_domain::assignment::{Day, MemberRole};
use sikerja_domain::holders::Exercise;
use sikerja_domain::planning::target::Execution;
use sikerja_domain::workflow::{
    Involvement, LetterContent, LetterFacts, LetterKind, LetterMember, LetterParty, StepDef,
    WorkflowKind, compose,
};

use super::lanes::Context;
use super::{RequestId, StepInput};
use crate::Store;
use crate::convert::display_name;
use crate::entities::{agency, assignment_request, department, request_letter};
use crate::error::{Result, StorageError, corrupt};
use crate::planning::PlanningActor;

/// A recorded letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterRecord {
    pub id: i64,
    pub request: RequestId,
    pub step: String,
    pub kind: LetterKind,
    pub label: String,
    pub created_at: DateTime<Utc>,
    pub content: LetterContent,
}

pub(crate) fn record_of(m: request_letter::Model) -> Result<LetterRecord> {
    let kind = LetterKind::from_code(&m.kind).ok_or_else(|| corrupt("letter kind", &m.kind))?;
    let content: LetterContent = serde_json::from_str(&m.content)
        .map_err(|_| corrupt("letter content", &m.id.to_string()))?;
    Ok(LetterRecord {
        id: m.id,
        request: m.request_id,
        step: m.step,
        kind,
        label: kind.label().to_string(),
        created_at: m.created_at,
        content,
    })
}

/// The letters of a request, oldest first.
pub(crate) async fn of_request<C: ConnectionTrait>(
    db: &C,
    request: RequestId,
) -> Result<Vec<LetterRecord>> {
    request_letter::Entity::find()
        .filter(request_letter::Column::RequestId.eq(request))
        .order_by_asc(request_letter::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(record_of)
        .collect()
}

/// The offices a letter names for a lane, each once, held or not (DOC-04).
async fn labels<C: ConnectionTrait>(
    db: &C,
    ctx: &Context,
    lane: sikerja_domain::workflow::Lane,
) -> Result<Vec<String>> {
    ctx.office_labels(db, lane).await
}

async fn unit_name<C: ConnectionTrait>(db: &C, ctx: &Context, unit_id: i64) -> Result<String> {
    Ok(ctx
        .unit(db, unit_id)
        .await?
        .map(|u| u.name)
        .unwrap_or_default())
}

/// Records the letter `kind` that step `s` produced, with its content.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn record(
    txn: &DatabaseTransaction,
    req: &assignment_request::Model,
    ctx: &Context,
    s: &StepDef,
    kind: LetterKind,
    input: &StepInput,
    by: &PlanningActor,
    parties: &[i64],
    now: DateTime<Utc>,
) -> Result<i64> {
    let a = &ctx.assignment;
    let workflow =
        WorkflowKind::from_code(&req.workflow).ok_or_else(|| corrupt("workflow", &req.workflow))?;
    let def = workflow.definition();
    let owner = agency::Entity::find_by_id(a.agency_id).one(txn).await?;
    // The signer: the person taking the step, in the position they act in.
    let me = match by.employee {
        Some(e) => ctx.employee(txn, e.0).await?,
        None => None,
    };
    let mut signer = LetterParty {
        position: by.audit.position.clone().unwrap_or_default(),
        name: by.audit.label.clone(),
        nip: None,
        rank: None,
        unit: String::new(),
    };
    for h in ctx.holders(txn, s.lane).await? {
        if ctx.held_by(txn, &h, by).await? {
            signer.position = h.label.clone();
            if let Some(p) = h.position
                && let Some(p) = ctx.position(txn, p).await?
            {
                signer.unit = unit_name(txn, ctx, p.unit_id).await?;
            }
            break;
        }
    }
    if let Some(e) = &me {
        signer.name = display_name(e);
        signer.nip = Some(e.nip.clone());
        signer.rank = crate::convert::rank_line(&e.grade);
    }
    // Addressed to the next lane (a refusal: back to the requester).
    let addressees = if input.refuse {
        labels(txn, ctx, def.steps[0].lane).await?
    } else {
        match s.then {
            sikerja_domain::workflow::Next::Step(next) => match def.step(next) {
                Some(n) => labels(txn, ctx, n.lane).await?,
                None => Vec::new(),
            },
            _ => Vec::new(),
        }
    };
    let mut copies = Vec::new();
    if !input.refuse {
        for lane in s.copies {
            for l in labels(txn, ctx, *lane).await? {
                if !copies.contains(&l) {
                    copies.push(l);
                }
            }
        }
    }
    // PEN-01: the assignment's own execution (a team of one is still a team).
    let team =
        Execution::from_code(&a.execution).map_or(ctx.members.len() > 1, |x| x == Execution::Team);
    // The people: every member, or those of the parties this answer is about.
    let mut members = Vec::new();
    for m in &ctx.members {
        let Some(e) = m.employee_id else { continue };
        let concerned = parties.iter().all(|p| *p == 0) || parties.contains(&e);
        if kind == LetterKind::InvolvementAnswer && !concerned {
            continue;
        }
        let person = ctx.employee(txn, e).await?;
        let (mut position_name, mut unit, mut department_name) =
            (String::new(), String::new(), String::new());
        if let Some(p) = person.as_ref().and_then(|x| x.position_id)
            && let Some(p) = ctx.position(txn, p).await?
        {
            position_name = p.name.clone();
            if let Some(u) = ctx.unit(txn, p.unit_id).await? {
                unit = u.name.clone();
                department_name = department::Entity::find_by_id(u.department_id)
                    .one(txn)
                    .await?
                    .map(|d| d.name)
                    .unwrap_or_default();
            }
        }
        let agency_name = match &person {
            Some(x) => agency::Entity::find_by_id(x.agency_id)
                .one(txn)
                .await?
                .map(|a| a.name)
                .unwrap_or_default(),
            None => String::new(),
        };
        let day = |s: &str| s.parse::<Day>().map_err(|_| corrupt("member day", s));
        members.push(LetterMember {
            name: m.name.clone(),
            nip: m.nip.clone(),
            position: position_name,
            unit,
            department: department_name,
            agency: agency_name,
            role: match MemberRole::from_code(&m.role)
                .ok_or_else(|| corrupt("member role", &m.role))?
            {
                MemberRole::TeamLead => "Ketua Tim".to_string(),
                MemberRole::Member if !team => "Pelaksana tugas individu".to_string(),
                MemberRole::Member => "Anggota".to_string(),
            },
            from: day(&m.from_day)?,
            until: day(&m.until_day)?,
        });
    }
    // The day of the letter in WITA: a step taken at 07:00 in Martapura is dated that day,
    // not the day before (UTC).
    let date = crate::policies::day_of(now);
    let involvement = Involvement {
        purpose: req.purpose.clone(),
        competence: req.competence.clone(),
        expected_targets: req.expected_targets.clone(),
        duration: req.duration.clone(),
    };
    let facts = LetterFacts {
        workflow,
        assignment_title: a.title.clone(),
        field: a.field.clone(),
        owner_unit: a.owner_unit_name.clone(),
        owner_agency: owner.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
        place: owner.as_ref().map(|o| o.seat.clone()).unwrap_or_default(),
        date,
        signer,
        addressees,
        involvement: (!req.purpose.is_empty()).then_some(involvement),
        members,
        reasons: input.refuse.then(|| input.text.trim().to_string()),
        copies,
        team,
    };
    let content = compose(kind, input.refuse, facts);
    let json = serde_json::to_string(&content)
        .map_err(|_| StorageError::invalid("letter_content", "Isi surat tidak dapat disimpan."))?;
    let id = request_letter::Entity::insert(request_letter::ActiveModel {
        request_id: Set(req.id),
        step: Set(s.code.to_string()),
        kind: Set(kind.code().to_string()),
        content: Set(json),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(txn)
    .await?
    .last_insert_id;
    Ok(id)
}

impl Store {
    /// A recorded letter.
    pub async fn request_letter(&self, id: i64) -> Result<LetterRecord> {
        let m = request_letter::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("request_letter", id))?;
        record_of(m)
    }
}

/// Who issues a recorded letter: the holder of the lane of the step that produced it (the
/// signer), and the register and letterhead that go with their position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Issuer {
    pub agency: i64,
    /// The department of the signer's position; 0 for the regional head (the agency itself).
    pub department: i64,
    /// The regional head's title ("Bupati Banjar") when the signer is the regional head.
    pub regional_head: Option<String>,
    /// The position as written above the name.
    pub position: String,
}

/// The issuer of a recorded letter. With `by`: only if `by` holds (or acts in) the lane of the
/// step that produced it, else `not_the_signer` (PEN-18, DOC-05). Without: its first holder,
/// for a preview.
pub(crate) async fn issuer<C: ConnectionTrait>(
    db: &C,
    letter: &request_letter::Model,
    by: Option<&PlanningActor>,
) -> Result<Issuer> {
    let req = assignment_request::Entity::find_by_id(letter.request_id)
        .one(db)
        .await?
        .ok_or_else(|| StorageError::not_found("assignment_request", letter.request_id))?;
    let a = crate::entities::assignment::Entity::find_by_id(req.assignment_id)
        .one(db)
        .await?
        .ok_or_else(|| StorageError::not_found("assignment", req.assignment_id))?;
    let workflow =
        WorkflowKind::from_code(&req.workflow).ok_or_else(|| corrupt("workflow", &req.workflow))?;
    let step = workflow
        .definition()
        .step(&letter.step)
        .ok_or_else(|| corrupt("letter step", &letter.step))?;
    let agency = a.agency_id;
    let ctx = Context::load(db, a).await?;
    let holders = ctx.holders(db, step.lane).await?;
    let mut chosen = None;
    for h in &holders {
        let mine = match by {
            Some(by) => ctx.held_by(db, h, by).await?,
            None => true,
        };
        if mine {
            chosen = Some(h.clone());
            break;
        }
    }
    let Some(h) = chosen else {
        return Err(StorageError::forbidden(
            "not_the_signer",
            format!(
                "Surat ini diterbitkan oleh {} (PEN-18, DOC-05: hanya pemegang atau pelaksana tugas jabatan penandatangan).",
                step.lane.label()
            ),
        ));
    };
    if let Some((id, head_agency)) = h.regional_head {
        let title = crate::entities::regional_head::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| r.title);
        return Ok(Issuer {
            agency: head_agency,
            department: 0,
            regional_head: title,
            position: h.label,
        });
    }
    let mut department = 0;
    let mut agency_of_position = agency;
    let mut position = h.label.clone();
    if let Some(pid) = h.position
        && let Some(p) = ctx.position(db, pid).await?
    {
        agency_of_position = p.agency_id;
        if let Some(u) = ctx.unit(db, p.unit_id).await? {
            department = u.department_id;
        }
        // A Plt./Plh. signs as such (DOC-05): "Plt. Kepala Dinas Kesehatan".
        if let Some(me) = by.and_then(|b| b.employee)
            && let Some(Exercise::Acting(kind)) = ctx.exercise(db, me, pid).await?
        {
            position = format!("{} {}", kind.label(), h.label);
        }
    }
    Ok(Issuer {
        agency: agency_of_position,
        department,
        regional_head: None,
        position,
    })
}
