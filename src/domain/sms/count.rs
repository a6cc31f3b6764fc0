//! How many SMS parts a text takes (3GPP TS 23.038), counted the same way by
//! the settings screen, the server and the gateway's stand-in.

use serde::{Deserialize, Serialize};

/// The alphabet a message is sent in: GSM-7 when every character has a
/// septet, else UCS-2 for the whole message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    Gsm7,
    Ucs2,
}

impl Encoding {
    /// The units (septets, or UTF-16 code units) one part holds: alone, and
    /// when the message is split (a header takes the rest).
    pub const fn limits(self) -> (u32, u32) {
        match self {
            Encoding::Gsm7 => (160, 153),
            Encoding::Ucs2 => (70, 67),
        }
    }
}

/// What a text costs to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsCount {
    pub encoding: Encoding,
    /// Septets in GSM-7 (an extension character takes two), UTF-16 units in UCS-2.
    pub units: u32,
    pub parts: u32,
}

/// GSM 03.38's basic table: one septet each.
const BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡\
                     ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// The extension table: an escape septet and one more.
const EXTENSION: &str = "\u{c}^{}\\[~]|€";

/// Septets of `c` in GSM-7, or none when it has no septet.
fn septets(c: char) -> Option<u32> {
    if BASIC.contains(c) {
        Some(1)
    } else if EXTENSION.contains(c) {
        Some(2)
    } else {
        None
    }
}

/// The encoding, units and parts of `text`. Parts are packed greedily, a
/// character at a time, since an escape pair or a surrogate pair is never
/// split between two parts. The empty text takes no part.
pub fn count(text: &str) -> SmsCount {
    let gsm: Option<Vec<u32>> = text.chars().map(septets).collect();
    let (encoding, widths) = match gsm {
        Some(widths) => (Encoding::Gsm7, widths),
        None => (Encoding::Ucs2, text.chars().map(|c| c.len_utf16() as u32).collect()),
    };
    let units: u32 = widths.iter().sum();
    let (single, split) = encoding.limits();
    let parts = if units == 0 {
        0
    } else if units <= single {
        1
    } else {
        pack(&widths, split)
    };
    SmsCount { encoding, units, parts }
}

/// Parts of at most `limit` units holding `widths` in order, none split.
fn pack(widths: &[u32], limit: u32) -> u32 {
    let mut parts = 1;
    let mut used = 0;
    for &width in widths {
        if used + width > limit {
            parts += 1;
            used = 0;
        }
        used += width;
    }
    parts
}

/// The message as sent: the sender name, when there is one, is added to the
/// text of every message *(our choice: before it, as `Name: text`)*.
pub fn with_sender(sender: &str, text: &str) -> String {
    let sender = sender.trim();
    if sender.is_empty() {
        text.to_string()
    } else {
        format!("{sender}: {text}")
    }
}
