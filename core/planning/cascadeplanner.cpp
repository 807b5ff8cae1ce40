#include "planning/cascadeplanner.h"

#include "common/csv.h"
#include "common/error.h"
#include "common/quantile.h"
#include "planning/dominance.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace aip {

namespace {

QString ms(double value) {
    return csv::number(value, 4) + QStringLiteral(" ms");
}

/// Entries by accuracy, descending; of equals, by `tie` ascending.
void sortMostAccurateFirst(const ConfigTable& table, std::vector<int>& ids,
                           double ConfigEntry::*tie) {
    std::sort(ids.begin(), ids.end(), [&](int a, int b) {
        const ConfigEntry& x = table.entry(a);
        const ConfigEntry& y = table.entry(b);
        return x.accuracy != y.accuracy ? x.accuracy > y.accuracy : x.*tie < y.*tie;
    });
}

QString describe(const ConfigEntry& e) {
    return QStringLiteral("%1 (tail %2, accuracy %3%4)")
        .arg(e.name, ms(e.tailMs), csv::number(e.accuracy, 4),
             e.cascade ? QStringLiteral(", escalates %1").arg(csv::number(e.escalationRate, 3))
                       : QString());
}

}  // namespace

CascadePlanner::CascadePlanner(const ConfigTable& table, const PolicyOptions& options)
    : Policy(table, options) {
    if (options.spikeQueueThreshold < 1) {
        throw Error(QStringLiteral("CascadePlanner: the load-spike queue threshold must be ≥ 1, "
                                   "got %1")
                        .arg(options.spikeQueueThreshold));
    }
    for (const int id : table.frontier()) {
        m_frontierTails.push_back(table.entry(id).tailMs);
    }
    // Per queue length q: every entry by the time q requests take in its batches, with the
    // most accurate among each prefix. Batched entries count here although the front leaves
    // them out: they serve a queue that their batch-1 twins cannot.
    m_queueTables.reserve(kQueueTables - 1);
    for (int q = 2; q <= kQueueTables; ++q) {
        std::vector<std::pair<double, int>> order;
        for (const ConfigEntry& e : table.entries()) {
            order.emplace_back(queueServiceMs(e.id, q), e.id);
        }
        m_queueTables.push_back(mostAccuratePerPrefix(table, std::move(order)));
    }
    // Under load: the entries that some rate and horizon could make the best choice.
    const auto perItem = [](const ConfigEntry& x) {
        return x.meanMs / static_cast<double>(x.batchSize);
    };
    for (const ConfigEntry& e : table.entries()) {
        const bool beaten =
            std::any_of(table.entries().begin(), table.entries().end(), [&](const ConfigEntry& o) {
                const bool noWorse = o.accuracy >= e.accuracy && o.tailMs <= e.tailMs &&
                                     o.meanMs <= e.meanMs && perItem(o) <= perItem(e);
                const bool better = o.accuracy > e.accuracy || o.tailMs < e.tailMs ||
                                    o.meanMs < e.meanMs || perItem(o) < perItem(e);
                return o.id != e.id && noWorse && (better || o.id < e.id);
            });
        if (!beaten) {
            m_loadOrder.push_back(e.id);
        }
    }
    sortMostAccurateFirst(table, m_loadOrder, &ConfigEntry::tailMs);
    // Switch-aware: every entry by its switched tail; the entries of each weights by tail.
    {
        std::vector<std::pair<double, int>> order;
        for (const ConfigEntry& e : table.entries()) {
            order.emplace_back(e.switchedTailMs, e.id);
        }
        m_switchTable = mostAccuratePerPrefix(table, order);
        // Per stage-1 weights, their own front: by tail, each more accurate than the last, or
        // as accurate with more items per second (a larger batch of the same weights).
        m_byVariant.resize(table.variants().size());
        for (const int id : table.byTail()) {
            const ConfigEntry& e = table.entry(id);
            if (e.variant1 < 0) {
                continue;
            }
            std::vector<int>& front = m_byVariant[static_cast<std::size_t>(e.variant1)];
            const ConfigEntry* last = front.empty() ? nullptr : &table.entry(front.back());
            if (last == nullptr || e.accuracy > last->accuracy ||
                (e.accuracy == last->accuracy && e.throughputPerS > last->throughputPerS)) {
                front.push_back(id);
            }
        }
    }
    int best = -1;
    for (const int id : table.byTail()) {
        m_tails.push_back(table.entry(id).tailMs);
        const ConfigEntry& e = table.entry(id);
        if (best < 0 || e.throughputPerS > table.entry(best).throughputPerS ||
            (e.throughputPerS == table.entry(best).throughputPerS &&
             e.accuracy > table.entry(best).accuracy)) {
            best = id;
        }
        m_drainBest.push_back(best);
    }
    // Best effort: the single entries that some budget could make the most likely to answer
    // correctly in time. b beats a when it is as accurate and at least as likely to end within
    // any time, steady and after a switch (first-order stochastic dominance of its samples;
    // kServicePoints quantiles first, as a quick necessary check).
    struct Points {
        int id;
        int set;
        double accuracy;
        std::vector<double> steady;
        std::vector<double> switched;
    };
    std::vector<Points> singles;
    for (const ConfigEntry& e : table.entries()) {
        if (!e.cascade) {
            singles.push_back({e.id, e.samples1, e.accuracy,
                               quantilePoints(table.samples(e.samples1), kServicePoints),
                               quantilePoints(table.switchedSamples(e.samples1), kServicePoints)});
        }
    }
    const auto beats = [&table](const Points& b, const Points& a) {
        return b.accuracy >= a.accuracy && allAtMost(b.steady, a.steady) &&
               allAtMost(b.switched, a.switched) &&
               stochasticallyAtMost(table.samples(b.set), table.samples(a.set)) &&
               stochasticallyAtMost(table.switchedSamples(b.set), table.switchedSamples(a.set));
    };
    for (const std::size_t i : unbeatenIndices(singles.size(), [&](std::size_t b, std::size_t a) {
             return beats(singles[b], singles[a]);
         })) {
        m_likelyOrder.push_back(singles[i].id);
    }
    // Most accurate first: a scan stops where accuracy alone cannot beat the best value.
    sortMostAccurateFirst(table, m_likelyOrder, &ConfigEntry::meanMs);
}

