//! A small SQL text builder for the dashboards: placeholders in the backend's spelling (`?` on
//! SQLite, `$n` on PostgreSQL) and the scope condition shared by every aggregate.

use sea_orm::{DbBackend, Statement, Value};
use sikerja_domain::dashboard::DashboardScope;

pub(super) struct Sql {
    backend: DbBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    pub(super) fn new(backend: DbBackend) -> Sql {
        Sql {
            backend,
            text: String::new(),
            values: Vec::new(),
        }
    }

    pub(super) fn push(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// A bound value.
    pub(super) fn param(&mut self, value: impl Into<Value>) {
        self.values.push(value.into());
        match self.backend {
            DbBackend::Postgres => {
                self.text.push('$');
                self.text.push_str(&self.values.len().to_string());
            }
            _ => self.text.push('?'),
        }
    }

    /// A comma-separated list of bound ids; `NULL` for none (so `IN (NULL)` matches nothing).
    pub(super) fn ids(&mut self, ids: impl IntoIterator<Item = i64>) {
        let mut any = false;
        for id in ids {
            if any {
                self.push(", ");
            }
            self.param(id);
            any = true;
        }
        if !any {
            self.push("NULL");
        }
    }

    /// `WITH RECURSIVE scope_units(id) AS (…)`: the scope's units with their subtrees, to put
    /// before the statement that calls [`Sql::scope_filter`].
    pub(super) fn scope_units(&mut self, scope: &DashboardScope) {
        self.push("WITH RECURSIVE scope_units(id) AS (SELECT id FROM units WHERE id IN (");
        match scope {
            DashboardScope::Within { units, .. } => self.ids(units.iter().map(|u| u.0)),
            DashboardScope::Agency { .. } => self.push("NULL"),
        }
        self.push(
            ") UNION ALL SELECT u.id FROM units u JOIN scope_units s ON u.parent_id = s.id) ",
        );
    }

    /// ` AND <alias>.agency_id = … [AND (<alias>.department_id IN (…) OR <alias>.unit_id IN
    /// scope_units)]`: rows of a table carrying agency, department and unit inside `scope`.
    pub(super) fn scope_filter(&mut self, scope: &DashboardScope, alias: &str) {
        self.push(&format!(" AND {alias}.agency_id = "));
        self.param(scope.agency().0);
        if let DashboardScope::Within { departments, .. } = scope {
            self.push(&format!(" AND ({alias}.department_id IN ("));
            self.ids(departments.iter().map(|d| d.0));
            self.push(&format!(
                ") OR {alias}.unit_id IN (SELECT id FROM scope_units))"
            ));
        }
    }

    /// ` AND (<department> IN (…) OR <unit> IN scope_units)` for a `Within` scope, nothing for
    /// the agency: rows whose department and unit are other columns than a table's own (an
    /// agreement's unit is its position's). The caller filters the agency.
    pub(super) fn scope_within(&mut self, scope: &DashboardScope, department: &str, unit: &str) {
        if let DashboardScope::Within { departments, .. } = scope {
            self.push(&format!(" AND ({department} IN ("));
            self.ids(departments.iter().map(|d| d.0));
            self.push(&format!(") OR {unit} IN (SELECT id FROM scope_units))"));
        }
    }

    pub(super) fn statement(self) -> Statement {
        Statement::from_sql_and_values(self.backend, self.text, self.values)
    }
}
