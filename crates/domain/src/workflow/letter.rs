//! The content of the letters the workflows produce (DOC-04; PEN-12..17, Lampiran II.B and the
//! formats of Lampiran IV): who signs, to whom, the body in formal Indonesian, the four contents
//! of a request, the people assigned. No layout: the letters crate renders a [`LetterContent`]
//! to PDF and DOCX, and storage keeps it as JSON next to the step that produced it.
//!
//! [`compose`] is infallible and does not check the facts: storage checks the four contents
//! of a request with [`Involvement::check`] before the request is sent, and the workflow
//! machine refuses a refusal without reasons.

use serde::{Deserialize, Serialize};

use super::definition::{LetterKind, WorkflowKind};
use crate::assignment::Day;

/// The four contents a *surat permohonan pelibatan* must state at least (PEN-14.1, for
/// PEN-15.1 too: Lampiran II.B.1.b.1 and II.B.1.c.1, huruf a–d).
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Involvement {
    /// *Maksud dan tujuan* of the request.
    pub purpose: String,
    /// *Kompetensi, keahlian, dan/atau keterampilan yang dibutuhkan*.
    pub competence: String,
    /// *Ekspektasi/target kinerja* of the people to be assigned.
    pub expected_targets: String,
    /// *Durasi pelibatan*.
    pub duration: String,
}

/// A content of a request left blank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingContent {
    /// The field of [`Involvement`]: `purpose`, `competence`, `expected_targets`, `duration`.
    pub field: &'static str,
    /// What to fill in, in Indonesian, with the rule and article.
    pub message: String,
}

impl Involvement {
    /// PEN-14.1: every content is stated. Names every blank (or whitespace-only) field at once,
    /// so a form can mark them all.
    pub fn check(&self) -> Result<(), Vec<MissingContent>> {
        let fields: [(&'static str, &str, &str); 4] = [
            ("purpose", &self.purpose, "Tujuan pelibatan"),
            (
                "competence",
                &self.competence,
                "Kompetensi/keahlian yang dibutuhkan",
            ),
            (
                "expected_targets",
                &self.expected_targets,
                "Target yang diharapkan",
            ),
            ("duration", &self.duration, "Jangka waktu pelibatan"),
        ];
        let missing: Vec<MissingContent> = fields
            .into_iter()
            .filter(|(_, value, _)| value.trim().is_empty())
            .map(|(field, _, label)| MissingContent {
                field,
                message: format!("{label} wajib diisi (PEN-14, Lampiran II.B.1.b.1)."),
            })
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(missing)
        }
    }
}

/// The official who signs a letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterParty {
    /// The position as written above the name, e.g. "Kepala Dinas Kesehatan".
    pub position: String,
    /// Name with titles (DOC-05).
    pub name: String,
    /// NIP, spaced (DOC-05); none for a political official such as the Bupati.
    pub nip: Option<String>,
    /// *Pangkat/golongan*.
    pub rank: Option<String>,
    /// Unit Organisasi or Instansi of the position, for the letterhead.
    pub unit: String,
}

/// A person a letter names (the people wanted, offered or assigned).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterMember {
    /// Name with titles.
    pub name: String,
    /// NIP, spaced (DOC-05).
    pub nip: String,
    /// The person's own position.
    pub position: String,
    /// The unit of the person's own position.
    pub unit: String,
    /// The Perangkat Daerah (Unit Organisasi) of that unit: the "Perangkat Daerah" column of a
    /// Keputusan's Lampiran (Lampiran IV.A–B). Blank in letters stored before it was kept.
    #[serde(default)]
    pub department: String,
    /// The person's Instansi: the "Instansi" column of a Keputusan Bupati's Lampiran.
    #[serde(default)]
    pub agency: String,
    /// "Ketua Tim", "Anggota" or "Pelaksana tugas individu" (Lampiran IV).
    pub role: String,
    /// First day, inclusive.
    pub from: Day,
    /// Last day, inclusive.
    pub until: Day,
}

