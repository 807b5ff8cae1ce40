#pragma once

#include "planning/policy.h"

#include <QString>

#include <vector>

namespace aip {

/// A decision with the words that justify it (the CLI's `--batch plan` prints them).
struct DecisionExplanation {
    Decision decision;
    QString reason;
};

/// The anytime planner. On the Pareto front of (tail latency at 1-ε, accuracy), sorted by tail,
/// one binary search finds the most accurate entry whose tail fits the head request's remaining
/// budget; with q requests queued, the most accurate entry that serves all q (⌈q / batch⌉
/// batches of its tail) within that budget, so the requests behind the head are not starved
/// (a binary search on a per-q table). Degrades gracefully: nothing fits → the fastest entry (best
/// effort); a model marked unhealthy → the most accurate healthy entry that fits (else the fastest
/// healthy one); a queue longer than PolicyOptions::spikeQueueThreshold → the highest-throughput
/// entry that fits, batching as many waiting requests as it holds (also a binary search, on a
/// prefix maximum).
class CascadePlanner final : public Policy {
public:
    CascadePlanner(const ConfigTable& table, const PolicyOptions& options = {});

    QString name() const override { return QStringLiteral("CascadePlanner"); }
    Decision decide(const DecisionContext& context) const override;
    /// The same decision, with what fitted, what was chosen and what was rejected.
    DecisionExplanation explain(const DecisionContext& context) const;

private:
    Decision chooseNormal(const DecisionContext& context) const;
    Decision chooseDrain(const DecisionContext& context) const;
    /// Slow path while some model is unhealthy: a linear scan of the tail order.
    Decision chooseHealthy(const DecisionContext& context, const Decision& preferred) const;
    static int lastAtMost(const std::vector<double>& ascending, double value);
    /// Time to serve `queueLength` requests with `entry`: its tail per batch of its batch size.
    double queueServiceMs(int entry, int queueLength) const;

    /// Queue lengths 2 … min(spike threshold, kQueueTables) have precomputed tables.
    static constexpr int kQueueTables = 64;
    struct QueueTable {
        std::vector<double> serviceMs;  ///< ascending: queueServiceMs of the front's entries
        std::vector<int> bestPosition;  ///< highest front position among serviceMs[0..i]
    };

    std::vector<double> m_frontierTails;  ///< tails of ConfigTable::frontier()
    std::vector<double> m_tails;          ///< tails of ConfigTable::byTail()
    std::vector<int> m_drainBest;  ///< m_drainBest[i]: highest throughput among byTail()[0..i]
    std::vector<QueueTable> m_queueTables;  ///< [q - 2]: queue length q
};

/// What the planner decides for the head request of a queue of `queueLength` requests with
/// `deadlineMs` left, every model healthy, and why.
DecisionExplanation explainDecision(const ConfigTable& table, double deadlineMs,
                                    int queueLength = 1, const PolicyOptions& options = {});

}  // namespace aip
