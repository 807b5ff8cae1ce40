#pragma once

#include "planning/policy.h"
#include "simulation/simulationresult.h"
#include "workload/request.h"

#include <cstdint>
#include <deque>
#include <span>
#include <vector>

namespace aip {

/// A batch the policy formed from the head of the queue.
struct ServedBatch {
    Decision decision;
    int queueLength = 0;        ///< requests waiting when it was decided
    std::vector<int> requests;  ///< trace indices, in queue order
};

/// Which items of a cascade's batch go to stage 2, and as which single configuration.
struct Stage2Plan {
    std::vector<int> positions;  ///< positions in the batch, ascending; empty: no stage 2
    int entry = -1;              ///< the single entry stage 2 runs as (its batch holds them all)
};

/// What stage 2 did.
struct Stage2Outcome {
    bool ran = false;     ///< it answered
    bool failed = false;  ///< it threw (or the injected failure hit it)
    double startMs = 0.0;
    double endMs = 0.0;               ///< when it answered or its failure showed
    std::vector<std::uint8_t> right;  ///< per Stage2Plan::positions: stage 2's answer is right
};

/// The server's side of serving a trace, one and the same for the simulator and the live
/// replay: the FIFO queue, the online estimates a policy sees (the arrival rate, the deadlines
/// seen so far, model health), the checked decision, the anytime cascade's rule for stage 2
/// and what each request gets. Only time differs: the simulator draws it from the profiles,
/// the live replay measures it.
///
/// The anytime rule (DESIGN.md "Anytime cascade"): stage 1 answers every request; the items
/// with conf₁ < θ go to stage 2 when the slack they have left after stage 1 covers stage 2's
/// tail at the smallest profiled batch that holds all of them (so the batch that runs, holding
/// only those that go, is no slower); an item whose stage-2 answer is not there by its deadline,
/// or whose stage 2 failed, gets its stage-1 answer, on time.
class ServingStep final {
public:
    /// `result` receives the records (one per request, in trace order) and the decision times.
    ServingStep(const Trace& trace, const Policy& policy, SimulationResult& result,
                bool measureDecisionTime = true);

    /// Arrivals up to `nowMs` join the queue and the server's estimates, in trace order.
    void admit(double nowMs);
    bool queueEmpty() const { return m_queue.empty(); }
    bool allAdmitted() const { return m_next >= m_trace.size(); }
    /// The next arrival not admitted yet; +inf when all are.
    double nextArrivalMs() const;
    std::size_t admitted() const { return m_next; }

    /// The policy's batch for a worker that ran `lastVariant` last and has been idle for
    /// `idleGapMs` (0: it has just finished a batch), decided at `nowMs`; the head's budget is
    /// charged `decisionCostMs`. Its requests leave the queue. Throws aip::Error on an
    /// impossible decision.
    ServedBatch decide(double nowMs, double decisionCostMs, int lastVariant, double idleGapMs);

    /// A stage-1 attempt that failed: each request is charged its share of `busyMs` and one
    /// more failed attempt.
    void recordFailedAttempt(const ServedBatch& batch, double startMs, double busyMs);
    /// The failed batch back at the head of the queue, in order, less the requests that have
    /// used `maxAttempts` attempts (they stay unanswered).
    void requeue(const ServedBatch& batch, int maxAttempts);

    /// The anytime rule for a cascade's batch whose stage 1 answered at `stage1DoneMs` with
    /// `confidence1` (one per request of the batch); an empty plan for a single configuration.
    Stage2Plan planStage2(const ServedBatch& batch, std::span<const float> confidence1,
                          double stage1DoneMs) const;

    /// Every request of the batch answered: stage 1 ran from `startMs` to `stage1DoneMs` with
    /// `right1` (per request: its answer is right), then stage 2 as `plan` and `stage2` say.
    void answer(const ServedBatch& batch, double startMs, double stage1DoneMs,
                std::span<const std::uint8_t> right1, const Stage2Plan& plan,
                const Stage2Outcome& stage2);

    ModelHealth& health() { return m_health; }
    std::int64_t decisions() const { return m_decisions; }
    /// The run's metrics from the records, with `failures` and the decision times.
    void finish(std::int64_t failures);

private:
    const Trace& m_trace;
    const Policy& m_policy;
    const ConfigTable& m_table;
    SimulationResult& m_result;
    bool m_measure;
    std::deque<int> m_queue;
    std::size_t m_next = 0;
    ArrivalRateEstimator m_arrivals;
    DeadlineWindow m_deadlines;
    ModelHealth m_health;
    std::vector<double> m_decisionUs;
    std::vector<double> m_waitingDue;  ///< DecisionContext::waitingDueMs of the next decision
    std::int64_t m_decisions = 0;
};

/// A new batch record of `entry`'s stage (1, or 2 for a cascade's escalated items, run as
/// `config`) starting at `startMs`, following the batches of `earlier`; times left at 0.
BatchRecord beginBatch(const ConfigEntry& entry, int stage, const ConfigEntry& config, int fill,
                       int queueLength, double startMs, const std::vector<BatchRecord>& earlier);

}  // namespace aip
