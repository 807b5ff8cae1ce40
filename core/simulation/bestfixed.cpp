#include "simulation/bestfixed.h"

#include "common/error.h"
#include "planning/baselines.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <exception>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

namespace aip {

namespace {

/// One run to rank: an entry, fixed, drawing service times from the stream of `draws`.
struct Candidate {
    int entry = -1;
    QString draws;  ///< the policy name that names the stream
    int rank = 0;   ///< the common stream's runs first, by entry id; then the fixed baselines'
    double bound = 0.0;
    double effectiveAccuracy = 0.0;
    double hitRate = 0.0;
    double costPer1k = 0.0;
    QString error;  ///< what its simulation threw, if it did
};

bool better(const Candidate& a, const Candidate& b) {
    if (a.effectiveAccuracy != b.effectiveAccuracy) {
        return a.effectiveAccuracy > b.effectiveAccuracy;
    }
    if (a.hitRate != b.hitRate) {
        return a.hitRate > b.hitRate;
    }
    if (a.costPer1k != b.costPer1k) {
        return a.costPer1k < b.costPer1k;
    }
    return a.entry != b.entry ? a.entry < b.entry : a.rank < b.rank;
}

/// Every entry on the common stream, then the entries of StaticSmall, StaticLarge and
/// ThroughputAutotuner once more with those baselines' own draws.
std::vector<Candidate> candidates(const ConfigTable& table) {
    std::vector<Candidate> all;
    for (const ConfigEntry& e : table.entries()) {
        if (e.servingEntry == e.id) {  // a cascade's lower budget points serve as it does
            all.push_back(Candidate{e.id, kBestFixedInHindsight});
        }
    }
    const std::pair<const char*, int (*)(const ConfigTable&)> baselines[] = {
        {"StaticSmall", &staticSmallEntry},
        {"StaticLarge", &staticLargeEntry},
        {"ThroughputAutotuner", &maxThroughputEntry}};
    for (const auto& [name, choose] : baselines) {
        try {
            all.push_back(Candidate{choose(table), QString::fromLatin1(name)});
        } catch (const Error&) {
            // A table without single configurations: that baseline has no entry to bound.
        }
    }
    for (std::size_t i = 0; i < all.size(); ++i) {
        all[i].rank = static_cast<int>(i);
    }
    return all;
}

/// fixedEntryEffectiveAccuracyBound() over the trace's example slots.
double boundWithSlots(const Trace& trace, const std::vector<int>& slots, const ConfigTable& table,
                      const ConfigEntry& e, double decisionCostMs) {
    const double fastest1 = table.fastestSampleMs(e.samples1);
    // Stage 2 runs at any batch of its ladder that holds the items it escalates: its fastest
    // sample and its smallest tail over them.
    double fastest2 = std::numeric_limits<double>::infinity();
    double tail2 = std::numeric_limits<double>::infinity();
    for (int fill = 1; e.cascade && fill <= e.batchSize; ++fill) {
        const ConfigEntry& runs = table.entry(table.stage2EntryFor(e, fill));
        fastest2 = std::min(fastest2, table.fastestSampleMs(runs.samples1));
        tail2 = std::min(tail2, runs.switchedTailMs);
    }
    std::int64_t possible = 0;
    for (std::size_t i = 0; i < trace.size(); ++i) {
        const Request& r = trace[i];
        const int slot = slots[i];
        // The simulator's own arithmetic: its times only grow.
        const double stage1Done = (r.arrivalMs + decisionCostMs) + fastest1;
        // On time only when stage 1 is (a late stage 2 returns stage 1's answer).
        const bool onTime = stage1Done - r.arrivalMs <= r.deadlineMs;
        bool can = onTime && table.correct(e.variant1, slot);
        // Stage 2 answers only items it escalates: unsure, with the slack after stage 1
        // covering its tail (the anytime rule), which the earliest stage 1 leaves the most of.
        if (!can && onTime && e.cascade && table.confidence(e.variant1, slot) < e.threshold &&
            table.correct(e.variant2, slot) && r.arrivalMs + r.deadlineMs - stage1Done >= tail2) {
            can = (stage1Done + fastest2) - r.arrivalMs <= r.deadlineMs;
        }
        possible += can ? 1 : 0;
    }
    return static_cast<double>(possible) / static_cast<double>(trace.size());
}

std::vector<int> exampleSlots(const Trace& trace, const ConfigTable& table) {
    std::vector<int> slots(trace.size());
    for (std::size_t i = 0; i < trace.size(); ++i) {
        slots[i] = table.requireExampleSlot(trace[i].example, trace[i].id);
    }
    return slots;
}

}  // namespace

double fixedEntryEffectiveAccuracyBound(const Trace& trace, const ConfigTable& table, int entry,
                                        double decisionCostMs) {
    if (trace.empty()) {
        return 0.0;
    }
    return boundWithSlots(trace, exampleSlots(trace, table), table, table.entry(entry),
                          decisionCostMs);
}

SimulationResult bestFixedInHindsight(const Trace& trace, const ConfigTable& table,
                                      const SimulationOptions& options) {
    // The candidates' runs only rank them: no batch records, no clock.
    SimulationOptions ranking = options;
    ranking.recordBatches = false;
    ranking.measureDecisionTime = false;
    const auto simulate = [&](Candidate c) {
        // An exception must not cross the thread pool: QtConcurrent would lose its message.
        try {
            const FixedEntryPolicy policy(c.draws, c.entry, table);
            const RunMetrics m = ServingSimulator::run(trace, policy, ranking).metrics;
            c.effectiveAccuracy = m.effectiveAccuracy;
            c.hitRate = m.hitRate;
            c.costPer1k = m.costPer1k;
        } catch (const std::exception& e) {
            c.error = QString::fromUtf8(e.what());
        }
        return c;
    };

    // Most promising first: by an upper bound of each entry's effective accuracy. Once a run
    // reaches more than an entry's bound, that entry cannot win (nor tie): it is never
    // simulated. The winner is the same whatever the thread count and round size.
    std::vector<Candidate> order = candidates(table);
    if (!trace.empty()) {
        const std::vector<int> slots = exampleSlots(trace, table);
        std::vector<double> bounds;
        for (const ConfigEntry& e : table.entries()) {
            bounds.push_back(e.servingEntry == e.id
                                 ? boundWithSlots(trace, slots, table, e, options.decisionCostMs)
                                 : 0.0);
        }
        for (Candidate& c : order) {
            c.bound = bounds[static_cast<std::size_t>(c.entry)];
        }
        std::sort(order.begin(), order.end(), [](const Candidate& a, const Candidate& b) {
            return a.bound != b.bound ? a.bound > b.bound : a.rank < b.rank;
        });
    }
    // Rounds of one run per thread: after each, the runs whose bound is below the best
    // reached so far are dropped.
    const std::size_t round =
        static_cast<std::size_t>(std::max(1, QThreadPool::globalInstance()->maxThreadCount()));
    std::optional<Candidate> best;
    for (std::size_t next = 0; next < order.size();) {
        std::vector<Candidate> batch;
        for (; next < order.size() && batch.size() < round; ++next) {
            if (best && order[next].bound < best->effectiveAccuracy) {
                next = order.size();  // sorted by bound: no later run can win either
                break;
            }
            batch.push_back(order[next]);
        }
        for (const Candidate& c :
             QtConcurrent::blockingMapped<std::vector<Candidate>>(batch, simulate)) {
            if (!c.error.isEmpty()) {
                throw Error(c.error);
            }
            if (!best || better(c, *best)) {
                best = c;
            }
        }
    }
    if (!best) {
        throw Error(
            QStringLiteral("BestFixedInHindsight: task %1 has no configuration").arg(table.task()));
    }
    // The winner once more with the caller's options: the same draws, so the same records.
    const FixedEntryPolicy winner(best->draws, best->entry, table);
    SimulationResult result = ServingSimulator::run(trace, winner, options);
    result.policy = kBestFixedInHindsight;
    result.fixedEntry = best->entry;
    return result;
}

double fixedPolicyDecisionCostMs(const ConfigTable& table, const Trace& trace) {
    const FixedEntryPolicy fixed(kBestFixedInHindsight, table.byTail().front(), table);
    return ServingSimulator::measuredDecisionCostMs(fixed, trace);
}

double chargedDecisionCostMs(const Policy& policy, const Trace& trace) {
    return dynamic_cast<const FixedEntryPolicy*>(&policy) != nullptr
               ? fixedPolicyDecisionCostMs(policy.table(), trace)
               : ServingSimulator::measuredDecisionCostMs(policy, trace);
}

}  // namespace aip
