#include "common/quantile.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace aip {

double empiricalQuantile(std::span<const double> sorted, double q) {
    if (sorted.empty()) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    q = std::clamp(q, 0.0, 1.0);
    const double h = static_cast<double>(sorted.size() - 1) * q;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    if (lo + 1 >= sorted.size()) {
        return sorted[sorted.size() - 1];
    }
    const double fraction = h - static_cast<double>(lo);
    return sorted[lo] + fraction * (sorted[lo + 1] - sorted[lo]);
}

double empiricalQuantileUnsorted(std::vector<double> samples, double q) {
    std::sort(samples.begin(), samples.end());
    return empiricalQuantile(samples, q);
}

std::vector<double> quantilePoints(std::span<const double> ascending, int n) {
    std::vector<double> points(static_cast<std::size_t>(std::max(n, 0)));
    for (int k = 0; k < n; ++k) {
        points[static_cast<std::size_t>(k)] = empiricalQuantile(ascending, (k + 0.5) / n);
    }
    return points;
}

bool stochasticallyAtMost(std::span<const double> a, std::span<const double> b) {
    if (a.empty() || b.empty()) {
        return a.empty() && b.empty();
    }
    // The shares only change at sample values: compare them at each, in one merge.
    const auto na = static_cast<double>(a.size());
    const auto nb = static_cast<double>(b.size());
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() || j < b.size()) {
        const double x = j == b.size() || (i < a.size() && a[i] <= b[j]) ? a[i] : b[j];
        while (i < a.size() && a[i] <= x) {
            ++i;
        }
        while (j < b.size() && b[j] <= x) {
            ++j;
        }
        if (static_cast<double>(i) * nb < static_cast<double>(j) * na) {
            return false;
        }
    }
    return true;
}

bool allAtMost(std::span<const double> a, std::span<const double> b) {
    for (std::size_t k = 0; k < a.size() && k < b.size(); ++k) {
        if (a[k] > b[k]) {
            return false;
        }
    }
    return true;
}

}  // namespace aip
