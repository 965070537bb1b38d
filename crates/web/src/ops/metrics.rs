//! Request counts and latency histograms per route template, and the Prometheus text format
//! (version 0.0.4) they and the other metrics are written in.
//!
//! Written here rather than taken from a crate: the whole need is labelled counters, gauges and
//! one histogram family, about a hundred lines, where `prometheus-client` or `metrics` with its
//! exporter would add a registry, atomics-based families and (for the exporter) an HTTP stack
//! of its own (docs/operations.md, "Metrics").

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::Duration;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;

/// Upper bounds (seconds) of the latency histogram's buckets.
pub const BUCKETS: [f64; 12] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// The route label of a request no route matched (the fallback's 404): one value for every
/// unknown path, so that scanning for paths cannot grow the label set.
pub const UNMATCHED: &str = "unmatched";

/// The labels of one series: method, route template and status class (`2xx` …).
type Key = (String, String, &'static str);

#[derive(Debug, Default, Clone)]
struct Series {
    count: u64,
    sum: f64,
    /// Cumulative counts per bucket of [`BUCKETS`].
    buckets: [u64; BUCKETS.len()],
}

/// Requests seen by this process, per method, route template and status class.
#[derive(Debug, Default)]
pub struct HttpMetrics {
    series: Mutex<BTreeMap<Key, Series>>,
}

fn status_class(status: u16) -> &'static str {
    match status {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

/// A method label from a bounded set: the standard methods, else `other`.
fn method_label(method: &axum::http::Method) -> &'static str {
    use axum::http::Method;
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

impl HttpMetrics {
    /// Counts one answered request.
    pub fn observe(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        let key = (method.to_string(), route.to_string(), status_class(status));
        let Ok(mut series) = self.series.lock() else {
            return;
        };
        let s = series.entry(key).or_default();
        s.count += 1;
        s.sum += seconds;
        for (bound, n) in BUCKETS.iter().zip(s.buckets.iter_mut()) {
            if seconds <= *bound {
                *n += 1;
            }
        }
    }

    /// The request counter and latency histogram in the text format.
    pub fn render(&self, out: &mut String) {
        let Ok(series) = self.series.lock() else {
            return;
        };
        header(
            out,
            "sikerja_http_requests_total",
            "counter",
            "HTTP requests answered, per method, route template and status class.",
        );
        for ((method, route, class), s) in series.iter() {
            let labels = labels(&[("method", method), ("route", route), ("status", class)]);
            let _ = writeln!(out, "sikerja_http_requests_total{labels} {}", s.count);
        }
        header(
            out,
            "sikerja_http_request_duration_seconds",
            "histogram",
            "Time from the request reaching the application to its answer's head.",
        );
        for ((method, route, class), s) in series.iter() {
            let base = [
                ("method", method.as_str()),
                ("route", route),
                ("status", class),
            ];
            for (bound, n) in BUCKETS.iter().zip(s.buckets.iter()) {
                let le = bound.to_string();
                let mut with_le = base.to_vec();
                with_le.push(("le", &le));
                let _ = writeln!(
                    out,
                    "sikerja_http_request_duration_seconds_bucket{} {n}",
                    labels(&with_le)
                );
            }
            let mut inf = base.to_vec();
            inf.push(("le", "+Inf"));
            let _ = writeln!(
                out,
                "sikerja_http_request_duration_seconds_bucket{} {}",
                labels(&inf),
                s.count
            );
            let l = labels(&base);
            let _ = writeln!(
                out,
                "sikerja_http_request_duration_seconds_sum{l} {}",
                s.sum
            );
            let _ = writeln!(
                out,
                "sikerja_http_request_duration_seconds_count{l} {}",
                s.count
            );
        }
    }
}

/// `# HELP` and `# TYPE` of a metric family.
pub fn header(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

/// `{a="x",b="y"}` with the values escaped as the text format wants.
pub fn labels(pairs: &[(&str, &str)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let inner: Vec<String> = pairs
        .iter()
        .map(|(k, v)| {
            let v = v
                .replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\n', "\\n");
            format!("{k}=\"{v}\"")
        })
        .collect();
    format!("{{{}}}", inner.join(","))
}

/// Middleware (a route layer, so that [`MatchedPath`] is known): times the request and counts
/// it under its route template, never its raw path.
pub(crate) async fn track(
    State(metrics): State<std::sync::Arc<HttpMetrics>>,
    request: Request,
    next: Next,
) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or(UNMATCHED, MatchedPath::as_str)
        .to_string();
    let method = method_label(request.method());
    let started = std::time::Instant::now();
    let response = next.run(request).await;
    metrics.observe(
        method,
        &route,
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_lands_in_its_buckets_and_the_text_format_is_cumulative() {
        let m = HttpMetrics::default();
        m.observe("GET", "/pegawai/{id}", 200, Duration::from_millis(30));
        m.observe("GET", "/pegawai/{id}", 404, Duration::from_millis(2));
        let mut out = String::new();
        m.render(&mut out);
        assert!(
            out.contains(
                "sikerja_http_requests_total{method=\"GET\",route=\"/pegawai/{id}\",status=\"2xx\"} 1"
            ),
            "{out}"
        );
        assert!(out.contains(
            "sikerja_http_request_duration_seconds_bucket{method=\"GET\",route=\"/pegawai/{id}\",status=\"2xx\",le=\"0.025\"} 0"
        ));
        assert!(out.contains(
            "sikerja_http_request_duration_seconds_bucket{method=\"GET\",route=\"/pegawai/{id}\",status=\"2xx\",le=\"0.05\"} 1"
        ));
        assert!(out.contains(
            "sikerja_http_request_duration_seconds_bucket{method=\"GET\",route=\"/pegawai/{id}\",status=\"4xx\",le=\"+Inf\"} 1"
        ));
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(labels(&[("a", "x\"y\\z")]), "{a=\"x\\\"y\\\\z\"}");
    }
}
