//! Throttling of failed sign-ins: 5 failures per account or 20 per client address within 15
//! minutes refuse further sign-ins there for 15 minutes. The refusal reads exactly like a
//! wrong password, so nobody learns which NIPs exist or that a lock is in place.

use chrono::TimeDelta;
use sikerja_storage::{Result, Store, ThrottlePolicy};

/// The one message for a wrong NIP, a wrong password and a throttled sign-in.
pub(crate) const SIGN_IN_REFUSED: &str =
    "NIP atau kata sandi salah, atau terlalu banyak percobaan. Coba lagi nanti.";

const PER_ACCOUNT: ThrottlePolicy = ThrottlePolicy {
    limit: 5,
    window: TimeDelta::minutes(15),
    lock: TimeDelta::minutes(15),
};

const PER_ADDRESS: ThrottlePolicy = ThrottlePolicy {
    limit: 20,
    window: TimeDelta::minutes(15),
    lock: TimeDelta::minutes(15),
};

/// The two throttling keys of one sign-in attempt.
pub(crate) struct Throttle {
    account: String,
    address: String,
}

impl Throttle {
    /// Keys for the NIP as typed (normalised to digits) and the client address.
    pub(crate) fn new(nip: &str, address: Option<std::net::IpAddr>) -> Self {
        let digits: String = nip.chars().filter(char::is_ascii_digit).collect();
        Throttle {
            account: format!("nip:{digits}"),
            address: match address {
                Some(a) => format!("ip:{a}"),
                None => "ip:unknown".to_string(),
            },
        }
    }

    /// Whether the account or the address is locked now.
    pub(crate) async fn locked(&self, store: &Store) -> Result<bool> {
        Ok(store.sign_in_locked(&self.account).await?
            || store.sign_in_locked(&self.address).await?)
    }

    /// Counts a failure against both keys.
    pub(crate) async fn failed(&self, store: &Store) -> Result<()> {
        store
            .record_failed_sign_in(&self.account, PER_ACCOUNT)
            .await?;
        store
            .record_failed_sign_in(&self.address, PER_ADDRESS)
            .await?;
        Ok(())
    }

    /// Clears the account's failures after a successful sign-in. The address keeps its count:
    /// one good account must not reset guessing at others from the same place.
    pub(crate) async fn succeeded(&self, store: &Store) -> Result<()> {
        store.reset_sign_in_attempts(&self.account).await
    }
}
