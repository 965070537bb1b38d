//! Who the actor is to an assessment, and what the domain offers them.
