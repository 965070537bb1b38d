//! From records to the bundle, shared by JSON and XLSX: each field read with its own checks,
//! then the whole bundle validated and its problems put back at their sheet, row or path.

use std::collections::{HashMap, HashSet};

use sikerja_domain::bundle::{
    AgencyBundle, AgencyRecord, DepartmentRecord, EmployeeRecord, Entity, PositionRecord,
    RegionalHeadRecord, UnitRecord,
};
use sikerja_domain::experience_fields::ExperienceField;
use sikerja_domain::grade::Grade;
use sikerja_domain::nip::Nip;
use sikerja_domain::org::{
    AgencyKind, AssessorPolicy, DepartmentKind, EmploymentType, PerformanceRating, PositionClass,
    UnitKind,
};
use sikerja_domain::organisation::{AgencyPolicy, Experience, YearRating};
use sikerja_domain::regional_heads::RegionalOffice;

use crate::fields::{Place, Record};
use crate::problem::{ImportErrors, ImportProblem, Problems};
use crate::schema::{self, EXPERIENCE, RATINGS};

/// A bundle read from a file, with where each record came from.
pub(crate) struct Decoded {
    pub bundle: AgencyBundle,
    pub problems: Problems,
    /// Places of the records of each entity, by index.
    pub places: HashMap<Entity, Vec<Place>>,
    /// Places of ratings and experience, by (employee index, item index).
    pub rating_places: HashMap<(usize, usize), Place>,
    pub experience_places: HashMap<(usize, usize), Place>,
    /// Records that already had a problem of their own: validation adds nothing about them.
    pub bad: HashSet<(Entity, usize)>,
}

impl Decoded {
    pub(crate) fn new(agency: AgencyRecord) -> Decoded {
        Decoded {
            bundle: AgencyBundle {
                regional_heads: Vec::new(),
                experience_fields: Vec::new(),
                agency,
                departments: Vec::new(),
                units: Vec::new(),
                positions: Vec::new(),
                employees: Vec::new(),
            },
            problems: Problems::default(),
            places: HashMap::new(),
            rating_places: HashMap::new(),
            experience_places: HashMap::new(),
            bad: HashSet::new(),
        }
    }

    /// Records where entity `index` came from, and whether it was bad.
    pub(crate) fn place(&mut self, entity: Entity, index: usize, place: Place, bad: bool) {
        self.places.entry(entity).or_default().push(place);
        if bad {
            self.bad.insert((entity, index));
        }
    }

    /// Validates the bundle and returns it only when no problem at all was found.
    pub(crate) fn finish(mut self) -> Result<AgencyBundle, ImportErrors> {
        if self.problems.full() {
            // Reading alone filled the list: the whole-bundle check could add nothing that
            // is shown, and on a file wrong everywhere it would find hundreds of thousands.
            return Err(self.problems.into_errors());
        }
        if let Err(found) = self.bundle.validate() {
            for p in found {
                if self.bad.contains(&(p.entity, p.index)) {
                    continue;
                }
                let problem = match p.item {
                    Some(item) if p.field == "ratings" => {
                        let place = self.rating_places.get(&(p.index, item));
                        place.map(|pl| {
                            pl.problem(RATINGS.columns, "year", p.code, p.message.clone())
                        })
                    }
                    Some(item) => {
                        let field = if p.code == "experience_field_blank"
                            || p.code == "experience_field_unknown"
                        {
                            "field"
                        } else {
                            "years"
                        };
                        let place = self.experience_places.get(&(p.index, item));
                        place.map(|pl| {
                            pl.problem(EXPERIENCE.columns, field, p.code, p.message.clone())
                        })
                    }
                    None => self
                        .places
                        .get(&p.entity)
                        .and_then(|v| v.get(p.index))
                        .map(|pl| {
                            let columns = schema::sheet_of(p.entity).columns;
                            pl.problem(columns, p.field, p.code, p.message.clone())
                        }),
                };
                self.problems.push(problem.unwrap_or(ImportProblem {
                    sheet: None,
                    row: None,
                    field: Some(format!(
                        "{}[{}].{}",
                        schema::list_of(p.entity),
                        p.index,
                        p.field
                    )),
                    code: p.code,
                    message: p.message,
                }));
            }
        }
        if self.problems.is_empty() {
            Ok(self.bundle)
        } else {
            Err(self.problems.into_errors())
        }
    }
}

/// A valid NIP standing in for one that could not be read, so the rest of the record can
/// still be checked; the import fails anyway.
#[allow(clippy::expect_used)]
fn placeholder_nip() -> Nip {
    Nip::parse("190001011900011001").expect("constant NIP is valid")
}

