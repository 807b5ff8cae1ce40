#pragma once

#include "results/profiles.h"

#include <vector>

namespace aip {

/// Quantile q ∈ [0, 1] of ascending `sorted` by linear interpolation between order statistics
/// (Hyndman & Fan type 7: h = (n−1)·q, x[⌊h⌋] + (h−⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])). The one quantile
/// definition of the project. Throws aip::Error for an empty vector or q outside [0, 1].
double quantileSorted(const std::vector<double>& sorted, double q);

/// Distribution-free 95% confidence interval of the median from order statistics: with B ~
/// Binomial(n, ½) and its normal approximation, the interval [x(j), x(k)] with
/// j = ⌊n/2 − 1.96·√n/2⌋ and k = ⌈1 + n/2 + 1.96·√n/2⌉ (1-based ranks, clamped to [1, n]).
struct MedianInterval {
    double low = 0.0;
    double high = 0.0;
    double halfWidth() const { return (high - low) / 2.0; }
};
MedianInterval medianCi95(const std::vector<double>& sorted);

/// Fills the summary fields of `profile` (n, mean, sample std, p50/p90/p95/p99, min, max, CI of
/// the median) from its samples.
void summarizeLatency(LatencyProfile& profile);

}  // namespace aip
