//! Module secrets at rest: sealed with XChaCha20-Poly1305 under a key that
//! never enters the database (SOUK_SECRET_KEY, or a key file the server
//! creates on first start). Each sealed secret is bound to its listing, so a
//! row's secret copied onto another row does not open.

use crate::domain::ListingId;
use crate::store::{ModuleSecret, Result, StoreError, WithContext};
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use std::path::Path;

const VERSION: &str = "v1:";
const NONCE_BYTES: usize = 24;

/// The 256-bit key module secrets are sealed with.
#[derive(Clone)]
pub struct SecretKey([u8; 32]);

impl SecretKey {
    /// 64 hex digits, as `SOUK_SECRET_KEY` holds it.
    pub fn from_hex(text: &str) -> std::result::Result<SecretKey, String> {
        let bytes = hex::decode(text.trim()).map_err(|_| "SOUK_SECRET_KEY must be 64 hex digits".to_string())?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| "SOUK_SECRET_KEY must be 64 hex digits".to_string())?;
        Ok(SecretKey(key))
    }

    pub fn random() -> SecretKey {
        SecretKey(XChaCha20Poly1305::generate_key(&mut OsRng).into())
    }

    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// The key in `path`, or a new one written there (readable by its owner only).
    pub fn load_or_create(path: &Path) -> std::io::Result<SecretKey> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                SecretKey::from_hex(&text).map_err(|e| std::io::Error::other(format!("{}: {e}", path.display())))
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(folder)?;
                }
                let key = SecretKey::random();
                write_private(path, &key.to_hex())?;
                Ok(key)
            }
            Err(error) => Err(error),
        }
    }
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

pub struct Sealer {
    cipher: XChaCha20Poly1305,
}

impl Sealer {
    pub fn new(key: &SecretKey) -> Sealer {
        Sealer { cipher: XChaCha20Poly1305::new(&key.0.into()) }
    }

    /// A module's secret, bound to its listing.
    pub fn seal(&self, listing: &ListingId, secret: &ModuleSecret) -> Result<String> {
        self.seal_text(listing.as_str(), &secret.0)
    }

    pub fn open(&self, listing: &ListingId, sealed: &str) -> Result<ModuleSecret> {
        self.open_text(listing.as_str(), sealed).map(ModuleSecret)
    }

    /// `v1:` and the hex of a random nonce followed by the ciphertext of
    /// `text`, bound to `owner` (what it belongs to: it opens for that only).
    pub fn seal_text(&self, owner: &str, text: &str) -> Result<String> {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let payload = Payload { msg: text.as_bytes(), aad: owner.as_bytes() };
        let sealed =
            self.cipher.encrypt(&nonce, payload).map_err(|_| StoreError::new(format!("seal the secret of {owner}")))?;
        Ok(format!("{VERSION}{}{}", hex::encode(nonce), hex::encode(sealed)))
    }

    pub fn open_text(&self, owner: &str, sealed: &str) -> Result<String> {
        let failed = || StoreError::new(format!("open the secret of {owner}: wrong key or damaged"));
        let bytes = sealed.strip_prefix(VERSION).and_then(|hex_text| hex::decode(hex_text).ok()).ok_or_else(failed)?;
        if bytes.len() <= NONCE_BYTES {
            return Err(failed());
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
        let payload = Payload { msg: ciphertext, aad: owner.as_bytes() };
        let plain = self.cipher.decrypt(XNonce::from_slice(nonce), payload).map_err(|_| failed())?;
        String::from_utf8(plain).context(|| format!("read the secret of {owner}"))
    }
}
