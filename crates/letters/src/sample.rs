//! A sample letter of each kind, and a sample evaluation document, with fictional people: to
//! check a template override at start-up and to preview a template.

use sikerja_domain::assignment::Day;
use sikerja_domain::workflow::{
    Involvement, LetterFacts, LetterKind, LetterMember, LetterParty, WorkflowKind, compose,
};

use sikerja_domain::performance::{
    CoreValue, ExpectationLevel, OrganisationRating, PerformanceRating, PeriodKind,
};

use crate::evaluation::{
    EvaluationBehaviour, EvaluationDocument, EvaluationIndicator, EvaluationPeriod,
    EvaluationPerson, EvaluationResultPlan,
};
use crate::model::{Letter, Letterhead};
use crate::options::LetterOptions;

impl Letter {
    /// A letter of `kind` dated `date`, with two fictional people and a fictional letterhead:
    /// for previewing and checking a template.
    pub fn sample(kind: LetterKind, date: Day) -> Letter {
        let until = date.add_months(5).unwrap_or(date);
        let member = |name: &str, nip: &str, position: &str, role: &str| LetterMember {
            name: name.into(),
            nip: nip.into(),
            position: position.into(),
            unit: "Dinas Contoh".into(),
            department: "Dinas Contoh".into(),
            agency: String::new(),
            role: role.into(),
            from: date,
            until,
        };
        let workflow = match kind {
            LetterKind::SuratTugas => WorkflowKind::WithinUnitAppointment,
            LetterKind::RegentDecree => WorkflowKind::CrossAgencyAppointment,
            _ => WorkflowKind::CrossUnitAppointment,
        };
        let facts = LetterFacts {
            workflow,
            assignment_title: "Contoh Kegiatan".into(),
            field: String::new(),
            owner_unit: "Dinas Contoh".into(),
            owner_agency: "Pemerintah Kabupaten Contoh".into(),
            place: "Martapura".into(),
            date,
            signer: LetterParty {
                position: "Kepala Dinas Contoh".into(),
                name: "Nama Penandatangan, S.T.".into(),
                nip: Some("197001011995031001".into()),
                rank: Some("Pembina (IV/a)".into()),
                unit: "Dinas Contoh".into(),
            },
            addressees: vec!["Kepala Badan Contoh".into()],
            involvement: Some(Involvement {
                purpose: "Contoh tujuan".into(),
                competence: "Contoh kompetensi".into(),
                expected_targets: "Contoh target".into(),
                duration: "6 (enam) bulan".into(),
            }),
            members: vec![
                member(
                    "Nama Ketua, S.Kom.",
                    "198801012010011001",
                    "Pranata Komputer Ahli Muda",
                    "Ketua Tim",
                ),
                member(
                    "Nama Anggota, A.Md.",
                    "199202022015032002",
                    "Pengolah Data",
                    "Anggota",
                ),
            ],
            reasons: None,
            copies: vec!["Sekretaris Dinas Contoh".into()],
            team: true,
        };
        let letterhead = Letterhead {
            logo_png: None,
            names: vec!["PEMERINTAH KABUPATEN CONTOH".into(), "DINAS CONTOH".into()],
            address: "Jalan Contoh Nomor 1, Martapura".into(),
            contacts: vec!["Telepon (0511) 000000, Pos-el contoh@contoh.go.id".into()],
        };
        Letter::new(
            &compose(kind, false, facts),
            letterhead,
            LetterOptions::default(),
        )
    }
}

impl EvaluationDocument {
    /// The evaluation document of a fictional employee for the fourth quarter of 2026, rated
    /// *Baik*: for previewing the template, the demo and the tests.
    pub fn sample() -> EvaluationDocument {
        // Constant, valid dates.
        let day = |m: u8, d: u8| Day::new(2026, m, d).expect("a valid date of 2026");
        let person =
            |name: &str, nip: &str, rank: &str, position: &str, unit: &str| EvaluationPerson {
                name: name.into(),
                nip: nip.into(),
                rank: rank.into(),
                position: position.into(),
                unit: unit.into(),
            };
        let indicator = |indicator: &str, target: &str, realisation: &str| EvaluationIndicator {
            indicator: indicator.into(),
            target: target.into(),
            realisation: realisation.into(),
        };
        let behaviour = CoreValue::ALL
            .iter()
            .map(|v| {
                let (level, evidence) = match v {
                    CoreValue::Competent => (
                        ExpectationLevel::Above,
                        "Melatih tiga rekan tim memakai aplikasi dasbor data tanpa diminta.",
                    ),
                    _ => (ExpectationLevel::Meets, ""),
                };
                EvaluationBehaviour {
                    core_value: *v,
                    expectation: match v {
                        CoreValue::ServiceOriented => {
                            "Menjawab permintaan data perangkat daerah paling lambat tiga hari kerja."
                        }
                        CoreValue::Collaborative => {
                            "Aktif dalam tim kerja lintas bidang yang ditugaskan."
                        }
                        _ => "",
                    }
                    .into(),
                    evidence: evidence.into(),
                    level: Some(level),
                }
            })
            .collect();
        EvaluationDocument {
            agency: "Pemerintah Kabupaten Contoh".into(),
            period: EvaluationPeriod {
                year: 2026,
                kind: PeriodKind::Quarter,
                number: 4,
                starts: day(10, 1),
                ends: day(12, 31),
            },
            employee: person(
                "Nama Pegawai, S.Kom.",
                "198801012010011001",
                "Penata (III/c)",
                "Pranata Komputer Ahli Muda",
                "Bidang Statistik, Dinas Contoh",
            ),
            assessor: person(
                "Nama Penilai, S.T., M.T.",
                "197910182005011002",
                "Pembina (IV/a)",
                "Kepala Bidang Statistik",
                "Bidang Statistik, Dinas Contoh",
            ),
            assessor_superior: Some(person(
                "Nama Atasan Penilai, S.E., M.M.",
                "197204111998031005",
                "Pembina Utama Muda (IV/c)",
                "Kepala Dinas Contoh",
                "Dinas Contoh",
            )),
            organisation_rating: Some(OrganisationRating::Good),
            results: vec![
                EvaluationResultPlan {
                    result_plan: "Tersedianya data statistik sektoral yang mutakhir".into(),
                    indicators: vec![
                        indicator(
                            "Jumlah dataset sektoral yang dimutakhirkan",
                            "12 dataset",
                            "12 dataset",
                        ),
                        indicator(
                            "Persentase dataset yang lolos pemeriksaan mutu",
                            "90%",
                            "92%",
                        ),
                    ],
                    feedback: "Pemutakhiran tepat waktu; pertahankan pemeriksaan mutu sebelum \
                               publikasi."
                        .into(),
                },
                EvaluationResultPlan {
                    result_plan: "Terselenggaranya layanan permintaan data".into(),
                    indicators: vec![indicator(
                        "Permintaan data yang dijawab paling lambat tiga hari kerja",
                        "100%",
                        "95%",
                    )],
                    feedback: "Dua permintaan terlambat karena menunggu data dari perangkat \
                               daerah lain; catat penyebabnya pada laporan."
                        .into(),
                },
            ],
            results_level: Some(ExpectationLevel::Meets),
            behaviour,
            behaviour_level: Some(ExpectationLevel::Meets),
            performance_rating: Some(PerformanceRating::Baik),
            place: "Martapura".into(),
            date: day(12, 31),
        }
    }
}