/// What a letter says, ready to be laid out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterContent {
    pub kind: LetterKind,
    /// The heading, e.g. "SURAT TUGAS", "KEPUTUSAN BUPATI".
    pub title: String,
    /// *Hal* of a letter, *tentang* of a Keputusan.
    pub subject: String,
    /// The rule of the workflow that produced the letter, e.g. "PEN-14".
    pub rule_id: String,
    /// Its article, e.g. "Lampiran II.B.1.b, Gambar 1".
    pub article: String,
    /// Where it is signed, e.g. "Martapura".
    pub place: String,
    pub date: Day,
    pub signer: LetterParty,
    /// The *Yth.* lines, without "Yth.".
    pub addressees: Vec<String>,
    /// The body, one paragraph or list item each, in Indonesian.
    pub paragraphs: Vec<String>,
    /// The four contents of a request; only in an [`LetterKind::InvolvementRequest`].
    pub involvement: Option<Involvement>,
    /// The people named, for the list or the *Lampiran* table.
    pub members: Vec<LetterMember>,
    /// Only in an answer: `Some(true)` approval with the list, `Some(false)` refusal.
    pub approved: Option<bool>,
    /// Only in a refusal: why.
    pub reasons: Option<String>,
    /// *Tembusan*: position names.
    pub copies: Vec<String>,
    /// The name of the team or the individual task, as the assignment names it. Blank in
    /// letters stored before it was kept (the letters crate then reads it from the subject).
    #[serde(default)]
    pub work_title: String,
    /// A team (*tim kerja*) rather than an individual task (PEN-01); `None` in letters stored
    /// before it was kept.
    #[serde(default)]
    pub team: Option<bool>,
}

/// Everything a letter is built from; storage fills it in from the request, the assignment,
/// the people and the holders of the lanes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterFacts {
    pub workflow: WorkflowKind,
    /// The work: the name of the team or the individual task.
    pub assignment_title: String,
    /// Field of the task (PEN-08 huruf d); may be blank.
    pub field: String,
    /// The Unit Organisasi that owns the target (*pemilik kinerja*).
    pub owner_unit: String,
    /// Its Instansi.
    pub owner_agency: String,
    pub place: String,
    pub date: Day,
    pub signer: LetterParty,
    pub addressees: Vec<String>,
    /// The four contents, for a request.
    pub involvement: Option<Involvement>,
    pub members: Vec<LetterMember>,
    /// Why a request is refused, for a refusal.
    pub reasons: Option<String>,
    pub copies: Vec<String>,
    /// A team (*tim kerja*) rather than an individual task (PEN-01).
    pub team: bool,
}

/// The legal basis every assignment letter and Keputusan cites.
const BASIS: &str = "Peraturan Bupati Banjar Nomor 39 Tahun 2024 tentang Sistem Kerja";

const CLOSING: &str = "Demikian disampaikan. Atas perhatian dan kerja sama Bapak/Ibu, \
                       kami ucapkan terima kasih.";

/// Composes the letter of `kind` from `facts`. `refusal` matters only for an
/// [`LetterKind::InvolvementAnswer`]: the answer then refuses with `facts.reasons` instead of
/// approving with `facts.members` (PEN-14.4, PEN-15). Rule and article are the workflow's.
pub fn compose(kind: LetterKind, refusal: bool, facts: LetterFacts) -> LetterContent {
    let def = facts.workflow.definition();
    let title = facts.assignment_title.trim();
    let refusing = refusal && kind == LetterKind::InvolvementAnswer;
    let (heading, subject) = match kind {
        LetterKind::InvolvementRequest => (
            "SURAT PERMOHONAN PELIBATAN",
            format!("Permohonan pelibatan pegawai dalam {title}"),
        ),
        LetterKind::InvolvementAnswer => (
            "SURAT JAWABAN PERMOHONAN PELIBATAN",
            format!("Jawaban permohonan pelibatan pegawai dalam {title}"),
        ),
        LetterKind::AssignmentLetter => (
            "SURAT PENUGASAN",
            format!("Penugasan pegawai dalam {title}"),
        ),
        LetterKind::SuratTugas => ("SURAT TUGAS", format!("Penugasan dalam {title}")),
        LetterKind::SecretaryDecree => ("KEPUTUSAN SEKRETARIS DAERAH", decree_subject(&facts)),
        LetterKind::RegentDecree => ("KEPUTUSAN BUPATI", decree_subject(&facts)),
    };
    let paragraphs = match kind {
        LetterKind::InvolvementRequest => request_body(&facts),
        LetterKind::InvolvementAnswer if refusing => refusal_body(&facts),
        LetterKind::InvolvementAnswer => approval_body(&facts),
        LetterKind::AssignmentLetter => assignment_letter_body(&facts),
        LetterKind::SuratTugas => surat_tugas_body(&facts),
        LetterKind::SecretaryDecree => {
            decree_body(&facts, "Sekretaris Daerah".into(), "Unit Organisasi")
        }
        LetterKind::RegentDecree => {
            let office = facts.signer.position.trim();
            let issuer = if office.is_empty() { "Bupati" } else { office };
            decree_body(&facts, issuer.to_string(), "Instansi Pemerintah")
        }
    };
    let paragraphs = paragraphs.iter().map(|p| single_stops(p)).collect();
    let work_title = title.to_string();
    let team = facts.team;
    LetterContent {
        kind,
        title: heading.to_string(),
        subject,
        rule_id: def.rule.to_string(),
        article: def.article.to_string(),
        place: facts.place,
        date: facts.date,
        signer: facts.signer,
        addressees: facts.addressees,
        paragraphs,
        involvement: match kind {
            LetterKind::InvolvementRequest => facts.involvement,
            _ => None,
        },
        members: if refusing { Vec::new() } else { facts.members },
        approved: (kind == LetterKind::InvolvementAnswer).then_some(!refusing),
        reasons: if refusing {
            facts.reasons.filter(|r| !r.trim().is_empty())
        } else {
            None
        },
        copies: facts.copies,
        work_title,
        team: Some(team),
    }
}

