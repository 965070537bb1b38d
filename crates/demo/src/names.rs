//! Fictional Banjar and Indonesian names, and academic titles that fit a person's education
//! and field. Any resemblance to real people is coincidence: the data set says it is fictional.

use sikerja_domain::education::Education;
use sikerja_domain::nip::Gender;

use crate::rng::Rng;

const MALE_FIRST: &[&str] = &[
    "Ahmad",
    "Akhmad",
    "Rizky",
    "Fauzi",
    "Rahmat",
    "Hairil",
    "Syahrani",
    "Rahmadi",
    "Zainal",
    "Arifin",
    "Taufik",
    "Hamdani",
    "Yusuf",
    "Ilham",
    "Firdaus",
    "Riduan",
    "Mahyuni",
    "Anang",
    "Jumadi",
    "Fahmi",
    "Rusdiansyah",
    "Hendra",
    "Wahyudi",
    "Khairil",
    "Murjani",
    "Saberan",
    "Abdul",
    "Fajar",
    "Aditya",
    "Bayu",
    "Irwan",
    "Supriadi",
    "Hasanuddin",
    "Rahman",
    "Mursyid",
    "Yusran",
    "Haris",
    "Fikri",
    "Nashrullah",
    "Rafii",
    "Agus",
    "Dedy",
    "Syarifuddin",
    "Ramli",
];
const MALE_LAST: &[&str] = &[
    "Ramadhan",
    "Hidayat",
    "Saputra",
    "Fauzan",
    "Rahman",
    "Anwar",
    "Effendi",
    "Noor",
    "Hakim",
    "Maulana",
    "Prasetyo",
    "Kurniawan",
    "Firmansyah",
    "Hidayatullah",
    "Rasyid",
    "Syahputra",
    "Nugroho",
    "Pratama",
    "Ansyari",
    "Mubarak",
    "Iskandar",
    "Arsyad",
    "Hamidhan",
    "Basri",
    "Zakaria",
    "Halidi",
    "Yamani",
    "Fadillah",
    "Ridha",
    "Gazali",
];
const FEMALE_FIRST: &[&str] = &[
    "Nurhaliza",
    "Aina",
    "Rahmah",
    "Fitriani",
    "Halimah",
    "Mariani",
    "Norlaila",
    "Aulia",
    "Rusmini",
    "Dewi",
    "Rina",
    "Maulida",
    "Khairunnisa",
    "Noorhasanah",
    "Hayati",
    "Raudah",
    "Salmah",
    "Jannah",
    "Zahra",
    "Annisa",
    "Nadia",
    "Rahmawati",
    "Lailatul",
    "Mahmudah",
    "Fatimah",
    "Wardah",
    "Sri",
    "Yuliana",
    "Hikmah",
    "Syarifah",
    "Rabiatul",
    "Mutiara",
];
const FEMALE_LAST: &[&str] = &[
    "Fitri",
    "Hasanah",
    "Rahmadani",
    "Safitri",
    "Amalia",
    "Rizkiani",
    "Aprilia",
    "Lestari",
    "Maharani",
    "Wulandari",
    "Hidayati",
    "Ramadhani",
    "Fauziah",
    "Rosyida",
    "Norhayati",
    "Muthmainnah",
    "Sholihah",
    "Kamilah",
    "Jamilah",
    "Hairani",
];

/// A full name without titles, in a Banjar style: "Muhammad" and the noble "Gusti"/"Antung"
/// prefixes, "Siti"/"Nor" for women, two or three words.
pub(crate) fn full_name(rng: &mut Rng, gender: Gender) -> String {
    match gender {
        Gender::Male => {
            let prefix = match rng.below(10) {
                0..=2 => "Muhammad ",
                3 => "Gusti ",
                _ => "",
            };
            format!("{prefix}{} {}", rng.pick(MALE_FIRST), rng.pick(MALE_LAST))
        }
        Gender::Female => {
            let prefix = match rng.below(10) {
                0..=2 => "Siti ",
                3 | 4 => "Nor ",
                5 => "Antung ",
                _ => "",
            };
            if rng.chance(25) {
                format!("{prefix}{}", rng.pick(FEMALE_FIRST))
            } else {
                format!(
                    "{prefix}{} {}",
                    rng.pick(FEMALE_FIRST),
                    rng.pick(FEMALE_LAST)
                )
            }
        }
    }
}

/// The field of study behind a position, which decides degree titles and experience fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Discipline {
    Government,
    Economics,
    Law,
    Computing,
    Engineering,
    Education,
    PublicHealth,
    Nursing,
    Medicine,
    Dentistry,
    Pharmacy,
    Midwifery,
    Planning,
    Statistics,
    Communication,
    Psychology,
}

