//! What a letter needs beyond the domain's [`LetterContent`](sikerja_domain::workflow::LetterContent):
//! the register number, the verification block, signing on behalf of another, and the parts
//! of the Lampiran IV formats the content does not carry (Mengingat, Memperhatikan, the
//! Penanggungjawab, each member's Instansi, …). Everything is optional: what is missing is
//! derived from the content, as `docs/letters.md` lists under "Gaps".

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::Verification;

/// Signing for another official (*atas nama*, *untuk beliau*), DOC-05.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnBehalfOf {
    /// The office signed for: "Bupati Banjar" gives "a.n. BUPATI BANJAR".
    pub principal: String,
    /// With *untuk beliau*: the office between the principal and the signer, e.g.
    /// "Sekretaris Daerah" for a Kepala Bagian signing "a.n. BUPATI BANJAR / SEKRETARIS DAERAH,
    /// / u.b. / KEPALA BAGIAN ORGANISASI,".
    pub intermediate: Option<String>,
}

/// A person named in a Lampiran who is not one of the content's members: the
/// *Penanggungjawab* of a team (DOC-01, first row of the table).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Official {
    /// Name with titles.
    pub name: String,
    /// NIP, spaced or not (DOC-05 spaces it).
    pub nip: Option<String>,
    /// The position, e.g. "Kepala Badan Perencanaan Pembangunan Daerah".
    pub position: String,
    /// Unit Organisasi / Perangkat Daerah.
    pub unit: String,
    /// Instansi, e.g. "Pemerintah Kabupaten Banjar".
    pub agency: String,
}

/// The optional parts of a letter. `Default` gives a preview: no number, no verification.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterOptions {
    /// The agency code whose template overrides apply, e.g. "kab-banjar".
    pub agency: Option<String>,
    /// The number from the issuing unit's register (DOC-05), e.g. "800.1.11/17/BKPSDM/2026";
    /// `None` for a preview.
    pub number: Option<String>,
    /// URL and hash of the issued letter, printed with a QR code.
    pub verification: Option<Verification>,
    /// Signing on behalf of another official.
    pub on_behalf_of: Option<OnBehalfOf>,
    /// The office issuing a Keputusan, e.g. "Bupati Banjar"; by default the principal signed
    /// for, else the signer's position.
    pub issuer: Option<String>,
    /// The region whose budget bears the costs (KETIGA), e.g. "Kabupaten Banjar"; by default
    /// read from the letterhead's "PEMERINTAH …" line.
    pub region: Option<String>,
    /// The regional budget regulation the agency's policy cites (DOC-05), with its number,
    /// e.g. "Peraturan Daerah Kabupaten Banjar Nomor 5 Tahun 2025 tentang Anggaran Pendapatan
    /// dan Belanja Daerah Tahun Anggaran 2026"; it replaces the derived first *Mengingat* line
    /// of a Keputusan. Ignored when `legal_bases` is given.
    pub budget_regulation: Option<String>,
    /// The year of the work a Keputusan names ("Tim X Tahun …", *Tahun Anggaran*); by default
    /// the year or years of the people's periods, else the year of the letter's date.
    pub budget_year: Option<u16>,
    /// *Menimbang* lines replacing those of the content.
    pub considerations: Vec<String>,
    /// *Mengingat* (Keputusan) or *Dasar* (Surat Tugas) lines replacing the derived ones, with
    /// their numbers, e.g. "Peraturan Daerah Kabupaten Banjar Nomor 5 Tahun 2025 tentang …".
    pub legal_bases: Vec<String>,
    /// *Memperhatikan* lines replacing the derived one.
    pub notes: Vec<String>,
    /// The *Penanggungjawab* of the team, first in the Lampiran of a Keputusan.
    pub responsible: Option<Official>,
    /// Each member's Instansi by NIP (digits only), for the Lampiran of a Keputusan Bupati;
    /// a member without one shows "-" rather than a guess.
    pub member_agencies: BTreeMap<String, String>,
    /// *Sifat* of a letter; "Biasa" by default.
    pub nature: Option<String>,
    /// The *Lampiran* line of a letter; "-" by default.
    pub attachment: Option<String>,
}