double CascadePlanner::idleExtraMs(const ConfigEntry& e, const DecisionContext& context) const {
    return switches(e, context) ? 0.0 : table().idleDrawExtraMs(e.samples1, context.idleGapMs);
}

double CascadePlanner::onTimeShare(const ConfigEntry& e, const DecisionContext& context,
                                   double ms) const {
    const bool switched = switches(e, context);
    return table().shareWithinMs(e.samples1, switched,
                                 switched ? ms : ms - idleExtraMs(e, context));
}

int CascadePlanner::mostLikelyOnTime(const DecisionContext& context) const {
    int best = -1;
    double bestValue = 0.0;
    const auto consider = [&](int id) {
        const ConfigEntry& e = table().entry(id);
        if (e.cascade) {
            return;
        }
        const double value = e.accuracy * onTimeShare(e, context, context.budgetMs);
        if (best < 0 || value > bestValue ||
            (value == bestValue && e.meanMs < table().entry(best).meanMs)) {
            best = id;
            bestValue = value;
        }
    };
    for (const int id : m_likelyOrder) {
        if (best >= 0 && table().entry(id).accuracy < bestValue) {
            break;  // accuracy × a chance ≤ 1 cannot reach it
        }
        consider(id);
    }
    // The weights that ran last pay no switch but the idle's extra, which the order above
    // leaves out: theirs too.
    if (context.idleGapMs > 0.0) {
        for (const int id : entriesOfWeights(context.lastVariant)) {
            consider(id);
        }
    }
    return best >= 0 ? best : table().frontier().front();
}

CascadePlanner::TailTable CascadePlanner::mostAccuratePerPrefix(
    const ConfigTable& table, std::vector<std::pair<double, int>> order) {
    std::sort(order.begin(), order.end());
    TailTable t;
    int best = -1;
    for (const auto& [tail, id] : order) {
        if (best < 0 || table.entry(id).accuracy > table.entry(best).accuracy) {
            best = id;
        }
        t.tailMs.push_back(tail);
        t.bestEntry.push_back(best);
    }
    return t;
}

double CascadePlanner::loadedTailMs(const ConfigEntry& entry, double ratePerMs, double horizonMs) {
    const double m = entry.meanMs;
    const double perItem = m / static_cast<double>(entry.batchSize);
    const double rho = ratePerMs * perItem;
    const double firstWait = 0.5 * m * std::min(1.0, ratePerMs * m);
    const double h = std::max(horizonMs, 0.0);
    const double built =
        firstWait + std::max(0.0, rho - 1.0) * h + std::sqrt(ratePerMs * h) * perItem;
    const double stationary =
        rho < 1.0 ? firstWait / (1.0 - rho) : std::numeric_limits<double>::infinity();
    return entry.tailMs + std::min(stationary, built);
}

