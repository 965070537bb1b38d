//! `sikerja bench generate` (issue 18 point 3, issue 19 point 5): the same seed gives the same
//! data (counts and NIPs), and a small generated agency has its placements, its Bupati and the
//! activity the dashboards aggregate. Runs the binary on the test database
//! (`SIKERJA_TEST_DATABASE_URL`: PostgreSQL, else a SQLite file).

use std::process::Command;

use sikerja_storage::testing::{TEST_AUDIT_KEY, TestStore, fresh_store};
use sikerja_storage::{EmployeeFilter, PlacementFilter, PlacementStatus};

/// Runs `sikerja bench generate` on `db` and returns what it printed.
fn generate(db: &TestStore, agencies: &str, employees: &str, seed: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = Command::new(env!("CARGO_BIN_EXE_sikerja"))
        .args([
            "bench",
            "generate",
            "--agencies",
            agencies,
            "--employees",
            employees,
            "--seed",
            seed,
        ])
        .env_remove("SIKERJA_LISTEN")
        .env("SIKERJA_DATABASE_URL", db.url())
        .env("SIKERJA_AUDIT_KEY", TEST_AUDIT_KEY)
        .env(
            "SIKERJA_AUDIT_CHECKPOINT_FILE",
            db.audit_settings().checkpoint_file,
        )
        .env("RUST_LOG", "warn")
        .current_dir(dir.path())
        .output()
        .expect("binary runs");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

/// What a generated database holds, in a comparable form.
#[derive(Debug, PartialEq)]
struct Shape {
    agencies: Vec<String>,
    employees: Vec<u64>,
    first_nips: Vec<String>,
    placed: usize,
    unresolved: usize,
    agreements: usize,
}

async fn shape(db: &TestStore) -> Shape {
    let store = db.store();
    let agencies = store.agencies().await.expect("agencies");
    let mut s = Shape {
        agencies: agencies.iter().map(|a| a.code.clone()).collect(),
        employees: Vec::new(),
        first_nips: Vec::new(),
        placed: 0,
        unresolved: 0,
        agreements: 0,
    };
    for a in &agencies {
        let page = store
            .employees(&EmployeeFilter {
                agency: Some(a.id),
                limit: 5,
                ..Default::default()
            })
            .await
            .expect("employees");
        s.employees.push(page.total);
        s.first_nips.extend(
            page.items
                .iter()
                .map(|e| e.employee.nip.as_str().to_string()),
        );
        for (status, count) in [
            (PlacementStatus::Placed, &mut s.placed),
            (PlacementStatus::Unresolved, &mut s.unresolved),
        ] {
            *count += store
                .placements(&PlacementFilter {
                    agency: Some(a.id),
                    status: Some(status),
                    ..Default::default()
                })
                .await
                .expect("placements")
                .len();
        }
        s.agreements += store
            .agreements(&sikerja_storage::planning::AgreementFilter {
                agency: Some(a.id),
                ..Default::default()
            })
            .await
            .expect("agreements")
            .len();
    }
    s
}

#[tokio::test]
async fn the_same_seed_generates_the_same_agencies() {
    let (a, b, c) = (
        fresh_store().await,
        fresh_store().await,
        fresh_store().await,
    );
    let printed = generate(&a, "2", "300", "7");
    generate(&b, "2", "300", "7");
    generate(&c, "2", "300", "8");
    let (sa, sb, sc) = (shape(&a).await, shape(&b).await, shape(&c).await);
    assert_eq!(sa, sb);
    assert_eq!(sa.agencies, ["sintetis-0001", "sintetis-0002"]);
    assert_eq!(sa.employees, [300, 300]);
    assert_eq!(sa.first_nips.len(), 10);
    assert_ne!(sa.first_nips, sc.first_nips, "another seed, other people");
    // Two agencies: no NIP twice (a refused import would have failed the command).
    assert!(
        printed.contains("Selesai: 2 instansi, 600 pegawai"),
        "{printed}"
    );
}

#[tokio::test]
async fn a_small_generated_agency_has_placements_its_bupati_and_activity() {
    let db = fresh_store().await;
    let printed = generate(&db, "1", "300", "1");
    assert!(printed.contains("impor dan kedudukan"), "{printed}");
    let s = shape(&db).await;
    assert_eq!(s.employees, [300]);
    assert!(s.placed > 200, "{s:?}");
    assert!(s.agreements > 0, "{s:?}");
    let store = db.store();
    let agency = store.agency_by_code("sintetis-0001").await.expect("agency");
    assert_eq!(agency.name, "Pemerintah Kabupaten Sintetis 0001");
    let heads = store
        .regional_heads(agency.id)
        .await
        .expect("regional heads");
    assert!(
        heads.iter().any(|h| h.username == "bupati.sintetis-0001"),
        "{heads:?}"
    );
}
