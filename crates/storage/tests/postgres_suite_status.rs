//! Says loudly whether the storage conformance suite ran on PostgreSQL. In CI
//! (`SIKERJA_REQUIRE_SERVICES=1`) a missing PostgreSQL fails here instead of passing silently.

use sikerja_storage::testing::{
    DATABASE_URL_VAR, REQUIRE_SERVICES_VAR, backend_banner, postgres_url,
};

#[test]
fn postgres_suite_status() {
    eprintln!("{}", backend_banner());
    if postgres_url().is_some() {
        return;
    }
    let required = std::env::var(REQUIRE_SERVICES_VAR).is_ok_and(|v| v == "1");
    let line = "!".repeat(78);
    eprintln!(
        "\n{line}\n!! THE STORAGE SUITE DID NOT RUN ON POSTGRESQL: {DATABASE_URL_VAR} is not set.\n!! Only SQLite was tested.\n{line}\n"
    );
    assert!(
        !required,
        "{REQUIRE_SERVICES_VAR}=1 but {DATABASE_URL_VAR} is not set: PostgreSQL is required"
    );
}
