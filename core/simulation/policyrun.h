#pragma once

#include "planning/cascadeplanner.h"
#include "planning/policy.h"
#include "simulation/liverunner.h"
#include "simulation/simulationresult.h"
#include "workload/request.h"

#include <memory>
#include <optional>
#include <vector>

namespace aip {

/// One decide() call of a run, with the state it was asked in (copied, so it can be explained
/// after the run).
struct RecordedDecision {
    double nowMs = 0.0;
    double budgetMs = 0.0;
    int queueLength = 1;
    double arrivalRatePerMs = 0.0;
    int lastVariant = -1;
    double idleGapMs = 0.0;
    std::optional<DeadlineWindow> deadlines;
    std::vector<double> waitingDueMs;
    Decision decision;

    /// The context it was asked in (pointing into this record; every model healthy).
    DecisionContext context() const;
};

/// What `--batch simulate` and the Planner playground's replay run: one policy (or a hindsight
/// bound, Oracle or BestFixedInHindsight) on one trace, charged as the experiments charge it,
/// with every batch recorded.
struct PolicyRun {
    SimulationResult result;
    /// The policy that ran; nullptr for a hindsight bound.
    std::unique_ptr<Policy> policy;
    /// Every decision in the order taken; empty unless asked for, and for the bounds.
    std::vector<RecordedDecision> decisions;
};

/// Throws aip::Error for an unknown policy name (knownPolicies()).
PolicyRun simulatePolicy(const QString& policyName, const ConfigTable& table, const Trace& trace,
                         const RunLabels& labels, bool recordDecisions = false);

/// Throws aip::Error when `policyName` is a hindsight bound, which cannot be replayed live.
void requireLiveReplayable(const QString& policyName);

/// The policy `policyName` replayed in real time on the real models `models` (runLive), planning
/// as simulatePolicy() plans; the decisions are recorded when asked (copying each state adds
/// its time to the measured decision time). Throws aip::Error for a hindsight bound, which
/// cannot run live, or an unknown policy name; runs on the calling thread.
PolicyRun replayPolicyLive(const QString& policyName, const ConfigTable& table, const Trace& trace,
                           const LiveModels& models, const LiveOptions& options,
                           JobContext& context, bool recordDecisions = false);

/// The CascadePlanner's explanation of a recorded state (the words `--batch plan` prints), with
/// `options` as the run planned.
DecisionExplanation explainRecorded(const ConfigTable& table, const PolicyOptions& options,
                                    const RecordedDecision& recorded);

}  // namespace aip
