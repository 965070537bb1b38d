//! Complete cross-unit appointments (PEN-14, Gambar 1) per second through the HTTP API of a
//! real server on a TCP port: the Kepala Dinas drafts an individual assignment of a JF of
//! another Dinas and sends the involvement request; the JF's PPK decides, the head of their
//! Unit Organisasi recommends, the PPK composes, the head issues the Surat Penugasan; the Sekda
//! establishes it by Keputusan; the JF receives it. Nine HTTP calls per appointment, each a
//! signed-in official's session with its CSRF token, as a browser or another system would.
//! Issue target: at least 300 appointments per second on PostgreSQL on the 2-core machine.
//!
//! Run: `cargo bench -p sikerja --bench workflow_api` (SQLite in a temporary file), and with
//! `SIKERJA_BENCH_DATABASE_URL=postgres://…/dbname` for PostgreSQL. `SIKERJA_BENCH_APPOINTMENTS`
//! (default 600) and `SIKERJA_BENCH_CLIENTS` (default 16) set the load. Prints figures only.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};
use sikerja_domain::Nip;
use sikerja_domain::bundle::*;
use sikerja_domain::education::Education;
use sikerja_domain::grade::Grade;
use sikerja_domain::org::*;
use sikerja_domain::organisation::AgencyPolicy;

type Http = Client<HttpConnector, Full<Bytes>>;

const PASSWORD: &str = "tolok-ukur-123";
/// JF of the target Dinas, each received by its own session.
const PEOPLE: usize = 40;

fn government() -> AgencyBundle {
    let mut b = AgencyBundle {
        regional_heads: Vec::new(),
        experience_fields: Vec::new(),
        agency: AgencyRecord {
            code: "bench-wf".into(),
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
    };
    let mut seq = 0u32;
    let mut person = |b: &mut AgencyBundle, position: &str, grade: &str| -> String {
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
        nip
    };
    let department = |b: &mut AgencyBundle, code: &str, name: &str, kind| {
        b.departments.push(DepartmentRecord {
            code: code.into(),
            name: name.into(),
            kind,
        });
        b.units.push(UnitRecord {
            code: code.into(),
            department_code: code.into(),
            parent_code: None,
            name: name.into(),
            kind: UnitKind::Department,
            is_org_unit: true,
        });
        b.positions.push(PositionRecord {
            code: format!("kepala-{code}"),
            unit_code: code.into(),
            name: format!("Kepala {name}"),
            class: PositionClass::Jpt,
            is_head: true,
            functional_level: None,
            substance: None,
        });
    };
    department(
        &mut b,
        "setda",
        "Sekretariat Daerah",
        DepartmentKind::RegionalSecretariat,
    );
    department(&mut b, "dinas-a", "Dinas Pemohon", DepartmentKind::Office);
    department(&mut b, "dinas-b", "Dinas Dituju", DepartmentKind::Office);
    let sekda = person(&mut b, "kepala-setda", "IV/d");
    let head_a = person(&mut b, "kepala-dinas-a", "IV/c");
    let head_b = person(&mut b, "kepala-dinas-b", "IV/c");
    let mut people = Vec::new();
    for i in 0..PEOPLE {
        let code = format!("jf{i}");
        b.positions.push(PositionRecord {
            code: code.clone(),
            unit_code: "dinas-b".into(),
            name: "Perencana Ahli Madya".into(),
            class: PositionClass::Fungsional,
            is_head: false,
            functional_level: Some(FunctionalLevel::AhliMadya),
            substance: None,
        });
        people.push(person(&mut b, &code, "IV/a"));
    }
    // Remembered in the bundle order: Sekda, head A, head B, then the JF.
    let mut order = vec![sekda, head_a, head_b];
    order.extend(people);
    b.agency.address = order.join(",");
    b
}

/// A signed-in session: its cookie and CSRF token.
struct Session {
    cookie: String,
    csrf: String,
}

fn cookie_of<B>(res: &axum::http::Response<B>) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("sikerja_sesi="))
        .map(|v| v.split(';').next().unwrap_or_default().to_string())
}

