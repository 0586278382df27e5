//! `format: byte`: binary data carried in JSON (or a parameter) as base64 text.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Bytes that travel as standard base64 text (RFC 4648, with padding), as OpenAPI's
/// `format: byte` says. Decoding also accepts text without padding.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Base64(pub Vec<u8>);

impl Base64 {
    /// The decoded bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Decodes base64 text (with or without padding).
    pub fn decode(text: &str) -> Result<Self, base64::DecodeError> {
        STANDARD.decode(text).or_else(|_| STANDARD_NO_PAD.decode(text)).map(Self)
    }
}

impl From<Vec<u8>> for Base64 {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl From<&[u8]> for Base64 {
    fn from(bytes: &[u8]) -> Self {
        Self(bytes.to_vec())
    }
}

/// The base64 text, as sent.
impl fmt::Display for Base64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&STANDARD.encode(&self.0))
    }
}

/// The length only: the bytes may be large or secret.
impl fmt::Debug for Base64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Base64({} bytes)", self.0.len())
    }
}

impl Serialize for Base64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Base64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::decode(&text)
            .map_err(|err| serde::de::Error::custom(format_args!("invalid base64 ({err})")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_as_padded_base64_and_accepts_unpadded() {
        let value = Base64(b"hi?".to_vec());
        assert_eq!(serde_json::to_string(&value).unwrap(), "\"aGk/\"");
        assert_eq!(serde_json::from_str::<Base64>("\"aGk/\"").unwrap(), value);
        assert_eq!(serde_json::from_str::<Base64>("\"aGk\"").unwrap().as_bytes(), b"hi");
        assert_eq!(value.to_string(), "aGk/");
        assert_eq!(format!("{value:?}"), "Base64(3 bytes)");
    }

    #[test]
    fn invalid_text_is_a_decode_error() {
        let err = serde_json::from_str::<Base64>("\"not base64!\"").unwrap_err();
        assert!(err.to_string().contains("invalid base64"), "{err}");
    }
}
