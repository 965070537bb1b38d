//! Checks of the regional heads' terms in a bundle (issue 14 point 4): each office is one of
//! the agency's, a term ends no earlier than it starts, one person per office at a time, the
//! sign-in name follows the username rule, a decree has both its number and its date.

use super::{Entity, Report};
use crate::bundle::AgencyBundle;
use crate::regional_heads::{RecordedTerm, TermRefusal, USERNAME_RULE, check_new_term, username};

impl AgencyBundle {
    pub(super) fn check_regional_heads(&self, r: &mut Report) {
        let mut earlier: Vec<RecordedTerm> = Vec::new();
        for (i, h) in self.regional_heads.iter().enumerate() {
            r.blank(
                Entity::RegionalHead,
                i,
                "name",
                &h.name,
                "nama kepala daerah",
            );
            if username(&h.username).is_none() {
                r.add(
                    Entity::RegionalHead,
                    i,
                    "username",
                    "username_invalid",
                    USERNAME_RULE.to_string(),
                );
            }
            for (field, number, date) in [
                ("basis_number", &h.basis_number, h.basis_date),
                ("end_basis_number", &h.end_basis_number, h.end_basis_date),
            ] {
                let has_number = number.as_deref().is_some_and(|n| !n.trim().is_empty());
                if has_number != date.is_some() {
                    r.add(
                        Entity::RegionalHead,
                        i,
                        field,
                        "basis_incomplete",
                        "nomor dan tanggal keputusan diisi keduanya atau tidak sama sekali".into(),
                    );
                }
            }
            if h.end_basis_date.is_some() && h.until.is_none() {
                r.add(
                    Entity::RegionalHead,
                    i,
                    "until",
                    "term_end_missing",
                    "keputusan berakhirnya masa jabatan diisi, tetapi akhir masa jabatan kosong"
                        .into(),
                );
            }
            // One person per office at a time: checked against the terms listed before it.
            match check_new_term(h.office, self.agency.kind, h.term(), &earlier) {
                Ok(()) => {}
                Err(e) => {
                    let field = match e {
                        TermRefusal::OfficeNotOfAgency { .. } => "office",
                        TermRefusal::EndsBeforeStart { .. } => "until",
                        _ => "from",
                    };
                    let mut message = e.to_string();
                    if let TermRefusal::Overlaps { .. } = e
                        && let Some(j) = earlier.iter().position(|t| t.term.overlaps(&h.term()))
                    {
                        message = format!("{message} (Kepala Daerah ke-{})", j + 1);
                    }
                    r.add(Entity::RegionalHead, i, field, e.code(), message);
                }
            }
            earlier.push(RecordedTerm {
                id: i as i64,
                office: h.office,
                name: h.name.clone(),
                term: h.term(),
            });
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::assignment::Day;
    use crate::bundle::RegionalHeadRecord;
    use crate::bundle::validate::Entity;
    use crate::regional_heads::RegionalOffice;

    fn head(
        office: RegionalOffice,
        username: &str,
        from: &str,
        until: Option<&str>,
    ) -> RegionalHeadRecord {
        RegionalHeadRecord {
            office,
            title: String::new(),
            name: "H. Saidi Mansyur".into(),
            username: username.into(),
            from: Some(Day::parse(from).unwrap()),
            until: until.map(|u| Day::parse(u).unwrap()),
            basis_number: None,
            basis_date: None,
            end_basis_number: None,
            end_basis_date: None,
        }
    }

    fn problems(heads: Vec<RegionalHeadRecord>) -> Vec<(usize, &'static str, &'static str)> {
        let mut b = crate::bundle::tests::valid();
        b.regional_heads = heads;
        match b.validate() {
            Ok(()) => Vec::new(),
            Err(ps) => ps
                .into_iter()
                .filter(|p| p.entity == Entity::RegionalHead)
                .map(|p| (p.index, p.field, p.code))
                .collect(),
        }
    }

    #[test]
    fn pen_12_a_regent_and_a_vice_regent_with_consecutive_terms_are_a_valid_bundle() {
        use RegionalOffice::*;
        assert_eq!(
            problems(vec![
                head(Regent, "bupati.lama", "2021-02-26", Some("2026-02-25")),
                head(Regent, "bupati.uji", "2026-02-26", None),
                head(ViceRegent, "wabup.uji", "2026-02-26", None),
            ]),
            vec![]
        );
    }

    #[test]
    fn pen_12_every_problem_of_the_heads_is_listed_at_once() {
        use RegionalOffice::*;
        let mut no_date = head(ViceRegent, "wabup", "2021-02-26", Some("2026-02-25"));
        no_date.basis_number = Some("188.45/1/2021".into());
        let mut blank = head(Regent, "Bupati Uji", "2021-02-26", Some("2020-01-01"));
        blank.name = " ".into();
        assert_eq!(
            problems(vec![
                head(Regent, "bupati.uji", "2021-02-26", None),
                head(Regent, "bupati.dua", "2024-01-01", None),
                head(Governor, "gubernur", "2021-02-26", None),
                no_date,
                blank,
            ]),
            vec![
                (1, "from", "term_overlaps"),
                (2, "office", "regional_office_not_of_agency"),
                (3, "basis_number", "basis_incomplete"),
                (4, "name", "regional_head_name_blank"),
                (4, "username", "username_invalid"),
                (4, "until", "term_ends_before_start"),
            ]
        );
    }
}
