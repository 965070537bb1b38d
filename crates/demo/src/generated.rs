//! Synthetic agencies of any size for benchmarks: the departments of the demo regency repeated
//! under numbered codes until the requested number of employees is reached.

use sikerja_domain::bundle::{AgencyBundle, AgencyRecord};
use sikerja_domain::org::AgencyKind;
use sikerja_domain::organisation::AgencyPolicy;

use crate::banjar::districts;
use crate::banjar_offices::*;
use crate::builder::Builder;
use crate::kecamatan::{self, Quirks};
use crate::offices::{self, Office};
use crate::{rsud, setda};

const OFFICES: [&Office; 12] = [
    &SETWAN,
    &INSPEKTORAT,
    &DISDIKBUD,
    &DINKES,
    &PUPR,
    &DISKOMINFOSTAT,
    &BKPSDM,
    &DINSOS,
    &BAPPEDALITBANG,
    &BPKPAD,
    &SATPOL_PP,
    &DPMPTSP,
];

/// A synthetic agency of exactly `employees` people (see [`crate::generated_agency`]).
pub(crate) fn build(employees: usize, seed: u64) -> AgencyBundle {
    let mut b = Builder::new(
        AgencyRecord {
            code: format!("sintetis-{seed}"),
            name: format!("Instansi Sintetis {seed}"),
            kind: AgencyKind::RegionalGovernment,
            seat: "Martapura".into(),
            address: "Data sintetis untuk uji kinerja — bukan data pegawai sebenarnya".into(),
            policy: AgencyPolicy::default(),
        },
        seed,
    );
    b.with_known = false;
    let full = |b: &Builder| b.bundle.employees.len() >= employees;
    let mut round = 0usize;
    'outer: while !full(&b) {
        round += 1;
        setda::build(
            &mut b,
            &format!("setda-{round}"),
            &format!("Sekretariat Daerah {round}"),
        );
        for o in OFFICES {
            if full(&b) {
                break 'outer;
            }
            let name = format!("{} {round}", o.name);
            offices::build_as(&mut b, o, &format!("{}-{round}", o.code), &name);
        }
        if full(&b) {
            break;
        }
        rsud::build(
            &mut b,
            &format!("rsud-{round}"),
            &format!("Rumah Sakit Umum Daerah {round}"),
            2,
        );
        for (code, name, q) in districts() {
            if full(&b) {
                break 'outer;
            }
            let q = Quirks { camat: None, ..q };
            kecamatan::build(
                &mut b,
                &format!("{code}-{round}"),
                &format!("{name} {round}"),
                q,
            );
        }
    }
    let mut bundle = b.finish();
    // The last department may overshoot: its last posts stay vacant.
    bundle.employees.truncate(employees);
    bundle
}
