#include "results/latencystats.h"

#include "common/error.h"
#include "common/quantile.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace aip {

double quantileSorted(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) {
        throw Error(QStringLiteral("quantile of an empty sample"));
    }
    if (!(q >= 0.0 && q <= 1.0)) {
        throw Error(QStringLiteral("quantile level %1 is outside [0, 1]").arg(q));
    }
    return empiricalQuantile(sorted, q);
}

MedianInterval medianCi95(const std::vector<double>& sorted) {
    if (sorted.empty()) {
        throw Error(QStringLiteral("confidence interval of the median of an empty sample"));
    }
    constexpr double kZ = 1.959963984540054;
    const double n = static_cast<double>(sorted.size());
    const double spread = kZ * std::sqrt(n) / 2.0;
    const auto rank = [&](double r) {
        return static_cast<std::size_t>(std::clamp(r, 1.0, n)) - 1;  // 1-based rank → index
    };
    return {sorted[rank(std::floor(n / 2.0 - spread))],
            sorted[rank(std::ceil(1.0 + n / 2.0 + spread))]};
}

void summarizeLatency(LatencyProfile& p) {
    if (p.samplesMs.empty()) {
        return;
    }
    std::vector<double> sorted = p.samplesMs;
    std::sort(sorted.begin(), sorted.end());
    const double n = static_cast<double>(sorted.size());
    p.meanMs = std::accumulate(sorted.begin(), sorted.end(), 0.0) / n;
    double squares = 0.0;
    for (const double x : sorted) {
        squares += (x - p.meanMs) * (x - p.meanMs);
    }
    p.stdMs = sorted.size() > 1 ? std::sqrt(squares / (n - 1.0)) : 0.0;
    p.p50Ms = quantileSorted(sorted, 0.50);
    p.p90Ms = quantileSorted(sorted, 0.90);
    p.p95Ms = quantileSorted(sorted, 0.95);
    p.p99Ms = quantileSorted(sorted, 0.99);
    p.minMs = sorted.front();
    p.maxMs = sorted.back();
    const MedianInterval ci = medianCi95(sorted);
    p.ci95LowMs = ci.low;
    p.ci95HighMs = ci.high;
}

}  // namespace aip
