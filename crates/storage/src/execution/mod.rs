//! Execution after an assignment's letter is issued (MEK-04, MEK-05, LAP-01..06): the
//! records of work breakdowns, reports, feedback, team issues and results, each decision in
//! one transaction with its audit row; who may and what comes next are decided by
//! `sikerja_domain::execution`.
