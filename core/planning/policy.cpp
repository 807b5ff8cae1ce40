#include "planning/policy.h"

#include "common/error.h"
#include "config/protocolconfig.h"
#include "planning/baselines.h"
#include "planning/cascadeplanner.h"
#include "planning/mdpplanner.h"

#include <algorithm>

namespace aip {

void ModelHealth::reset(int models) {
    m_retryAt.assign(static_cast<std::size_t>(std::max(models, 0)),
                     -std::numeric_limits<double>::infinity());
    m_latestRetry = -std::numeric_limits<double>::infinity();
}

void ModelHealth::markFailed(int model, double retryAtMs) {
    if (model < 0 || model >= static_cast<int>(m_retryAt.size())) {
        return;
    }
    double& at = m_retryAt[static_cast<std::size_t>(model)];
    at = std::max(at, retryAtMs);
    m_latestRetry = std::max(m_latestRetry, retryAtMs);
}

void ArrivalRateEstimator::observe(double arrivalMs) {
    m_times[m_next] = arrivalMs;
    m_next = (m_next + 1) % kWindow;
    m_count = std::min(m_count + 1, kWindow);
}

double ArrivalRateEstimator::ratePerMs(double nowMs, double horizonMs) const {
    if (m_count == 0) {
        return 0.0;
    }
    // The most recent arrivals within the horizon: recent(j) falls as j grows.
    const double since = nowMs - std::max(horizonMs, 0.0);
    int lo = std::min(kMinimum, m_count);  // recent(lo) counts whatever its time
    int hi = m_count;
    while (lo < hi) {
        const int mid = (lo + hi + 1) / 2;
        if (recent(mid) >= since) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    // After the oldest arrival counted, k − 1 more came in (oldest, now]: the Poisson estimate.
    const double span = nowMs - recent(lo);
    return span > 0.0 ? static_cast<double>(lo - 1) / span : 0.0;
}

void DeadlineWindow::observe(double deadlineMs) {
    if (m_count == kWindow && m_ring[m_next] == deadlineMs) {
        // The value forgotten is the one added (deadlines come from small sets): the sorted
        // copy and its sums stay.
        m_next = (m_next + 1) % kWindow;
        return;
    }
    double* end = m_sorted + m_count;
    int from = m_count;  // the first position whose value changes
    if (m_count == kWindow) {
        // Forget the oldest: remove its value from the sorted copy.
        double* old = std::lower_bound(m_sorted, end, m_ring[m_next]);
        from = static_cast<int>(old - m_sorted);
        std::copy(old + 1, end, old);
        --end;
        --m_count;
    }
    double* at = std::upper_bound(m_sorted, end, deadlineMs);
    from = std::min(from, static_cast<int>(at - m_sorted));
    std::copy_backward(at, end, end + 1);
    *at = deadlineMs;
    ++m_count;
    m_ring[m_next] = deadlineMs;
    m_next = (m_next + 1) % kWindow;
    for (int i = from; i < m_count; ++i) {
        m_prefix[i + 1] = m_prefix[i] + m_sorted[i];
    }
}

double DeadlineWindow::meanShareAtMost(double lo, double hi) const {
    if (m_count == 0) {
        return 0.0;
    }
    if (!(hi > lo)) {
        return shareAtMost(lo);
    }
    if (hi < m_sorted[0]) {
        return 0.0;  // the whole span is below every deadline held
    }
    if (lo >= m_sorted[m_count - 1]) {
        return 1.0;
    }
    // ∫_lo^hi F(x) dx / (hi - lo), F the step CDF: a deadline d ≤ lo counts over the whole
    // span, one in (lo, hi] over hi - d.
    const double* end = m_sorted + m_count;
    const auto below = static_cast<int>(std::upper_bound(m_sorted, end, lo) - m_sorted);
    const auto upTo = static_cast<int>(std::upper_bound(m_sorted, end, hi) - m_sorted);
    const double inside = (upTo - below) * hi - (m_prefix[upTo] - m_prefix[below]);
    return (below * (hi - lo) + inside) / ((hi - lo) * m_count);
}

double DeadlineWindow::shareAtMost(double x) const {
    if (m_count == 0) {
        return 0.0;
    }
    if (x < m_sorted[0]) {
        return 0.0;
    }
    const double* end = m_sorted + m_count;
    return static_cast<double>(std::upper_bound(m_sorted, end, x) - m_sorted) / m_count;
}

int Policy::takeFor(int entry, const DecisionContext& context) const {
    return std::max(1, std::min(context.queueLength, m_table->entry(entry).batchSize));
}

Decision Policy::preferring(int entry, const DecisionContext& context, bool bestEffort) const {
    Decision d{entry, takeFor(entry, context), false, bestEffort, false};
    if (!mustCheckHealth(context) ||
        context.health->healthy(m_table->entry(entry), context.nowMs)) {
        return d;
    }
    const std::vector<int>& order = m_table->byTail();
    const int rank = m_table->tailRank(entry);
    auto substitute = [&](int id) {
        const ConfigEntry& e = m_table->entry(id);
        return Decision{id, takeFor(id, context), true, e.tailMs > context.budgetMs, false};
    };
    for (int i = rank - 1; i >= 0; --i) {
        if (context.health->healthy(m_table->entry(order[static_cast<std::size_t>(i)]),
                                    context.nowMs)) {
            return substitute(order[static_cast<std::size_t>(i)]);
        }
    }
    for (int i = rank + 1; i < static_cast<int>(order.size()); ++i) {
        if (context.health->healthy(m_table->entry(order[static_cast<std::size_t>(i)]),
                                    context.nowMs)) {
            return substitute(order[static_cast<std::size_t>(i)]);
        }
    }
    return d;  // nothing healthy: try the preferred entry anyway
}

QStringList servingPolicies() {
    QStringList names = knownPolicies();
    for (const QString& bound : knownBounds()) {
        names.removeAll(bound);
    }
    return names;
}

std::unique_ptr<Policy> makePolicy(const QString& name, const ConfigTable& table,
                                   const PolicyOptions& options) {
    if (name == u"CascadePlanner") {
        return std::make_unique<CascadePlanner>(table, options);
    }
    if (name == u"StaticSmall") {
        return std::make_unique<FixedEntryPolicy>(name, staticSmallEntry(table), table, options);
    }
    if (name == u"StaticLarge") {
        return std::make_unique<FixedEntryPolicy>(name, staticLargeEntry(table), table, options);
    }
    if (name == u"ThroughputAutotuner") {
        return std::make_unique<FixedEntryPolicy>(name, maxThroughputEntry(table), table, options);
    }
    if (name == u"INFaaS") {
        return std::make_unique<InfaasPolicy>(table, options, InfaasLatency::Mean);
    }
    if (name == u"INFaaS-tail") {
        return std::make_unique<InfaasPolicy>(table, options, InfaasLatency::Tail);
    }
    if (name == u"MDPPlanner") {
        return std::make_unique<MdpPlanner>(table, options);
    }
    if (name == u"Oracle") {
        throw Error(
            QStringLiteral("Oracle is a hindsight upper bound, not a serving policy: "
                           "compute it with oracle()"));
    }
    if (name == u"BestFixedInHindsight") {
        throw Error(
            QStringLiteral("BestFixedInHindsight is a hindsight bound, not a serving policy: "
                           "compute it with bestFixedInHindsight()"));
    }
    throw Error(QStringLiteral("unknown policy '%1' (expected one of: %2)")
                    .arg(name, servingPolicies().join(QStringLiteral(", "))));
}

}  // namespace aip
