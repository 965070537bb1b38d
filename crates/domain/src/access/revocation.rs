//! Whether a granted role may be taken back (issue 12 point 9): the last holder of a role that
//! only its own holders can give is never removed through the admin pages or the API, or
//! nobody could give it again. The command line, used by whoever runs the installation, may
//! still remove them when told to (`--force`), and the audit row says so. Pure: storage counts
//! the holders inside the transaction that revokes, this decides.

use super::GrantedRole;

/// Through which door a revocation comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevocationChannel {
    /// The admin pages (`/admin/peran`) or the API: an admin of the agency.
    Admin,
    /// The command line of the installation; `force` takes back even the last holder.
    Cli { force: bool },
}

/// What a permitted revocation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revocation {
    /// Another holder remains, or others can give the role again.
    Ordinary,
    /// The last holder is removed on the command line's `--force`; nobody holds the role now.
    ForcedLastHolder,
}

/// Why a revocation is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RevocationRefusal {
    /// The grant is the last active one of a role only its holders can give.
    #[error(
        "Peran {} tidak dapat dicabut: ini pemegang terakhir di instansi, dan peran ini hanya dapat diberikan oleh pemegangnya. Berikan peran ini kepada pegawai lain terlebih dahulu.",
        .role.label()
    )]
    LastHolder { role: GrantedRole },
}

impl RevocationRefusal {
    /// Stable `snake_case` code.
    pub fn code(self) -> &'static str {
        match self {
            RevocationRefusal::LastHolder { .. } => "last_role_holder",
        }
    }
}

impl GrantedRole {
    /// The granted roles whose holders may give and take back this role: the role page and
    /// the API need `Action::AdministerAgency`, which only an HR admin has.
    pub fn grantors(self) -> &'static [GrantedRole] {
        match self {
            GrantedRole::HrAdmin
            | GrantedRole::ProcessMapKeeper
            | GrantedRole::OrganisationKeeper => &[GrantedRole::HrAdmin],
        }
    }

    /// Whether only holders of this role can give it.
    pub fn only_granted_by_itself(self) -> bool {
        self.grantors() == [self]
    }
}

/// Decides a revocation of `role` in an agency where `active_holders` people hold it now
/// (the one to be revoked included).
pub fn decide_revocation(
    role: GrantedRole,
    active_holders: usize,
    channel: RevocationChannel,
) -> Result<Revocation, RevocationRefusal> {
    if !role.only_granted_by_itself() || active_holders > 1 {
        return Ok(Revocation::Ordinary);
    }
    match channel {
        RevocationChannel::Cli { force: true } => Ok(Revocation::ForcedLastHolder),
        RevocationChannel::Admin | RevocationChannel::Cli { force: false } => {
            Err(RevocationRefusal::LastHolder { role })
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may panic on unexpected errors
mod tests {
    use super::*;
    use crate::access::{Action, Actor, ActorFacts};
    use crate::organisation::AgencyId;

    #[test]
    fn the_last_hr_admin_is_not_revoked_through_the_admin_pages() {
        let refused = decide_revocation(GrantedRole::HrAdmin, 1, RevocationChannel::Admin);
        assert_eq!(
            refused,
            Err(RevocationRefusal::LastHolder {
                role: GrantedRole::HrAdmin
            })
        );
        assert_eq!(refused.unwrap_err().code(), "last_role_holder");
        assert!(
            refused
                .unwrap_err()
                .to_string()
                .contains("pemegang terakhir")
        );
    }

    #[test]
    fn one_of_two_hr_admins_is_revoked() {
        assert_eq!(
            decide_revocation(GrantedRole::HrAdmin, 2, RevocationChannel::Admin),
            Ok(Revocation::Ordinary)
        );
    }

    #[test]
    fn the_command_line_removes_the_last_holder_only_when_forced() {
        assert!(
            decide_revocation(
                GrantedRole::HrAdmin,
                1,
                RevocationChannel::Cli { force: false }
            )
            .is_err()
        );
        assert_eq!(
            decide_revocation(
                GrantedRole::HrAdmin,
                1,
                RevocationChannel::Cli { force: true }
            ),
            Ok(Revocation::ForcedLastHolder)
        );
    }

    #[test]
    fn the_last_holder_of_a_role_an_admin_gives_is_revoked() {
        assert_eq!(
            decide_revocation(GrantedRole::ProcessMapKeeper, 1, RevocationChannel::Admin),
            Ok(Revocation::Ordinary)
        );
    }

    #[test]
    fn grantors_are_the_roles_that_administer_the_agency() {
        let agency = AgencyId(1);
        for &role in GrantedRole::ALL {
            let actor = Actor::new(ActorFacts {
                agency: Some(agency),
                granted: vec![role],
                ..ActorFacts::default()
            });
            let administers = actor.may(Action::AdministerAgency { agency });
            for &given in GrantedRole::ALL {
                assert_eq!(
                    given.grantors().contains(&role),
                    administers,
                    "{role:?} giving {given:?}"
                );
            }
        }
    }
}
