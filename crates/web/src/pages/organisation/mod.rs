//! Keeping the organisation in the browser (issue 14 points 1, 3): the unit-tree page of
//! Bagian Organisasi and BKPSDM, the links to the change forms (built by the change pages,
//! `/organisasi/perubahan/baru?jenis=…`), and reading a page as of a day (`?per=`).

pub mod as_of;
pub mod history;
pub mod links;
pub mod structure;
