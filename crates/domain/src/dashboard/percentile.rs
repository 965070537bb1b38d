//! Percentiles of waiting times (median, p90) for the workflow dashboard.

/// The `p`-th percentile (0–100) of `sorted` (ascending) by the nearest-rank method: the
/// smallest value with at least `p`% of the values at or below it. `None` for no values.
pub fn percentile(sorted: &[i64], p: u8) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let p = usize::from(p.min(100));
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn percentile_of_nothing_is_none() {
        assert_eq!(percentile(&[], 50), None);
    }

    #[test]
    fn median_and_p90_by_nearest_rank() {
        let v: Vec<i64> = (1..=10).collect();
        assert_eq!(percentile(&v, 50), Some(5));
        assert_eq!(percentile(&v, 90), Some(9));
        assert_eq!(percentile(&v, 100), Some(10));
        assert_eq!(percentile(&v, 0), Some(1));
        assert_eq!(percentile(&[7], 90), Some(7));
        assert_eq!(percentile(&[1, 2, 3], 50), Some(2));
    }
}