/// A paragraph with each doubled full stop made one: a sentence that ends on an abbreviated
/// title ("Ahmad Fauzi, S.Kom."), a typed text that ends with its own stop ("6 bulan.") or a
/// title ending in one, followed by the sentence's stop (Tata Naskah Dinas: one stop ends a
/// sentence). An ellipsis (three or more) is left as written.
pub(crate) fn single_stops(paragraph: &str) -> String {
    let mut out = String::with_capacity(paragraph.len());
    let chars: Vec<char> = paragraph.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| **c == '.').count();
        if run == 2 {
            out.push('.');
            i += 2;
        } else if run > 0 {
            out.extend(std::iter::repeat_n('.', run));
            i += run;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// The name of a team as letters write it: "Tim Kerja X", or the title itself when it already
/// names a team ("Tim Percepatan X", not "Tim Kerja Tim Percepatan X").
pub fn team_name(title: &str) -> String {
    let title = title.trim();
    let lower = title.to_lowercase();
    if lower == "tim" || lower.starts_with("tim ") {
        title.to_string()
    } else {
        format!("Tim Kerja {title}")
    }
}

/// The year or years the work runs, from the people's periods ("2027", "2026-2027"): a
/// Keputusan forming a team names the year of the team (Lampiran IV.A–B, "TAHUN …"), which
/// is not the year the letter is signed when the work starts the next year. Without people,
/// the year of `fallback`.
pub fn work_years(members: &[LetterMember], fallback: Day) -> String {
    let first = members.iter().map(|m| m.from.year()).min();
    let last = members.iter().map(|m| m.until.year()).max();
    match (first, last) {
        (Some(a), Some(b)) if b > a => format!("{a}-{b}"),
        (Some(a), _) => a.to_string(),
        _ => fallback.year().to_string(),
    }
}

/// The *tentang* of a Keputusan (Lampiran IV.A–B): "Pembentukan Tim X Tahun 2027" for a team;
/// for an individual task, which the format does not show, the same words for one person.
fn decree_subject(f: &LetterFacts) -> String {
    let title = f.assignment_title.trim();
    let years = work_years(&f.members, f.date);
    if f.team {
        format!("Pembentukan {} Tahun {years}", team_name(title))
    } else {
        format!(
            "Penugasan Pejabat Fungsional atau Pelaksana dalam Tugas Individu {title} Tahun \
             {years}"
        )
    }
}

/// "tugas dalam Tim Kerja X di bidang Y" or "tugas individu X".
fn work(f: &LetterFacts) -> String {
    let title = f.assignment_title.trim();
    let mut w = if f.team {
        format!("tugas dalam {}", team_name(title))
    } else {
        format!("tugas individu {title}")
    };
    let field = f.field.trim();
    if !field.is_empty() {
        w.push_str(&format!(" di bidang {field}"));
    }
    w
}

/// The owner of the target: "Unit pada Instansi", or the unit alone.
fn owner(f: &LetterFacts) -> String {
    let (unit, agency) = (f.owner_unit.trim(), f.owner_agency.trim());
    if agency.is_empty() || agency == unit {
        unit.to_string()
    } else {
        format!("{unit} pada {agency}")
    }
}

/// One numbered line per person, with role and period.
fn member_lines(members: &[LetterMember]) -> Vec<String> {
    members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            format!(
                "{}. {}, NIP {}, {} pada {}, sebagai {}, {} sampai dengan {}.",
                i + 1,
                m.name,
                m.nip,
                m.position,
                m.unit,
                m.role,
                m.from.label(),
                m.until.label()
            )
        })
        .collect()
}

