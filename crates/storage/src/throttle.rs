//! Throttling of sign-in attempts with growing delays (issue 12 point 3). Each key — an
//! account as typed, or a real client address — counts the attempts made on it; after a
//! policy's free attempts every further attempt must wait an exponentially growing, capped
//! time. Nothing is ever locked for everyone: a key only slows the attempts that carry it.
//!
//! An attempt is counted when it is *admitted*, before the password is checked, in one
//! transaction that holds the key's row (`SELECT … FOR UPDATE` on PostgreSQL, the write lock
//! on SQLite). So parallel attempts cannot slip through together while a delay is being set,
//! and concurrent failures are all counted. A successful sign-in then gives the attempt back.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, DatabaseTransaction, EntityTrait, QueryFilter,
    QuerySelect,
};

use crate::connect::Store;
use crate::entities::sign_in_throttle;
use crate::error::Result;

/// How attempts on one key are slowed: `free_attempts` attempts go through at once; after
/// the n-th counted attempt beyond them (n ≥ 0) the next must wait `first_delay · 2ⁿ`, at most
/// `max_delay`. A key with no attempt for `forget_after` starts afresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    /// Attempts allowed without any wait.
    pub free_attempts: i32,
    /// The wait after the last free attempt.
    pub first_delay: TimeDelta,
    /// The longest wait.
    pub max_delay: TimeDelta,
    /// Quiet time after which the count is forgotten.
    pub forget_after: TimeDelta,
}

/// The counted attempts of one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleState {
    /// Attempts counted (failed, or still being checked).
    pub failures: i32,
    /// When the last one was counted.
    pub last_failure_at: DateTime<Utc>,
    /// The next attempt is refused before this instant.
    pub wait_until: Option<DateTime<Utc>>,
}

/// Whether a sign-in attempt may go on to the password check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Counted; check the password.
    Admitted,
    /// Refused without counting: a key must wait until this instant.
    Wait(DateTime<Utc>),
}

impl ThrottlePolicy {
    /// The wait after `count` counted attempts (zero while they are free).
    pub fn delay_after(&self, count: i32) -> TimeDelta {
        if count < self.free_attempts {
            return TimeDelta::zero();
        }
        // 2^20 times any sensible first delay is far beyond the cap already.
        let doublings = u32::try_from(count - self.free_attempts)
            .unwrap_or(0)
            .min(20);
        self.first_delay
            .checked_mul(1 << doublings)
            .map_or(self.max_delay, |d| d.min(self.max_delay))
    }

    /// The state as it counts at `now`: `None` once forgotten.
    pub fn current(
        &self,
        state: Option<ThrottleState>,
        now: DateTime<Utc>,
    ) -> Option<ThrottleState> {
        state.filter(|s| s.failures > 0 && now - s.last_failure_at < self.forget_after)
    }

    /// Whether an attempt at `now` must wait, and until when.
    pub fn wait(&self, state: Option<ThrottleState>, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.current(state, now)
            .and_then(|s| s.wait_until)
            .filter(|t| *t > now)
    }

    /// The state after one more attempt is counted at `now`.
    pub fn count(&self, state: Option<ThrottleState>, now: DateTime<Utc>) -> ThrottleState {
        let failures = self.current(state, now).map_or(0, |s| s.failures) + 1;
        let delay = self.delay_after(failures);
        ThrottleState {
            failures,
            last_failure_at: now,
            wait_until: (delay > TimeDelta::zero()).then(|| now + delay),
        }
    }

    /// The state after a counted attempt turned out to be a successful sign-in: the attempt
    /// is given back; a wait set only because of it is lifted. `None`: nothing left.
    pub fn give_back(
        &self,
        state: Option<ThrottleState>,
        now: DateTime<Utc>,
    ) -> Option<ThrottleState> {
        let s = self.current(state, now)?;
        let failures = s.failures - 1;
        (failures > 0).then(|| ThrottleState {
            failures,
            last_failure_at: s.last_failure_at,
            wait_until: if self.delay_after(failures) > TimeDelta::zero() {
                s.wait_until
            } else {
                None
            },
        })
    }
}

fn state_of(row: &sign_in_throttle::Model) -> ThrottleState {
    ThrottleState {
        failures: row.failures,
        last_failure_at: row.last_failure_at,
        wait_until: row.wait_until,
    }
}

/// The row of a key, created empty if missing and locked for the rest of the transaction.
async fn locked_row(
    txn: &DatabaseTransaction,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Option<ThrottleState>> {
    let empty = sign_in_throttle::ActiveModel {
        key: Set(key.to_string()),
        failures: Set(0),
        last_failure_at: Set(now),
        wait_until: Set(None),
    };
    sign_in_throttle::Entity::insert(empty)
        .on_conflict(
            OnConflict::column(sign_in_throttle::Column::Key)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    let row = sign_in_throttle::Entity::find_by_id(key.to_string())
        .lock_exclusive()
        .one(txn)
        .await?;
    Ok(row.as_ref().map(state_of))
}

async fn write(txn: &DatabaseTransaction, key: &str, state: Option<ThrottleState>) -> Result<()> {
    match state {
        Some(s) => {
            sign_in_throttle::Entity::update(sign_in_throttle::ActiveModel {
                key: Set(key.to_string()),
                failures: Set(s.failures),
                last_failure_at: Set(s.last_failure_at),
                wait_until: Set(s.wait_until),
            })
            .exec(txn)
            .await?;
        }
        None => {
            sign_in_throttle::Entity::delete_by_id(key.to_string())
                .exec(txn)
                .await?;
        }
    }
    Ok(())
}

/// Keys in a fixed order, so two transactions never lock the same rows in opposite orders.
fn sorted<'a>(keys: &[(&'a str, ThrottlePolicy)]) -> Vec<(&'a str, ThrottlePolicy)> {
    let mut keys = keys.to_vec();
    keys.sort_by(|a, b| a.0.cmp(b.0));
    keys.dedup_by(|a, b| a.0 == b.0);
    keys
}

