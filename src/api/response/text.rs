//! Optional strings of a stream chunk, borrowed from the event's bytes where they have no
//! escapes, so that a chunk costs no allocation per text piece.

use std::borrow::Cow;

/// An optional string that borrows from the input when it has no escapes. serde's own
/// `Cow` support borrows only a bare `Cow<str>` field, not one inside an `Option`, and
/// would allocate every delta.
pub(super) fn borrowed<'de, D>(deserializer: D) -> Result<Option<Cow<'de, str>>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    deserializer.deserialize_option(Text { lenient: false })
}

/// [`borrowed`], reading a value of any other type as None (as [`super::lenient`] reads
/// a whole answer's fields).
pub(super) fn borrowed_or_none<'de, D>(deserializer: D) -> Result<Option<Cow<'de, str>>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    deserializer.deserialize_option(Text { lenient: true })
}

/// Reads an optional string, borrowed where it can be; `lenient` takes any other value
/// for none.
struct Text {
    lenient: bool,
}

impl Text {
    fn other<'de, E: serde::de::Error>(
        self,
        what: serde::de::Unexpected<'_>,
    ) -> Result<Option<Cow<'de, str>>, E> {
        match self.lenient {
            true => Ok(None),
            false => Err(E::invalid_type(what, &self)),
        }
    }
}

impl<'de> serde::de::Visitor<'de> for Text {
    type Value = Option<Cow<'de, str>>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string or null")
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        match self.lenient {
            true => d.deserialize_any(self),
            false => d.deserialize_str(self),
        }
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v)))
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
        self.other(serde::de::Unexpected::Bool(v))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.other(serde::de::Unexpected::Signed(v))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.other(serde::de::Unexpected::Unsigned(v))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        self.other(serde::de::Unexpected::Float(v))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        self.other(serde::de::Unexpected::Seq)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        self.other(serde::de::Unexpected::Map)
    }
}