int CascadePlanner::chooseUnderLoad(const DecisionContext& context) const {
    int best = -1;
    double bestTail = 0.0;
    for (const int id : m_loadOrder) {
        const ConfigEntry& e = table().entry(id);
        if (best >= 0 && e.accuracy < table().entry(best).accuracy) {
            break;  // most accurate first: the rest are less accurate
        }
        if (e.tailMs > context.budgetMs) {
            continue;  // its loaded tail is longer still
        }
        const double loaded =
            loadedTailMs(e, context.arrivalRatePerMs, context.budgetMs) + idleExtraMs(e, context);
        if (loaded <= context.budgetMs && (best < 0 || loaded < bestTail)) {
            best = id;
            bestTail = loaded;
        }
    }
    return best;
}

int CascadePlanner::lastAtMost(const std::vector<double>& ascending, double value) {
    return static_cast<int>(std::upper_bound(ascending.begin(), ascending.end(), value) -
                            ascending.begin()) -
           1;
}

Decision CascadePlanner::decide(const DecisionContext& context) const {
    const Decision preferred = isLoadSpike(context) ? chooseDrain(context) : chooseNormal(context);
    if (mustCheckHealth(context) &&
        !context.health->healthy(table().entry(preferred.entry), context.nowMs)) {
        return chooseHealthy(context, preferred);
    }
    return preferred;
}

bool CascadePlanner::isLoadSpike(const DecisionContext& context) const {
    const int q = context.queueLength;
    if (q <= options().spikeQueueThreshold) {
        return false;
    }
    // A long queue is a spike only when no entry serves all of it within the head's budget.
    const TailTable* t = queueTable(q);
    return t == nullptr || lastAtMost(t->tailMs, context.budgetMs) < 0;
}

const CascadePlanner::TailTable* CascadePlanner::queueTable(int queueLength) const {
    const int k = queueLength - 2;
    return k >= 0 && k < static_cast<int>(m_queueTables.size())
               ? &m_queueTables[static_cast<std::size_t>(k)]
               : nullptr;
}

double CascadePlanner::queueServiceMs(int entry, int queueLength) const {
    const ConfigEntry& e = table().entry(entry);
    const int batches = (queueLength + e.batchSize - 1) / e.batchSize;  // ⌈queue / batch⌉
    return e.tailMs * static_cast<double>(batches);
}

std::span<const int> CascadePlanner::entriesOfWeights(int variant) const {
    if (variant < 0 || variant >= static_cast<int>(m_byVariant.size())) {
        return {};
    }
    return m_byVariant[static_cast<std::size_t>(variant)];
}

int CascadePlanner::chooseSwitchAware(const DecisionContext& context) const {
    const double budgetMs = context.budgetMs;
    const int i = lastAtMost(m_switchTable.tailMs, budgetMs);
    int pick = i >= 0 ? m_switchTable.bestEntry[static_cast<std::size_t>(i)] : -1;
    for (const int id : entriesOfWeights(context.lastVariant)) {
        const ConfigEntry& e = table().entry(id);
        if (e.tailMs > budgetMs) {
            break;  // by tail ascending
        }
        if (e.tailMs + idleExtraMs(e, context) > budgetMs) {
            continue;
        }
        if (pick < 0 || e.accuracy > table().entry(pick).accuracy) {
            pick = id;
        }
    }
    return pick;
}

