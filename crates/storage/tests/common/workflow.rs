//! The world of the workflow and letter tests: Dinkes of Kabupaten Banjar with Bappeda, a
//! Sekretariat Daerah and the Bupati; a cross-unit team of Dinkes with Bappeda's Perencana;
//! a second agency.

use sikerja_domain::Nip;
use sikerja_domain::access::RegionalHeadKind;
use sikerja_domain::assignment::{
    AssignmentDraft, AssignmentId, AssignmentMethod, Day, Member, MemberRole,
};
use sikerja_domain::bundle::RegionalHeadRecord;
use sikerja_domain::org::{DepartmentKind, FunctionalLevel, PositionClass, UnitKind};
use sikerja_domain::organisation::{AgencyId, EmployeeId, UnitId};
use sikerja_domain::planning::target::Execution;
use sikerja_domain::workflow::Involvement;
use sikerja_storage::planning::PlanningActor;
use sikerja_storage::testing::{TestStore, fresh_store};
use sikerja_storage::{AssignmentInput, AuditActor, RequestId, RequestStart, StepInput};

use super::{Builder, Dinkes, dinkes};

pub struct World {
    pub store: TestStore,
    pub agency: AgencyId,
    pub root: UnitId,
    pub d: Dinkes,
    /// JF Perencana Ahli Madya of Bappeda (another Unit Organisasi).
    pub perencana: Nip,
    pub ka_bappeda: Nip,
    pub sekda: Nip,
}

/// Adds a Sekretariat Daerah with its Sekda to a bundle.
pub fn with_setda(b: &mut Builder) -> Nip {
    b.department(
        "setda",
        "Sekretariat Daerah",
        DepartmentKind::RegionalSecretariat,
    )
    .unit(
        "setda",
        "setda",
        None,
        "Sekretariat Daerah",
        UnitKind::Department,
    )
    .head("sekda", "setda", "Sekretaris Daerah", PositionClass::Jpt);
    b.employee("Muhammad Ridwan", Some("sekda"))
}

impl World {
    pub async fn new() -> World {
        World::new_with(|_| {}).await
    }

    /// The world with a change to Dinkes before it is imported (a Plt., say).
    pub async fn new_with(change: impl FnOnce(&mut Dinkes)) -> World {
        let w = World::without_regional_head(change).await;
        w.store
            .upsert_regional_head(
                w.agency,
                RegionalHeadKind::Head,
                "Bupati Banjar",
                "H. Saidi Mansyur",
                "bupati",
                &AuditActor::new("sistem"),
            )
            .await
            .unwrap();
        w
    }

    /// The world as an import leaves it: no Bupati recorded (issue 14 point 4).
    pub async fn without_regional_head(change: impl FnOnce(&mut Dinkes)) -> World {
        World::imported(change, Vec::new()).await
    }

    /// The world imported from a file that lists the regional heads' terms (issue 14 point 4).
    pub async fn imported(
        change: impl FnOnce(&mut Dinkes),
        regional_heads: Vec<RegionalHeadRecord>,
    ) -> World {
        let store = fresh_store().await;
        let mut d = dinkes("kab-banjar");
        change(&mut d);
        let sekda = with_setda(&mut d.builder);
        let mut bundle = d.builder.build();
        bundle.regional_heads = regional_heads;
        let by_name = |name: &str| {
            bundle
                .employees
                .iter()
                .find(|e| e.name == name)
                .unwrap()
                .nip
                .clone()
        };
        let perencana = by_name("Agus Salim");
        let ka_bappeda = by_name("Fitri Handayani");
        let agency = store.import_agency(&bundle, "tester").await.unwrap().agency;
        let org = store.load_organisation(agency).await.unwrap();
        let root = org
            .units
            .iter()
            .find(|u| u.parent.is_none() && u.name == "Dinas Kesehatan")
            .unwrap()
            .id;
        World {
            store,
            agency,
            root,
            d,
            perencana,
            ka_bappeda,
            sekda,
        }
    }

    pub async fn id(&self, nip: &Nip) -> EmployeeId {
        self.store.employee_by_nip(nip).await.unwrap().employee.id
    }

    pub async fn actor(&self, nip: &Nip) -> PlanningActor {
        PlanningActor {
            employee: Some(self.id(nip).await),
            regional_head_of: None,
            audit: AuditActor::new(format!("NIP {}", nip.as_str())),
        }
    }

    pub fn bupati(&self) -> PlanningActor {
        PlanningActor {
            employee: None,
            regional_head_of: Some(self.agency),
            audit: AuditActor::new("Bupati Banjar"),
        }
    }

    pub async fn member(&self, nip: &Nip, role: MemberRole) -> Member {
        Member {
            employee: self.id(nip).await,
            role,
            from: Day::parse("2026-03-01").unwrap(),
            until: Day::parse("2026-06-30").unwrap(),
        }
    }

    /// A cross-unit team of Dinkes led by its JF Ahli Muda with Bappeda's Perencana.
    pub async fn cross_unit_team(&self) -> AssignmentId {
        let input = AssignmentInput {
            draft: AssignmentDraft {
                id: None,
                execution: Execution::Team,
                owner_unit: self.root,
                owner_agency: self.agency,
                method: AssignmentMethod::Appointment,
                members: vec![
                    self.member(&self.d.ahli_muda, MemberRole::TeamLead).await,
                    self.member(&self.perencana, MemberRole::Member).await,
                ],
                responsible_official: None,
                field: "Kesehatan".into(),
                team_lead_reason: Some("Menguasai data rujukan".into()),
            },
            title: "Tim Perencanaan Layanan Rujukan".into(),
            target: None,
        };
        let kadis = self.actor(&self.d.kadis).await;
        self.store.create_assignment(&input, &kadis).await.unwrap()
    }

