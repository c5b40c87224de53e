//! Password hashing: argon2id with OWASP's minimum parameters (m = 19 MiB, t = 2, p = 1).
use argon2::{
    password_hash::{self, rand_core::OsRng, Output, ParamsString, PasswordHash, SaltString},
    Algorithm, Argon2, Block, Params, Version,
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
    #[error("Lösenordet får vara högst 1000 tecken långt.")]
    TooLong,
}

/// Checks a new password: at least [`MIN_LENGTH`] characters and not easily guessed
/// (zxcvbn score 3 or more, with the person's own name and e-mail counted as guessable).
pub fn check_strength(password: &str, personal: &[&str]) -> Result<(), WeakPassword> {
    if password.chars().count() < MIN_LENGTH {
        return Err(WeakPassword::TooShort);
    }
    if password.chars().count() > crate::domain::registration::limit::PASSWORD {
        return Err(WeakPassword::TooLong);
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

/// The parameters of new hashes.
fn params() -> Params {
    Params::new(19_456, 2, 1, None).expect("argon2 parameters are valid constants")
}

/// The working memory of one argon2 computation (19 MiB with today's parameters). The
/// server keeps one per core and reuses them, so a burst of sign-ins costs a fixed amount
/// of memory instead of 19 MiB per request that the allocator then keeps.
#[derive(Default)]
pub struct Memory(Vec<Block>);

fn compute(
    password: &[u8],
    salt: &[u8],
    algorithm: Algorithm,
    version: Version,
    params: Params,
    out: &mut [u8],
    memory: &mut Memory,
) -> Result<(), argon2::Error> {
    let blocks = params.block_count();
    if memory.0.len() < blocks {
        memory.0.resize(blocks, Block::default());
    }
    Argon2::new(algorithm, version, params).hash_password_into_with_memory(
        password,
        salt,
        out,
        &mut memory.0[..blocks],
    )
}

/// Hashes a password with a fresh random salt in the given working memory.
pub fn hash_in(password: &str, memory: &mut Memory) -> PasswordHashString {
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_buffer = [0u8; 64];
    let params = params();
    let hash = (|| -> password_hash::Result<String> {
        let salt_bytes = salt.as_salt().decode_b64(&mut salt_buffer)?;
        let output = Output::init_with(Params::DEFAULT_OUTPUT_LEN, |out| {
            compute(
                password.as_bytes(),
                salt_bytes,
                Algorithm::Argon2id,
                Version::V0x13,
                params.clone(),
                out,
                memory,
            )
            .map_err(Into::into)
        })?;
        Ok(PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params)?,
            salt: Some(salt.as_salt()),
            hash: Some(output),
        }
        .to_string())
    })()
    .expect("argon2id hashing with valid parameters does not fail");
    PasswordHashString(hash)
}

/// Whether `password` matches `stored`, computed in the given working memory. A
/// malformed stored hash never matches; the comparison takes constant time.
pub fn verify_in(password: &str, stored: &PasswordHashString, memory: &mut Memory) -> bool {
    let Ok(parsed) = PasswordHash::new(&stored.0) else {
        return false;
    };
    let (Ok(algorithm), Ok(params), Some(salt), Some(expected)) = (
        Algorithm::try_from(parsed.algorithm),
        Params::try_from(&parsed),
        parsed.salt,
        parsed.hash,
    ) else {
        return false;
    };
    let version = match parsed.version.map(Version::try_from) {
        None => Version::default(),
        Some(Ok(version)) => version,
        Some(Err(_)) => return false,
    };
    let mut salt_buffer = [0u8; 64];
    let Ok(salt_bytes) = salt.decode_b64(&mut salt_buffer) else {
        return false;
    };
    Output::init_with(expected.len(), |out| {
        compute(
            password.as_bytes(),
            salt_bytes,
            algorithm,
            version,
            params,
            out,
            memory,
        )
        .map_err(Into::into)
    })
    .is_ok_and(|computed| computed == expected)
}

/// Hashes a password with a fresh random salt (blocking; for the CLI, demo data and
/// tests; requests use [`hash_pooled`]).
pub fn hash(password: &str) -> PasswordHashString {
    hash_in(password, &mut Memory::default())
}

/// Whether `password` matches `stored` (blocking; requests use [`verify_pooled`]).
pub fn verify(password: &str, stored: &PasswordHashString) -> bool {
    verify_in(password, stored, &mut Memory::default())
}

