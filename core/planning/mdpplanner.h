#pragma once

#include "planning/policy.h"

#include <QString>

#include <cstddef>
#include <span>
#include <vector>

namespace aip {

/// The serving problem as a semi-Markov decision process, solved when the policy is built and
/// looked up in O(1) per decision.
///
/// - **State**: the queue length q (1 … kMaxQueue; longer queues count as kMaxQueue) × the
///   arrival-rate bucket j (kRateBuckets geometric buckets of the server's online estimate
///   λ, from μ/256 to 2μ, μ the table's highest throughput in items per millisecond).
/// - **Actions**: the table's entries (an entry fixes the batch: it takes min(q, batch) of the
///   waiting requests), less those another entry beats at once on accuracy, batch size and
///   every quantile of its service time.
/// - **Transitions**: the batch's service time S is one of kServiceQuantiles equally likely
///   quantiles of the entry's profiled samples (a cascade's shifted by its mean stage-2 busy
///   time); while it runs, Poisson(λ_j·S) requests arrive; q' = q − take + arrivals, at most
///   kMaxQueue. An empty queue waits 1/λ_j for the next arrival (q' = 1).
/// - **Reward**: the expected correct, on-time answers of the batch. The request at position i
///   (1 = head) of a queue of q has waited (q − i)/λ_j; its deadline is one of the deadline
///   classes (PolicyOptions::deadlineClassesMs), equally likely; it is on time when stage 1's
///   service time fits what is left; it is correct with the entry's accuracy where what is left
///   covers the entry's planning tail, else with stage 1's accuracy.
/// - **Objective**: the long-run correct, on-time answers per millisecond (the effective
///   accuracy times the arrival rate), by policy iteration on the average-reward equations
///   h(q) = r(q, a) − g·τ(q, a) + Σ P(q' | q, a)·h(q'), h(1) = 0, one chain per rate bucket.
///
/// It sees the queue length and the rate, not the head's own budget nor the weights loaded:
/// the MDP of the state the problem is framed in, beside CascadePlanner's per-request rules.
class MdpPlanner final : public Policy {
public:
    static constexpr int kMaxQueue = 64;
    static constexpr int kRateBuckets = 24;
    static constexpr int kServiceQuantiles = 16;

    /// Solves the MDP. Throws aip::Error when options.deadlineClassesMs is empty or holds a
    /// value that is not positive and finite.
    MdpPlanner(const ConfigTable& table, const PolicyOptions& options);

    QString name() const override { return QStringLiteral("MDPPlanner"); }
    Decision decide(const DecisionContext& context) const override;

    /// What the solve cost and what it holds.
    struct SolveStats {
        double solveMs = 0.0;   ///< wall time of the whole solve
        int states = 0;         ///< kMaxQueue × kRateBuckets
        int actions = 0;        ///< entries kept as actions
        int maxIterations = 0;  ///< policy-iteration rounds of the slowest rate bucket
        std::size_t bytes = 0;  ///< the lookup table
    };
    const SolveStats& solveStats() const { return m_stats; }
    /// The entries kept as actions, by id.
    const std::vector<int>& actions() const { return m_actions; }
    /// The rate bucket of an estimate (0 for λ ≤ 0) and the representative rate of a bucket.
    int rateBucket(double ratePerMs) const;
    double bucketRatePerMs(int bucket) const;
    /// The entry chosen with `queueLength` waiting in rate bucket `bucket`.
    int actionAt(int queueLength, int bucket) const;
    /// The optimal long-run correct, on-time answers per millisecond in rate bucket `bucket`.
    double gainPerMs(int bucket) const { return m_gain[static_cast<std::size_t>(bucket)]; }

private:
    struct Action;
    void selectActions(std::vector<Action>& candidates);
    void solveBucket(int bucket, const std::vector<Action>& actions);

    std::vector<double> m_deadlines;  ///< the deadline classes, ascending
    std::vector<int> m_actions;
    std::vector<int> m_policy;  ///< [bucket · kMaxQueue + q − 1]: entry id
    std::vector<double> m_gain;
    double m_lowestRate = 0.0;  ///< representative rate of bucket 0
    double m_logStep = 1.0;     ///< log of the ratio between neighbouring buckets
    SolveStats m_stats;
};

}  // namespace aip
