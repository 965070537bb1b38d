//! Work being carried out in the demo (issue 13 point 10), so that the "Pelaksanaan" pages
//! have something to show on a first `cargo run`: in Diskominfostat (a Dinas), the RSUD, the
//! Sekretariat Daerah and a Kecamatan, a team assignment of the current year started two
//! months ago and running three more — its Surat Tugas issued and received, its work broken
//! down by the lead, monthly reports (one missing, so late), feedback from the head and the
//! lead, an open problem (Dinas), a report asked for (RSUD), and a result at a different point
//! of its review chain in each. All fictional, all through the store's own checks. Skipped for a department whose head already has the demo assignment.

use anyhow::{Context, anyhow};
use chrono::{Datelike, Months, NaiveDate, Utc};
use sikerja_domain::Nip;
use sikerja_domain::assignment::{
    AssignmentDraft, AssignmentId, AssignmentMethod, Day, Member, MemberRole,
};
use sikerja_domain::execution::breakdown::WorkItemDraft;
use sikerja_domain::execution::issue::{Collaboration, IssueDraft};
use sikerja_domain::execution::report::{ReportDraft, ReportKind};
use sikerja_domain::org::{DepartmentKind, PositionClass};
use sikerja_domain::organisation::{EmployeeId, Organisation, UnitId};
use sikerja_domain::planning::target::Execution;
use sikerja_storage::planning::PlanningActor;
use sikerja_storage::{AssignmentInput, ReportInput, RequestStart, Store, WorkRef};
use sikerja_web::letters::StepLetters;

fn day(d: NaiveDate) -> anyhow::Result<Day> {
    Ok(Day::new(
        u16::try_from(d.year())?,
        u8::try_from(d.month())?,
        u8::try_from(d.day())?,
    )?)
}

