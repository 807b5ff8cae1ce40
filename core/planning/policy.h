#pragma once

#include "planning/configtable.h"

#include <QString>
#include <QStringList>

#include <limits>
#include <memory>
#include <span>
#include <vector>

namespace aip {

/// Which models may be run: a model that threw at run time is unhealthy until its retry time.
/// Kept by whoever runs the models (the simulator, a live runner); policies read it.
class ModelHealth final {
public:
    explicit ModelHealth(int models = 0) { reset(models); }
    void reset(int models);
    /// The model threw: skip it until `retryAtMs`, then try it again.
    void markFailed(int model, double retryAtMs);
    bool healthy(int model, double nowMs) const {
        return model < 0 || model >= static_cast<int>(m_retryAt.size()) ||
               nowMs >= m_retryAt[static_cast<std::size_t>(model)];
    }
    /// Every stage of the entry is healthy.
    bool healthy(const ConfigEntry& entry, double nowMs) const {
        return healthy(entry.model1, nowMs) && healthy(entry.model2, nowMs);
    }
    /// Fast path: no model is waiting for its retry.
    bool allHealthy(double nowMs) const { return nowMs >= m_latestRetry; }

private:
    std::vector<double> m_retryAt;
    double m_latestRetry = -std::numeric_limits<double>::infinity();
};

/// The arrival rate a server has seen, estimated online from the arrivals so far (never from
/// the trace ahead): (k − 1) / (now − the k-th most recent arrival). k counts the arrivals
/// within the horizon, at least kMinimum of them (so a short horizon is not noise) and at most
/// the kWindow held. A long horizon (a request's slack) smooths over bursts that its queue
/// absorbs; a short one follows a burst within a few dozen arrivals. While none come, it
/// decays. Fixed memory; observe() and ratePerMs() allocate nothing, ratePerMs() is a binary
/// search.
class ArrivalRateEstimator final {
public:
    static constexpr int kWindow = 1024;
    static constexpr int kMinimum = 32;
    void observe(double arrivalMs);
    /// Requests per millisecond at `nowMs` (≥ the latest arrival) over the last `horizonMs`;
    /// 0 before any arrival.
    double ratePerMs(double nowMs, double horizonMs = 0.0) const;

private:
    /// The j-th most recent arrival held, 1 ≤ j ≤ m_count.
    double recent(int j) const { return m_times[(m_next - j + kWindow) % kWindow]; }
    double m_times[kWindow] = {};
    int m_count = 0;  ///< arrivals held, ≤ kWindow
    int m_next = 0;   ///< ring position of the next arrival
};

/// The relative deadlines of the last kWindow requests a server has seen (never those ahead),
/// kept sorted: the share of requests whose deadline is at most x. Fixed memory; observe()
/// costs O(kWindow), shareAtMost() a binary search, neither allocates.
class DeadlineWindow final {
public:
    static constexpr int kWindow = 64;
    void observe(double deadlineMs);
    int size() const { return m_count; }
    /// Share of the deadlines held that are ≤ x; 0 when none is held.
    double shareAtMost(double x) const;
    /// The mean of shareAtMost(x) for x uniform in [lo, hi] (shareAtMost(lo) when hi ≤ lo):
    /// the share missed by requests whose wait is spread evenly over that span. O(log n).
    double meanShareAtMost(double lo, double hi) const;

private:
    double m_ring[kWindow] = {};        ///< arrival order
    double m_sorted[kWindow] = {};      ///< the same values, ascending
    double m_prefix[kWindow + 1] = {};  ///< m_prefix[i]: sum of m_sorted[0..i-1]
    int m_count = 0;
    int m_next = 0;
};

/// What a policy sees when a worker is free and requests wait.
struct DecisionContext {
    double nowMs = 0.0;
    /// The head request's remaining time: arrival + deadline - now - decision cost (its queue
    /// wait is already spent). May be negative.
    double budgetMs = 0.0;
    int queueLength = 1;                  ///< waiting requests, ≥ 1
    const ModelHealth* health = nullptr;  ///< nullptr: every model is healthy
    /// The server's online estimate of the arrival rate (ArrivalRateEstimator), requests per
    /// millisecond; 0: unknown (plan as if no more requests came).
    double arrivalRatePerMs = 0.0;
    /// The weights (VariantAnswers index) the worker ran last; -1: none yet. Running other
    /// weights costs a switch.
    int lastVariant = -1;
    /// How long the worker has been idle when it decides, ms; 0: it has just finished a batch.
    /// After an idle, a batch of the weights it ran last costs more than a steady one
    /// (ConfigTable::idleDrawExtraMs).
    double idleGapMs = 0.0;
    /// The deadlines of the requests seen so far (nullptr: unknown).
    const DeadlineWindow* deadlines = nullptr;
    /// When the waiting requests are due (arrival + deadline, ms on the same clock as nowMs),
    /// in queue order from the head, at most kWaitingWindow of them; empty: unknown.
    std::span<const double> waitingDueMs;
    static constexpr int kWaitingWindow = 64;
};

/// The entry to run and how many queued requests (from the head) form its batch.
struct Decision {
    int entry = -1;
    int take = 0;             ///< 1 ≤ take ≤ min(queue length, entry batch size)
    bool fallback = false;    ///< a healthy substitute for the entry the policy prefers
    bool bestEffort = false;  ///< nothing fitted the budget
    bool drain = false;       ///< load-spike mode chose it
};

/// Tunables of the policies, with their defaults.
struct PolicyOptions {
    /// Consult ModelHealth: skip unhealthy models and fall back. Off: keep choosing the same
    /// entry even while its model fails (the failure analysis compares both).
    bool failureHandler = true;
    /// Best effort when nothing fits the head's budget: CascadePlanner serves the fastest (or
    /// the highest-throughput) entry, INFaaS the lowest predicted latency. Off: they serve as
    /// if the deadline had no bound (CascadePlanner its most accurate entry, INFaaS its
    /// cheapest variant); the other policies have no such rule.
    bool bestEffort = true;
    /// CascadePlanner: a queue longer than this is a load spike; it then picks the
    /// highest-throughput entry that fits the budget, so that batches drain the queue.
    int spikeQueueThreshold = 8;
    /// CascadePlanner: plan with the server's arrival-rate estimate (DecisionContext::
    /// arrivalRatePerMs). Off: as if no more requests came (the load-blind planner).
    bool loadAware = true;
    /// INFaaS and INFaaS-tail: the accuracy floor. Negative: the median accuracy of the table's
    /// (model, precision) variants (type-7 quantile 0.5).
    double infaasAccuracyFloor = -1.0;
    /// MDPPlanner: the relative deadlines (ms) its requests may carry, equally likely: the
    /// service's deadline classes, which its MDP is solved for (see planningOptionsFor()).
    std::vector<double> deadlineClassesMs;
};

/// A serving policy: picks, per decision, an entry of the ConfigTable and a batch. decide() is
/// const and allocation-free; the same decisions drive the simulator and a live runner. The
/// table must outlive the policy.
class Policy {
public:
    Policy(const ConfigTable& table, const PolicyOptions& options)
        : m_table(&table), m_options(options) {}
    virtual ~Policy() = default;
    Policy(const Policy&) = delete;
    Policy& operator=(const Policy&) = delete;

