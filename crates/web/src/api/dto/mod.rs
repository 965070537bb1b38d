//! The API's own data transfer objects. Domain and storage types stay free of OpenAPI
//! concerns; these structs fix the JSON shape and document it. Closed vocabularies are written
//! as their stable `snake_case` codes (the same codes as import files).

pub mod assignment;
pub mod letters;
mod org;
pub mod org_changes;
mod placement;
pub mod planning;
pub mod policy;
pub mod work_dashboards;

pub use org::*;
pub use placement::*;