fn csrf_in(html: &str) -> Option<String> {
    html.split("name=\"_csrf\" value=\"")
        .nth(1)
        .or_else(|| html.split("\"X-CSRF-Token\": \"").nth(1))
        .or_else(|| html.split("&#34;X-CSRF-Token&#34;: &#34;").nth(1))
        .and_then(|rest| rest.split(['"', '&']).next())
        .map(str::to_string)
}

async fn send(
    http: &Http,
    base: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<(&str, String)>,
) -> (u16, Option<String>, String) {
    let mut req = axum::http::Request::builder()
        .method(method)
        .uri(format!("{base}{path}"));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let body = match body {
        Some((kind, text)) => {
            req = req.header("content-type", kind);
            Full::new(Bytes::from(text))
        }
        None => Full::new(Bytes::new()),
    };
    let res = http
        .request(req.body(body).expect("request"))
        .await
        .expect("response");
    let status = res.status().as_u16();
    let cookie = cookie_of(&res);
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    (status, cookie, String::from_utf8_lossy(&bytes).into_owned())
}

async fn sign_in(http: &Http, base: &str, nip: &str) -> Session {
    let (_, cookie, html) = send(http, base, "GET", "/masuk", &[], None).await;
    let cookie = cookie.expect("a session for the form");
    let csrf = csrf_in(&html).expect("the form's CSRF token");
    let (status, renewed, body) = send(
        http,
        base,
        "POST",
        "/masuk",
        &[("cookie", &cookie)],
        Some((
            "application/x-www-form-urlencoded",
            format!("nip={nip}&password={PASSWORD}&_csrf={csrf}"),
        )),
    )
    .await;
    assert_eq!(status, 303, "signed in: {body}");
    let cookie = renewed.expect("the renewed session");
    let (_, _, html) = send(http, base, "GET", "/", &[("cookie", &cookie)], None).await;
    let csrf = csrf_in(&html).expect("the session's CSRF token");
    Session { cookie, csrf }
}

async fn call(http: &Http, base: &str, s: &Session, path: &str, body: Value) -> Value {
    let (status, _, text) = send(
        http,
        base,
        "POST",
        path,
        &[("cookie", &s.cookie), ("x-csrf-token", &s.csrf)],
        Some(("application/json", body.to_string())),
    )
    .await;
    assert!((200..300).contains(&status), "POST {path}: {status} {text}");
    if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).expect("JSON answer")
    }
}

struct World {
    http: Http,
    base: String,
    owner_unit: i64,
    head_a: Session,
    head_b: Session,
    sekda: Session,
    people: Vec<(i64, Session)>,
}

