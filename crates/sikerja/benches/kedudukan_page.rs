//! Time to serve the *rincian kedudukan* page (and its API twin) of one department of 2,000
//! employees, in process through the real router and storage. Issue target: under 50 ms.
//! Run: `cargo bench -p sikerja --bench kedudukan_page` (SQLite), and with
//! `SIKERJA_BENCH_DATABASE_URL=postgres://…/dbname` for PostgreSQL. Prints figures only.

mod common;

use std::time::Instant;

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use sikerja_domain::Nip;
use sikerja_domain::bundle::*;
use sikerja_domain::education::Education;
use sikerja_domain::grade::Grade;
use sikerja_domain::org::*;
use sikerja_domain::organisation::AgencyPolicy;
use tower::ServiceExt;

fn department(employees: usize) -> AgencyBundle {
    let mut b = AgencyBundle {
        regional_heads: Vec::new(),
        experience_fields: Vec::new(),
        agency: AgencyRecord {
            code: "bench".into(),
            name: "Pemerintah Kabupaten Tolok Ukur".into(),
            kind: AgencyKind::RegionalGovernment,
            seat: "Martapura".into(),
            address: "Data fiktif".into(),
            policy: AgencyPolicy::default(),
        },
        departments: vec![DepartmentRecord {
            code: "dinas".into(),
            name: "Dinas Tolok Ukur".into(),
            kind: DepartmentKind::Office,
        }],
        units: vec![],
        positions: vec![],
        employees: vec![],
    };
    let mut seq = 0u32;
    let mut person = |b: &mut AgencyBundle, position: &str, grade: &str| {
        seq += 1;
        let nip = format!(
            "19{:02}0101201001{}{:03}",
            60 + seq / 1000 % 30,
            1 + seq % 2,
            seq % 999 + 1
        );
        b.employees.push(EmployeeRecord {
            nip: Nip::parse(&nip).expect("generated NIP is valid"),
            name: format!("Pegawai Fiktif {seq}"),
            front_title: String::new(),
            back_title: "S.E.".into(),
            employment_type: EmploymentType::Pns,
            grade: Grade::parse(grade, false).expect("valid grade"),
            education: Education::S1,
            position_code: Some(position.to_string()),
            acting_position_code: None,
            acting_kind: None,
            from_equalization: false,
            ratings: vec![],
            experience: vec![],
        });
    };
    let unit = |b: &mut AgencyBundle,
                code: &str,
                parent: Option<&str>,
                kind: UnitKind,
                class: PositionClass| {
        b.units.push(UnitRecord {
            code: code.into(),
            department_code: "dinas".into(),
            parent_code: parent.map(str::to_string),
            name: format!("Unit {code}"),
            kind,
            is_org_unit: parent.is_none(),
        });
        b.positions.push(PositionRecord {
            code: format!("kepala-{code}"),
            unit_code: code.into(),
            name: format!("Kepala Unit {code}"),
            class,
            is_head: true,
            functional_level: None,
            substance: None,
        });
    };
    unit(
        &mut b,
        "root",
        None,
        UnitKind::Department,
        PositionClass::Jpt,
    );
    let mut leaves = Vec::new();
    for i in 0..10 {
        let bid = format!("bidang{i}");
        unit(
            &mut b,
            &bid,
            Some("root"),
            UnitKind::Field,
            PositionClass::Administrator,
        );
        for j in 0..4 {
            let s = format!("seksi{i}-{j}");
            unit(
                &mut b,
                &s,
                Some(&bid),
                UnitKind::Section,
                PositionClass::Pengawas,
            );
            leaves.push(s);
        }
    }
    let heads: Vec<(String, &str)> = b
        .positions
        .iter()
        .map(|p| {
            (
                p.code.clone(),
                if p.class == PositionClass::Pengawas {
                    "III/d"
                } else {
                    "IV/b"
                },
            )
        })
        .collect();
    for (code, grade) in heads {
        person(&mut b, &code, grade);
    }
    let levels = [
        FunctionalLevel::AhliMuda,
        FunctionalLevel::AhliPertama,
        FunctionalLevel::Terampil,
    ];
    let mut i = 0;
    while b.employees.len() < employees {
        let unit_code = leaves[i % leaves.len()].clone();
        let jf = i % 3 != 0;
        let code = format!("staf{i}");
        b.positions.push(PositionRecord {
            code: code.clone(),
            unit_code,
            name: if jf {
                "Analis Kebijakan".into()
            } else {
                "Pengadministrasi Umum".into()
            },
            class: if jf {
                PositionClass::Fungsional
            } else {
                PositionClass::Pelaksana
            },
            is_head: false,
            functional_level: jf.then(|| levels[i % levels.len()]),
            substance: None,
        });
        person(&mut b, &code, "III/a");
        i += 1;
    }
    b
}

