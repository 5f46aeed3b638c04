//! The one-pair HTML page of `check --html FILE`: the batch report's pair
//! page ([`super::html::pair_page`]) on its own, without neighbours.

use crate::pipeline::PairReport;

/// The HTML page of one checked pair.
pub fn html_page(report: &PairReport) -> std::io::Result<Vec<u8>> {
    Ok(super::html::pair_page(report).into_bytes())
}
