//! The review chain of a result (MEK-05), derived from the unit tree per department kind.
