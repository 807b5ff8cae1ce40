#include "planning/quantile.h"

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

}  // namespace aip