double CascadePlanner::expectedCorrect(const ConfigEntry& e, const DecisionContext& context) const {
    const ConfigTable& t = table();
    const ConfigEntry& fast = t.entry(t.frontier().front());
    // Requests the fastest entry misses even when it serves them at once with its weights
    // loaded: lost whatever is chosen now.
    const double missedAnyway = context.deadlines->shareAtMost(fast.tailMs);
    const std::span<const double> due = context.waitingDueMs;
    const double perItem = fast.meanMs / static_cast<double>(fast.batchSize);
    // Its batch pays a switch unless the worker ran its weights last (else the idle's extra);
    // after it, the fastest entry pays one unless it shares those weights.
    const bool same = !switches(e, context);
    const double extra = idleExtraMs(e, context);
    const double busy = e.meanMs + (same ? extra : e.switchPenaltyMs);
    const double fastTail = e.variant1 == fast.variant1 ? fast.tailMs : fast.switchedTailMs;
    // Arrivals during the batch wait for the rest of it (spread evenly over 0 … busy) and for
    // the requests queued behind it.
    const double arrivals = context.arrivalRatePerMs * busy;
    const double queuedBehind = std::max(0, context.queueLength - e.batchSize);
    const double after = queuedBehind * perItem + fastTail;
    const double lostArriving =
        context.deadlines->meanShareAtMost(after, busy + after) - missedAnyway;
    double expected = -fast.accuracy * arrivals * lostArriving;
    if (due.empty()) {
        // Only the head's budget is known: the requests queued behind the batch wait all of
        // it, with deadlines like those seen so far.
        const double lostQueued = context.deadlines->shareAtMost(busy + fastTail) - missedAnyway;
        return expected +
               e.accuracy * t.shareWithinMs(e.samples1, !same, context.budgetMs - extra) -
               fast.accuracy * queuedBehind * lostQueued;
    }
    // Each waiting request against its own due time: those in the batch get its answers by
    // the chance that its stage 1 ends in time (a cascade's full accuracy where its tail fits,
    // else stage 1's); those behind it are served next, one after another, by the fastest
    // entry.
    const double tail = same ? e.tailMs + extra : e.switchedTailMs;
    const double accuracy1 = t.variants()[static_cast<std::size_t>(e.variant1)].accuracy;
    const std::size_t inBatch = std::min(due.size(), static_cast<std::size_t>(e.batchSize));
    for (std::size_t k = 0; k < due.size(); ++k) {
        const double left = due[k] - context.nowMs;
        if (k < inBatch) {
            expected += t.shareWithinMs(e.samples1, !same, left - extra) *
                        (left >= tail ? e.accuracy : accuracy1);
        } else if (left >= busy + static_cast<double>(k - inBatch) * perItem + fastTail) {
            expected += fast.accuracy;
        }
    }
    return expected;
}

double CascadePlanner::upperBound(const ConfigEntry& e, const DecisionContext& context) const {
    const std::span<const double> due = context.waitingDueMs;
    if (due.empty()) {
        return e.accuracy;
    }
    const ConfigTable& t = table();
    // Every answer of its batch on time (a cascade's stage 1 or its whole), every request behind
    // it served by the fastest entry on time, and no arrival lost.
    const double accuracy1 = t.variants()[static_cast<std::size_t>(e.variant1)].accuracy;
    const std::size_t inBatch = std::min(due.size(), static_cast<std::size_t>(e.batchSize));
    return static_cast<double>(inBatch) * std::max(e.accuracy, accuracy1) +
           static_cast<double>(due.size() - inBatch) * t.entry(t.frontier().front()).accuracy;
}

int CascadePlanner::chooseLookahead(int upper, double accuracyCap,
                                    const DecisionContext& context) const {
    const ConfigTable& t = table();
    const double upperAccuracy = t.entry(upper).accuracy;
    int best = upper;
    double bestScore = expectedCorrect(t.entry(upper), context);
    const auto consider = [&](int id, double cap) {
        const ConfigEntry& e = t.entry(id);
        // As accurate but faster or batching more is worth scoring too.
        if (id == upper || e.accuracy > cap || e.tailMs > context.budgetMs) {
            return;
        }
        if (upperBound(e, context) <= bestScore) {
            return;  // it cannot score more even losing nothing
        }
        const double s = expectedCorrect(e, context);
        if (s > bestScore) {
            best = id;
            bestScore = s;
        }
    };
    // The faster entries of the front, and those of the weights that ran last (no switch).
    // Most accurate first, so that the bound rules out more of the rest.
    for (int pos = lastAtMost(m_frontierTails, context.budgetMs); pos >= 0; --pos) {
        consider(t.frontier()[static_cast<std::size_t>(pos)], upperAccuracy);
    }
    // Those of the weights that ran last up to `accuracyCap`: the rules before may have lowered
    // the choice to an entry that pays a switch, which these do not.
    const double lastCap = std::max(upperAccuracy, accuracyCap);
    const std::span<const int> last = entriesOfWeights(context.lastVariant);
    for (auto it = last.rbegin(); it != last.rend(); ++it) {
        consider(*it, lastCap);
    }
    // The most accurate entry whose answers reach every waiting request in time, with its
    // weights loaded first, and the one that serves the whole queue that way.
    if (!context.waitingDueMs.empty()) {
        const double tightest =
            *std::min_element(context.waitingDueMs.begin(), context.waitingDueMs.end()) -
            context.nowMs;
        const int i = lastAtMost(m_switchTable.tailMs, tightest);
        if (i >= 0) {
            consider(m_switchTable.bestEntry[static_cast<std::size_t>(i)], upperAccuracy);
        }
        if (const TailTable* queued = queueTable(context.queueLength)) {
            const int j = lastAtMost(queued->tailMs, tightest);
            if (j >= 0) {
                consider(queued->bestEntry[static_cast<std::size_t>(j)], upperAccuracy);
            }
        }
    }
    // With requests waiting, the highest-throughput entry that fits: a backlog may be worth
    // batching.
    if (context.queueLength > 1) {
        const int pos = lastAtMost(m_tails, context.budgetMs);
        if (pos >= 0) {
            consider(m_drainBest[static_cast<std::size_t>(pos)], upperAccuracy);
        }
    }
    return best;
}