/// One demo team: its department, title and work.
struct Plan {
    kind: DepartmentKind,
    /// A word the department's name contains (which Kecamatan, which Dinas), if several.
    name_has: &'static str,
    title: &'static str,
    field: &'static str,
    items: [&'static str; 3],
}

const PLANS: [Plan; 4] = [
    Plan {
        kind: DepartmentKind::Office,
        name_has: "Komunikasi",
        title: "Tim Integrasi Data Layanan Publik (fiktif)",
        field: "Informatika",
        items: [
            "Inventarisasi sumber data layanan",
            "Penyusunan katalog data",
            "Uji coba integrasi dasbor",
        ],
    },
    Plan {
        kind: DepartmentKind::Hospital,
        name_has: "",
        title: "Tim Percepatan Rekam Medis Elektronik (fiktif)",
        field: "Kesehatan",
        items: [
            "Pemetaan alur rekam medis",
            "Pelatihan petugas pendaftaran",
            "Evaluasi penggunaan rekam medis elektronik",
        ],
    },
    Plan {
        kind: DepartmentKind::RegionalSecretariat,
        name_has: "",
        title: "Tim Evaluasi Kelembagaan Perangkat Daerah (fiktif)",
        field: "Organisasi",
        items: [
            "Pengumpulan data kelembagaan",
            "Analisis beban kerja unit",
            "Penyusunan rekomendasi penataan",
        ],
    },
    Plan {
        kind: DepartmentKind::District,
        name_has: "Martapura",
        title: "Tim Pelayanan Administrasi Terpadu Kecamatan (fiktif)",
        field: "Pemerintahan",
        items: [
            "Pendataan layanan administrasi",
            "Penyusunan standar pelayanan",
            "Sosialisasi kepada desa",
        ],
    },
];

/// The head of a department's root unit and up to three JF/Pelaksana of the same Unit
/// Organisasi (the root's), JF first.
fn people(
    org: &Organisation,
    placed: &std::collections::HashSet<EmployeeId>,
    known: &[EmployeeId],
    kind: DepartmentKind,
    name_has: &str,
) -> Option<(UnitId, EmployeeId, Vec<EmployeeId>)> {
    let dept = org
        .departments
        .iter()
        .find(|d| d.kind == kind && d.name.contains(name_has))?;
    let root = org
        .units
        .iter()
        .find(|u| u.department == dept.id && u.parent.is_none())?;
    // Units of the root's Unit Organisasi: below it, not under another Unit Organisasi.
    let mut inside = vec![root.id];
    let mut grew = true;
    while grew {
        grew = false;
        for u in &org.units {
            if !u.is_org_unit
                && !inside.contains(&u.id)
                && u.parent.is_some_and(|p| inside.contains(&p))
            {
                inside.push(u.id);
                grew = true;
            }
        }
    }
    let holder = |p: &sikerja_domain::organisation::Position| {
        org.employees
            .iter()
            .find(|e| e.position == Some(p.id))
            .map(|e| e.id)
    };
    let head = org
        .positions
        .iter()
        .find(|p| p.unit == root.id && p.is_head)
        .and_then(holder)?;
    let mut staff: Vec<(bool, u8, EmployeeId)> = org
        .positions
        .iter()
        .filter(|p| inside.contains(&p.unit) && p.class.is_placed())
        .filter_map(|p| {
            let rank = u8::from(p.class != PositionClass::Fungsional);
            // PEN-02: only people whose placement is settled are assigned.
            holder(p)
                .filter(|e| placed.contains(e))
                .map(|e| (!known.contains(&e), rank, e))
        })
        .collect();
    staff.sort();
    // The demo sign-ins first, so that they can be tried.
    let staff: Vec<EmployeeId> = staff.into_iter().map(|(_, _, e)| e).take(3).collect();
    (staff.len() >= 2).then_some((root.id, head, staff))
}

async fn actor(store: &Store, org: &Organisation, e: EmployeeId) -> anyhow::Result<PlanningActor> {
    let person = org
        .employees
        .iter()
        .find(|x| x.id == e)
        .ok_or_else(|| anyhow!("pegawai demo {e:?} tidak ada"))?;
    Ok(super::demo_actor(
        &store.employee_by_nip(&person.nip).await?,
    ))
}

/// Seeds the demo's running work.
pub async fn seed(store: &Store, letters: &StepLetters) -> anyhow::Result<()> {
    let people_known = sikerja_demo::demo_people();
    let agency = store
        .employee_by_nip(&Nip::parse(people_known.head_of_office.nip)?)
        .await?
        .employee
        .agency;
    let org = store.load_organisation(agency).await?;
    let placed: std::collections::HashSet<EmployeeId> = store
        .placements(&sikerja_storage::PlacementFilter {
            agency: Some(agency),
            status: Some(sikerja_storage::PlacementStatus::Placed),
            ..Default::default()
        })
        .await?
        .into_iter()
        .map(|p| p.employee.employee)
        .collect();
    let mut known = Vec::new();
    for p in [
        people_known.functional,
        people_known.pelaksana,
        people_known.organisation_staff,
    ] {
        known.push(
            store
                .employee_by_nip(&Nip::parse(p.nip)?)
                .await?
                .employee
                .id,
        );
    }
    let today = (Utc::now() + chrono::TimeDelta::hours(8)).date_naive();
    let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1)
        .and_then(|d| d.checked_sub_months(Months::new(2)))
        .context("tanggal demo")?;
    let last = first
        .checked_add_months(Months::new(6))
        .and_then(|d| d.pred_opt())
        .context("tanggal demo")?;
    let today_day = day(today)?;
    let mut seeded = 0;
    for (n, plan) in PLANS.iter().enumerate() {
        let Some((root, head, staff)) = people(&org, &placed, &known, plan.kind, plan.name_has)
        else {
            continue;
        };
        let head_actor = actor(store, &org, head).await?;
        let existing = store.assignments_involving(&head_actor, 50).await?;
        if existing.iter().any(|a| a.title == plan.title) {
            continue;
        }
        let id = run(
            store,
            &org,
            plan,
            root,
            &head_actor,
            &staff,
            first,
            last,
            letters,
        )
        .await?;
        work(
            store,
            &org,
            plan,
            id,
            &head_actor,
            &staff,
            first,
            today_day,
            n,
        )
        .await?;
        seeded += 1;
    }
    if seeded > 0 {
        println!(
            "Pelaksanaan demo: {seeded} tim berjalan dengan rincian kegiatan, laporan, umpan balik dan permasalahan."
        );
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn run(
    store: &Store,
    org: &Organisation,
    plan: &Plan,
    root: UnitId,
    head: &PlanningActor,
    staff: &[EmployeeId],
    first: NaiveDate,
    last: NaiveDate,
    letters: &StepLetters,
) -> anyhow::Result<AssignmentId> {
    let members = staff
        .iter()
        .enumerate()
        .map(|(i, e)| {
            Ok(Member {
                employee: *e,
                role: if i == 0 {
                    MemberRole::TeamLead
                } else {
                    MemberRole::Member
                },
                from: day(first)?,
                until: day(last)?,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let input = AssignmentInput {
        draft: AssignmentDraft {
            id: None,
            execution: Execution::Team,
            owner_unit: root,
            owner_agency: org
                .agencies
                .first()
                .map(|a| a.id)
                .context("instansi demo")?,
            method: AssignmentMethod::Appointment,
            members,
            responsible_official: None,
            field: plan.field.into(),
            team_lead_reason: Some("Berpengalaman memimpin kegiatan serupa (demo)".into()),
        },
        title: plan.title.into(),
        target: None,
    };
    let id = store
        .create_assignment(&input, head)
        .await
        .with_context(|| format!("penugasan demo {}", plan.title))?;
    let request = store
        .start_request(
            id,
            &RequestStart {
                text: format!("Ditugaskan sebagai {}.", plan.title),
                ..Default::default()
            },
            head,
            letters,
        )
        .await
        .with_context(|| format!("Surat Tugas demo {}", plan.title))?;
    for e in staff {
        store
            .decide_step(
                request,
                &sikerja_storage::StepInput {
                    step: "receive".into(),
                    refuse: false,
                    text: "Diterima".into(),
                },
                &actor(store, org, *e).await?,
                letters,
            )
            .await
            .with_context(|| format!("penerimaan Surat Tugas demo {}", plan.title))?;
    }
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
async fn work(
    store: &Store,
    org: &Organisation,
    plan: &Plan,
    id: AssignmentId,
    head: &PlanningActor,
    staff: &[EmployeeId],
    first: NaiveDate,
    today: Day,
    n: usize,
) -> anyhow::Result<()> {
    let r = WorkRef::Assignment(id);
    let lead = actor(store, org, staff[0]).await?;
    // The breakdown: one activity per month pair, each member responsible for one.
    let mut drafts = Vec::new();
    for (i, name) in plan.items.iter().enumerate() {
        let from = first
            .checked_add_months(Months::new(u32::try_from(i * 2)?))
            .context("tanggal demo")?;
        let until = from
            .checked_add_months(Months::new(2))
            .and_then(|d| d.pred_opt())
            .context("tanggal demo")?;
        drafts.push(WorkItemDraft {
            name: (*name).into(),
            responsible: staff[i % staff.len()].0.to_string(),
            from: day(from)?.to_string(),
            until: day(until)?.to_string(),
            output: format!("Dokumen {}", name.to_lowercase()),
            budget: format!("{}.000.000", 2 + i),
        });
    }
    let items = store.set_work_breakdown(r, &drafts, &lead).await?;
    // The reports of the two months past: all of the first; of the second, the lead's and
    // one member's — the other member's is late.
    let months = [
        first,
        first
            .checked_add_months(Months::new(1))
            .context("tanggal demo")?,
    ];
    for (m, start) in months.iter().enumerate() {
        let on_time = day(*start)?
            .end_of_month()
            .add_days(1)
            .context("tanggal demo")?;
        for (i, e) in staff.iter().enumerate() {
            if m == 1 && i == staff.len() - 1 {
                continue;
            }
            let kind = if i == 0 {
                ReportKind::TeamToHead
            } else {
                ReportKind::MemberToLead
            };
            let progress = items
                .iter()
                .take(1)
                .map(|it| (it.id, format!("{}", 40 + 30 * m)))
                .collect();
            store
                .submit_report(
                    r,
                    &ReportInput {
                        kind: Some(kind),
                        period_start: Some(day(*start)?),
                        draft: ReportDraft {
                            progress,
                            realisation: Vec::new(),
                            narrative: if i == 0 {
                                format!("Pekerjaan tim bulan ke-{} berjalan sesuai rencana.", m + 1)
                            } else {
                                format!("Bagian saya pada bulan ke-{} selesai dikerjakan.", m + 1)
                            },
                        },
                        ..Default::default()
                    },
                    &actor(store, org, *e).await?,
                    // As if sent on the first day after the month, on time.
                    on_time,
                )
                .await
                .with_context(|| format!("laporan demo {}", plan.title))?;
        }
    }
    // Feedback: the head to the lead, the lead to a member.
    store
        .give_feedback(
            r,
            staff[0],
            None,
            "Percepat tahap berikutnya dan laporkan kendala lebih awal.",
            head,
        )
        .await?;
    store
        .give_feedback(
            r,
            staff[1],
            None,
            "Lengkapi lampiran laporan dengan data pendukung.",
            &lead,
        )
        .await?;
    results(store, org, plan, id, &lead, items.first().map(|i| i.id), n).await?;
    match n {
        // The Dinas: an open problem waiting for the head.
        0 => {
            store
                .raise_issue(
                    id,
                    &IssueDraft {
                        title: "Akses data antarperangkat daerah belum tersedia".into(),
                        description: "Sebagian perangkat daerah belum memberikan akses data layanan untuk diintegrasikan.".into(),
                        recommendations: vec![
                            "Surat edaran Kepala Dinas kepada perangkat daerah".into(),
                            "Rapat koordinasi dengan pengelola data".into(),
                        ],
                        due: today.add_days(7).context("tanggal demo")?.to_string(),
                    },
                    Collaboration::OwnerHead,
                    &lead,
                    today,
                )
                .await?;
        }
        // The RSUD: a report asked for by the Direktur.
        1 => {
            store
                .request_report(
                    r,
                    staff[1],
                    today.add_days(3).context("tanggal demo")?,
                    "Sampaikan kemajuan pelatihan petugas pendaftaran.",
                    head,
                    today,
                )
                .await?;
        }
        _ => {}
    }
    Ok(())
}

/// A result of the first activity, submitted by the lead and taken to a different point of
/// its review chain per department (MEK-05): passed up once by the Kepala Bidang and waiting
/// for the Kepala Dinas (the Dinas), waiting at its first reviewer (the RSUD), accepted —
/// *selesai* — (the Setda), returned with notes (the Kecamatan).
async fn results(
    store: &Store,
    org: &Organisation,
    plan: &Plan,
    id: AssignmentId,
    lead: &PlanningActor,
    activity: Option<i64>,
    n: usize,
) -> anyhow::Result<()> {
    use sikerja_domain::execution::review::DecisionKind;
    use sikerja_storage::{ResultDecision, ResultSubmission};
    let result = store
        .submit_result(
            &ResultSubmission {
                assignment: id,
                activity,
                title: format!("Hasil {}", plan.items[0].to_lowercase()),
                summary: format!(
                    "{} selesai; dokumen hasil terlampir pada laporan bulanan.",
                    plan.items[0]
                ),
                realisation: Some(100.0),
                meets_target: true,
            },
            lead,
        )
        .await
        .with_context(|| format!("hasil demo {}", plan.title))?;
    let decide = |step: usize, kind: DecisionKind, notes: &str| ResultDecision {
        step,
        kind,
        meets_target: kind != DecisionKind::Return,
        meets_expectation: false,
        notes: notes.into(),
    };
    // How far up the chain it goes: a pass per step, then the final decision.
    let moves: Vec<(DecisionKind, &str)> = match n {
        0 => vec![(DecisionKind::Pass, "Sesuai target, diteruskan.")],
        1 => Vec::new(),
        2 => vec![(DecisionKind::Pass, "Sesuai target, diteruskan."); 8],
        _ => vec![(
            DecisionKind::Return,
            "Lengkapi daftar layanan dengan jumlah pemohon per bulan.",
        )],
    };
    for (kind, notes) in moves {
        let view = store.work_result(result).await?;
        let steps = view.current_steps();
        let Some(waiting) = steps.iter().find(|s| s.decision.is_none()) else {
            break;
        };
        let Some(reviewer) = waiting.reviewer else {
            break;
        };
        let kind = if waiting.accepts && kind == DecisionKind::Pass {
            DecisionKind::Accept
        } else {
            kind
        };
        store
            .decide_result(
                result,
                &decide(waiting.step, kind, notes),
                &actor(store, org, reviewer).await?,
            )
            .await
            .with_context(|| format!("reviu hasil demo {}", plan.title))?;
        if kind != DecisionKind::Pass {
            break;
        }
    }
    Ok(())
}
