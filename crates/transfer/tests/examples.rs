//! The example files in `examples/` hold the demo's small agency and stay true: this test
//! writes them when they are missing or out of date, and checks that both read back, validate
//! and are equal to the agency they describe.

use std::path::PathBuf;

use sikerja_domain::bundle::AgencyBundle;
use sikerja_transfer::{ImportErrors, read_json, read_xlsx, write_json, write_xlsx};

type Reader = fn(&[u8]) -> Result<AgencyBundle, ImportErrors>;

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

#[test]
fn example_files_are_valid_and_current() {
    let agency = sikerja_demo::small_agency();
    agency.validate().expect("the small agency is valid");
    assert!(
        (15..=30).contains(&agency.employees.len()),
        "{}",
        agency.employees.len()
    );
    let dir = examples();
    std::fs::create_dir_all(&dir).expect("examples folder");

    let json = dir.join("agency-small.json");
    let current = std::fs::read(&json).ok().and_then(|b| read_json(&b).ok());
    if current.as_ref() != Some(&agency) {
        std::fs::write(&json, write_json(&agency)).expect("written");
    }
    let xlsx = dir.join("agency-small.xlsx");
    let current = std::fs::read(&xlsx).ok().and_then(|b| read_xlsx(&b).ok());
    if current.as_ref() != Some(&agency) {
        std::fs::write(&xlsx, write_xlsx(&agency).expect("xlsx")).expect("written");
    }

    for (path, read) in [(json, read_json as Reader), (xlsx, read_xlsx as Reader)] {
        let bytes = std::fs::read(&path).expect("example file");
        let bundle = read(&bytes).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        assert_eq!(bundle.validate(), Ok(()));
        assert_eq!(bundle, agency, "{} is out of date", path.display());
    }
}
