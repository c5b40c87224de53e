//! Password hashing: argon2id with OWASP's minimum parameters (m = 19 MiB, t = 2, p = 1).
use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Algorithm, Argon2, Params, Version,
};

/// A PHC-format argon2id hash. Deliberately neither `Serialize` nor `Display`, and its
/// `Debug` hides the value, so a hash cannot end up in a response or a log line.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHashString(String);

impl PasswordHashString {
    /// Wraps a hash read from the database.
    pub fn from_stored(hash: String) -> Self {
        Self(hash)
    }

    /// The value to store in the database.
    pub fn expose_for_storage(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for PasswordHashString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHashString(***)")
    }
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).expect("argon2 parameters are valid constants");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password with a fresh random salt.
pub fn hash(password: &str) -> PasswordHashString {
    let salt = SaltString::generate(&mut OsRng);
    let hash = hasher()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2id hashing with valid parameters does not fail");
    PasswordHashString(hash.to_string())
}

/// Whether `password` matches `stored`. A malformed stored hash never matches.
pub fn verify(password: &str, stored: &PasswordHashString) -> bool {
    PasswordHash::new(&stored.0)
        .map(|parsed| {
            hasher()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_own_password_and_no_other() {
        let stored = hash("korrekt häst batteri");
        assert!(verify("korrekt häst batteri", &stored));
        assert!(!verify("korrekt hast batteri", &stored));
    }

    #[test]
    fn hashes_use_argon2id_with_at_least_the_owasp_parameters() {
        let stored = hash("lösenord i test");
        let text = stored.expose_for_storage();
        assert!(
            text.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{text}"
        );
    }

    #[test]
    fn the_debug_form_of_a_hash_hides_it() {
        assert_eq!(format!("{:?}", hash("x")), "PasswordHashString(***)");
    }
}
