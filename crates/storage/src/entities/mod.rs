//! sea-orm entities, one per table. Private to the crate: the public API speaks domain types.
//! Enums are stored as their stable `code()` text, timestamps in UTC.

pub(crate) mod activity_plan;
pub(crate) mod activity_plan_version;
pub(crate) mod agency;
pub(crate) mod agreement_target;
pub(crate) mod agreement_version;
pub(crate) mod api_token;
pub(crate) mod assignment;
pub(crate) mod assignment_member;
pub(crate) mod assignment_request;
pub(crate) mod audit_log;
pub(crate) mod credential;
pub(crate) mod department;
pub(crate) mod employee;
pub(crate) mod expectation;
pub(crate) mod experience;
pub(crate) mod issued_letter;
pub(crate) mod letter_number;
pub(crate) mod letter_register;
pub(crate) mod letterhead;
pub(crate) mod manual_placement;
pub(crate) mod performance_agreement;
pub(crate) mod performance_dialogue;
pub(crate) mod placement;
pub(crate) mod placement_history;
pub(crate) mod position;
pub(crate) mod rating;
pub(crate) mod regional_head;
pub(crate) mod request_letter;
pub(crate) mod request_reminder;
pub(crate) mod request_step;
pub(crate) mod request_task;
pub(crate) mod role_grant;
pub(crate) mod session;
pub(crate) mod sign_in_attempt;
pub(crate) mod unit;
