//! The name-or-NIP search shared by the employee and placement lists: case-insensitive,
//! wildcards in the input escaped, the text always bound as a parameter.

use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, SimpleExpr};
use sea_orm::{ColumnTrait, Condition};

use crate::entities::employee;

/// `%text%` with `%`, `_` and `\` taken literally.
fn contains_pattern(text: &str) -> String {
    let mut p = String::with_capacity(text.len() + 2);
    p.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// Condition on `employees` matching a part of the name or NIP; `None` for a blank search.
pub(crate) fn employee_matches(search: Option<&str>) -> Option<Condition> {
    let text = search.map(str::trim).filter(|s| !s.is_empty())?;
    let lower = text.to_lowercase();
    let name: SimpleExpr = Expr::expr(Func::lower(Expr::col((
        employee::Entity,
        employee::Column::Name,
    ))))
    .like(LikeExpr::new(contains_pattern(&lower)).escape('\\'));
    let mut any = Condition::any().add(name);
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        any = any
            .add(employee::Column::Nip.like(LikeExpr::new(contains_pattern(&digits)).escape('\\')));
    }
    Some(any)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::contains_pattern;

    #[test]
    fn wildcards_in_the_search_are_taken_literally() {
        assert_eq!(contains_pattern("50%_a\\"), "%50\\%\\_a\\\\%");
    }
}
