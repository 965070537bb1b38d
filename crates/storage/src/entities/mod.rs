//! sea-orm entities, one per table. Private to the crate: the public API speaks domain types.
//! Enums are stored as their stable `code()` text, timestamps in UTC.

pub(crate) mod activity_plan;
pub(crate) mod activity_plan_version;
pub(crate) mod agency;
pub(crate) mod agency_policy;
pub(crate) mod agreement_target;
pub(crate) mod agreement_version;
pub(crate) mod api_token;
#[allow(dead_code)] // read and written by `performance` as it is filled in
pub(crate) mod assessment;
#[allow(dead_code)] // read and written by `performance` as it is filled in
pub(crate) mod assessment_curve;
#[allow(dead_code)] // read and written by `performance` as it is filled in
pub(crate) mod assessment_event;
#[allow(dead_code)] // read and written by `performance` as it is filled in
pub(crate) mod assessment_note;
pub(crate) mod assignment;
pub(crate) mod assignment_member;
pub(crate) mod assignment_request;
pub(crate) mod audit_log;
pub(crate) mod credential;
pub(crate) mod department;
pub(crate) mod employee;
pub(crate) mod expectation;
pub(crate) mod experience;
pub(crate) mod experience_field;
pub(crate) mod issued_letter;
pub(crate) mod letter_number;
pub(crate) mod letter_register;
pub(crate) mod letter_sequence;
pub(crate) mod letterhead;
pub(crate) mod manual_placement;
pub(crate) mod org_change;
pub(crate) mod org_snapshot;
pub(crate) mod performance_agreement;
pub(crate) mod performance_dialogue;
pub(crate) mod placement;
pub(crate) mod placement_history;
pub(crate) mod position;
pub(crate) mod rating;
pub(crate) mod regional_head;
pub(crate) mod regional_head_term;
pub(crate) mod report_request;
pub(crate) mod request_letter;
pub(crate) mod request_reminder;
pub(crate) mod request_step;
pub(crate) mod request_task;
pub(crate) mod role_grant;
pub(crate) mod session;
pub(crate) mod sign_in_device;
pub(crate) mod sign_in_throttle;
pub(crate) mod team_issue;
pub(crate) mod team_issue_addressee;
pub(crate) mod unit;
pub(crate) mod work_feedback;
pub(crate) mod work_item;
pub(crate) mod work_report;
pub(crate) mod work_report_file;
pub(crate) mod work_report_line;
pub(crate) mod work_result;
pub(crate) mod work_result_decision;
pub(crate) mod work_result_realisation;
pub(crate) mod work_result_round;
pub(crate) mod work_result_skip;
pub(crate) mod work_result_step;