/// The duties of the people assigned (Lampiran IV: Surat Tugas, "Untuk").
fn duties(f: &LetterFacts) -> [String; 2] {
    [
        format!(
            "melaksanakan {} guna pencapaian kinerja {} sesuai jangka waktu masing-masing",
            work(f),
            owner(f)
        ),
        format!(
            "melaksanakan penugasan ini dengan penuh tanggung jawab dan melaporkan hasilnya \
             kepada Pimpinan {} selaku pemilik kinerja",
            f.owner_unit.trim()
        ),
    ]
}

/// PEN-14.1 / PEN-15.1: the request with its four contents.
fn request_body(f: &LetterFacts) -> Vec<String> {
    let terms = if f.involvement.is_some() {
        " dengan ketentuan sebagai berikut:"
    } else {
        "."
    };
    let mut p = vec![format!(
        "Dalam rangka pelaksanaan {} guna pencapaian kinerja {}, dengan hormat kami \
         mengajukan permohonan \
         pelibatan Pejabat Fungsional dan/atau Pelaksana{terms}",
        work(f),
        owner(f)
    )];
    if let Some(i) = &f.involvement {
        p.push(format!("a. Tujuan: {};", i.purpose.trim()));
        p.push(format!(
            "b. Kompetensi/keahlian yang dibutuhkan: {};",
            i.competence.trim()
        ));
        p.push(format!(
            "c. Target yang diharapkan: {};",
            i.expected_targets.trim()
        ));
        p.push(format!("d. Jangka waktu: {}.", i.duration.trim()));
    }
    if !f.members.is_empty() {
        p.push("Adapun pegawai yang kami harapkan dapat dilibatkan adalah sebagai berikut:".into());
        p.extend(member_lines(&f.members));
    }
    p.push(match f.workflow {
        WorkflowKind::CrossAgencyAppointment => "Sehubungan dengan hal tersebut, kami mohon \
             Bapak/Ibu berkenan menyetujui dan meneruskan permohonan ini kepada Pejabat yang \
             Berwenang instansi yang dituju."
            .into(),
        _ => "Sehubungan dengan hal tersebut, kami mohon Bapak/Ibu berkenan menugaskan pegawai \
              yang sesuai dengan kriteria di atas."
            .into(),
    });
    p.push(CLOSING.into());
    p
}

fn answer_opening(f: &LetterFacts) -> String {
    format!(
        "Menindaklanjuti surat permohonan pelibatan pegawai dalam {} dari {}, dengan ini kami \
         sampaikan bahwa",
        f.assignment_title.trim(),
        owner(f)
    )
}

/// PEN-14.3, PEN-15.5: the approval with the list of people.
fn approval_body(f: &LetterFacts) -> Vec<String> {
    let mut p = vec![format!(
        "{} kami bersedia melibatkan pegawai yang sesuai dengan kriteria yang dibutuhkan, \
         yaitu:",
        answer_opening(f)
    )];
    p.extend(member_lines(&f.members));
    p.push(
        "Pegawai tersebut akan ditugaskan dengan Surat Penugasan untuk melaksanakan tugas \
         sesuai permohonan dengan penuh tanggung jawab."
            .into(),
    );
    p.push(CLOSING.into());
    p
}

/// PEN-14.4, PEN-15: the refusal with its reasons.
fn refusal_body(f: &LetterFacts) -> Vec<String> {
    let reasons = f.reasons.as_deref().map(str::trim).unwrap_or_default();
    let refusal = if reasons.is_empty() {
        format!(
            "{} kami tidak dapat memenuhi permohonan tersebut.",
            answer_opening(f)
        )
    } else {
        let stop = if reasons.ends_with(['.', '!', '?']) {
            ""
        } else {
            "."
        };
        format!(
            "{} kami tidak dapat memenuhi permohonan tersebut dengan alasan: {reasons}{stop}",
            answer_opening(f)
        )
    };
    vec![refusal, CLOSING.into()]
}

