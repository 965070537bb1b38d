//! Test support: a fresh store per test (SQLite, or PostgreSQL when
//! `SIKERJA_TEST_DATABASE_URL` is set), a small agency built here, and helpers to send requests
//! and read pages by CSS selector.
#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use http_body_util::BodyExt;
use scraper::{Html, Selector};
use sikerja_domain::bundle::{
    AgencyBundle, AgencyRecord, DepartmentRecord, EmployeeRecord, PositionRecord, UnitRecord,
};
use sikerja_domain::education::Education;
use sikerja_domain::org::{
    ActingKind, AgencyKind, DepartmentKind, EmploymentType, FunctionalLevel, PerformanceRating,
    PositionClass, UnitKind,
};
use sikerja_domain::organisation::{AgencyPolicy, Experience, YearRating};
use sikerja_domain::{Grade, Nip};
use sikerja_storage::testing::{TestStore, fresh_store};
use sikerja_web::{AppState, router};
use tower::ServiceExt;

/// NIPs of the people of the test agency, by role.
pub mod nip {
    pub const KADIS: &str = "197001012000031001";
    pub const SEKRETARIS: &str = "197202022001032002";
    pub const KASUBAG: &str = "197503032002031003";
    pub const KABID: &str = "197604042003032004";
    pub const AHLI_PERTAMA: &str = "199001012015031005";
    pub const AHLI_MUDA: &str = "198801012012032006";
    pub const AHLI_MADYA: &str = "198001012005031007";
    pub const PELAKSANA: &str = "199505052020032008";
    pub const AHLI_UTAMA: &str = "196805052000031009";
    pub const SCRIPT: &str = "199606062021031010";
    pub const PLT_KASI: &str = "198606062010031011";
}

/// A running application over a fresh database.
pub struct TestApp {
    pub store: TestStore,
    pub router: Router,
}

/// A fresh store with the test agency imported.
pub async fn app() -> TestApp {
    app_with(&[test_agency()]).await
}

/// A fresh store with the given agencies imported.
pub async fn app_with(bundles: &[AgencyBundle]) -> TestApp {
    static BANNER: std::sync::Once = std::sync::Once::new();
    BANNER.call_once(|| eprintln!("{}", sikerja_storage::testing::backend_banner()));
    let store = fresh_store().await;
    for b in bundles {
        store
            .import_agency(b, "test")
            .await
            .expect("test agency imports");
    }
    let state = AppState {
        store: (*store).clone(),
        demo_mode: true,
    };
    TestApp {
        router: router(state),
        store,
    }
}

impl TestApp {
    /// Sends a request and returns status, headers and body.
    pub async fn send(&self, request: Request<Body>) -> (StatusCode, Response<()>, Vec<u8>) {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers");
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.expect("body").to_bytes().to_vec();
        (parts.status, Response::from_parts(parts, ()), bytes)
    }

    pub async fn get(&self, uri: &str) -> (StatusCode, String) {
        let (status, _, body) = self.send(get(uri)).await;
        (status, String::from_utf8(body).expect("utf-8"))
    }

    /// GETs a page that must answer 200 and parses it.
    pub async fn page(&self, uri: &str) -> Html {
        let (status, body) = self.get(uri).await;
        assert_eq!(status, StatusCode::OK, "GET {uri}: {body}");
        Html::parse_document(&body)
    }

    pub async fn json(&self, uri: &str) -> (StatusCode, serde_json::Value) {
        let (status, body) = self.get(uri).await;
        let value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{uri}: {e}: {body}"));
        (status, value)
    }

    /// The id of the department with this code.
    pub async fn department_id(&self, code: &str) -> i64 {
        let all = self.store.departments(None).await.expect("departments");
        all.iter()
            .find(|d| d.department.code == code)
            .map(|d| d.department.id.0)
            .unwrap_or_else(|| panic!("department {code}"))
    }

    /// The id of the employee with this NIP.
    pub async fn employee_id(&self, nip: &str) -> i64 {
        let nip = Nip::parse(nip).expect("nip");
        self.store
            .employee_by_nip(&nip)
            .await
            .expect("employee")
            .employee
            .id
            .0
    }

