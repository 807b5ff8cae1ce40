#pragma once

#include "config/configset.h"
#include "planning/configtable.h"
#include "planning/policy.h"
#include "results/resultstable.h"
#include "simulation/simulationresult.h"
#include "workload/request.h"

#include <map>
#include <memory>
#include <vector>

namespace aip {

/// What the experiments read from a results folder: the profiles (latency_profiles.csv,
/// latency_samples.csv, accuracy_profiles.csv, predictions.csv) and one ConfigTable per task of
/// the protocol, with models.yaml's cascades and the protocol's ε and prices.
class ExperimentData final {
public:
    /// Throws aip::Error naming the file for a missing or malformed profile file, and naming the
    /// task when the profiles hold nothing usable for it.
    static std::unique_ptr<ExperimentData> load(const ConfigSet& configs,
                                                const QString& resultsDir);

    QStringList tasks() const;
    /// The table of `task`; an empty name means the protocol's only task (error if several).
    const ConfigTable& table(const QString& task = QString()) const;
    const std::vector<LatencyProfile>& latency() const { return m_latency; }
    const std::vector<AccuracyProfile>& accuracy() const { return m_accuracy; }

private:
    std::vector<LatencyProfile> m_latency;
    std::vector<AccuracyProfile> m_accuracy;
    std::map<QString, std::unique_ptr<ConfigTable>> m_tables;
};

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