    /// A running within-unit team of Dinkes (its Surat Tugas issued and received): the JF Ahli
    /// Muda of the Bidang leads the Pelaksana and the JF Ahli Pertama of the Seksi.
    #[allow(dead_code)] // not every test binary uses it
    pub async fn running_team(&self) -> AssignmentId {
        let kadis = self.actor(&self.d.kadis).await;
        let input = AssignmentInput {
            draft: AssignmentDraft {
                id: None,
                execution: Execution::Team,
                owner_unit: self.root,
                owner_agency: self.agency,
                method: AssignmentMethod::Appointment,
                members: vec![
                    self.member(&self.d.ahli_muda, MemberRole::TeamLead).await,
                    self.member(&self.d.pelaksana, MemberRole::Member).await,
                    self.member(&self.d.ahli_pertama, MemberRole::Member).await,
                ],
                responsible_official: None,
                field: "Kesehatan".into(),
                team_lead_reason: Some("Menguasai data layanan".into()),
            },
            title: "Tim Penyusunan SOP Rujukan".into(),
            target: None,
        };
        let id = self.store.create_assignment(&input, &kadis).await.unwrap();
        let request = self
            .store
            .start_request(
                id,
                &RequestStart {
                    text: "Ditugaskan menyusun SOP rujukan".into(),
                    ..Default::default()
                },
                &kadis,
                &sikerja_storage::testing::FakeLetters,
            )
            .await
            .unwrap();
        for nip in [&self.d.ahli_muda, &self.d.pelaksana, &self.d.ahli_pertama] {
            self.store
                .decide_step(
                    request,
                    &step("receive", false, "Diterima"),
                    &self.actor(nip).await,
                    &sikerja_storage::testing::FakeLetters,
                )
                .await
                .unwrap();
        }
        assert_eq!(
            self.store.assignment(id).await.unwrap().status,
            sikerja_domain::assignment::AssignmentStatus::Active
        );
        id
    }

    /// A second agency (Kabupaten Tala) with its Sekda, a Kepala Dinas and a JF under them:
    /// their NIPs in that order.
    pub async fn second_agency(&self) -> (Nip, Nip, Nip) {
        let mut b = Builder::new("kab-tala").nips_from(900);
        let sekda = with_setda(&mut b);
        b.department("diskes", "Dinas Kesehatan Tala", DepartmentKind::Office)
            .unit(
                "diskes",
                "diskes",
                None,
                "Dinas Kesehatan Tala",
                UnitKind::Department,
            )
            .head(
                "kadis-tala",
                "diskes",
                "Kepala Dinas Kesehatan Tala",
                PositionClass::Jpt,
            )
            .jf(
                "epid-tala",
                "diskes",
                "Epidemiolog Ahli Madya",
                FunctionalLevel::AhliMadya,
            );
        let kadis = b.employee("Lina Marlina", Some("kadis-tala"));
        let epid = b.employee("Taufik Hidayat", Some("epid-tala"));
        self.store
            .import_agency(&b.build(), "tester")
            .await
            .unwrap();
        (sekda, kadis, epid)
    }

    /// The Kepala Dinas starts a cross-unit request and issues its letter, so that it may be
    /// answered (issue 15 point 4).
    pub async fn request_involvement(&self, id: AssignmentId) -> RequestId {
        let request = self.request_involvement_draft(id).await;
        self.issue_request_letter(request, &self.actor(&self.d.kadis).await)
            .await;
        request
    }

    /// The request started, its letter still an unnumbered draft.
    pub async fn request_involvement_draft(&self, id: AssignmentId) -> RequestId {
        self.store
            .start_request(
                id,
                &involvement(),
                &self.actor(&self.d.kadis).await,
                &sikerja_storage::testing::FakeLetters,
            )
            .await
            .unwrap()
    }

    /// `by` issues the involvement request letter of `request`.
    pub async fn issue_request_letter(&self, request: RequestId, by: &PlanningActor) {
        let view = self.store.assignment_request(request).await.unwrap();
        let letter = view
            .letters
            .iter()
            .find(|l| l.kind == sikerja_domain::workflow::LetterKind::InvolvementRequest)
            .expect("an involvement request letter");
        self.store
            .issue_letter(letter.id, by, |_| async {
                Ok(sikerja_storage::RenderedFiles {
                    pdf: b"%PDF-1.7 request".to_vec(),
                    docx: b"PK request".to_vec(),
                })
            })
            .await
            .unwrap();
    }
}

pub fn involvement() -> RequestStart {
    RequestStart {
        text: "Mohon pelibatan Perencana".into(),
        involvement: Involvement {
            purpose: "Menyusun rencana layanan rujukan 2026".into(),
            competence: "Perencanaan dan analisis data".into(),
            expected_targets: "Dokumen rencana layanan rujukan".into(),
            duration: "4 bulan".into(),
        },
    }
}

pub fn step(step: &str, refuse: bool, text: &str) -> StepInput {
    StepInput {
        step: step.into(),
        refuse,
        text: text.into(),
    }
}
