//! The placement list in two steps: one query joins `placements` with the placed employee,
//! their position, unit and department, ordered in SQL; the few officials those rows name
//! (heads of units) and any manual decisions are then loaded by id.
//!
//! On SQLite each row comes back as one JSON array (`json_array`) rather than 35 columns: the
//! driver copies every value of a row on its worker thread, so one value per row instead of
//! 35 more than halves the time of a 2,000-row department list. PostgreSQL sends plain
//! columns, which it does faster than building JSON.

use std::collections::{BTreeSet, HashMap};

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Order, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DbBackend, QueryResult, TryGetable};
use serde::Deserialize;
use sikerja_domain::org::FunctionalLevel;
use sikerja_domain::organisation::{DepartmentId, EmployeeId, PositionId, UnitId};

use crate::batch::{rows_where_in, unique_ids};
use crate::convert;
use crate::entities::{department, employee, manual_placement, placement, position, unit};
use crate::error::{Result, corrupt};
use crate::officials::Officials;
use crate::views::{ManualRecord, PersonRef, PlacementStatus, PlacementView};

/// An official's ids as stored: employee, position, acting kind.
type OfficialIds = (Option<i64>, Option<i64>, Option<String>);

/// One row of [`select`], in the order of its columns (JSON array on SQLite).
#[derive(Deserialize)]
struct Row {
    employee_id: i64,
    position_id: i64,
    unit_id: i64,
    department_id: i64,
    status: String,
    officials: [OfficialIds; 4],
    rule_id: String,
    article: String,
    assessor_rule_id: Option<String>,
    assessor_article: Option<String>,
    notes: String,
    reason: Option<String>,
    #[serde(deserialize_with = "bool_or_int")]
    manual: bool,
    nip: String,
    name: String,
    front_title: String,
    back_title: String,
    grade: String,
    position_name: String,
    position_class: String,
    functional_level: Option<String>,
    unit_name: String,
    department_name: String,
}

/// SQLite has no boolean type: `true` arrives as `1`.
fn bool_or_int<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum B {
        Bool(bool),
        Int(i64),
    }
    Ok(match B::deserialize(d)? {
        B::Bool(b) => b,
        B::Int(i) => i != 0,
    })
}

/// The joined SELECT without a WHERE clause; filters go on `placements` and `employees`.
pub(crate) fn select(backend: DbBackend) -> SelectStatement {
    use placement::Column as P;
    let pl = placement::Entity;
    let col = |t: &'static str, c: &'static str| Expr::col((Alias::new(t), Alias::new(c)));
    let mut args: Vec<Expr> = [
        P::EmployeeId,
        P::PositionId,
        P::UnitId,
        P::DepartmentId,
        P::Status,
    ]
    .into_iter()
    .map(|c| Expr::col((pl, c)))
    .collect();
    // The officials as four nested arrays of (employee, position, acting).
    let json = backend != DbBackend::Postgres;
    for (e, p, a) in [
        (
            P::SuperiorEmployeeId,
            P::SuperiorPositionId,
            P::SuperiorActing,
        ),
        (
            P::AssessorEmployeeId,
            P::AssessorPositionId,
            P::AssessorActing,
        ),
        (
            P::CoordinatorEmployeeId,
            P::CoordinatorPositionId,
            P::CoordinatorActing,
        ),
        (
            P::RecommenderEmployeeId,
            P::RecommenderPositionId,
            P::RecommenderActing,
        ),
    ] {
        let ids = [e, p, a].map(|c| Expr::col((pl, c)));
        if json {
            args.push(json_array(ids));
        } else {
            args.extend(ids);
        }
    }
    if json {
        let officials = json_array(args.split_off(5));
        args.push(officials);
    }
    args.extend(
        [
            P::RuleId,
            P::Article,
            P::AssessorRuleId,
            P::AssessorArticle,
            P::Notes,
            P::Reason,
            P::Manual,
        ]
        .map(|c| Expr::col((pl, c))),
    );
    args.extend(["nip", "name", "front_title", "back_title", "grade"].map(|c| col("employees", c)));
    args.extend(["name", "class", "functional_level"].map(|c| col("positions", c)));
    args.push(col("units", "name"));
    args.push(col("departments", "name"));

    let mut q = Query::select();
    if json {
        q.expr_as(json_array(args), Alias::new("row"));
    } else {
        q.exprs(args);
    }
    q.from(pl)
        .inner_join(
            employee::Entity,
            Expr::col((employee::Entity, employee::Column::Id)).equals((pl, P::EmployeeId)),
        )
        .inner_join(
            position::Entity,
            Expr::col((position::Entity, position::Column::Id)).equals((pl, P::PositionId)),
        )
        .inner_join(
            unit::Entity,
            Expr::col((unit::Entity, unit::Column::Id)).equals((pl, P::UnitId)),
        )
        .inner_join(
            department::Entity,
            Expr::col((department::Entity, department::Column::Id)).equals((pl, P::DepartmentId)),
        )
        .order_by(
            (department::Entity, department::Column::AgencyId),
            Order::Asc,
        )
        .order_by(
            (department::Entity, department::Column::SortOrder),
            Order::Asc,
        )
        .order_by((unit::Entity, unit::Column::SortOrder), Order::Asc)
        .order_by((position::Entity, position::Column::SortOrder), Order::Asc)
        .order_by((employee::Entity, employee::Column::SortOrder), Order::Asc)
        .order_by((pl, P::EmployeeId), Order::Asc);
    q
}