#[cfg(feature = "ssr")]
pub use pool::{hash_pooled, verify_pooled, Busy, QUEUE_WAIT};

/// Hashing for requests: at most one computation per core at a time, each in memory
/// that is kept and reused; the rest wait their turn for at most [`QUEUE_WAIT`], then get
/// [`Busy`] (the handler answers 503 with `Retry-After`).
#[cfg(feature = "ssr")]
mod pool {
    use std::{sync::Mutex, sync::OnceLock, time::Duration};

    use tokio::sync::Semaphore;

    use super::{hash_in, verify_in, Memory, PasswordHashString};

    /// How long a request waits for its turn to hash before it is told to come back.
    pub const QUEUE_WAIT: Duration = Duration::from_secs(10);

    /// Too many passwords are being checked at once; try again in a moment.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
    #[error("Många använder portalen just nu. Försök igen om en liten stund.")]
    pub struct Busy;

    struct Pool {
        turns: Semaphore,
        memory: Mutex<Vec<Memory>>,
    }

    fn pool() -> &'static Pool {
        static POOL: OnceLock<Pool> = OnceLock::new();
        POOL.get_or_init(|| {
            let cores = std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
                .clamp(1, 16);
            Pool {
                turns: Semaphore::new(cores),
                memory: Mutex::new(Vec::new()),
            }
        })
    }

    async fn in_turn<T: Send + 'static>(
        work: impl FnOnce(&mut Memory) -> T + Send + 'static,
    ) -> Result<T, Busy> {
        let pool = pool();
        let turn = tokio::time::timeout(QUEUE_WAIT, pool.turns.acquire())
            .await
            .map_err(|_| Busy)?
            .map_err(|_| Busy)?;
        let mut memory = pool
            .memory
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .pop()
            .unwrap_or_default();
        // The turn and the memory go with the computation, not with the request: a
        // client that hangs up drops the request's future, but the hashing it started
        // runs on and must still count against the limit and give its memory back.
        tokio::task::spawn_blocking(move || {
            let _turn = turn;
            let result = work(&mut memory);
            pool.memory
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .push(memory);
            result
        })
        .await
        .map_err(|_| Busy)
    }

    /// Hashes a new password in turn.
    pub async fn hash_pooled(password: String) -> Result<PasswordHashString, Busy> {
        in_turn(move |memory| hash_in(&password, memory)).await
    }

    /// Checks a password in turn. With no stored hash (an unknown address) it checks
    /// against a hash nobody has, so both take the same time, and answers `false`.
    pub async fn verify_pooled(
        password: String,
        stored: Option<PasswordHashString>,
    ) -> Result<bool, Busy> {
        in_turn(move |memory| match stored {
            Some(stored) => verify_in(&password, &stored, memory),
            None => {
                verify_in(&password, nobodys_hash(memory), memory);
                false
            }
        })
        .await
    }

    /// A hash no password matches in practice, made once, in the pool's own memory.
    fn nobodys_hash(memory: &mut Memory) -> &'static PasswordHashString {
        static NOBODY: OnceLock<PasswordHashString> = OnceLock::new();
        NOBODY.get_or_init(|| hash_in("ingen användare har detta lösenord", memory))
    }
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
    fn hashes_made_by_the_argon2_crate_itself_still_verify() {
        use argon2::{PasswordHasher, PasswordVerifier};
        let salt = SaltString::generate(&mut OsRng);
        let theirs = Argon2::new(Algorithm::Argon2id, Version::V0x13, params())
            .hash_password(b"korrekt h\xc3\xa4st".as_slice(), &salt)
            .unwrap()
            .to_string();
        let mut memory = Memory::default();
        assert!(verify_in(
            "korrekt häst",
            &PasswordHashString::from_stored(theirs),
            &mut memory
        ));
        let ours = hash_in("korrekt häst", &mut memory);
        let parsed = PasswordHash::new(ours.expose_for_storage()).unwrap();
        assert!(Argon2::default()
            .verify_password(b"korrekt h\xc3\xa4st".as_slice(), &parsed)
            .is_ok());
        assert!(
            !verify_in("fel", &ours, &mut memory),
            "memory reused, answer right"
        );
        assert!(!verify_in(
            "x",
            &PasswordHashString::from_stored("$argon2id$trasig".into()),
            &mut memory
        ));
    }

    #[test]
    fn the_debug_form_of_a_hash_hides_it() {
        assert_eq!(format!("{:?}", hash("x")), "PasswordHashString(***)");
    }
}