Decision CascadePlanner::chooseNormal(const DecisionContext& context) const {
    int pos = lastAtMost(m_frontierTails, context.budgetMs);
    // After an idle, a batch of the weights that ran last costs more: down the front to the
    // most accurate entry that fits once that is paid.
    while (pos >= 0 && context.idleGapMs > 0.0) {
        const ConfigEntry& e = table().entry(table().frontier()[static_cast<std::size_t>(pos)]);
        if (e.tailMs + idleExtraMs(e, context) <= context.budgetMs) {
            break;
        }
        --pos;
    }
    if (pos < 0) {
        return chooseBestEffort(context);
    }
    int entry = table().frontier()[static_cast<std::size_t>(pos)];
    const double fitsHead = table().entry(entry).accuracy;
    // The requests waiting behind this batch wait for it: the most accurate entry that serves
    // the whole queue, batch after batch, within the head's budget (the fastest if none does).
    const int q = context.queueLength;
    if (q > 1 && pos > 0) {
        if (const TailTable* t = queueTable(q)) {
            const int i = lastAtMost(t->tailMs, context.budgetMs);
            entry = i >= 0 ? t->bestEntry[static_cast<std::size_t>(i)] : table().frontier().front();
        } else {  // only without the load-spike mode: a linear scan
            entry = table().frontier().front();
            for (const ConfigEntry& e : table().entries()) {
                if (queueServiceMs(e.id, q) <= context.budgetMs &&
                    e.accuracy > table().entry(entry).accuracy) {
                    entry = e.id;
                }
            }
        }
    }
    // Counting the switch: never more accurate than what fits once it is paid; nothing fits
    // then (the weights that ran last included, their idle paid): best effort.
    const int switchAware = chooseSwitchAware(context);
    if (switchAware < 0 && context.lastVariant >= 0) {
        return chooseBestEffort(context);
    }
    if (switchAware >= 0 && table().entry(switchAware).accuracy < table().entry(entry).accuracy) {
        entry = switchAware;
    }
    if (options().loadAware && context.arrivalRatePerMs > 0.0) {
        // Under load: the requests arriving while the batch runs wait for it too.
        const int candidate = chooseUnderLoad(context);
        if (candidate < 0) {
            return chooseDrain(context);  // no entry keeps up and fits: drain
        }
        if (table().entry(candidate).accuracy <= table().entry(entry).accuracy) {
            entry = candidate;
        }
        if (context.deadlines != nullptr && context.deadlines->size() > 0) {
            entry = chooseLookahead(entry, fitsHead, context);
        }
    }
    return Decision{entry, takeFor(entry, context), false, false, false};
}

Decision CascadePlanner::chooseBestEffort(const DecisionContext& context) const {
    if (!options().bestEffort) {
        // No best-effort rule: serve as if the deadline had no bound.
        const int best = table().frontier().back();
        return Decision{best, takeFor(best, context), false, true, false};
    }
    if (options().loadAware && (context.queueLength > 1 || context.arrivalRatePerMs > 0.0)) {
        // The head is late whatever runs: serve it so that those behind it fare best.
        return chooseLate(context);
    }
    const int likely = mostLikelyOnTime(context);
    return Decision{likely, takeFor(likely, context), false, true, false};
}

