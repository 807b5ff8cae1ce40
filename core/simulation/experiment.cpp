#include "simulation/experiment.h"

#include "common/error.h"
#include "workload/workloadgenerator.h"

#include <algorithm>

namespace aip {

std::vector<double> deadlineClassesOf(const Trace& trace) {
    std::vector<double> deadlines;
    deadlines.reserve(trace.size());
    for (const Request& r : trace) {
        deadlines.push_back(r.deadlineMs);
    }
    std::sort(deadlines.begin(), deadlines.end());
    std::vector<double> classes(deadlines);
    classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
    if (classes.size() <= static_cast<std::size_t>(kMaxDeadlineClasses)) {
        return classes;
    }
    // Many distinct deadlines (a recorded trace): the (k + ½)/K quantiles, nearest rank.
    classes.clear();
    for (int k = 0; k < kMaxDeadlineClasses; ++k) {
        const auto at = static_cast<std::size_t>((k + 0.5) / kMaxDeadlineClasses *
                                                 static_cast<double>(deadlines.size()));
        classes.push_back(deadlines[std::min(at, deadlines.size() - 1)]);
    }
    return classes;
}

PolicyOptions planningOptionsFor(PolicyOptions options, const Trace& trace) {
    if (options.deadlineClassesMs.empty()) {
        options.deadlineClassesMs = deadlineClassesOf(trace);
    }
    return options;
}

Trace onTestHalf(Trace trace, const ConfigTable& table) {
    const int n = table.testCount();
    for (Request& r : trace) {
        r.example = table.testExample(static_cast<int>(r.example % n));
    }
    return trace;
}

Trace experimentTrace(const ConfigSet& configs, const ConfigTable& table, const QString& workload,
                      const QString& deadlineSet, std::uint64_t seed, const TraceShape& shape) {
    const WorkloadSpec* spec = nullptr;
    QStringList workloads;
    for (const WorkloadSpec& w : configs.protocol.workloads) {
        workloads << w.name;
        if (w.name == workload) {
            spec = &w;
        }
    }
    if (spec == nullptr) {
        throw Error(
            QStringLiteral("unknown workload '%1' (%2 declares: %3)")
                .arg(workload, configs.protocol.sourcePath, workloads.join(QStringLiteral(", "))));
    }
    const auto set = configs.deadlines.sets.find(deadlineSet);
    if (set == configs.deadlines.sets.end()) {
        throw Error(QStringLiteral("unknown deadline set '%1' (%2 declares: %3)")
                        .arg(deadlineSet, configs.deadlines.sourcePath,
                             configs.deadlines.names().join(QStringLiteral(", "))));
    }
    const bool file = spec->arrival == WorkloadSpec::Arrival::Trace;
    Trace trace =
        onTestHalf(generateTrace(file ? *spec : scaleWorkloadRates(*spec, shape.rateScale),
                                 set->second, table.exampleCount(), seed),
                   table);
    if (file && shape.rateScale != 1.0) {
        trace = compressTrace(trace, shape.rateScale);
    }
    if (shape.durationS <= 0.0) {
        return trace;
    }
    double startS = 0.0;
    if (spec->arrival == WorkloadSpec::Arrival::Spike) {
        const double lastStartS = std::max(0.0, spec->durationS - shape.durationS);
        startS = std::clamp(spec->spikeStartS - 0.25 * shape.durationS, 0.0, lastStartS);
    }
    return traceWindow(trace, startS, shape.durationS);
}

ResultRow resultRow(const SimulationResult& run, std::int64_t requests) {
    ResultRow row;
    row.policy = run.policy;
    row.workload = run.labels.workload;
    row.deadlineSet = run.labels.deadlineSet;
    row.seed = run.labels.seed;
    row.nRequests = requests;
    row.hitRate = run.metrics.hitRate;
    row.accuracy = run.metrics.accuracy;
    row.effectiveAccuracy = run.metrics.effectiveAccuracy;
    row.costPer1k = run.metrics.costPer1k;
    row.p50Ms = run.metrics.p50Ms;
    row.p95Ms = run.metrics.p95Ms;
    row.p99Ms = run.metrics.p99Ms;
    row.escalationRate = run.metrics.escalationRate;
    return row;
}

}  // namespace aip