/// One whole appointment; returns the time of the draft and of the workflow.
async fn appointment(w: &World, n: usize) -> (Duration, Duration) {
    let (member, member_session) = &w.people[n % w.people.len()];
    let t0 = Instant::now();
    let draft = call(
        &w.http,
        &w.base,
        &w.head_a,
        "/api/v1/assignments",
        json!({
            "owner_unit": w.owner_unit,
            "title": format!("Kajian perencanaan {n}"),
            "field": "Perencanaan",
            "execution": "individual",
            "method": "appointment",
            "members": [{"employee": member, "role": "member", "from": "2027-02-01", "until": "2027-03-31"}],
        }),
    )
    .await;
    let id = draft["id"].as_i64().expect("assignment id");
    let t1 = Instant::now();
    let started = call(
        &w.http,
        &w.base,
        &w.head_a,
        &format!("/api/v1/assignments/{id}/request"),
        json!({
            "text": "Mohon pelibatan",
            "involvement": {
                "purpose": "Menyusun kajian perencanaan",
                "competence": "Perencanaan",
                "expected_targets": "Dokumen kajian",
                "duration": "2 bulan"
            }
        }),
    )
    .await;
    let request = started["id"].as_i64().expect("request id");
    let steps = format!("/api/v1/requests/{request}/steps");
    for (step, who) in [
        ("ppk_decision", &w.head_b),
        ("head_recommendation", &w.head_b),
        ("compose", &w.head_b),
        ("issue", &w.head_b),
        ("establish", &w.sekda),
        ("receive", member_session),
    ] {
        call(
            &w.http,
            &w.base,
            who,
            &steps,
            json!({"step": step, "refuse": false, "text": "Setuju"}),
        )
        .await;
    }
    (t1 - t0, t1.elapsed())
}

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v.get(v.len() / 2).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() {
    let url = std::env::var("SIKERJA_BENCH_DATABASE_URL").ok();
    let total: usize = std::env::var("SIKERJA_BENCH_APPOINTMENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(600);
    let clients: usize = std::env::var("SIKERJA_BENCH_CLIENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16);
    let dir = tempfile::tempdir().expect("temp dir");
    let url = url.unwrap_or_else(|| format!("sqlite://{}", dir.path().join("bench.db").display()));
    let store = sikerja_storage::Store::connect(&url)
        .await
        .expect("storage");
    let bundle = government();
    let nips: Vec<String> = bundle
        .agency
        .address
        .split(',')
        .map(str::to_string)
        .collect();
    store.import_agency(&bundle, "bench").await.expect("import");
    let hash = sikerja_web::auth::hash_password(PASSWORD.into())
        .await
        .expect("hash");
    let mut ids = Vec::new();
    for nip in &nips {
        let e = store
            .employee_by_nip(&Nip::parse(nip).expect("nip"))
            .await
            .expect("employee");
        store
            .set_password(e.employee.id, &hash, false)
            .await
            .expect("password");
        ids.push(e.employee.id.0);
    }
    let agency = store.agency_by_code("bench-wf").await.expect("agency");
    let owner_unit = store
        .load_organisation(agency.id)
        .await
        .expect("organisation")
        .units
        .iter()
        .find(|u| u.name == "Dinas Pemohon")
        .expect("owner unit")
        .id
        .0;
    let app = sikerja_web::router(sikerja_web::AppState {
        store: store.clone(),
        demo_mode: false,
        secure_cookies: false,
        demo_sign_ins: Default::default(),
        letters: Default::default(),
        proxy: Default::default(),
        files: std::sync::Arc::new(sikerja_files::FileStore::in_memory()),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("port");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .expect("server");
    });
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    let http: Http = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(clients * 2)
        .build(connector);
    let sekda = sign_in(&http, &base, &nips[0]).await;
    let head_a = sign_in(&http, &base, &nips[1]).await;
    let head_b = sign_in(&http, &base, &nips[2]).await;
    let mut people = Vec::new();
    for (nip, id) in nips.iter().zip(&ids).skip(3) {
        people.push((*id, sign_in(&http, &base, nip).await));
    }
    let world = Arc::new(World {
        http,
        base,
        owner_unit,
        head_a,
        head_b,
        sekda,
        people,
    });
    // Warm up (connections, statement caches).
    for n in 0..clients {
        appointment(&world, n).await;
    }
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        let w = world.clone();
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::new();
            let mut n = clients + c;
            while n < clients + total {
                times.push(appointment(&w, n).await);
                n += clients;
            }
            times
        }));
    }
    let mut drafts = Vec::new();
    let mut flows = Vec::new();
    for t in tasks {
        for (d, f) in t.await.expect("client") {
            drafts.push(d);
            flows.push(f);
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let done = flows.len();
    println!(
        "{done} cross-unit appointments (9 HTTP calls each) by {clients} clients on {:?}: {:.1} s, {:.0} appointments/s, {:.0} calls/s; median draft {:.1} ms, median request→received {:.1} ms",
        store.backend(),
        elapsed,
        done as f64 / elapsed,
        (done * 9) as f64 / elapsed,
        median(drafts),
        median(flows),
    );
}