Decision CascadePlanner::chooseLate(const DecisionContext& context) const {
    const int likely = mostLikelyOnTime(context);
    const int drain = m_drainBest.back();
    int entry = drain;
    if (context.deadlines != nullptr && context.deadlines->size() > 0) {
        // The one with the most expected correct answers; of equals, the first named.
        double best = -std::numeric_limits<double>::infinity();
        for (const int id : {likely, table().frontier().front(), drain}) {
            const double score = expectedCorrect(table().entry(id), context);
            if (score > best) {
                entry = id;
                best = score;
            }
        }
    } else if (context.queueLength <= 1) {
        entry = likely;
    }
    return Decision{entry, takeFor(entry, context), false, true, entry == drain};
}

Decision CascadePlanner::chooseDrain(const DecisionContext& context) const {
    const int pos = lastAtMost(m_tails, context.budgetMs);
    // Nothing fits: the head will be late anyway, so drain as fast as possible.
    int entry = pos >= 0 ? m_drainBest[static_cast<std::size_t>(pos)] : m_drainBest.back();
    // An entry that fits the head but cannot keep up with the arrivals only grows the queue:
    // then the highest throughput of all, even if the head is late.
    const auto perItemMs = [&](int id) {
        const ConfigEntry& e = table().entry(id);
        return e.meanMs / static_cast<double>(e.batchSize);
    };
    if (context.arrivalRatePerMs * perItemMs(entry) >= 1.0) {
        entry = m_drainBest.back();
    }
    // A large batch may answer none of its requests in time. The fastest entry, where it keeps
    // up with the arrivals and serves the whole queue one after another within the batch's
    // mean, clears the queue no later and answers each request sooner: it drains instead.
    const int fastest = table().frontier().front();
    if (options().loadAware && fastest != entry &&
        context.arrivalRatePerMs * perItemMs(fastest) < 1.0 &&
        static_cast<double>(context.queueLength) * perItemMs(fastest) <=
            table().entry(entry).meanMs) {
        entry = fastest;
    }
    if (options().loadAware) {
        // A drain that switches weights pays the switch before it serves anyone: the entries of
        // the weights that ran last and the fastest may clear more of the queue per
        // millisecond once that is counted.
        const auto clearsPerMs = [&](int id) {
            const ConfigEntry& e = table().entry(id);
            const double busy =
                e.meanMs + (switches(e, context) ? e.switchPenaltyMs : idleExtraMs(e, context));
            return static_cast<double>(std::min(context.queueLength, e.batchSize)) / busy;
        };
        double best = clearsPerMs(entry);
        const auto consider = [&](int id) {
            const double score = clearsPerMs(id);
            if (score > best ||
                (score == best && table().entry(id).accuracy > table().entry(entry).accuracy)) {
                entry = id;
                best = score;
            }
        };
        consider(fastest);
        for (const int id : entriesOfWeights(context.lastVariant)) {
            consider(id);
        }
    }
    return Decision{entry, takeFor(entry, context), false, pos < 0, true};
}

Decision CascadePlanner::chooseHealthy(const DecisionContext& context,
                                       const Decision& preferred) const {
    const ModelHealth& health = *context.health;
    int fitting = -1;
    int fallback = -1;
    for (const int id : table().byTail()) {
        const ConfigEntry& e = table().entry(id);
        if (!health.healthy(e, context.nowMs)) {
            continue;
        }
        if (preferred.drain) {
            if (fallback < 0 || e.throughputPerS > table().entry(fallback).throughputPerS) {
                fallback = id;
            }
        } else if (fallback < 0) {
            fallback = id;
        }
        if (e.tailMs > context.budgetMs) {
            continue;
        }
        const double score = preferred.drain ? e.throughputPerS : e.accuracy;
        if (fitting < 0 || score > (preferred.drain ? table().entry(fitting).throughputPerS
                                                    : table().entry(fitting).accuracy)) {
            fitting = id;
        }
    }
    const int entry = fitting >= 0 ? fitting : fallback;
    if (entry < 0) {
        return preferred;  // every model is unhealthy: try the preferred entry anyway
    }
    return Decision{entry, takeFor(entry, context), true, fitting < 0, preferred.drain};
}

