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

/// The range of a number, shared by its flag and the config file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Range {
    min: f64,
    max: f64,
}

pub(crate) const TEMPERATURE: Range = Range { min: 0.0, max: 2.0 };
pub(crate) const TOP_P: Range = Range { min: 0.0, max: 1.0 };
pub(crate) const PENALTY: Range = Range {
    min: -2.0,
    max: 2.0,
};
/// A day is far beyond any real request; the bound keeps Duration conversion safe.
pub(crate) const MAX_SECONDS: f64 = 86_400.0;

impl Range {
    /// The value when it is finite and within the range; NaN and infinities are refused.
    pub(crate) fn check(self, value: f64) -> Result<f64, String> {
        let Range { min, max } = self;
        if value.is_finite() && (min..=max).contains(&value) {
            Ok(value)
        } else {
            Err(format!("out of range; give a number from {min} to {max}"))
        }
    }
}

/// Parses a number within `range`.
fn number_in(value: &str, range: Range) -> Result<f64, String> {
    let Range { min, max } = range;
    let parsed: f64 = value
        .trim()
        .parse()
        .map_err(|_| format!("not a number; give a number from {min} to {max}"))?;
    range.check(parsed)
}

pub(super) fn temperature(value: &str) -> Result<f64, String> {
    number_in(value, TEMPERATURE)
}

pub(super) fn top_p(value: &str) -> Result<f64, String> {
    number_in(value, TOP_P)
}

pub(super) fn penalty(value: &str) -> Result<f64, String> {
    number_in(value, PENALTY)
}

pub(super) fn poll_seconds(value: &str) -> Result<f64, String> {
    positive_seconds(value, 3600.0)
}

pub(in crate::config::cli) fn seconds(value: &str) -> Result<f64, String> {
    positive_seconds(value, MAX_SECONDS)
}

/// Seconds more than 0 and at most `max`: one message for every value outside, so that
/// `0` and `-1` are told the same thing.
fn positive_seconds(value: &str, max: f64) -> Result<f64, String> {
    let parsed: f64 = value.trim().parse().map_err(|_| {
        format!("not a number; give a number of seconds more than 0 and at most {max}")
    })?;
    check_seconds(parsed, max)
}

/// Seconds more than 0 and at most `max`.
pub(crate) fn check_seconds(value: f64, max: f64) -> Result<f64, String> {
    if value.is_finite() && value > 0.0 && value <= max {
        Ok(value)
    } else {
        Err(format!(
            "out of range; give a number of seconds more than 0 and at most {max}"
        ))
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