/// PEN-14.3, PEN-15.5, PEN-17.3: the Surat Penugasan of the head of the people's own unit.
fn assignment_letter_body(f: &LetterFacts) -> Vec<String> {
    let basis = match f.workflow {
        WorkflowKind::VolunteerCrossUnit => format!(
            "Berdasarkan permohonan pegawai untuk dilibatkan yang telah disetujui oleh Pimpinan \
             {} dan dengan berpedoman pada {BASIS}, dengan ini kami menugaskan:",
            f.owner_unit.trim()
        ),
        _ => format!(
            "Berdasarkan surat jawaban permohonan pelibatan pegawai dalam {} dan dengan \
             berpedoman pada {BASIS}, dengan ini kami menugaskan:",
            f.assignment_title.trim()
        ),
    };
    let [task, report] = duties(f);
    let mut p = vec![basis];
    p.extend(member_lines(&f.members));
    p.push(format!("untuk {task}, serta {report}."));
    p.push("Demikian Surat Penugasan ini dibuat untuk dilaksanakan sebagaimana mestinya.".into());
    p
}

/// PEN-12, PEN-13, PEN-16: the Surat Tugas of the head of the Unit Organisasi (Lampiran IV).
fn surat_tugas_body(f: &LetterFacts) -> Vec<String> {
    let mut p = vec![
        format!("Dasar: {BASIS}."),
        "MEMERINTAHKAN:".into(),
        "Kepada:".into(),
    ];
    p.extend(member_lines(&f.members));
    p.push("Untuk:".into());
    p.push(format!(
        "1. Melaksanakan {} guna pencapaian kinerja {} sesuai jangka waktu masing-masing;",
        work(f),
        owner(f)
    ));
    p.push("2. Melaksanakan perintah ini dengan penuh tanggung jawab; dan".into());
    p.push(format!(
        "3. Melaporkan hasilnya kepada {} sebagai Pejabat Penilai Kinerja.",
        f.signer.position.trim()
    ));
    p
}

/// PEN-12: the Keputusan that establishes a cross-unit (Sekretaris Daerah) or cross-agency
/// (Bupati) assignment, in the wording of Lampiran IV.A–B: a team is formed ("perlu membentuk
/// Tim"), an individual task assigned. `issuer` is the office as the body names it ("Bupati
/// Banjar", "Sekretaris Daerah").
fn decree_body(f: &LetterFacts, issuer: String, across: &str) -> Vec<String> {
    let subject = decree_subject(f);
    let years = work_years(&f.members, f.date);
    let [task, report] = duties(f);
    let reason = if f.team {
        format!(
            "a. bahwa dalam rangka pencapaian kinerja {} Tahun Anggaran {years} perlu \
             membentuk {} yang beranggotakan Pejabat Fungsional dan/atau Pelaksana lintas \
             {across};",
            owner(f),
            team_name(f.assignment_title.trim())
        )
    } else {
        format!(
            "a. bahwa dalam rangka pencapaian kinerja {} Tahun Anggaran {years} perlu \
             menugaskan Pejabat Fungsional atau Pelaksana lintas {across} untuk melaksanakan \
             {};",
            owner(f),
            work(f)
        )
    };
    let mut p = vec![
        "Menimbang:".into(),
        reason,
        format!(
            "b. bahwa agar pelaksanaan kegiatan sebagaimana dimaksud dalam huruf a dapat \
             berjalan tertib dan lancar serta mencapai hasil optimal, perlu menetapkan \
             Keputusan {issuer} tentang {subject};"
        ),
        format!("Mengingat: {BASIS};"),
        "MEMUTUSKAN:".into(),
        format!(
            "Menetapkan: KEPUTUSAN {} TENTANG {}.",
            issuer.to_uppercase(),
            subject.to_uppercase()
        ),
        "KESATU: Menugaskan pegawai sebagai berikut:".into(),
    ];
    p.extend(member_lines(&f.members));
    p.push(format!(
        "KEDUA: Pegawai sebagaimana dimaksud dalam Diktum KESATU bertugas {task}, serta {report}."
    ));
    p.push(format!(
        "KETIGA: Keputusan {issuer} ini mulai berlaku pada tanggal ditetapkan."
    ));
    p
}