impl Discipline {
    fn bachelor(self) -> &'static [&'static str] {
        use Discipline::*;
        match self {
            Government => &["S.Sos.", "S.IP.", "S.AP.", "S.STP."],
            Economics => &["S.E.", "S.Ak."],
            Law => &["S.H."],
            Computing => &["S.Kom.", "S.T."],
            Engineering => &["S.T."],
            Education => &["S.Pd."],
            PublicHealth => &["S.K.M."],
            Nursing => &["S.Kep."],
            Medicine | Dentistry => &[""],
            Pharmacy => &["S.Farm."],
            Midwifery => &["S.Tr.Keb."],
            Planning => &["S.T.", "S.E.", "S.P."],
            Statistics => &["S.Si.", "S.Stat."],
            Communication => &["S.I.Kom.", "S.Sos."],
            Psychology => &["S.Psi."],
        }
    }

    fn master(self) -> &'static [&'static str] {
        use Discipline::*;
        match self {
            Government => &["M.Si.", "M.AP."],
            Economics => &["M.M.", "M.Ak."],
            Law => &["M.H."],
            Computing => &["M.Kom.", "M.T."],
            Engineering | Planning => &["M.T.", "M.Si."],
            Education => &["M.Pd."],
            PublicHealth => &["M.Kes."],
            Nursing => &["M.Kep."],
            Medicine => &["Sp.PD.", "Sp.A.", "Sp.OG.", "Sp.B.", "M.Kes."],
            Dentistry => &["M.Kes."],
            Pharmacy => &["M.Farm."],
            Midwifery => &["M.Keb."],
            Statistics => &["M.Si."],
            Communication => &["M.I.Kom."],
            Psychology => &["M.Psi."],
        }
    }

    fn diploma(self) -> &'static str {
        use Discipline::*;
        match self {
            Nursing => "A.Md.Kep.",
            Midwifery => "A.Md.Keb.",
            Pharmacy => "A.Md.Farm.",
            Computing => "A.Md.Kom.",
            Engineering => "A.Md.T.",
            Economics => "A.Md.Ak.",
            PublicHealth => "A.Md.K.L.",
            _ => "A.Md.",
        }
    }

    fn front(self) -> &'static str {
        match self {
            Discipline::Medicine => "dr.",
            Discipline::Dentistry => "drg.",
            Discipline::Nursing => "Ns.",
            Discipline::Pharmacy => "apt.",
            _ => "",
        }
    }

    /// Fields of experience someone of this discipline plausibly has (PEN-08).
    pub(crate) fn experience_fields(self) -> &'static [&'static str] {
        use Discipline::*;
        match self {
            Government => &[
                "Pemerintahan",
                "Pelayanan Publik",
                "Kelembagaan",
                "Kepegawaian",
            ],
            Economics => &[
                "Keuangan Daerah",
                "Perekonomian",
                "Pengadaan Barang/Jasa",
                "Aset",
            ],
            Law => &["Hukum", "Perundang-undangan", "Bantuan Hukum"],
            Computing => &["Teknologi Informasi", "Sistem Informasi", "Persandian"],
            Engineering => &["Infrastruktur", "Jalan dan Jembatan", "Sumber Daya Air"],
            Education => &["Pendidikan", "Kebudayaan", "Kurikulum"],
            PublicHealth | Nursing | Medicine | Dentistry | Pharmacy | Midwifery => {
                &["Kesehatan", "Pelayanan Kesehatan", "Kesehatan Masyarakat"]
            }
            Planning => &[
                "Perencanaan",
                "Penelitian dan Pengembangan",
                "Evaluasi Kinerja",
            ],
            Statistics => &["Statistik", "Pengolahan Data"],
            Communication => &["Kehumasan", "Komunikasi Publik", "Protokol"],
            Psychology => &[
                "Kepegawaian",
                "Pengembangan Kompetensi",
                "Penilaian Kinerja",
            ],
        }
    }
}

/// Front and back titles for someone of `education` in `discipline`.
pub(crate) fn titles(rng: &mut Rng, education: Education, d: Discipline) -> (String, String) {
    let (front, back) = match education {
        Education::Sd | Education::Smp | Education::Sma | Education::D1 | Education::D2 => {
            ("", String::new())
        }
        Education::D3 => ("", d.diploma().to_string()),
        Education::D4 | Education::S1 => {
            let front = match d {
                // A D4 midwife or a bachelor nurse without the profession has no front title.
                Discipline::Nursing if education == Education::D4 => "",
                _ => d.front(),
            };
            (front, rng.pick(d.bachelor()).to_string())
        }
        Education::S2 | Education::S3 => {
            let b = rng.pick(d.bachelor());
            let m = rng.pick(d.master());
            let back = if b.is_empty() {
                m.to_string()
            } else {
                format!("{b}, {m}")
            };
            (d.front(), back)
        }
    };
    let front = if education == Education::S3 {
        if front.is_empty() {
            "Dr.".to_string()
        } else {
            format!("Dr. {front}")
        }
    } else {
        front.to_string()
    };
    (front, back)
}
