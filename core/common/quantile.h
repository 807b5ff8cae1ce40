#pragma once

#include <span>
#include <vector>

namespace aip {

/// The one empirical quantile definition of planning and simulation: type 7 of Hyndman & Fan
/// (R's default, NumPy's "linear"). With ascending samples x[0..n-1] and h = (n-1)·q, the
/// quantile is x[⌊h⌋] + (h-⌊h⌋)·(x[⌊h⌋+1] - x[⌊h⌋]); q is clamped to [0, 1]. An empty span
/// gives NaN. `sorted` must be ascending (not checked: callers sort once, up front).
double empiricalQuantile(std::span<const double> sorted, double q);

/// Sorts a copy, then empiricalQuantile().
double empiricalQuantileUnsorted(std::vector<double> samples, double q);

/// n equally likely points of ascending samples: their quantiles at (k + ½)/n, k = 0 … n-1.
std::vector<double> quantilePoints(std::span<const double> ascending, int n);

/// Whether a[k] ≤ b[k] at every k (a and b of one length): a is nowhere slower than b.
bool allAtMost(std::span<const double> a, std::span<const double> b);

/// Whether the ascending samples a are stochastically at most b (first-order dominance): at
/// every x, the share of a that is ≤ x is at least the share of b. O(|a| + |b|).
bool stochasticallyAtMost(std::span<const double> a, std::span<const double> b);

}  // namespace aip
