//! Highest education level (ORG-07), ordered so PEN-08 can ask "at least S1/D4".

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Education {
    #[serde(rename = "SD")]
    Sd,
    #[serde(rename = "SMP")]
    Smp,
    #[serde(rename = "SMA")]
    Sma,
    #[serde(rename = "D1")]
    D1,
    #[serde(rename = "D2")]
    D2,
    #[serde(rename = "D3")]
    D3,
    /// D4 counts as S1 for PEN-08.
    #[serde(rename = "D4")]
    D4,
    #[serde(rename = "S1")]
    S1,
    #[serde(rename = "S2")]
    S2,
    #[serde(rename = "S3")]
    S3,
}

impl Education {
    pub const ALL: [Education; 10] = [
        Education::Sd,
        Education::Smp,
        Education::Sma,
        Education::D1,
        Education::D2,
        Education::D3,
        Education::D4,
        Education::S1,
        Education::S2,
        Education::S3,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Education::Sd => "SD",
            Education::Smp => "SMP",
            Education::Sma => "SMA",
            Education::D1 => "D1",
            Education::D2 => "D2",
            Education::D3 => "D3",
            Education::D4 => "D4",
            Education::S1 => "S1",
            Education::S2 => "S2",
            Education::S3 => "S3",
        }
    }

    pub fn parse(s: &str) -> Option<Education> {
        let s = s.trim().to_ascii_uppercase();
        let s = match s.as_str() {
            "SLTA" | "SMK" | "SMU" => "SMA",
            "SLTP" => "SMP",
            "DIV" | "D-IV" => "D4",
            "DIII" | "D-III" => "D3",
            other => other,
        };
        Education::ALL.into_iter().find(|e| e.label() == s)
    }
}
