#pragma once

#include "planning/policy.h"
#include "simulation/simulationresult.h"
#include "workload/request.h"

#include <QString>

#include <limits>
#include <vector>

namespace aip {

/// Injected failure: every batch of `model` (any precision, either cascade stage) that starts in
/// [fromMs, toMs) throws after `failAfterMs` (negative: after the latency it would have had) and
/// answers nothing.
struct FailureSpec {
    QString model;
    double fromMs = 0.0;
    double toMs = std::numeric_limits<double>::infinity();
    double failAfterMs = -1.0;
};

/// Parameters of one simulated run.
struct SimulationOptions {
    RunLabels labels;  ///< also names the random stream: "simulation/<policy>/<workload>"
    int workers = 1;   ///< identical workers, each running one batch at a time
    /// Planner time charged to every batch before it starts (deterministic, so runs are
    /// reproducible byte for byte): the experiments charge
    /// ServingSimulator::measuredDecisionCostMs(); the real time of each decide() is measured
    /// and reported separately.
    double decisionCostMs = 0.0;
    std::vector<FailureSpec> failures;
    double retryAfterMs = 1000.0;  ///< a failed model is unhealthy this long, then retried
    /// A request whose batch failed this many times is given up: unanswered, a miss, incorrect.
    int maxAttempts = 3;
    bool measureDecisionTime = true;  ///< time decide() with a steady clock
    bool recordBatches = false;       ///< fill SimulationResult::batches
    /// 0: the run's own stream of service-time draws; n > 0: an independent one
    /// ("simulation/<policy>/<workload>/draw<n>"), for averaging over draws of one trace.
    int drawStream = 0;
    /// Every service time drawn is the profiled sample times this: the machine running at
    /// another speed than when it was profiled (the fidelity stage measures it right before a
    /// live replay). The policy still plans with the profiles.
    double serviceTimeScale = 1.0;
};

/// Discrete-event simulation of one server: a FIFO queue, `workers` identical workers, batches
/// formed by the policy from the head of the queue. Service times are drawn from the chosen
/// entry's raw latency samples at its batch size (a partial batch is padded: it takes the
/// profiled latency of the full batch). A cascade draws stage 1, then escalates each item with
/// conf₁ < θ whose slack after stage 1 still covers stage 2's tail (the anytime rule); the
/// escalated items run as one more padded batch of the entry's size, the others are answered
/// when stage 1 ends. Correctness comes from the accuracy profiles. A failed stage-1 batch
/// puts its requests back at the head of the queue, in order, and marks the model unhealthy
/// (ModelHealth, read by the policy); a failed stage 2 returns the stage-1 answers.
/// At equal times, completions and failures are processed first, then arrivals, then idle
/// workers (lowest index first) take batches.
class ServingSimulator final {
public:
    /// Throws aip::Error on a trace out of arrival order, a negative or NaN deadline, an example
    /// missing from the accuracy profiles, or impossible options.
    static SimulationResult run(const Trace& trace, const Policy& policy,
                                const SimulationOptions& options = {});

    /// What the experiments charge every decision of `policy` on `trace`, the same rule for
    /// every policy: the table's pinned cost where the protocol sets `decision_cost_us`
    /// (ConfigTable::pinnedDecisionCostMs), else the mean wall time of decide() (steady clock)
    /// over contexts made from the trace's first 1,024 requests (their deadlines as budgets,
    /// queues of 1–8, the trace's mean arrival rate, each entry's weights in turn as the last
    /// ones run), the fastest of five passes after one warm-up pass, rounded up to the next
    /// whole microsecond; measured once per process for each (policy name, task, entry names),
    /// so every run of one pipeline charges the same. A measured cost depends on the machine:
    /// where it lands on the other side of a whole microsecond, the simulated latencies move by
    /// that microsecond.
    static double measuredDecisionCostMs(const Policy& policy, const Trace& trace);
};

}  // namespace aip
