#pragma once

#include "config/configset.h"
#include "data/datasearchpath.h"
#include "evaluation/modelfiles.h"
#include "jobs/job.h"
#include "planning/configtable.h"
#include "results/runfiles.h"
#include "simulation/simulationresult.h"

#include <QString>

#include <vector>

namespace aip {

/// Where a live replay's time went, per configuration, beside what the latency profiles hold
/// and what the simulation of the same trace drew: the measurements behind `simulate --live`'s
/// fidelity report.
struct ConfigFidelity {
    QString config;  ///< ConfigKey::id()
    int simulatedBatches = 0;
    int liveBatches = 0;
    double profiledP50Ms = 0.0;  ///< the table's latency samples of the configuration
    double profiledP95Ms = 0.0;
    double forwardP50Ms = 0.0;  ///< live forward passes
    double forwardP95Ms = 0.0;
    double preprocessP50Ms = 0.0;  ///< live input building, which the profiles leave out
    double preprocessP95Ms = 0.0;
    double postprocessP50Ms = 0.0;
    int switchedBatches = 0;               ///< live batches after a batch of another configuration
    double forwardAfterSwitchP50Ms = 0.0;  ///< NaN when none
    double forwardAfterSameP50Ms = 0.0;    ///< NaN when none
};

/// The run-wide part: time on the live timeline outside every batch while requests waited (the
/// decision, the runner's own bookkeeping).
struct RunFidelity {
    std::vector<ConfigFidelity> configs;
    int liveBatches = 0;
    double liveBusyMs = 0.0;       ///< preprocessing + forward + postprocessing, all batches
    double liveForwardMs = 0.0;    ///< forward passes alone
    double simulatedBusyMs = 0.0;  ///< the simulator's drawn service times
    /// Between one batch's end and the next one's start when the batch left requests waiting.
    double gapP50Ms = 0.0;
    double gapP95Ms = 0.0;
};

/// Compares the batches of a simulated and a live run of the same trace and policy over
/// `table`. Both results need their batches (SimulationOptions::recordBatches for the
/// simulated one).
RunFidelity compareBatches(const ConfigTable& table, const SimulationResult& simulated,
                           const SimulationResult& live);

/// The comparison as a text table for a terminal, one line per configuration.
QString formatFidelity(const RunFidelity& fidelity);

class PlannerTables;

/// The fidelity stage's replays: for every task of the protocol, every rate scale, workload,
/// deadline set and policy of `configs.protocol.fidelity` (in that order), the window of the
/// workload's trace (seed `seed`) simulated `simulationDraws` times, each with its own draw of
/// the service times, and replayed once live on the task's real models, loaded once per task
/// from `files` on the calling thread. Honours cancellation between replays.
std::vector<FidelityRow> runFidelityReplays(const ConfigSet& configs, const PlannerTables& data,
                                            const ModelFiles& files, const DataSearchPath& search,
                                            std::uint64_t seed, JobContext& context);

/// The policies the fidelity stage replays: the protocol's list, or the planner and every
/// baseline that makes decisions (all but the Oracle).
QStringList fidelityPolicies(const ProtocolConfig& protocol);

}  // namespace aip
