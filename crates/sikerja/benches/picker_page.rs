//! Time to serve the assignment form's candidate picker (issue 15 point 3) for an agency of
//! 2,000 employees — four Dinas, each with Bidang and Seksi, about 1,950 JF and Pelaksana as
//! candidates — in process through the real router and storage, signed in as a Kepala Dinas.
//! Issue target: under 100 ms in a release build. Run: `cargo bench -p sikerja --bench
//! picker_page` (SQLite), and with `SIKERJA_BENCH_DATABASE_URL=postgres://…/dbname` for
//! PostgreSQL. Prints figures only.

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
use sikerja_domain::organisation::{AgencyPolicy, Experience, YearRating};
use tower::ServiceExt;

const PASSWORD: &str = "tolok-ukur-123";

/// The NIP of the `seq`-th person generated (1-based); the first heads the first Dinas.
fn nip_of(seq: u32) -> String {
    format!(
        "19{:02}0101201001{}{:03}",
        60 + seq / 1000 % 30,
        1 + seq % 2,
        seq % 999 + 1
    )
}

fn agency(employees: usize) -> AgencyBundle {
    let mut b = AgencyBundle {
        agency: AgencyRecord {
            code: "bench".into(),
            name: "Pemerintah Kabupaten Tolok Ukur".into(),
            kind: AgencyKind::RegionalGovernment,
            seat: "Martapura".into(),
            address: "Data fiktif".into(),
            policy: AgencyPolicy::default(),
        },
        departments: vec![],
        units: vec![],
        positions: vec![],
        employees: vec![],
        regional_heads: Vec::new(),
        experience_fields: Vec::new(),
    };
    let mut leaves = Vec::new();
    for d in 0..4 {
        let dept = format!("dinas{d}");
        b.departments.push(DepartmentRecord {
            code: dept.clone(),
            name: format!("Dinas Tolok Ukur {d}"),
            kind: DepartmentKind::Office,
        });
        let unit = |b: &mut AgencyBundle,
                    code: &str,
                    parent: Option<&str>,
                    kind: UnitKind,
                    class: PositionClass| {
            b.units.push(UnitRecord {
                code: code.into(),
                department_code: dept.clone(),
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
        let root = format!("root{d}");
        unit(
            &mut b,
            &root,
            None,
            UnitKind::Department,
            PositionClass::Jpt,
        );
        for i in 0..5 {
            let bid = format!("bidang{d}-{i}");
            unit(
                &mut b,
                &bid,
                Some(&root),
                UnitKind::Field,
                PositionClass::Administrator,
            );
            for j in 0..2 {
                let s = format!("seksi{d}-{i}-{j}");
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
    }
    let mut seq = 0u32;
    let mut person = |b: &mut AgencyBundle, position: &str, grade: &str, equalized: bool| {
        seq += 1;
        b.employees.push(EmployeeRecord {
            nip: Nip::parse(&nip_of(seq)).expect("generated NIP is valid"),
            name: format!("Pegawai Fiktif {seq}"),
            front_title: String::new(),
            back_title: "S.E.".into(),
            employment_type: EmploymentType::Pns,
            grade: Grade::parse(grade, false).expect("valid grade"),
            education: Education::S1,
            position_code: Some(position.to_string()),
            acting_position_code: None,
            acting_kind: None,
            from_equalization: equalized,
            ratings: vec![YearRating {
                year: 2026,
                rating: if seq.is_multiple_of(4) {
                    PerformanceRating::Kurang
                } else {
                    PerformanceRating::Baik
                },
            }],
            experience: vec![Experience {
                field: "Kesehatan".into(),
                years: (seq % 5) as u8,
            }],
        });
    };
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
        person(&mut b, &code, grade, false);
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
        person(
            &mut b,
            &code,
            if i % 5 == 0 { "II/c" } else { "III/a" },
            jf && i % 50 == 1,
        );
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
    let bundle = agency(2_000);
    let started = Instant::now();
    let summary = store.import_agency(&bundle, "bench").await.expect("import");
    println!(
        "import of {} employees (with placement): {:.0} ms on {:?}",
        summary.employees,
        started.elapsed().as_secs_f64() * 1000.0,
        store.backend()
    );
    let head_nip = nip_of(1);
    let head = store
        .employees(&sikerja_storage::EmployeeFilter {
            search: Some(head_nip.clone()),
            limit: 1,
            ..Default::default()
        })
        .await
        .expect("employees")
        .items[0]
        .clone();
    let hash = sikerja_web::auth::hash_password(PASSWORD.into())
        .await
        .expect("hash");
    store
        .set_password(head.employee.id, &hash, false)
        .await
        .expect("password");
    let app = sikerja_web::router(sikerja_web::AppState {
        store,
        demo_mode: false,
        secure_cookies: false,
        demo_sign_ins: Default::default(),
        letters: Default::default(),
        proxy: Default::default(),
        files: std::sync::Arc::new(sikerja_files::FileStore::in_memory()),
    });
    let cookie = common::sign_in(&app, &head_nip, PASSWORD).await;
    let base = "/penugasan/baru?field=Kesehatan&start=2027-02-01&until=2027-06-30&title=Tim+Uji";
    for (label, path) in [
        ("the first page", base.to_string()),
        ("a search by unit", format!("{base}&q=unit+seksi1-2")),
        (
            "page 3 with three ticked",
            format!("{base}&page=3&member=300&member=301&member=302"),
        ),
    ] {
        let mut times = Vec::new();
        let mut bytes = 0;
        let mut shown = String::new();
        for _ in 0..30 {
            let t = Instant::now();
            let res = app
                .clone()
                .oneshot(
                    Request::get(&path)
                        .header("cookie", &cookie)
                        .body(Body::empty())
                        .expect("request"),
                )
                .await
                .expect("response");
            assert!(res.status().is_success(), "{path}: {}", res.status());
            let body = res.into_body().collect().await.expect("body").to_bytes();
            bytes = body.len();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            let html = String::from_utf8_lossy(&body);
            shown = html
                .split("id=\"jumlah-calon\">")
                .nth(1)
                .and_then(|rest| rest.split('<').next())
                .unwrap_or("(no count)")
                .to_string();
        }
        times.sort_by(f64::total_cmp);
        println!(
            "/penugasan/baru, {label}: median {:.1} ms, p95 {:.1} ms, {} KiB — {shown}",
            times[times.len() / 2],
            times[times.len() * 95 / 100],
            bytes / 1024,
        );
    }
}
