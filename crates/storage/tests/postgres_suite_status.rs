//! Says loudly whether the storage conformance suite ran on PostgreSQL. In CI
//! (`SIKERJA_REQUIRE_SERVICES=1`) a missing or unreachable PostgreSQL fails here instead of
//! passing silently — also in CI's SQLite pass, which keeps the server configured and forces
//! SQLite with `SIKERJA_TEST_BACKEND=sqlite`.

use sikerja_storage::testing::{
    DATABASE_URL_VAR, REQUIRE_SERVICES_VAR, backend_banner, configured_postgres_url,
};

#[tokio::test]
async fn postgres_suite_status() {
    eprintln!("{}", backend_banner());
    let required = std::env::var(REQUIRE_SERVICES_VAR).is_ok_and(|v| v == "1");
    let line = "!".repeat(78);
    let Some(url) = configured_postgres_url() else {
        eprintln!(
            "\n{line}\n!! THE STORAGE SUITE DID NOT RUN ON POSTGRESQL: {DATABASE_URL_VAR} is not set.\n!! Only SQLite was tested.\n{line}\n"
        );
        assert!(
            !required,
            "{REQUIRE_SERVICES_VAR}=1 but {DATABASE_URL_VAR} is not set: PostgreSQL is required"
        );
        return;
    };
    if required {
        let reachable = sea_orm::Database::connect(url.as_str()).await;
        assert!(
            reachable.is_ok(),
            "{REQUIRE_SERVICES_VAR}=1 but PostgreSQL at {DATABASE_URL_VAR} is unreachable: {:?}",
            reachable.err()
        );
    }
}
