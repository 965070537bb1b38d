//! A sample letter of each kind, with fictional people: to check a template override at
//! start-up and to preview a template.

use sikerja_domain::assignment::Day;
use sikerja_domain::workflow::{
    Involvement, LetterFacts, LetterKind, LetterMember, LetterParty, WorkflowKind, compose,
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