#[tokio::main]
async fn main() {
    let url = std::env::var("SIKERJA_BENCH_DATABASE_URL").ok();
    let dir = tempfile::tempdir().expect("temp dir");
    let url = url.unwrap_or_else(|| format!("sqlite://{}", dir.path().join("bench.db").display()));
    let store = sikerja_storage::Store::connect(&url)
        .await
        .expect("storage");
    let bundle = department(2_000);
    let started = Instant::now();
    let summary = store.import_agency(&bundle, "bench").await.expect("import");
    println!(
        "import of {} employees (with placement): {:.0} ms on {:?}",
        summary.employees,
        started.elapsed().as_secs_f64() * 1000.0,
        store.backend()
    );
    let dept = store.departments(None).await.expect("departments")[0]
        .department
        .id;
    // Requests are made as the Kepala Dinas (page, with a session) and with an API token, so
    // the figures include sign-in checks and authorisation as served for real.
    let actor = sikerja_storage::AuditActor::new("bench");
    let head = store
        .employees(&sikerja_storage::EmployeeFilter {
            agency: None,
            department: None,
            search: None,
            limit: 1,
            offset: 0,
            ..Default::default()
        })
        .await
        .expect("employees")
        .items[0]
        .clone();
    let hash = sikerja_web::auth::hash_password("tolok-ukur-123".into())
        .await
        .expect("hash");
    store
        .set_password(head.employee.id, &hash, false)
        .await
        .expect("password");
    let (_, token) = store
        .create_api_token("bench", None, false, &actor)
        .await
        .expect("token");
    let app = sikerja_web::router(sikerja_web::AppState {
        store,
        demo_mode: false,
        secure_cookies: false,
        demo_sign_ins: Default::default(),
        letters: Default::default(),
        proxy: Default::default(),
        files: std::sync::Arc::new(sikerja_files::FileStore::in_memory()),
    });
    let cookie = common::sign_in(&app, head.employee.nip.as_str(), "tolok-ukur-123").await;
    for (label, path) in [
        (
            "page /perangkat-daerah/{id}/kedudukan",
            format!("/perangkat-daerah/{dept}/kedudukan"),
        ),
        (
            "api  /api/v1/placements?department={id}",
            format!("/api/v1/placements?department={dept}"),
        ),
    ] {
        let mut times = Vec::new();
        let mut bytes = 0;
        for _ in 0..30 {
            let t = Instant::now();
            let request = if path.starts_with("/api/") {
                Request::get(&path).header("authorization", format!("Bearer {token}"))
            } else {
                Request::get(&path).header("cookie", &cookie)
            };
            let res = app
                .clone()
                .oneshot(request.body(Body::empty()).expect("request"))
                .await
                .expect("response");
            assert!(res.status().is_success(), "{path}: {}", res.status());
            bytes = res
                .into_body()
                .collect()
                .await
                .expect("body")
                .to_bytes()
                .len();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{label}: median {:.1} ms, p95 {:.1} ms, {} KiB ({} rows)",
            times[times.len() / 2],
            times[times.len() * 95 / 100],
            bytes / 1024,
            bundle.employees.len() - 41
        );
    }
}
