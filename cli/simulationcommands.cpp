// The planner's choice for one deadline (plan) and one policy on one seeded trace (simulate).

#include "cli/commands.h"

#include "common/error.h"
#include "config/configset.h"
#include "data/datasearchpath.h"
#include "jobs/jobmanager.h"
#include "pipeline/datasetsstage.h"
#include "pipeline/filedigest.h"
#include "planning/cascadeplanner.h"
#include "results/resultfiles.h"
#include "simulation/experiment.h"
#include "simulation/fidelity.h"
#include "simulation/liverunner.h"
#include "simulation/policyrun.h"
#include "simulation/requestscsv.h"

#include <QDir>

#include <cstdint>
#include <memory>
#include <vector>

namespace aip::cli {

namespace {

/// What the live replay job needs; everything it points to outlives the job.
struct LiveParams {
    const ConfigSet* configs = nullptr;
    const ConfigTable* table = nullptr;
    QString policy;
    const Trace* trace = nullptr;
    RunLabels labels;
    QString dataDir;
    const ModelFiles* modelFiles = nullptr;  ///< of the profiled run: the weights it measured
};

QString metricsLine(const RunMetrics& m) {
    return QStringLiteral(
               "hit rate %1, accuracy %2, effective accuracy %3, cost/1k %4, p50 %5 ms, p95 %6 "
               "ms, p99 %7 ms, escalation %8, decision %9 µs mean")
        .arg(m.hitRate, 0, 'f', 4)
        .arg(m.accuracy, 0, 'f', 4)
        .arg(m.effectiveAccuracy, 0, 'f', 4)
        .arg(m.costPer1k, 0, 'g', 4)
        .arg(m.p50Ms, 0, 'f', 3)
        .arg(m.p95Ms, 0, 'f', 3)
        .arg(m.p99Ms, 0, 'f', 3)
        .arg(m.escalationRate, 0, 'f', 4)
        .arg(m.decisionMeanUs, 0, 'f', 2);
}

/// <out>/simulate/<policy>-<workload>-<deadlines>-seed<S>.csv, each name part reduced to
/// letters, digits, '.', '_' and '-'.
QString simulationRequestsFile(const QString& out, const QString& policy, const QString& workload,
                               const QString& deadlines, std::uint64_t seed) {
    const auto part = [](QString text) {
        for (QChar& c : text) {
            if (!c.isLetterOrNumber() && c != u'.' && c != u'_' && c != u'-') {
                c = u'_';
            }
        }
        return text;
    };
    return QDir(out).filePath(QStringLiteral("simulate/%1-%2-%3-seed%4.csv")
                                  .arg(part(policy), part(workload), part(deadlines))
                                  .arg(seed));
}

}  // namespace

int runPlan(const Options& p) {
    const double deadline = numberOption(p, QStringLiteral("deadline-ms"));
    if (deadline <= 0.0) {
        throw Error(QStringLiteral("--deadline-ms must be positive, got %1").arg(deadline));
    }
    const int queue = positiveIntOption(p, QStringLiteral("queue"), 1);
    const ConfigSet configs = ConfigSet::load(configDir(p), p.isSet(QStringLiteral("quick")));
    const auto data = PlannerTables::load(configs, resultsDir(p));
    const ConfigTable& table = data->table(p.value(QStringLiteral("task")));
    const DecisionExplanation why = explainDecision(table, deadline, queue);
    const ConfigEntry& e = table.entry(why.decision.entry);
    out() << QStringLiteral("chosen: %1 (take %2 of %3 queued)")
                 .arg(e.name)
                 .arg(why.decision.take)
                 .arg(queue)
          << Qt::endl
          << QStringLiteral("accuracy %1, tail latency (p%2) %3 ms, mean %4 ms%5")
                 .arg(e.accuracy, 0, 'f', 4)
                 .arg(100.0 * (1.0 - table.riskEpsilon()), 0, 'g', 4)
                 .arg(e.tailMs, 0, 'f', 3)
                 .arg(e.meanMs, 0, 'f', 3)
                 .arg(why.decision.bestEffort ? QStringLiteral(" — best effort: nothing fits")
                                              : QString())
          << Qt::endl
          << why.reason << Qt::endl;
    return 0;
}

int runSimulate(const Options& p) {
    const ConfigSet configs = ConfigSet::load(configDir(p), p.isSet(QStringLiteral("quick")));
    const QString out_ = resultsDir(p);
    const auto data = PlannerTables::load(configs, out_);
    const ConfigTable& table = data->table(p.value(QStringLiteral("task")));
    const QString policyName = p.isSet(QStringLiteral("policy")) ? p.value(QStringLiteral("policy"))
                                                                 : QStringLiteral("CascadePlanner");
    const QString workload = p.isSet(QStringLiteral("workload"))
                                 ? p.value(QStringLiteral("workload"))
                                 : configs.protocol.workloads.front().name;
    const QString deadlines = p.isSet(QStringLiteral("deadlines"))
                                  ? p.value(QStringLiteral("deadlines"))
                                  : configs.protocol.deadlineSets.front();
    const std::uint64_t seed =
        p.isSet(QStringLiteral("seed")) ? seedValue(p) : configs.protocol.baseSeed;
    TraceShape shape;
    if (p.isSet(QStringLiteral("rate-scale"))) {
        shape.rateScale = positiveNumberOption(p, QStringLiteral("rate-scale"));
    }
    if (p.isSet(QStringLiteral("duration"))) {
        shape.durationS = positiveNumberOption(p, QStringLiteral("duration"));
    }
    const Trace trace = experimentTrace(configs, table, workload, deadlines, seed, shape);
    const RunLabels labels{workload, deadlines, seed};
    const bool live = p.isSet(QStringLiteral("live"));
    if (live) {
        requireLiveReplayable(policyName);
    }

    std::vector<SimulationResult> runs;
    runs.push_back(simulatePolicy(policyName, table, trace, labels).result);
    if (live) {
        // The replay must run the weights the profiles measured.
        const ModelFiles recorded = loadProfiledModelFiles(out_);
        LiveParams params{&configs, &table, policyName,
                          &trace,   labels, p.value(QStringLiteral("data-dir")),
                          &recorded};
        JobManager manager;
        auto* job = manager.submit<LiveParams, SimulationResult>(
            QStringLiteral("live"), params, [](const LiveParams& lp, JobContext& context) {
                const auto models =
                    LiveModels::load(*lp.table, *lp.configs, *lp.modelFiles,
                                     DataSearchPath::fromEnvironment(lp.dataDir), context);
                LiveOptions options;
                options.labels = lp.labels;
                return replayPolicyLive(lp.policy, *lp.table, *lp.trace, *models, options, context)
                    .result;
            });
        if (const int code = runJobToEnd(job); code != 0) {
            return code;
        }
        runs.push_back(job->result());
    }
    // Not <out>/requests.csv: that is the planner stage's output, recorded in the manifest.
    const QString requests =
        p.isSet(QStringLiteral("requests"))
            ? p.value(QStringLiteral("requests"))
            : simulationRequestsFile(out_, policyName, workload, deadlines, seed);
    writeRequestsCsv(requests, runs);
    QString batches = requests;
    if (batches.endsWith(QStringLiteral(".csv"))) {
        batches.chop(4);
    }
    batches += QStringLiteral(".batches.csv");
    writeBatchesCsv(batches, runs);
    out() << QStringLiteral("%1 on %2/%3 seed %4: %5 requests")
                 .arg(policyName, workload, deadlines)
                 .arg(seed)
                 .arg(trace.size())
          << Qt::endl;
    for (const SimulationResult& run : runs) {
        out() << QStringLiteral("%1: ").arg(run.policy.endsWith(QStringLiteral("/live"))
                                                ? QStringLiteral("live     ")
                                                : QStringLiteral("simulated"))
              << metricsLine(run.metrics) << Qt::endl;
        if (run.fixedEntry >= 0) {
            out() << QStringLiteral("fixed in hindsight: %1").arg(table.entry(run.fixedEntry).name)
                  << Qt::endl;
        }
    }
    if (live) {
        const RunMetrics& sim = runs[0].metrics;
        const RunMetrics& real = runs[1].metrics;
        out() << QStringLiteral(
                     "fidelity (simulated − live): hit rate %1 pp, effective accuracy "
                     "%2 pp")
                     .arg(100.0 * (sim.hitRate - real.hitRate), 0, 'f', 2)
                     .arg(100.0 * (sim.effectiveAccuracy - real.effectiveAccuracy), 0, 'f', 2)
              << Qt::endl;
        out() << formatFidelity(compareBatches(table, runs[0], runs[1]));
    }
    out() << requests << Qt::endl << batches << Qt::endl;
    return 0;
}

}  // namespace aip::cli
