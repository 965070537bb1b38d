//! Business-process maps (*peta proses bisnis*, Pasal 21, PRO-01..03): the kinds of map the
//! regency reviews. The maps themselves are BPMN 2.0 documents read, checked, generated and
//! compared by `crates/maps` (`docs/maps.md`).

use serde::{Deserialize, Serialize};

use crate::org::vocabulary;

vocabulary! {
    /// The kinds of map under review and evaluation (PRO-02, Pasal 21 ayat 4 huruf a–d).
    ProcessMapKind {
        /// *Peta subproses* (huruf a).
        Subprocess => "subprocess_map", "Peta subproses";
        /// *Peta relasi*: the working relations between Unit Organisasi (huruf b).
        Relation => "relation_map", "Peta relasi";
        /// *Peta lintas fungsi*: the swimlane map (huruf c).
        CrossFunctional => "cross_functional_map", "Peta lintas fungsi";
        /// *Peta level 1* and its derivatives (huruf d).
        Level1 => "level_1_map", "Peta level 1 dan turunannya";
    }
}
