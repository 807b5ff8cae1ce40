#pragma once

#include "config/configset.h"
#include "planning/plannertables.h"
#include "planning/policy.h"
#include "results/resultstable.h"
#include "simulation/simulationresult.h"
#include "workload/request.h"

#include <map>
#include <memory>
#include <vector>

namespace aip {

/// How a run's trace departs from the protocol's workload: its rates scaled, a window of it.
struct TraceShape {
    double rateScale = 1.0;  ///< generated workloads: rates times this; trace files: compressed
    /// > 0: only this many seconds of the trace, from its start, or for a spike workload from a
    /// quarter of the window before the spike (so the window holds it); 0: the whole trace.
    double durationS = 0.0;
};

/// The trace with its examples drawn from the table's test half: example k becomes the
/// (k mod n)-th of the n test examples (ConfigTable::testExample), so every generated or
/// recorded trace is scored on examples no policy was calibrated on.
Trace onTestHalf(Trace trace, const ConfigTable& table);

/// The trace of one run: the protocol workload `workload` with deadlines from the set
/// `deadlineSet`, examples from the table's test half (onTestHalf),
/// shaped by `shape`. Throws aip::Error naming an unknown workload or deadline set (with the
/// known ones).
Trace experimentTrace(const ConfigSet& configs, const ConfigTable& table, const QString& workload,
                      const QString& deadlineSet, std::uint64_t seed, const TraceShape& shape = {});

/// The deadline classes a run plans for: the distinct relative deadlines its requests carry
/// (a service declares its classes; this reads them off the run's requests, never their
/// times), ascending; beyond kMaxDeadlineClasses distinct values, that many of their quantiles.
std::vector<double> deadlineClassesOf(const Trace& trace);
inline constexpr int kMaxDeadlineClasses = 16;
/// `options` with the deadline classes of `trace` where it names none.
PolicyOptions planningOptionsFor(PolicyOptions options, const Trace& trace);

/// all_results.csv's row of a run.
ResultRow resultRow(const SimulationResult& run, std::int64_t requests);

}  // namespace aip
