//! Value checks for flags, run by clap so a bad value fails with exit 2 before any file,
//! variable or network is touched.

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
    let parsed = number_in(value, 0.0, 3600.0)?;
    if parsed > 0.0 {
        Ok(parsed)
    } else {
        Err("must be more than 0 seconds".into())
    }
}

pub(super) fn seconds(value: &str) -> Result<f64, String> {
    // A day is far beyond any real request; the bound keeps Duration conversion safe.
    let parsed = number_in(value, 0.0, 86_400.0)?;
    if parsed > 0.0 {
        Ok(parsed)
    } else {
        Err("must be more than 0 seconds".into())
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
        assert!(seconds("0").is_err());
        assert!(seconds("inf").is_err());
        assert_eq!(seconds("0.5"), Ok(0.5));
    }
}
