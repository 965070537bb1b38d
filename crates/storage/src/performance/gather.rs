//! The inputs gathered for the assessor (KIN-01, KIN-03, STR-06).
