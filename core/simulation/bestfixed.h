#pragma once

#include "planning/configtable.h"
#include "simulation/servingsimulator.h"
#include "simulation/simulationresult.h"
#include "workload/request.h"

#include <QString>

namespace aip {

/// The name BestFixedInHindsight's runs carry (SimulationResult::policy), which also names the
/// stream of service-time draws the candidate entries share.
inline const QString kBestFixedInHindsight = QStringLiteral("BestFixedInHindsight");

/// BestFixedInHindsight: a bound, never a deployable policy. Every entry of the table (single
/// configurations and cascades; a cascade's lower budget points serve as it does and are not
/// run again) is simulated on this very trace as a fixed policy (FixedEntryPolicy: that entry
/// for every batch, as many waiting requests from the head as its batch holds) with `options`
/// (the experiments charge fixedPolicyDecisionCostMs(), as for the fixed baselines); the winner has
/// the highest effective accuracy (ties: the higher hit rate, then the lower cost, then the lower
/// entry id). Returns the winner's run, policy "BestFixedInHindsight", SimulationResult::fixedEntry
/// naming it. It bounds what any choice of one configuration up front could have reached on the
/// trace; an adaptive policy may beat it. Every entry draws service times from the same stream
/// ("simulation/BestFixedInHindsight/<workload>"), so they are compared on common draws; the
/// entries of StaticSmall, StaticLarge and ThroughputAutotuner are also run with those
/// baselines' own draws, so that the bound is at least each fixed baseline on every trace
/// (the winner's run is then that baseline's, under this name). The runs are simulated in parallel
/// (QtConcurrent, the global thread pool), in rounds, most promising first: an entry whose
/// upper bound (the requests some answer of it gets right and its fastest samples could still
/// serve in time) is below the best effective accuracy reached so far cannot win and is not
/// simulated. The result does not depend on the thread count. Throws aip::Error as
/// ServingSimulator::run does.
SimulationResult bestFixedInHindsight(const Trace& trace, const ConfigTable& table,
                                      const SimulationOptions& options = {});

/// An upper bound on the effective accuracy of `entry` fixed on the trace, under any draws,
/// queue and worker count: the share of requests that some answer of the entry gets right
/// (stage 1, or for a cascade stage 2 where conf₁ < θ and the slack after the earliest
/// stage 1 covers the smallest tail of stage 2's batches, the anytime rule) and that its
/// fastest possible run — the decision cost, then the fastest sample of stage 1
/// (ConfigTable::fastestSampleMs), of stage 2's batches too for an escalated item — could still
/// answer in time (stage 1 on time in every case). 0 for an empty trace.
double fixedEntryEffectiveAccuracyBound(const Trace& trace, const ConfigTable& table, int entry,
                                        double decisionCostMs = 0.0);

/// The decision cost the experiments charge every fixed policy (StaticSmall, StaticLarge,
/// ThroughputAutotuner and BestFixedInHindsight's runs alike, so that the bound holds):
/// ServingSimulator::measuredDecisionCostMs of one FixedEntryPolicy on the trace.
double fixedPolicyDecisionCostMs(const ConfigTable& table, const Trace& trace);

/// What the experiments charge each decision of `policy` on `trace`: fixedPolicyDecisionCostMs()
/// for a fixed policy, else ServingSimulator::measuredDecisionCostMs() of the policy itself.
double chargedDecisionCostMs(const Policy& policy, const Trace& trace);

}  // namespace aip
