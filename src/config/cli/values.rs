//! Value checks for flags, run by clap so a bad value fails with exit 2 before any file,
//! variable or network is touched.

use clap::builder::{PossibleValuesParser, TypedValueParser};

use crate::api::request::{ImageDetail, ReasoningEffort};

/// `--reasoning-effort`: one of the names, parsed to its value (help lists the names).
pub(super) fn reasoning_effort() -> impl TypedValueParser<Value = ReasoningEffort> {
    PossibleValuesParser::new(ReasoningEffort::NAMES)
        .try_map(|name| ReasoningEffort::parse(&name).ok_or("not a reasoning effort"))
}

/// `--image-detail`: one of the names, parsed to its value.
pub(super) fn image_detail() -> impl TypedValueParser<Value = ImageDetail> {
    PossibleValuesParser::new(ImageDetail::NAMES)
        .try_map(|name| ImageDetail::parse(&name).ok_or("not an image detail"))
}

pub(super) fn non_empty(value: &str) -> Result<String, String> {
    if value.trim().is_empty() {
        Err("must not be empty".into())
    } else {
        Ok(value.to_string())
    }
}

/// Parses a finite number within `min..=max`; NaN and infinities are refused.
fn number_in(value: &str, min: f64, max: f64) -> Result<f64, String> {
    let parsed: f64 = value
        .trim()
        .parse()
        .map_err(|_| format!("not a number; give a number from {min} to {max}"))?;
    if parsed.is_finite() && (min..=max).contains(&parsed) {
        Ok(parsed)
    } else {
        Err(format!("out of range; give a number from {min} to {max}"))
    }
}

pub(super) fn temperature(value: &str) -> Result<f64, String> {
    number_in(value, 0.0, 2.0)
}

pub(super) fn top_p(value: &str) -> Result<f64, String> {
    number_in(value, 0.0, 1.0)
}

pub(super) fn penalty(value: &str) -> Result<f64, String> {
    number_in(value, -2.0, 2.0)
}

pub(super) fn poll_seconds(value: &str) -> Result<f64, String> {
    positive_seconds(value, 3600.0)
}

pub(super) fn seconds(value: &str) -> Result<f64, String> {
    // A day is far beyond any real request; the bound keeps Duration conversion safe.
    positive_seconds(value, 86_400.0)
}

/// Seconds more than 0 and at most `max`: one message for every value outside, so that
/// `0` and `-1` are told the same thing.
fn positive_seconds(value: &str, max: f64) -> Result<f64, String> {
    let range = format!("give a number of seconds more than 0 and at most {max}");
    let parsed: f64 = value
        .trim()
        .parse()
        .map_err(|_| format!("not a number; {range}"))?;
    if parsed.is_finite() && parsed > 0.0 && parsed <= max {
        Ok(parsed)
    } else {
        Err(format!("out of range; {range}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_accept_bounds_and_refuse_outside() {
        assert_eq!(temperature("0"), Ok(0.0));
        assert_eq!(temperature("2"), Ok(2.0));
        assert!(temperature("2.5").is_err());
        assert!(temperature("hot").is_err());
        assert!(temperature("NaN").is_err());
        assert!(top_p("-1").is_err());
        assert_eq!(penalty("-2"), Ok(-2.0));
        assert!(penalty("3").is_err());
        assert_eq!(seconds("0.5"), Ok(0.5));
        assert!(seconds("inf").is_err());
        // Zero and a negative number are told the same range.
        let zero = seconds("0").unwrap_err();
        assert_eq!(zero, seconds("-1").unwrap_err());
        assert_eq!(
            zero,
            "out of range; give a number of seconds more than 0 and at most 86400"
        );
        assert_eq!(poll_seconds("0"), poll_seconds("-5"));
    }
}
