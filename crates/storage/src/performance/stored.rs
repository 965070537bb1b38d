//! Row ↔ domain conversions of the assessment tables.
