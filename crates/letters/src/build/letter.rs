//! DOC-04 letters (*surat dinas*): the *surat permohonan pelibatan* with its four contents
//! (PEN-14.1, PEN-15.1) and its answer — approval with the list of people (PEN-14.3,
//! PEN-15.5) or refusal with reasons (PEN-14.4). Place and date at the top right, Nomor, Sifat,
//! Lampiran, Hal, the addressees, the body, the signer.

use super::{Ctx, Parts, Piece, assemble, classify, members_table};
use crate::model::{Field, Heading};

pub(super) fn build(ctx: &Ctx<'_>) -> Parts {
    let c = ctx.content;
    let pieces = classify(c);
    let has_members = pieces.iter().any(|p| matches!(p, Piece::Member(_)));
    let mut body = assemble(&pieces, Some(members_table(&c.members)));
    // People the body does not list (an answer composed without its lines) still appear.
    if !has_members && !c.members.is_empty() && c.approved != Some(false) {
        let at = body.len().saturating_sub(1);
        body.insert(at, members_table(&c.members));
    }
    let option = |o: &Option<String>, default: &str| {
        o.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or(default)
            .to_string()
    };
    let addressees: Vec<String> = c
        .addressees
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .map(|a| format!("Yth. {a}"))
        .collect();
    let at = if addressees.is_empty() {
        String::new()
    } else {
        "di Tempat".to_string()
    };
    Parts {
        heading: Heading::Letter {
            place_date: ctx.place_date(),
            fields: vec![
                Field::new("Nomor", ctx.number()),
                Field::new("Sifat", option(&ctx.options.nature, "Biasa")),
                Field::new("Lampiran", option(&ctx.options.attachment, "-")),
                Field::new("Hal", c.subject.trim()),
            ],
            addressees,
            at,
        },
        body,
        signature: ctx.signature(Vec::new(), None),
        appendix: None,
    }
}
