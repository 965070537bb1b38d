//! Throttling of sign-in attempts (issue 12 point 3), after OWASP's Authentication and
//! Credential Stuffing Prevention cheat sheets: no hard lock for everyone, but growing delays
//! per account and per real client address, and device cookies that let a browser which
//! signed in to an account before keep signing in while that account is under attack.
//!
//! The numbers (written down in docs/operations.md):
//! - per account as typed, from unknown devices: 5 attempts free, then 1 minute, doubling with
//!   every further attempt, at most 15 minutes; forgotten after 24 hours without an attempt;
//! - per real client address: 30 attempts free, then 10 seconds, doubling, at most 5 minutes;
//!   forgotten after 1 hour — an office behind one address is slowed a little, never locked,
//!   and nobody at another address notices;
//! - a device cookie bound to the account skips both; it survives 5 wrong passwords (a stolen
//!   cookie gives 5 guesses, not more) and lasts 180 days after its last sign-in.
//!
//! Attempts are counted when admitted, before the password is checked, so parallel guesses
//! cannot slip past a delay; a successful sign-in gives the attempt back. The refusal reads
//! exactly like a wrong password, so nobody learns which NIPs exist or that a delay runs.

use std::net::IpAddr;

use chrono::TimeDelta;
use sikerja_domain::Nip;
use sikerja_storage::{Admission, DevicePolicy, Result, Store, ThrottlePolicy};

/// The one message for a wrong NIP, a wrong password and a throttled sign-in.
pub(crate) const SIGN_IN_REFUSED: &str =
    "NIP atau kata sandi salah, atau terlalu banyak percobaan. Coba lagi nanti.";

/// Attempts on one account from devices not known to it.
pub(crate) const PER_ACCOUNT: ThrottlePolicy = ThrottlePolicy {
    free_attempts: 5,
    first_delay: TimeDelta::minutes(1),
    max_delay: TimeDelta::minutes(15),
    forget_after: TimeDelta::hours(24),
};

/// Attempts from one real client address on any account, from devices not known to it.
pub(crate) const PER_ADDRESS: ThrottlePolicy = ThrottlePolicy {
    free_attempts: 30,
    first_delay: TimeDelta::seconds(10),
    max_delay: TimeDelta::minutes(5),
    forget_after: TimeDelta::hours(1),
};

/// Device cookies: their failure limit and lifetime.
pub(crate) const DEVICES: DevicePolicy = DevicePolicy {
    failure_limit: 5,
    lifetime: TimeDelta::days(180),
};

/// The longest a throttle count is kept without attempts: older ones may be swept.
pub const FORGET_AFTER: TimeDelta = TimeDelta::hours(24);

/// Longest login kept in a throttling key; longer input names nobody anyway.
const MAX_LOGIN_CHARS: usize = 64;

/// The throttling key of a login as typed: `nip:<18 digits>` for a NIP, else
/// `login:<lowercase username>` — the same account the sign-in looks up.
pub(crate) fn account_key(login: &str) -> String {
    let login = login.trim();
    match Nip::parse(login) {
        Ok(nip) => format!("nip:{}", nip.as_str()),
        Err(_) => {
            let short: String = login.chars().take(MAX_LOGIN_CHARS).collect();
            format!("login:{}", short.to_lowercase())
        }
    }
}

/// How an attempt was let through to the password check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Admitted {
    /// The browser's device cookie is bound to the account.
    KnownDevice,
    /// Counted against the account and the address.
    UnknownDevice,
    /// Refused before the password check: a delay runs.
    Refused,
}

/// One sign-in attempt: its keys and the device cookie it presented.
pub(crate) struct Attempt {
    account: String,
    address: String,
    device: Option<String>,
}

impl Attempt {
    /// The attempt on the login as typed, from this real client address, with this device
    /// cookie.
    pub(crate) fn new(login: &str, address: Option<IpAddr>, device: Option<String>) -> Self {
        Attempt {
            account: account_key(login),
            address: match address {
                Some(a) => format!("ip:{a}"),
                None => "ip:unknown".to_string(),
            },
            device,
        }
    }

    /// Lets the attempt through as a known device (counted against the device binding), or
    /// as an unknown one when neither the account nor the address must wait.
    pub(crate) async fn admit(&self, store: &Store) -> Result<Admitted> {
        if let Some(token) = &self.device
            && store.admit_device(token, &self.account, DEVICES).await?
        {
            return Ok(Admitted::KnownDevice);
        }
        let keys = [
            (self.account.as_str(), PER_ACCOUNT),
            (self.address.as_str(), PER_ADDRESS),
        ];
        Ok(match store.admit_sign_in(&keys).await? {
            Admission::Admitted => Admitted::UnknownDevice,
            Admission::Wait(_) => Admitted::Refused,
        })
    }

    /// After the right password: clears the account's count (an unknown device that got
    /// through), gives the address its attempt back, and binds a fresh device token to the
    /// account, returned for the cookie.
    pub(crate) async fn succeeded(&self, store: &Store, how: Admitted) -> Result<String> {
        if how == Admitted::UnknownDevice {
            store
                .sign_in_succeeded(&[&self.account], &[(&self.address, PER_ADDRESS)])
                .await?;
        }
        store
            .remember_device(self.device.as_deref(), &self.account, DEVICES)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nip_and_a_username_get_distinct_keys() {
        assert_eq!(
            account_key(" 198701012010011001 "),
            "nip:198701012010011001"
        );
        assert_eq!(account_key("Bupati"), "login:bupati");
        assert_ne!(account_key("bupati"), account_key("wabup"));
        assert_eq!(account_key(&"x".repeat(1000)).len(), "login:".len() + 64);
    }

    #[test]
    fn delays_grow_to_their_cap_and_counts_outlive_them() {
        for p in [PER_ACCOUNT, PER_ADDRESS] {
            assert_eq!(p.delay_after(p.free_attempts - 1), TimeDelta::zero());
            assert_eq!(p.delay_after(p.free_attempts), p.first_delay);
            assert_eq!(p.delay_after(p.free_attempts + 1), p.first_delay * 2);
            assert_eq!(p.delay_after(p.free_attempts + 30), p.max_delay);
            assert!(p.forget_after > p.max_delay);
            assert!(p.forget_after <= FORGET_AFTER);
        }
    }
}
