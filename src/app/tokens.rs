//! Random tokens and ids, and the SHA-256 under which a token is stored: the
//! token itself only ever travels to its owner (a cookie, a letter's link).

use rand::RngCore;
use sha2::{Digest, Sha256};

/// `bytes` random bytes as hex.
pub fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buffer);
    hex::encode(buffer)
}

pub fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// A simple connection's `token`: the API key signed with the module's
/// secret, `hex(HMAC-SHA256(key = secret, message = api_key))`.
pub fn register_token(secret: &str, api_key: &str) -> String {
    use hmac::{Hmac, Mac};
    // HMAC takes a key of any length: this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("an HMAC key of any length");
    mac.update(api_key.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// A signed-in session's token: 256 random bits, as the cookie carries it.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(String);

impl SessionToken {
    pub fn random() -> SessionToken {
        SessionToken(random_hex(32))
    }

    /// The token as the browser sent it back.
    pub fn from_cookie(value: &str) -> SessionToken {
        SessionToken(value.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the store keeps instead of the token.
    pub fn hash(&self) -> String {
        sha256_hex(&self.0)
    }
}

impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionToken(…)")
    }
}