    /// The id of the position with this code in a department.
    pub async fn position_id(&self, department: i64, code: &str) -> i64 {
        let positions = self
            .store
            .positions(sikerja_domain::organisation::DepartmentId(department))
            .await
            .expect("positions");
        positions
            .iter()
            .find(|p| p.position.code == code)
            .map(|p| p.position.id.0)
            .unwrap_or_else(|| panic!("position {code}"))
    }
}

pub fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).expect("request")
}

pub fn post_form(uri: &str, fields: &[(&str, &str)]) -> Request<Body> {
    let body = serde_urlencoded::to_string(fields).expect("form");
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .expect("request")
}

pub fn post_json(uri: &str, value: &serde_json::Value) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(value.to_string()))
        .expect("request")
}

/// Parses a CSS selector (test code: a bad selector is a bug in the test).
pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e:?}"))
}

/// The trimmed, whitespace-collapsed text of the first match.
pub fn text(html: &Html, selector: &str) -> Option<String> {
    html.select(&sel(selector))
        .next()
        .map(|e| collapse(&e.text().collect::<String>()))
}

/// The texts of every match.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    html.select(&sel(selector))
        .map(|e| collapse(&e.text().collect::<String>()))
        .collect()
}

pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn unit(code: &str, parent: Option<&str>, name: &str, kind: UnitKind, org: bool) -> UnitRecord {
    UnitRecord {
        code: code.into(),
        department_code: "dinkes".into(),
        parent_code: parent.map(Into::into),
        name: name.into(),
        kind,
        is_org_unit: org,
    }
}

fn position(
    code: &str,
    unit: &str,
    name: &str,
    class: PositionClass,
    head: bool,
    level: Option<FunctionalLevel>,
) -> PositionRecord {
    PositionRecord {
        code: code.into(),
        unit_code: unit.into(),
        name: name.into(),
        class,
        is_head: head,
        functional_level: level,
        substance: None,
    }
}

fn employee(nip: &str, name: &str, grade: &str, position: Option<&str>) -> EmployeeRecord {
    EmployeeRecord {
        nip: Nip::parse(nip).expect("test NIP"),
        name: name.into(),
        front_title: String::new(),
        back_title: "S.E.".into(),
        employment_type: EmploymentType::Pns,
        grade: Grade::parse(grade, false).expect("test grade"),
        education: Education::S1,
        position_code: position.map(Into::into),
        acting_position_code: None,
        acting_kind: None,
        from_equalization: false,
        ratings: vec![YearRating {
            year: 2024,
            rating: PerformanceRating::Baik,
        }],
        experience: vec![Experience {
            field: "Kesehatan".into(),
            years: 5,
        }],
    }
}