    /// One of knownPolicies().
    virtual QString name() const = 0;
    virtual Decision decide(const DecisionContext& context) const = 0;

    const ConfigTable& table() const { return *m_table; }
    const PolicyOptions& options() const { return m_options; }

protected:
    /// `take` for an entry: as many waiting requests as its batch holds.
    int takeFor(int entry, const DecisionContext& context) const;
    /// Whether health must be consulted for this decision.
    bool mustCheckHealth(const DecisionContext& context) const {
        return m_options.failureHandler && context.health != nullptr &&
               !context.health->allHealthy(context.nowMs);
    }
    /// A decision for the entry the policy prefers; with the failure handler on and a stage of
    /// it unhealthy, the next faster healthy entry (by planning tail), else the next slower one.
    Decision preferring(int entry, const DecisionContext& context, bool bestEffort) const;

private:
    const ConfigTable* m_table;
    PolicyOptions m_options;
};

/// The serving policies by name: CascadePlanner, StaticSmall, StaticLarge, ThroughputAutotuner,
/// INFaaS, INFaaS-tail, MDPPlanner (which needs PolicyOptions::deadlineClassesMs). The bounds
/// "Oracle" and "BestFixedInHindsight" are no policies (see oracle() and bestFixedInHindsight());
/// they and any other name throw aip::Error.
std::unique_ptr<Policy> makePolicy(const QString& name, const ConfigTable& table,
                                   const PolicyOptions& options = {});

/// knownPolicies() without the bounds (knownBounds()): the names makePolicy accepts.
QStringList servingPolicies();

}  // namespace aip
