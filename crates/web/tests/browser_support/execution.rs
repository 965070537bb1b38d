//! The execution pages in the browser (issue 13 point 8): a running team of the test Dinas —
//! the Ahli Muda leading the Pelaksana — seen by its lead (my work, the work page with the
//! breakdown form) and by the Kepala Dinas (monitoring), at desktop and phone widths; nothing
//! may be wider than a phone's screen.

use chrono::{Duration, FixedOffset, Utc};
use fantoccini::{Client, Locator};
use sikerja_domain::assignment::{AssignmentDraft, AssignmentMethod, Day, Member, MemberRole};
use sikerja_domain::organisation::{AgencyId, DepartmentId, EmployeeId, UnitId};
use sikerja_domain::planning::target::Execution;
use sikerja_storage::planning::PlanningActor;
use sikerja_storage::{AssignmentInput, RequestStart, StepInput};

use super::{Step, shot, sign_in, sign_out};
use crate::common::{self, TestApp};

fn wita_day(n: i64) -> Day {
    let wita = FixedOffset::east_opt(8 * 3600).expect("WITA");
    let d = (Utc::now().with_timezone(&wita) + Duration::days(n)).format("%Y-%m-%d");
    Day::parse(&d.to_string()).expect("a day")
}

/// The running team, recorded through storage as its people would.
async fn running_team(app: &TestApp) -> i64 {
    let agency = AgencyId(
        app.store
            .agency_by_code("kab-uji")
            .await
            .expect("agency")
            .id
            .0,
    );
    let dept = DepartmentId(app.department_id("dinkes").await);
    let root = app
        .store
        .units(dept)
        .await
        .expect("units")
        .iter()
        .find(|u| u.parent.is_none())
        .expect("root unit")
        .id;
    let actor = |e: i64| PlanningActor {
        employee: Some(EmployeeId(e)),
        regional_head_of: None,
        audit: common::setup_actor(),
    };
    let lead = app.employee_id(common::nip::AHLI_MUDA).await;
    let member = app.employee_id(common::nip::PELAKSANA).await;
    let m = |e: i64, role| Member {
        employee: EmployeeId(e),
        role,
        from: wita_day(0),
        until: wita_day(90),
    };
    let input = AssignmentInput {
        draft: AssignmentDraft {
            id: None,
            execution: Execution::Team,
            owner_unit: UnitId(root.0),
            owner_agency: agency,
            method: AssignmentMethod::Appointment,
            members: vec![m(lead, MemberRole::TeamLead), m(member, MemberRole::Member)],
            responsible_official: None,
            field: "Kesehatan".into(),
            team_lead_reason: None,
        },
        title: "Tim Pendataan Layanan Kesehatan Dasar Kabupaten".into(),
        target: None,
    };
    let kadis = actor(app.employee_id(common::nip::KADIS).await);
    let id = app
        .store
        .create_assignment(&input, &kadis)
        .await
        .expect("draft");
    let request = app
        .store
        .start_request(
            id,
            &RequestStart {
                text: "Ditugaskan".into(),
                ..Default::default()
            },
            &kadis,
        )
        .await
        .expect("started");
    for e in [lead, member] {
        let receive = StepInput {
            step: "receive".into(),
            refuse: false,
            text: "Diterima".into(),
        };
        app.store
            .decide_step(request, &receive, &actor(e))
            .await
            .expect("received");
    }
    id.0
}

/// Screenshots of the page at desktop and phone widths; at the phone's width nothing is wider
/// than the screen.
async fn both_widths(client: &Client, name: &str) -> Step {
    shot(client, name).await;
    client.set_window_size(390, 844).await?;
    // The elements reaching past the screen's right edge, if any (tables scroll inside
    // their own box).
    let wider = client
        .execute(
            "const w = window.innerWidth; \
             if (document.documentElement.scrollWidth <= w) return []; \
             return [...document.querySelectorAll('body *')] \
               .filter(e => !e.closest('.table-scroll') && e.getBoundingClientRect().right > w + 1) \
               .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + (e.id || ''));",
            vec![],
        )
        .await?;
    assert_eq!(wider, serde_json::json!([]), "{name} overflows a phone");
    shot(client, &format!("{name}-phone")).await;
    client.set_window_size(1366, 900).await?;
    Ok(())
}

pub async fn run(client: &Client, app: &TestApp, base: &str) -> Step {
    common::give_password(
        &app.store,
        common::nip::AHLI_MUDA,
        common::TEST_PASSWORD,
        false,
    )
    .await;
    let id = running_team(app).await;
    client.set_window_size(1366, 900).await?;

    // The lead: my work and the team, then the work page with the breakdown form open.
    client.goto(&format!("{base}/masuk")).await?;
    sign_in(client, common::nip::AHLI_MUDA).await?;
    client.goto(&format!("{base}/pelaksanaan")).await?;
    client.find(Locator::Css("#tim-saya")).await?;
    both_widths(client, "pelaksanaan-ketua-tim").await?;
    client
        .goto(&format!("{base}/pelaksanaan/penugasan/{id}"))
        .await?;
    client.find(Locator::Css("#form-rincian")).await?;
    both_widths(client, "pelaksanaan-penugasan").await?;
    sign_out(client).await?;

    // The Kepala Dinas: monitoring, and the reporting settings.
    sign_in(client, common::nip::KADIS).await?;
    client.goto(&format!("{base}/pelaksanaan")).await?;
    client.find(Locator::Css("#pantauan")).await?;
    both_widths(client, "pelaksanaan-pantauan").await?;
    client
        .goto(&format!("{base}/pelaksanaan/penugasan/{id}"))
        .await?;
    client.find(Locator::Css("#form-permintaan")).await?;
    both_widths(client, "pelaksanaan-penugasan-pimpinan").await?;
    client.goto(&format!("{base}/admin/pelaporan")).await?;
    both_widths(client, "pengaturan-pelaporan").await?;
    sign_out(client).await
}
