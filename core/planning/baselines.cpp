#include "planning/baselines.h"

#include "common/csv.h"
#include "common/error.h"
#include "common/quantile.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace aip {

namespace {

QString variantDeviceKey(const QString& model, const QString& precision, const QString& device) {
    return model + u'/' + precision + u'/' + device;
}

/// Single entries at the smallest batch size profiled for their (model, precision, device).
std::vector<int> smallestBatchSingles(const ConfigTable& table) {
    std::map<QString, int> smallest;
    for (const ConfigEntry& e : table.entries()) {
        if (e.cascade) {
            continue;
        }
        const QString key = variantDeviceKey(e.stage1.model, e.stage1.precision, e.device);
        const auto it = smallest.find(key);
        if (it == smallest.end() || e.batchSize < it->second) {
            smallest[key] = e.batchSize;
        }
    }
    std::vector<int> ids;
    for (const ConfigEntry& e : table.entries()) {
        if (!e.cascade &&
            e.batchSize ==
                smallest[variantDeviceKey(e.stage1.model, e.stage1.precision, e.device)]) {
            ids.push_back(e.id);
        }
    }
    return ids;
}

/// The first id that no later one beats under `better`.
template <typename Better>
int best(const ConfigTable& table, const std::vector<int>& ids, Better better) {
    int chosen = -1;
    for (const int id : ids) {
        if (chosen < 0 || better(table.entry(id), table.entry(chosen))) {
            chosen = id;
        }
    }
    if (chosen < 0) {
        throw Error(
            QStringLiteral("task %1: no single configuration to choose from").arg(table.task()));
    }
    return chosen;
}

std::vector<int> singles(const ConfigTable& table) {
    std::vector<int> ids;
    for (const ConfigEntry& e : table.entries()) {
        if (!e.cascade) {
            ids.push_back(e.id);
        }
    }
    return ids;
}

}  // namespace

FixedEntryPolicy::FixedEntryPolicy(QString name, int entry, const ConfigTable& table,
                                   const PolicyOptions& options)
    : Policy(table, options), m_name(std::move(name)), m_entry(entry) {
    if (entry < 0 || entry >= table.size()) {
        throw Error(QStringLiteral("%1: entry %2 is not in the table").arg(m_name).arg(entry));
    }
}

Decision FixedEntryPolicy::decide(const DecisionContext& context) const {
    return preferring(m_entry, context, table().entry(m_entry).tailMs > context.budgetMs);
}

int staticSmallEntry(const ConfigTable& table) {
    return best(table, smallestBatchSingles(table), [](const ConfigEntry& a, const ConfigEntry& b) {
        return a.meanMs < b.meanMs || (a.meanMs == b.meanMs && a.accuracy > b.accuracy);
    });
}

int staticLargeEntry(const ConfigTable& table) {
    return best(table, smallestBatchSingles(table), [](const ConfigEntry& a, const ConfigEntry& b) {
        return a.accuracy > b.accuracy || (a.accuracy == b.accuracy && a.meanMs < b.meanMs);
    });
}

int maxThroughputEntry(const ConfigTable& table) {
    return best(table, singles(table), [](const ConfigEntry& a, const ConfigEntry& b) {
        return a.throughputPerS > b.throughputPerS ||
               (a.throughputPerS == b.throughputPerS && a.tailMs < b.tailMs);
    });
}

LinearLatencyModel fitLinearLatency(std::span<const double> batchSizes,
                                    std::span<const double> meansMs) {
    if (batchSizes.empty() || batchSizes.size() != meansMs.size()) {
        throw Error(QStringLiteral("linear latency fit needs as many means as batch sizes (got "
                                   "%1 and %2, at least one)")
                        .arg(batchSizes.size())
                        .arg(meansMs.size()));
    }
    const auto n = static_cast<double>(batchSizes.size());
    double sx = 0.0;
    double sy = 0.0;
    for (std::size_t i = 0; i < batchSizes.size(); ++i) {
        sx += batchSizes[i];
        sy += meansMs[i];
    }
    const double mx = sx / n;
    const double my = sy / n;
    double sxx = 0.0;
    double sxy = 0.0;
    for (std::size_t i = 0; i < batchSizes.size(); ++i) {
        sxx += (batchSizes[i] - mx) * (batchSizes[i] - mx);
        sxy += (batchSizes[i] - mx) * (meansMs[i] - my);
    }
    LinearLatencyModel model;
    model.slopeMs = sxx > 0.0 ? sxy / sxx : 0.0;
    model.interceptMs = my - model.slopeMs * mx;
    return model;
}

