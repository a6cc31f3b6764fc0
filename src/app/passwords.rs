//! Passwords, hashed with argon2id wherever they are kept.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::OnceLock;

/// How costly a hash is. The server's follow argon2's defaults (19 MiB, two
/// passes: OWASP's minimum); the offline preview hashes in the browser's only
/// thread the public demo passwords, so its hashes cost 1 MiB and one pass.
/// A stored hash names its own cost, so either verifies anywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Passwords {
    Server,
    Preview,
}

impl Passwords {
    fn argon2(self) -> Argon2<'static> {
        match self {
            Passwords::Server => Argon2::default(),
            Passwords::Preview => {
                let params = Params::new(1024, 1, 1, None).unwrap_or_default();
                Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            }
        }
    }

    pub async fn hash(self, password: String) -> String {
        off_thread(move || self.hash_now(&password)).await.unwrap_or_default()
    }

    fn hash_now(self, password: &str) -> String {
        let salt = SaltString::generate(&mut OsRng);
        self.argon2().hash_password(password.as_bytes(), &salt).map(|hash| hash.to_string()).unwrap_or_default()
    }

    /// Checks a password against a stored hash, or against a dummy one when
    /// there is no such user, so that both take the same time. An empty hash
    /// (a partner who has not set a password yet) matches nothing.
    pub async fn verify(self, password: String, stored: Option<String>) -> bool {
        off_thread(move || {
            let known = stored.as_ref().is_some_and(|hash| !hash.is_empty());
            let hash = stored.filter(|_| known).unwrap_or_else(|| self.dummy_hash().to_string());
            let matches = PasswordHash::new(&hash)
                .is_ok_and(|parsed| self.argon2().verify_password(password.as_bytes(), &parsed).is_ok());
            known && matches
        })
        .await
        .unwrap_or(false)
    }

    fn dummy_hash(self) -> &'static str {
        static SERVER: OnceLock<String> = OnceLock::new();
        static PREVIEW: OnceLock<String> = OnceLock::new();
        let cell = if self == Passwords::Server { &SERVER } else { &PREVIEW };
        cell.get_or_init(|| self.hash_now("no such user"))
    }
}

/// argon2 is slow and takes 19 MiB on purpose: on the server it runs beside
/// the async workers, at most one per core at a time, so a burst of sign-ins
/// waits its turn instead of taking the memory of a thousand hashes at once.
#[cfg(feature = "server")]
async fn off_thread<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    use std::sync::atomic::Ordering;
    let _permit = hashing().acquire().await.ok()?;
    tokio::task::spawn_blocking(move || {
        let running = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
        PEAK.fetch_max(running, Ordering::SeqCst);
        let result = work();
        RUNNING.fetch_sub(1, Ordering::SeqCst);
        result
    })
    .await
    .ok()
}

#[cfg(feature = "server")]
static RUNNING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
#[cfg(feature = "server")]
static PEAK: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// How many hashes may run at once: one per core.
#[cfg(feature = "server")]
pub fn max_concurrent_hashes() -> usize {
    std::thread::available_parallelism().map_or(2, std::num::NonZero::get)
}

/// The most hashes that ever ran at once in this process.
#[cfg(feature = "server")]
pub fn peak_concurrent_hashes() -> usize {
    PEAK.load(std::sync::atomic::Ordering::SeqCst)
}

#[cfg(feature = "server")]
fn hashing() -> &'static tokio::sync::Semaphore {
    static PERMITS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    PERMITS.get_or_init(|| tokio::sync::Semaphore::new(max_concurrent_hashes()))
}

#[cfg(not(feature = "server"))]
async fn off_thread<T>(work: impl FnOnce() -> T) -> Option<T> {
    Some(work())
}
