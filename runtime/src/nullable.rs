//! Optional *and* nullable fields: `None` when absent, `Some(None)` when `null`, `Some(Some(v))`
//! otherwise. Use with `#[serde(default, skip_serializing_if = "Option::is_none", with = "...")]`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Writes `Some(None)` as `null` (the field itself is skipped when `None`).
pub fn serialize<S: Serializer, T: Serialize>(
    value: &Option<Option<T>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(inner) => inner.serialize(serializer),
        None => serializer.serialize_none(),
    }
}

/// Reads a present field: `null` becomes `Some(None)` (an absent one is `None` through `default`).
pub fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Holder {
        #[serde(default, skip_serializing_if = "Option::is_none", with = "super")]
        note: Option<Option<String>>,
    }

    #[test]
    fn absent_null_and_value_stay_apart() {
        for (json, value) in [
            ("{}", None),
            (r#"{"note":null}"#, Some(None)),
            (r#"{"note":"x"}"#, Some(Some("x".to_owned()))),
        ] {
            let decoded: Holder = serde_json::from_str(json).unwrap();
            assert_eq!(decoded.note, value, "{json}");
            assert_eq!(serde_json::to_string(&decoded).unwrap(), json);
        }
    }
}