impl Store {
    /// Admits a sign-in attempt that carries these keys, each with its policy: when none of
    /// them must wait, the attempt is counted against every one (in one transaction);
    /// otherwise nothing is counted and the latest instant to wait for is returned.
    pub async fn admit_sign_in(&self, keys: &[(&str, ThrottlePolicy)]) -> Result<Admission> {
        let now = Utc::now();
        let keys = sorted(keys);
        let txn = self.begin_write().await?;
        let mut states = Vec::with_capacity(keys.len());
        let mut wait: Option<DateTime<Utc>> = None;
        for (key, policy) in &keys {
            let state = locked_row(&txn, key, now).await?;
            if let Some(until) = policy.wait(state, now) {
                wait = Some(wait.map_or(until, |w| w.max(until)));
            }
            states.push(state);
        }
        if let Some(until) = wait {
            drop(txn); // rolls back
            return Ok(Admission::Wait(until));
        }
        for ((key, policy), state) in keys.iter().zip(states) {
            write(&txn, key, Some(policy.count(state, now))).await?;
        }
        txn.commit().await?;
        Ok(Admission::Admitted)
    }

    /// After an admitted attempt signed in: forgets every attempt on `reset` (the account)
    /// and gives the one attempt back to each of `give_back` (the address, which keeps the
    /// rest of its count: one good account must not clear guessing at others from there).
    pub async fn sign_in_succeeded(
        &self,
        reset: &[&str],
        give_back: &[(&str, ThrottlePolicy)],
    ) -> Result<()> {
        let now = Utc::now();
        let txn = self.begin_write().await?;
        for key in reset {
            sign_in_throttle::Entity::delete_by_id(key.to_string())
                .exec(&txn)
                .await?;
        }
        for (key, policy) in sorted(give_back) {
            let Some(row) = sign_in_throttle::Entity::find_by_id(key.to_string())
                .lock_exclusive()
                .one(&txn)
                .await?
            else {
                continue;
            };
            write(&txn, key, policy.give_back(Some(state_of(&row)), now)).await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// The counted attempts of a key, as stored.
    pub async fn sign_in_throttle_state(&self, key: &str) -> Result<Option<ThrottleState>> {
        let row = sign_in_throttle::Entity::find_by_id(key.to_string())
            .one(&self.db)
            .await?;
        Ok(row.as_ref().map(state_of).filter(|s| s.failures > 0))
    }

    /// Deletes throttle counts quiet for longer than `forget_after` (and no longer waiting)
    /// and expired device cookies. Returns the number of rows deleted.
    pub async fn delete_stale_sign_in_state(&self, forget_after: TimeDelta) -> Result<u64> {
        let now = Utc::now();
        let counts = sign_in_throttle::Entity::delete_many()
            .filter(sign_in_throttle::Column::LastFailureAt.lt(now - forget_after))
            .filter(
                Condition::any()
                    .add(sign_in_throttle::Column::WaitUntil.is_null())
                    .add(sign_in_throttle::Column::WaitUntil.lt(now)),
            )
            .exec(&self.db)
            .await?
            .rows_affected;
        Ok(counts + self.delete_expired_devices(now).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: ThrottlePolicy = ThrottlePolicy {
        free_attempts: 3,
        first_delay: TimeDelta::seconds(30),
        max_delay: TimeDelta::minutes(5),
        forget_after: TimeDelta::hours(1),
    };

    #[test]
    fn the_delay_doubles_after_the_free_attempts_up_to_the_cap() {
        let delays: Vec<i64> = (0..10)
            .map(|n| POLICY.delay_after(n).num_seconds())
            .collect();
        assert_eq!(delays, [0, 0, 0, 30, 60, 120, 240, 300, 300, 300]);
        assert_eq!(POLICY.delay_after(i32::MAX), TimeDelta::minutes(5));
    }

    #[test]
    fn counting_sets_a_wait_only_beyond_the_free_attempts() {
        let now = Utc::now();
        let mut state = None;
        for _ in 0..2 {
            state = Some(POLICY.count(state, now));
            assert_eq!(POLICY.wait(state, now), None);
        }
        state = Some(POLICY.count(state, now));
        assert_eq!(POLICY.wait(state, now), Some(now + TimeDelta::seconds(30)));
        assert_eq!(POLICY.wait(state, now + TimeDelta::seconds(30)), None);
    }

    #[test]
    fn a_quiet_key_is_forgotten() {
        let then = Utc::now() - TimeDelta::hours(2);
        let state = ThrottleState {
            failures: 9,
            last_failure_at: then,
            wait_until: Some(then + TimeDelta::minutes(5)),
        };
        assert_eq!(POLICY.count(Some(state), Utc::now()).failures, 1);
    }

    #[test]
    fn giving_back_the_attempt_that_set_a_wait_lifts_it() {
        let now = Utc::now();
        let mut state = None;
        for _ in 0..3 {
            state = Some(POLICY.count(state, now));
        }
        let back = POLICY.give_back(state, now).expect("two attempts left");
        assert_eq!(back.failures, 2);
        assert_eq!(POLICY.wait(Some(back), now), None);
        let one = ThrottleState {
            failures: 1,
            ..back
        };
        assert_eq!(POLICY.give_back(Some(one), now), None);
    }
}