/// A small Dinas (Lampiran I.B) with one case for each of KED-01..04, an unresolved Ahli
/// Utama (KED-09), a vacant Kepala Seksi with a Plt., and an employee whose name is markup.
pub fn test_agency() -> AgencyBundle {
    use FunctionalLevel::*;
    use PositionClass::*;
    let mut plt = employee(nip::PLT_KASI, "Rahmat Hidayat", "III/c", Some("pel-seksi"));
    plt.acting_position_code = Some("kasi-yankes".into());
    plt.acting_kind = Some(ActingKind::Plt);
    AgencyBundle {
        agency: AgencyRecord {
            code: "kab-uji".into(),
            name: "Pemerintah Kabupaten Uji".into(),
            kind: AgencyKind::RegionalGovernment,
            seat: "Martapura".into(),
            address: "Jl. Uji No. 1".into(),
            policy: AgencyPolicy::default(),
        },
        departments: vec![DepartmentRecord {
            code: "dinkes".into(),
            name: "Dinas Kesehatan".into(),
            kind: DepartmentKind::Office,
        }],
        units: vec![
            unit(
                "u-dinkes",
                None,
                "Dinas Kesehatan",
                UnitKind::Department,
                true,
            ),
            unit(
                "u-sekre",
                Some("u-dinkes"),
                "Sekretariat",
                UnitKind::Secretariat,
                false,
            ),
            unit(
                "u-umum",
                Some("u-sekre"),
                "Sub Bagian Umum",
                UnitKind::SubDivision,
                false,
            ),
            unit(
                "u-yankes",
                Some("u-dinkes"),
                "Bidang Pelayanan Kesehatan",
                UnitKind::Field,
                false,
            ),
            unit(
                "u-rujukan",
                Some("u-yankes"),
                "Seksi Rujukan",
                UnitKind::Section,
                false,
            ),
        ],
        positions: vec![
            position(
                "kadis",
                "u-dinkes",
                "Kepala Dinas Kesehatan",
                Jpt,
                true,
                None,
            ),
            position(
                "sekretaris",
                "u-sekre",
                "Sekretaris",
                Administrator,
                true,
                None,
            ),
            position(
                "kasubag-umum",
                "u-umum",
                "Kepala Sub Bagian Umum",
                Pengawas,
                true,
                None,
            ),
            position(
                "kabid-yankes",
                "u-yankes",
                "Kepala Bidang Pelayanan Kesehatan",
                Administrator,
                true,
                None,
            ),
            position(
                "kasi-yankes",
                "u-rujukan",
                "Kepala Seksi Rujukan",
                Pengawas,
                true,
                None,
            ),
            position(
                "jf-pertama",
                "u-umum",
                "Pranata Komputer Ahli Pertama",
                Fungsional,
                false,
                Some(AhliPertama),
            ),
            position(
                "jf-muda",
                "u-yankes",
                "Administrator Kesehatan Ahli Muda",
                Fungsional,
                false,
                Some(AhliMuda),
            ),
            position(
                "jf-madya",
                "u-yankes",
                "Administrator Kesehatan Ahli Madya",
                Fungsional,
                false,
                Some(AhliMadya),
            ),
            position(
                "jf-utama",
                "u-dinkes",
                "Analis Kebijakan Ahli Utama",
                Fungsional,
                false,
                Some(AhliUtama),
            ),
            position(
                "pel-umum",
                "u-umum",
                "Pengadministrasi Umum",
                Pelaksana,
                false,
                None,
            ),
            position(
                "pel-umum-2",
                "u-umum",
                "Pengelola Arsip",
                Pelaksana,
                false,
                None,
            ),
            position(
                "pel-seksi",
                "u-rujukan",
                "Pengelola Data Rujukan",
                Pelaksana,
                false,
                None,
            ),
            position(
                "jf-kosong",
                "u-umum",
                "Arsiparis Ahli Muda",
                Fungsional,
                false,
                Some(AhliMuda),
            ),
        ],
        employees: vec![
            employee(nip::KADIS, "Hj. Siti Aminah", "IV/c", Some("kadis")),
            employee(nip::SEKRETARIS, "Nurul Huda", "IV/a", Some("sekretaris")),
            employee(nip::KASUBAG, "Ahmad Fauzi", "III/d", Some("kasubag-umum")),
            employee(nip::KABID, "Dewi Lestari", "IV/a", Some("kabid-yankes")),
            employee(
                nip::AHLI_PERTAMA,
                "Budi Santoso",
                "III/a",
                Some("jf-pertama"),
            ),
            employee(nip::AHLI_MUDA, "Rina Wulandari", "III/c", Some("jf-muda")),
            employee(nip::AHLI_MADYA, "Hendra Gunawan", "IV/a", Some("jf-madya")),
            employee(nip::PELAKSANA, "Maya Sari", "II/c", Some("pel-umum")),
            employee(
                nip::AHLI_UTAMA,
                "Bambang Prasetyo",
                "IV/d",
                Some("jf-utama"),
            ),
            employee(
                nip::SCRIPT,
                "<script>alert(1)</script>",
                "II/a",
                Some("pel-umum-2"),
            ),
            plt,
        ],
    }
}