InfaasPolicy::InfaasPolicy(const ConfigTable& table, const PolicyOptions& options,
                           InfaasLatency latency)
    : Policy(table, options), m_latency(latency) {
    // One fit per (model, precision, device) over its profiled batch sizes.
    std::map<QString, std::pair<std::vector<double>, std::vector<double>>> points;
    std::vector<double> variantAccuracies;
    std::vector<bool> seenVariant(table.variants().size(), false);
    for (const ConfigEntry& e : table.entries()) {
        if (e.cascade) {
            continue;
        }
        auto& [batches, latencies] =
            points[variantDeviceKey(e.stage1.model, e.stage1.precision, e.device)];
        batches.push_back(e.batchSize);
        latencies.push_back(latency == InfaasLatency::Tail ? e.tail1Ms : e.meanMs);
        if (!seenVariant[static_cast<std::size_t>(e.variant1)]) {
            seenVariant[static_cast<std::size_t>(e.variant1)] = true;
            variantAccuracies.push_back(e.accuracy);
        }
    }
    for (const auto& [key, xy] : points) {
        m_models.emplace(key, fitLinearLatency(xy.first, xy.second));
    }
    if (options.infaasAccuracyFloor >= 0.0) {
        m_floor = options.infaasAccuracyFloor;
    } else {
        std::sort(variantAccuracies.begin(), variantAccuracies.end());
        m_floor = empiricalQuantile(variantAccuracies, 0.5);
    }
    m_predicted.assign(static_cast<std::size_t>(table.size()),
                       std::numeric_limits<double>::quiet_NaN());
    for (const ConfigEntry& e : table.entries()) {
        if (e.cascade || e.accuracy < m_floor) {
            continue;
        }
        const LinearLatencyModel& model =
            m_models.at(variantDeviceKey(e.stage1.model, e.stage1.precision, e.device));
        const double predicted = model.predictMs(e.batchSize);
        m_predicted[static_cast<std::size_t>(e.id)] = predicted;
        m_candidates.push_back(Candidate{e.id, predicted, e.costPerBusyMs, e.batchSize});
    }
    if (m_candidates.empty()) {
        throw Error(QStringLiteral("%1: no variant of task %2 reaches the accuracy floor %3")
                        .arg(name(), table.task(), csv::number(m_floor)));
    }
    std::stable_sort(m_candidates.begin(), m_candidates.end(),
                     [&](const Candidate& a, const Candidate& b) {
                         if (a.predictedMs != b.predictedMs) {
                             return a.predictedMs < b.predictedMs;
                         }
                         return table.entry(a.entry).accuracy > table.entry(b.entry).accuracy;
                     });
}

QString InfaasPolicy::name() const {
    return m_latency == InfaasLatency::Tail ? QStringLiteral("INFaaS-tail")
                                            : QStringLiteral("INFaaS");
}

LinearLatencyModel InfaasPolicy::latencyModel(const QString& model, const QString& precision,
                                              const QString& device) const {
    const auto it = m_models.find(variantDeviceKey(model, precision, device));
    if (it == m_models.end()) {
        throw Error(QStringLiteral("%1: no latency profile of %2/%3 on %4")
                        .arg(name(), model, precision, device));
    }
    return it->second;
}

double InfaasPolicy::predictedMs(int entry) const {
    return m_predicted[static_cast<std::size_t>(entry)];
}

int InfaasPolicy::choose(const DecisionContext& context, bool checkHealth, bool& bestEffort) const {
    int chosen = -1;
    int fastest = -1;
    double chosenCost = 0.0;
    for (std::size_t i = 0; i < m_candidates.size(); ++i) {
        const Candidate& c = m_candidates[i];
        if (checkHealth && !context.health->healthy(table().entry(c.entry), context.nowMs)) {
            continue;
        }
        if (fastest < 0) {
            fastest = static_cast<int>(i);
        }
        if (c.predictedMs > context.budgetMs) {
            break;  // candidates are sorted by predicted latency
        }
        const double served = std::min(context.queueLength, c.batchSize);
        const double cost = c.predictedMs * c.costPerBusyMs / served;
        if (chosen < 0 || cost < chosenCost) {
            chosen = static_cast<int>(i);
            chosenCost = cost;
        }
    }
    bestEffort = chosen < 0;
    if (bestEffort && !options().bestEffort) {
        // No best-effort rule: the cheapest variant, as if the SLO had no bound.
        for (std::size_t i = 0; i < m_candidates.size(); ++i) {
            const Candidate& c = m_candidates[i];
            if (checkHealth && !context.health->healthy(table().entry(c.entry), context.nowMs)) {
                continue;
            }
            const double cost =
                c.predictedMs * c.costPerBusyMs / std::min(context.queueLength, c.batchSize);
            if (chosen < 0 || cost < chosenCost) {
                chosen = static_cast<int>(i);
                chosenCost = cost;
            }
        }
    }
    const int index = chosen >= 0 ? chosen : fastest;
    return index >= 0 ? m_candidates[static_cast<std::size_t>(index)].entry : -1;
}

Decision InfaasPolicy::decide(const DecisionContext& context) const {
    bool bestEffort = false;
    const int preferred = choose(context, false, bestEffort);
    if (mustCheckHealth(context) &&
        !context.health->healthy(table().entry(preferred), context.nowMs)) {
        bool healthyBestEffort = false;
        const int healthy = choose(context, true, healthyBestEffort);
        if (healthy >= 0) {
            return Decision{healthy, takeFor(healthy, context), true, healthyBestEffort, false};
        }
    }
    return Decision{preferred, takeFor(preferred, context), false, bestEffort, false};
}

}  // namespace aip