DecisionExplanation CascadePlanner::explain(const DecisionContext& context) const {
    DecisionExplanation out;
    out.decision = decide(context);
    const ConfigTable& t = table();
    const ConfigEntry& chosen = t.entry(out.decision.entry);
    QStringList lines;
    lines << QStringLiteral(
                 "budget %1, queue %2; %3 entries, %4 on the Pareto front of tail "
                 "latency (quantile %5) vs accuracy")
                 .arg(ms(context.budgetMs))
                 .arg(context.queueLength)
                 .arg(t.size())
                 .arg(t.frontier().size())
                 .arg(csv::number(1.0 - t.riskEpsilon(), 4));
    if (out.decision.drain) {
        QString why;
        if (isLoadSpike(context)) {
            why = QStringLiteral(
                      "load spike: queue %1 > threshold %2 and no entry serves all "
                      "of it within the budget")
                      .arg(context.queueLength)
                      .arg(options().spikeQueueThreshold);
        } else if (out.decision.bestEffort) {
            why = QStringLiteral(
                      "nothing fits the head, late whatever runs; for the %1 "
                      "waiting behind it")
                      .arg(context.queueLength - 1);
        } else {
            why = QStringLiteral("at %1 requests/ms no entry keeps up within the budget")
                      .arg(csv::number(context.arrivalRatePerMs, 4));
        }
        lines << QStringLiteral(
                     "%1, so the highest-throughput entry %2 is chosen: %3 (%4 items/s), "
                     "batching %5 requests")
                     .arg(why,
                          out.decision.bestEffort ? QStringLiteral("overall (nothing fits)")
                                                  : QStringLiteral("that fits"),
                          describe(chosen), csv::number(chosen.throughputPerS, 4))
                     .arg(out.decision.take);
    } else if (out.decision.bestEffort) {
        lines << QStringLiteral(
                     "nothing fits: no tail is within the budget; best effort, the entry "
                     "likeliest to answer correctly in time: %1, on time in %2% of its runs")
                     .arg(describe(chosen))
                     .arg(csv::number(100.0 * onTimeShare(chosen, context, context.budgetMs), 3));
    } else {
        const int pos = lastAtMost(m_frontierTails, context.budgetMs);
        lines << QStringLiteral("%1 of the %2 front entries fit; the most accurate of them: %3")
                     .arg(pos + 1)
                     .arg(t.frontier().size())
                     .arg(describe(t.entry(t.frontier()[static_cast<std::size_t>(pos)])));
        if (t.entry(t.frontier()[static_cast<std::size_t>(pos)]).name != chosen.name) {
            lines << QStringLiteral(
                         "with %1 requests queued, it would keep the ones behind the "
                         "head waiting too long: chosen instead %2, which serves all "
                         "%1 in %3")
                         .arg(context.queueLength)
                         .arg(describe(chosen))
                         .arg(ms(queueServiceMs(out.decision.entry, context.queueLength)));
        }
        if (pos + 1 < static_cast<int>(t.frontier().size())) {
            const ConfigEntry& next = t.entry(t.frontier()[static_cast<std::size_t>(pos) + 1]);
            lines << QStringLiteral(
                         "rejected the next more accurate %1: its tail exceeds the "
                         "budget")
                         .arg(describe(next));
        } else {
            lines << QStringLiteral("it is the most accurate entry of the table");
        }
        if (pos > 0) {
            const ConfigEntry& faster = t.entry(t.frontier()[static_cast<std::size_t>(pos - 1)]);
            lines << QStringLiteral("faster but less accurate: %1").arg(describe(faster));
        }
    }
    if (out.decision.fallback) {
        lines << QStringLiteral("fallback: the preferred entry uses an unhealthy model");
    }
    if (chosen.cascade) {
        lines << QStringLiteral(
                     "anytime: stage 2 (%1) runs for items with confidence < %2 only "
                     "if the slack left after stage 1 covers its tail %3")
                     .arg(chosen.stage2.id(), csv::number(chosen.threshold), ms(chosen.tail2Ms));
    }
    out.reason = lines.join(u'\n');
    return out;
}

DecisionExplanation explainDecision(const ConfigTable& table, double deadlineMs, int queueLength,
                                    const PolicyOptions& options) {
    if (queueLength < 1) {
        throw Error(QStringLiteral("queue length must be ≥ 1, got %1").arg(queueLength));
    }
    const CascadePlanner planner(table, options);
    DecisionContext context;
    context.budgetMs = deadlineMs;
    context.queueLength = queueLength;
    return planner.explain(context);
}

}  // namespace aip
