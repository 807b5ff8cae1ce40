#include "simulation/simulationresult.h"

#include <numeric>

#include "common/quantile.h"

#include <algorithm>
#include <utility>

namespace aip {

double RunMetrics::value(const QString& metric) const {
    const std::pair<const char*, double> values[] = {
        {"hit_rate", hitRate},
        {"accuracy", accuracy},
        {"effective_accuracy", effectiveAccuracy},
        {"cost_per_1k", costPer1k},
        {"p50_ms", p50Ms},
        {"p95_ms", p95Ms},
        {"p99_ms", p99Ms},
        {"escalation_rate", escalationRate},
        {"n_requests", static_cast<double>(requests)},
        {"unanswered", static_cast<double>(unanswered)},
        {"fallbacks", static_cast<double>(fallbacks)},
        {"failures", static_cast<double>(failures)},
        {"decision_mean_us", decisionMeanUs},
        {"decision_p99_us", decisionP99Us},
    };
    for (const auto& [name, v] : values) {
        if (metric == QLatin1String(name)) {
            return v;
        }
    }
    return std::numeric_limits<double>::quiet_NaN();
}

RunMetrics computeMetrics(const std::vector<RequestRecord>& records) {
    RunMetrics m;
    m.requests = static_cast<std::int64_t>(records.size());
    std::int64_t hits = 0;
    std::int64_t correct = 0;
    std::int64_t effective = 0;
    std::int64_t escalated = 0;
    double cost = 0.0;
    std::vector<double> latencies;
    latencies.reserve(records.size());
    for (const RequestRecord& r : records) {
        hits += r.hit ? 1 : 0;
        correct += r.correct ? 1 : 0;
        effective += r.hit && r.correct ? 1 : 0;
        escalated += r.stage2Ran ? 1 : 0;
        m.unanswered += r.answered ? 0 : 1;
        m.fallbacks += r.answered && r.fallback ? 1 : 0;
        cost += r.cost;
        if (r.answered) {
            latencies.push_back(r.latencyMs());
        }
    }
    const double n = static_cast<double>(records.size());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    m.hitRate = n > 0 ? static_cast<double>(hits) / n : nan;
    m.accuracy = n > 0 ? static_cast<double>(correct) / n : nan;
    m.effectiveAccuracy = n > 0 ? static_cast<double>(effective) / n : nan;
    m.escalationRate = n > 0 ? static_cast<double>(escalated) / n : nan;
    m.costPer1k = n > 0 ? cost / n * 1000.0 : nan;
    std::sort(latencies.begin(), latencies.end());
    m.p50Ms = empiricalQuantile(latencies, 0.50);
    m.p95Ms = empiricalQuantile(latencies, 0.95);
    m.p99Ms = empiricalQuantile(latencies, 0.99);
    return m;
}

void setDecisionTimes(RunMetrics& metrics, std::vector<double> decisionUs) {
    if (decisionUs.empty()) {
        return;
    }
    metrics.decisionMeanUs = std::accumulate(decisionUs.begin(), decisionUs.end(), 0.0) /
                             static_cast<double>(decisionUs.size());
    std::sort(decisionUs.begin(), decisionUs.end());
    metrics.decisionP99Us = empiricalQuantile(decisionUs, 0.99);
}

}  // namespace aip