fn json_array(args: impl IntoIterator<Item = Expr>) -> Expr {
    Func::cust(Alias::new("json_array")).args(args).into()
}

impl Row {
    /// A PostgreSQL row: the same fields as plain columns, officials flattened.
    fn from_columns(row: &QueryResult) -> Result<Row> {
        let mut c = Cursor { row, next: 0 };
        let (employee_id, position_id, unit_id, department_id, status) =
            (c.get()?, c.get()?, c.get()?, c.get()?, c.get()?);
        let mut officials: [OfficialIds; 4] = Default::default();
        for o in &mut officials {
            *o = (c.get()?, c.get()?, c.get()?);
        }
        Ok(Row {
            employee_id,
            position_id,
            unit_id,
            department_id,
            status,
            officials,
            rule_id: c.get()?,
            article: c.get()?,
            assessor_rule_id: c.get()?,
            assessor_article: c.get()?,
            notes: c.get()?,
            reason: c.get()?,
            manual: c.get()?,
            nip: c.get()?,
            name: c.get()?,
            front_title: c.get()?,
            back_title: c.get()?,
            grade: c.get()?,
            position_name: c.get()?,
            position_class: c.get()?,
            functional_level: c.get()?,
            unit_name: c.get()?,
            department_name: c.get()?,
        })
    }

    /// A SQLite row: one JSON array.
    fn from_json(row: &QueryResult) -> Result<Row> {
        let text: String = row.try_get_by_index(0)?;
        serde_json::from_str(&text).map_err(|_| corrupt("placement row", &text))
    }
}

/// Reads the columns of one result row in order.
struct Cursor<'r> {
    row: &'r QueryResult,
    next: usize,
}

impl Cursor<'_> {
    fn get<T: TryGetable>(&mut self) -> Result<T> {
        let v = self.row.try_get_by_index(self.next)?;
        self.next += 1;
        Ok(v)
    }
}

fn display_name(front: &str, name: &str, back: &str) -> String {
    let mut s = String::with_capacity(front.len() + name.len() + back.len() + 3);
    if !front.is_empty() {
        s.push_str(front);
        s.push(' ');
    }
    s.push_str(name);
    if !back.is_empty() {
        s.push_str(", ");
        s.push_str(back);
    }
    s
}

fn view(r: Row) -> Result<PlacementView> {
    let grade = convert::grade(&r.grade)?;
    Ok(PlacementView {
        employee: PersonRef {
            employee: EmployeeId(r.employee_id),
            nip: convert::nip(&r.nip)?,
            name: display_name(&r.front_title, &r.name, &r.back_title),
            grade,
            rank: grade.rank().map(|x| x.to_string()),
        },
        position: PositionId(r.position_id),
        position_name: r.position_name,
        position_class: convert::position_class(&r.position_class)?,
        functional_level: convert::opt_code(
            "functional level",
            r.functional_level.as_deref(),
            FunctionalLevel::from_code,
        )?,
        unit: UnitId(r.unit_id),
        unit_name: r.unit_name,
        department: DepartmentId(r.department_id),
        department_name: r.department_name,
        status: PlacementStatus::from_code(&r.status)
            .ok_or_else(|| corrupt("placement status", &r.status))?,
        superior: None,
        assessor: None,
        coordinator: None,
        recommender: None,
        rule_id: r.rule_id,
        article: r.article,
        assessor_rule_id: r.assessor_rule_id,
        assessor_article: r.assessor_article,
        notes: serde_json::from_str(&r.notes).map_err(|_| corrupt("placement notes", &r.notes))?,
        reason: r.reason,
        manual: None,
    })
}

/// Runs a statement built from [`select`] and turns its rows into complete views.
pub(crate) async fn fetch<C: ConnectionTrait>(
    db: &C,
    q: &SelectStatement,
) -> Result<Vec<PlacementView>> {
    let read = match db.get_database_backend() {
        DbBackend::Postgres => Row::from_columns,
        _ => Row::from_json,
    };
    let rows = db
        .query_all(q)
        .await?
        .iter()
        .map(read)
        .collect::<Result<Vec<_>>>()?;
    let mut people = BTreeSet::new();
    let mut posts = BTreeSet::new();
    for r in &rows {
        for (e, p, _) in &r.officials {
            people.extend(*e);
            posts.extend(*p);
        }
    }
    let officials = Officials::load(db, people, posts).await?;
    let manual_ids = unique_ids(rows.iter().filter(|r| r.manual).map(|r| r.employee_id));
    let mut manual: HashMap<i64, manual_placement::Model> =
        rows_where_in::<manual_placement::Entity, _>(
            db,
            manual_placement::Column::EmployeeId,
            &manual_ids,
        )
        .await?
        .into_iter()
        .map(|m| (m.employee_id, m))
        .collect();
    rows.into_iter()
        .map(|r| {
            let [s, a, c, rec] = r.officials.clone();
            let employee_id = r.employee_id;
            let mut v = view(r)?;
            v.superior = officials.official(s.1, s.0, s.2.as_deref())?;
            v.assessor = officials.official(a.1, a.0, a.2.as_deref())?;
            v.coordinator = officials.official(c.1, c.0, c.2.as_deref())?;
            v.recommender = officials.official(rec.1, rec.0, rec.2.as_deref())?;
            v.manual = manual.remove(&employee_id).map(|m| ManualRecord {
                justification: m.justification,
                decided_by: m.decided_by,
                decided_at: m.decided_at,
            });
            Ok(v)
        })
        .collect()
}