pub(crate) fn agency(r: &mut Record<'_>) -> AgencyRecord {
    let threshold = if r.text("policy.span_of_control_threshold").is_empty() {
        AgencyPolicy::default().span_of_control_threshold
    } else {
        r.number("policy.span_of_control_threshold", 1, 10_000)
            .unwrap_or(AgencyPolicy::default().span_of_control_threshold)
    };
    AgencyRecord {
        code: r.text("code"),
        name: r.text("name"),
        kind: r.vocab("kind", AgencyKind::RegionalGovernment),
        seat: r.text("seat"),
        address: r.text("address"),
        policy: AgencyPolicy {
            assessor_policy: r
                .opt_vocab("policy.assessor_policy")
                .unwrap_or(AssessorPolicy::PlacementDecides),
            span_of_control_threshold: threshold,
        },
    }
}

pub(crate) fn department(r: &mut Record<'_>) -> DepartmentRecord {
    DepartmentRecord {
        code: r.text("code"),
        name: r.text("name"),
        kind: r.vocab("kind", DepartmentKind::Office),
    }
}

pub(crate) fn unit(r: &mut Record<'_>) -> UnitRecord {
    UnitRecord {
        code: r.text("code"),
        department_code: r.text("department_code"),
        parent_code: r.opt_text("parent_code"),
        name: r.text("name"),
        kind: r.vocab("kind", UnitKind::Other),
        is_org_unit: r.flag("is_org_unit"),
    }
}

pub(crate) fn position(r: &mut Record<'_>) -> PositionRecord {
    PositionRecord {
        code: r.text("code"),
        unit_code: r.text("unit_code"),
        name: r.text("name"),
        class: r.vocab("class", PositionClass::Pelaksana),
        is_head: r.flag("is_head"),
        functional_level: r.opt_vocab("functional_level"),
        substance: r.opt_vocab("substance"),
    }
}

/// An employee without ratings and experience (those come from their own records).
pub(crate) fn employee(r: &mut Record<'_>) -> EmployeeRecord {
    let nip = r.nip("nip").unwrap_or_else(placeholder_nip);
    let employment_type = r.vocab("employment_type", EmploymentType::Pns);
    let grade = r.grade("grade", "rank").unwrap_or(match employment_type {
        EmploymentType::Pns => Grade::Pns {
            group: 3,
            sub: b'a',
        },
        EmploymentType::Pppk => Grade::Pppk(9),
    });
    EmployeeRecord {
        nip,
        name: r.text("name"),
        front_title: r.text("front_title"),
        back_title: r.text("back_title"),
        employment_type,
        grade,
        education: r.education("education"),
        position_code: r.opt_text("position_code"),
        acting_position_code: r.opt_text("acting_position_code"),
        acting_kind: r.opt_vocab("acting_kind"),
        from_equalization: r.flag("from_equalization"),
        ratings: Vec::new(),
        experience: Vec::new(),
    }
}

pub(crate) fn rating(r: &mut Record<'_>) -> Option<YearRating> {
    let year = r.number("year", 1970, 2100);
    let rating = r.vocab("rating", PerformanceRating::Baik);
    Some(YearRating {
        year: u16::try_from(year?).ok()?,
        rating,
    })
}

pub(crate) fn experience(r: &mut Record<'_>) -> Option<Experience> {
    let field = r.text("field");
    let years = r.number("years", 0, 255)?;
    Some(Experience {
        field,
        years: u8::try_from(years).ok()?,
    })
}

/// A term of office of a regional head (issue 14 point 4).
pub(crate) fn regional_head(r: &mut Record<'_>) -> RegionalHeadRecord {
    RegionalHeadRecord {
        office: r.vocab("office", RegionalOffice::Regent),
        title: r.text("title"),
        name: r.text("name"),
        username: r.text("username"),
        from: r.day("from"),
        until: r.day("until"),
        basis_number: r.opt_text("basis_number"),
        basis_date: r.day("basis_date"),
        end_basis_number: r.opt_text("end_basis_number"),
        end_basis_date: r.day("end_basis_date"),
    }
}

/// A field of experience (issue 14 point 6); synonyms separated by `;`.
pub(crate) fn experience_field(r: &mut Record<'_>) -> ExperienceField {
    ExperienceField {
        code: r.text("code"),
        name: r.text("name"),
        synonyms: r
            .text("synonyms")
            .split(';')
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
            .collect(),
    }
}
