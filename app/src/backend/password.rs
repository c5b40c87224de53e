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

/// The shortest password accepted, in characters (any Unicode; no composition rules).
pub const MIN_LENGTH: usize = crate::domain::registration::MIN_PASSWORD_CHARS;

/// Why a new password is refused, in Swedish, for the message by the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WeakPassword {
    #[error("Lösenordet behöver vara minst 8 tecken långt.")]
    TooShort,
    #[error("Lösenordet är för lätt att gissa. Välj något längre och ovanligare, gärna flera ord i en fras.")]
    Guessable,
}

/// Checks a new password: at least [`MIN_LENGTH`] characters and not easily guessed
/// (zxcvbn score 3 or more, with the person's own name and e-mail counted as guessable).
pub fn check_strength(password: &str, personal: &[&str]) -> Result<(), WeakPassword> {
    if password.chars().count() < MIN_LENGTH {
        return Err(WeakPassword::TooShort);
    }
    // "sara.lind@example.se" and "Sara Lind" should also make "sara" and "lind" guessable.
    let mut words: Vec<String> = Vec::new();
    for text in personal {
        let text = text.to_lowercase();
        words.extend(
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|word| word.chars().count() >= 3)
                .map(str::to_owned),
        );
        words.push(text);
    }
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let score = zxcvbn::zxcvbn(password, &words).score();
    if (score as u8) < 3 {
        return Err(WeakPassword::Guessable);
    }
    Ok(())
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
    fn short_and_common_passwords_are_refused_and_long_phrases_accepted() {
        assert_eq!(check_strength("kort", &[]), Err(WeakPassword::TooShort));
        assert_eq!(
            check_strength("password1", &[]),
            Err(WeakPassword::Guessable)
        );
        assert_eq!(
            check_strength("qwertyuiop", &[]),
            Err(WeakPassword::Guessable)
        );
        assert_eq!(
            check_strength("saralind", &["sara.lind@example.se", "Sara Lind"]),
            Err(WeakPassword::Guessable)
        );
        assert_eq!(
            check_strength("korrekt häst batteri häftklammer", &[]),
            Ok(())
        );
        assert_eq!(
            check_strength("蝴蝶在花園裡飛舞很美麗", &[]),
            Ok(()),
            "any Unicode"
        );
    }

    #[test]
    fn the_debug_form_of_a_hash_hides_it() {
        assert_eq!(format!("{:?}", hash("x")), "PasswordHashString(***)");
    }
}
