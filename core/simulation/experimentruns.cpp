#include "simulation/experimentruns.h"

#include "common/csv.h"
#include "common/error.h"
#include "common/quantile.h"
#include "planning/policy.h"
#include "results/resultfiles.h"
#include "simulation/bestfixed.h"
#include "simulation/oracle.h"
#include "simulation/requestscsv.h"
#include "simulation/servingsimulator.h"
#include "workload/workloadgenerator.h"

#include <QDir>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace aip {

namespace {

const std::vector<double>& deadlineSet(const ConfigSet& configs, const QString& name) {
    const auto found = configs.deadlines.sets.find(name);
    if (found == configs.deadlines.sets.end()) {
        throw Error(QStringLiteral("unknown deadline set '%1' in %2")
                        .arg(name, configs.deadlines.sourcePath));
    }
    return found->second;
}

/// One run of `policy` (or a bound: the Oracle, BestFixedInHindsight) on `trace`.
SimulationResult runOne(const ConfigTable& table, const QString& policy, const Trace& trace,
                        const RunLabels& labels, const PolicyOptions& options = {},
                        const std::vector<FailureSpec>& failures = {}) {
    if (policy == u"Oracle") {
        return oracle(trace, table, labels);
    }
    SimulationOptions sim;
    sim.labels = labels;
    sim.failures = failures;
    sim.measureDecisionTime = false;  // keeps every run byte-for-byte reproducible
    if (policy == kBestFixedInHindsight) {
        sim.decisionCostMs = fixedPolicyDecisionCostMs(table, trace);
        return bestFixedInHindsight(trace, table, sim);
    }
    const std::unique_ptr<Policy> p = makePolicy(policy, table, planningOptionsFor(options, trace));
    sim.decisionCostMs = chargedDecisionCostMs(*p, trace);
    return ServingSimulator::run(trace, *p, sim);
}

/// The columns of best_fixed_in_hindsight.csv: which entry won each trace.
QStringList bestFixedColumns() {
    return {QStringLiteral("workload"),
            QStringLiteral("deadline_set"),
            QStringLiteral("seed"),
            QStringLiteral("config"),
            QStringLiteral("n_requests"),
            QStringLiteral("hit_rate"),
            QStringLiteral("effective_accuracy"),
            QStringLiteral("cost_per_1k")};
}

/// The four workload shapes of the workload experiments, at the mean rate of the protocol's
/// first workload: the protocol's own where it declares one of that arrival kind.
std::vector<WorkloadSpec> workloadShapes(const ProtocolConfig& protocol) {
    const WorkloadSpec& base = protocol.workloads.front();
    const double rate = base.arrival == WorkloadSpec::Arrival::Trace ? 50.0 : meanArrivalRate(base);
    const double duration = base.durationS > 0.0 ? base.durationS : 30.0;
    std::vector<WorkloadSpec> shapes;
    for (const WorkloadSpec::Arrival kind :
         {WorkloadSpec::Arrival::Poisson, WorkloadSpec::Arrival::Bursty,
          WorkloadSpec::Arrival::Diurnal, WorkloadSpec::Arrival::Spike}) {
        const auto declared =
            std::find_if(protocol.workloads.begin(), protocol.workloads.end(),
                         [&](const WorkloadSpec& w) { return w.arrival == kind; });
        if (declared != protocol.workloads.end()) {
            shapes.push_back(*declared);
            continue;
        }
        WorkloadSpec w;
        w.name = arrivalName(kind);
        w.arrival = kind;
        w.durationS = duration;
        w.rateRps = rate;
        if (kind == WorkloadSpec::Arrival::Bursty) {
            // On 1 s at 3× the mean, off 4 s at ½×: the same long-run mean rate.
            w.rateOnRps = 3.0 * rate;
            w.rateOffRps = 0.5 * rate;
            w.meanOnS = 1.0;
            w.meanOffS = 4.0;
        } else if (kind == WorkloadSpec::Arrival::Diurnal) {
            w.amplitude = 0.8;
            w.periodS = duration / 2.0;
        } else if (kind == WorkloadSpec::Arrival::Spike) {
            w.spikeRps = 4.0 * rate;
            w.spikeStartS = 0.45 * duration;
            w.spikeDurationS = 0.1 * duration;
        }
        shapes.push_back(w);
    }
    return shapes;
}

/// Time from `onsetMs` until the hit rate of the requests arriving in a 1 s window starting
/// there is back within 5 points of the hit rate before the onset; NaN if it never is.
double recoveryMs(const SimulationResult& run, double onsetMs) {
    std::int64_t before = 0;
    std::int64_t beforeHits = 0;
    double lastArrival = 0.0;
    for (const RequestRecord& r : run.records) {
        if (r.arrivalMs < onsetMs) {
            ++before;
            beforeHits += r.hit ? 1 : 0;
        }
        lastArrival = std::max(lastArrival, r.arrivalMs);
    }
    if (before == 0) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    const double target = static_cast<double>(beforeHits) / static_cast<double>(before) - 0.05;
    constexpr double kWindowMs = 1000.0;
    constexpr double kStepMs = 50.0;
    for (double t = onsetMs; t + kWindowMs <= lastArrival; t += kStepMs) {
        std::int64_t n = 0;
        std::int64_t hits = 0;
        for (const RequestRecord& r : run.records) {
            if (r.arrivalMs >= t && r.arrivalMs < t + kWindowMs) {
                ++n;
                hits += r.hit ? 1 : 0;
            }
        }
        if (n > 0 && static_cast<double>(hits) / static_cast<double>(n) >= target) {
            return t - onsetMs;
        }
    }
    return std::numeric_limits<double>::quiet_NaN();
}

QString optionalNumber(double value) {
    return std::isnan(value) ? QString() : csv::number(value);
}

/// How late the late answers of a run were (answer − due, ms) and how many of them were right;
/// NaN where nothing was answered late.
struct Lateness {
    double medianMs = std::numeric_limits<double>::quiet_NaN();
    double p95Ms = std::numeric_limits<double>::quiet_NaN();
    double accuracy = std::numeric_limits<double>::quiet_NaN();
};

Lateness latenessOf(const SimulationResult& run) {
    std::vector<double> late;
    int correct = 0;
    for (const RequestRecord& r : run.records) {
        if (r.answered && !r.hit) {
            late.push_back(r.latencyMs() - r.deadlineMs);
            correct += r.correct ? 1 : 0;
        }
    }
    if (late.empty()) {
        return {};
    }
    std::sort(late.begin(), late.end());
    return {empiricalQuantile(late, 0.5), empiricalQuantile(late, 0.95),
            static_cast<double>(correct) / static_cast<double>(late.size())};
}

/// The model whose stage 1 answered most of a run's requests (the first of the table's on a
/// tie): the crash that hurts that policy most.
QString mostUsedModel(const ConfigTable& table, const SimulationResult& run) {
    std::vector<int> served(static_cast<std::size_t>(table.modelNames().size()), 0);
    for (const RequestRecord& rec : run.records) {
        if (rec.entry >= 0) {
            ++served[static_cast<std::size_t>(table.entry(rec.entry).model1)];
        }
    }
    const auto most = std::max_element(served.begin(), served.end());
    return table.modelNames().at(static_cast<qsizetype>(most - served.begin()));
}

}  // namespace

ExperimentRunner::ExperimentRunner(const ConfigSet& configs, const PlannerTables& data,
                                   std::uint64_t baseSeed, JobContext& context)
    : m_configs(configs), m_data(data), m_baseSeed(baseSeed), m_context(context) {}

QStringList ExperimentRunner::baselinePolicies() {
    return {QStringLiteral("StaticSmall"),
            QStringLiteral("StaticLarge"),
            QStringLiteral("ThroughputAutotuner"),
            QStringLiteral("INFaaS"),
            QStringLiteral("INFaaS-tail"),
            kBestFixedInHindsight,
            QStringLiteral("Oracle")};
}

namespace {

/// `name` as written in a result file: prefixed with "task:" when the protocol has several
/// tasks, so that rows of different tasks never share a key.
QString taskScoped(const ConfigSet& configs, const QString& task, const QString& name) {
    return configs.protocol.tasks.size() > 1 ? task + u':' + name : name;
}

QString workloadLabel(const ConfigSet& configs, const QString& task, const QString& workload) {
    return taskScoped(configs, task, workload);
}

}  // namespace

std::vector<ResultRow> ExperimentRunner::runPolicies(const QStringList& policies,
                                                     const QString& requestsFile,
                                                     const QString& bestFixedFile) {
    const ProtocolConfig& protocol = m_configs.protocol;
    std::vector<ResultRow> rows;
    std::vector<SimulationResult> firstSeed;
    CsvWriter bestFixed(bestFixedColumns());
    const double total = static_cast<double>(protocol.tasks.size() * protocol.workloads.size() *
                                             protocol.deadlineSets.size() * policies.size()) *
                         protocol.replicates;
    for (const QString& task : protocol.tasks) {
        const ConfigTable& table = m_data.table(task);
        for (const WorkloadSpec& workload : protocol.workloads) {
            for (const QString& set : protocol.deadlineSets) {
                for (int r = 0; r < protocol.replicates; ++r) {
                    m_context.throwIfCancelled();
                    const std::uint64_t seed = m_baseSeed + static_cast<std::uint64_t>(r);
                    const Trace trace =
                        onTestHalf(generateTrace(workload, deadlineSet(m_configs, set),
                                                 table.exampleCount(), seed),
                                   table);
                    const RunLabels labels{workloadLabel(m_configs, task, workload.name), set,
                                           seed};
                    for (const QString& policy : policies) {
                        SimulationResult run = runOne(table, policy, trace, labels);
                        rows.push_back(resultRow(run, static_cast<std::int64_t>(trace.size())));
                        if (run.fixedEntry >= 0) {
                            bestFixed.addRow({labels.workload, set, QString::number(seed),
                                              table.entry(run.fixedEntry).name,
                                              QString::number(trace.size()),
                                              csv::number(run.metrics.hitRate),
                                              csv::number(run.metrics.effectiveAccuracy),
                                              csv::number(run.metrics.costPer1k)});
                        }
                        m_context.setProgress(static_cast<double>(rows.size()) / total,
                                              QStringLiteral("%1 %2/%3 seed %4")
                                                  .arg(policy, labels.workload, set)
                                                  .arg(seed));
                        if (r == 0 && !requestsFile.isEmpty()) {
                            firstSeed.push_back(std::move(run));
                        }
                    }
                }
            }
        }
    }
    if (!requestsFile.isEmpty()) {
        writeRequestsCsv(requestsFile, firstSeed);
    }
    if (!bestFixedFile.isEmpty()) {
        bestFixed.save(bestFixedFile);
    }
    return rows;
}

QStringList ExperimentRunner::runAblations(const QString& directory) {
    const ProtocolConfig& protocol = m_configs.protocol;
    const WorkloadSpec& workload = protocol.workloads.front();
    const std::vector<double>& deadlines = deadlineSet(m_configs, protocol.deadlineSets.front());
    QDir(directory).mkpath(resultfiles::kAblationFolder.name());

    // A restriction of the profiles and cascades to one value of one dimension.
    struct Variant {
        QString value;
        std::function<bool(const ConfigKey&)> keep;
        std::optional<double> theta;  ///< cascade_threshold: only this θ (NaN: no cascades)
        bool cascades = true;
    };
    std::map<QString, std::vector<Variant>> dimensions;
    std::set<int> batches;
    QStringList precisions;
    QStringList devices;
    QStringList models;
    std::set<double> thetas;
    for (const LatencyProfile& p : m_data.latency()) {
        batches.insert(p.key.batchSize);
        if (!precisions.contains(p.key.precision))
            precisions << p.key.precision;
        if (!devices.contains(p.key.device))
            devices << p.key.device;
        if (!models.contains(p.key.model))
            models << p.key.model;
    }
    for (const CascadeSpec& c : m_configs.models.cascades) {
        thetas.insert(c.thresholds.begin(), c.thresholds.end());
    }
    for (const int b : batches) {
        dimensions[QStringLiteral("batch_size")].push_back(
            {QString::number(b), [b](const ConfigKey& k) { return k.batchSize == b; }, {}, true});
    }
    for (const QString& m : models) {
        dimensions[QStringLiteral("model_size")].push_back(
            {m, [m](const ConfigKey& k) { return k.model == m; }, {}, false});
    }
    for (const QString& p : precisions) {
        dimensions[QStringLiteral("quantization")].push_back(
            {p, [p](const ConfigKey& k) { return k.precision == p; }, {}, true});
    }
    for (const QString& d : devices) {
        dimensions[QStringLiteral("device")].push_back(
            {d, [d](const ConfigKey& k) { return k.device == d; }, {}, true});
    }
    dimensions[QStringLiteral("cascade_threshold")].push_back(
        {QStringLiteral("none"), [](const ConfigKey&) { return true; }, {}, false});
    for (const double t : thetas) {
        dimensions[QStringLiteral("cascade_threshold")].push_back(
            {csv::number(t), [](const ConfigKey&) { return true; }, t, true});
    }

    QStringList written;
    const QStringList order{QStringLiteral("batch_size"), QStringLiteral("model_size"),
                            QStringLiteral("quantization"), QStringLiteral("device"),
                            QStringLiteral("cascade_threshold")};
    int done = 0;
    for (const QString& dimension : order) {
        CsvWriter csv(ablationColumns());
        for (const Variant& v : dimensions[dimension]) {
            m_context.throwIfCancelled();
            m_context.setProgress(static_cast<double>(done++) / 20.0,
                                  QStringLiteral("ablation %1 = %2").arg(dimension, v.value));
            for (const QString& task : protocol.tasks) {
                std::vector<LatencyProfile> latency;
                for (const LatencyProfile& p : m_data.latency()) {
                    if (p.key.task == task && v.keep(p.key)) {
                        latency.push_back(p);
                    }
                }
                ConfigTableOptions options =
                    ConfigTableOptions::from(m_configs.models, protocol, task);
                if (!v.cascades) {
                    options.cascades.clear();
                } else if (v.theta) {
                    for (CascadeSpec& c : options.cascades) {
                        c.thresholds = {*v.theta};
                    }
                }
                std::unique_ptr<ConfigTable> table;
                try {
                    table = std::make_unique<ConfigTable>(
                        ConfigTable::build(latency, m_data.accuracy(), options));
                } catch (const Error& e) {
                    m_context.log(QStringLiteral("ablation %1 = %2 (%3): left out: %4")
                                      .arg(dimension, v.value, task, e.message()));
                    continue;
                }
                for (int r = 0; r < protocol.replicates; ++r) {
                    const std::uint64_t seed = m_baseSeed + static_cast<std::uint64_t>(r);
                    const Trace trace = onTestHalf(
                        generateTrace(workload, deadlines, table->exampleCount(), seed), *table);
                    for (const QString& policy : plannerPolicies()) {
                        const SimulationResult run =
                            runOne(*table, policy, trace,
                                   {workloadLabel(m_configs, task, workload.name),
                                    protocol.deadlineSets.front(), seed});
                        const QString value = taskScoped(m_configs, task, v.value);
                        csv.addRow(QStringList{dimension, value, policy, QString::number(seed)} +
                                   resultMetricFields(
                                       resultRow(run, static_cast<std::int64_t>(trace.size()))));
                    }
                }
            }
        }
        const QString path = QDir(directory).filePath(resultfiles::ablationFile(dimension));
        csv.save(path);
        written << path;
    }
    return written;
}

QStringList ExperimentRunner::runWorkloadExperiments(const QString& directory) {
    const ProtocolConfig& protocol = m_configs.protocol;
    const QStringList policies = plannerPolicies() + baselinePolicies();
    std::vector<ResultRow> rows;
    CsvWriter sweep(deadlineSweepColumns());
    std::set<double> deadlines;
    for (const QString& name : protocol.deadlineSets) {
        const std::vector<double>& values = deadlineSet(m_configs, name);
        deadlines.insert(values.begin(), values.end());
    }
    for (const QString& task : protocol.tasks) {
        const ConfigTable& table = m_data.table(task);
        for (const WorkloadSpec& workload : workloadShapes(protocol)) {
            m_context.throwIfCancelled();
            m_context.setProgress(0.5 * static_cast<double>(rows.size()) /
                                      (4.0 * protocol.replicates * policies.size() *
                                       protocol.deadlineSets.size() * protocol.tasks.size()),
                                  QStringLiteral("workload %1").arg(workload.name));
            for (const QString& set : protocol.deadlineSets) {
                for (int r = 0; r < protocol.replicates; ++r) {
                    const std::uint64_t seed = m_baseSeed + static_cast<std::uint64_t>(r);
                    const Trace trace =
                        onTestHalf(generateTrace(workload, deadlineSet(m_configs, set),
                                                 table.exampleCount(), seed),
                                   table);
                    for (const QString& policy : policies) {
                        const SimulationResult run =
                            runOne(table, policy, trace,
                                   {workloadLabel(m_configs, task, workload.name), set, seed});
                        rows.push_back(resultRow(run, static_cast<std::int64_t>(trace.size())));
                    }
                }
            }
        }
        const WorkloadSpec& first = protocol.workloads.front();
        for (const double deadline : deadlines) {
            m_context.throwIfCancelled();
            m_context.setProgress(0.75, QStringLiteral("deadline %1 ms").arg(deadline));
            for (int r = 0; r < protocol.replicates; ++r) {
                const std::uint64_t seed = m_baseSeed + static_cast<std::uint64_t>(r);
                const Trace trace =
                    onTestHalf(generateTrace(first, {deadline}, table.exampleCount(), seed), table);
                for (const QString& policy : policies) {
                    const SimulationResult run =
                        runOne(table, policy, trace,
                               {workloadLabel(m_configs, task, first.name),
                                QStringLiteral("%1ms").arg(deadline), seed});
                    const QString name = taskScoped(m_configs, task, policy);
                    sweep.addRow({name, csv::number(deadline), QString::number(seed),
                                  QString::number(trace.size()), csv::number(run.metrics.hitRate),
                                  csv::number(run.metrics.accuracy),
                                  csv::number(run.metrics.effectiveAccuracy)});
                }
            }
        }
    }
    const QString workloadsPath = resultfiles::kWorkloadResults.in(directory);
    const QString sweepPath = resultfiles::kDeadlineSweep.in(directory);
    writeResults(workloadsPath, rows);
    sweep.save(sweepPath);
    return {workloadsPath, sweepPath};
}

QStringList ExperimentRunner::runFailureAnalysis(const QString& directory) {
    const ProtocolConfig& protocol = m_configs.protocol;
    const WorkloadSpec& workload = protocol.workloads.front();
    const QString set = protocol.deadlineSets.front();
    const QStringList policies = servingPolicies();
    CsvWriter csv(failureAnalysisColumns());
    const auto addRow = [&](const QString& task, const QString& scenario, bool handler,
                            const SimulationResult& run, double recovery) {
        const Lateness late = latenessOf(run);
        csv.addRow({scenario, handler ? QStringLiteral("on") : QStringLiteral("off"),
                    taskScoped(m_configs, task, run.policy), QString::number(run.labels.seed),
                    QString::number(run.records.size()), csv::number(run.metrics.hitRate),
                    csv::number(run.metrics.effectiveAccuracy), optionalNumber(recovery),
                    QString::number(run.metrics.failures), QString::number(run.metrics.fallbacks),
                    optionalNumber(late.medianMs), optionalNumber(late.p95Ms),
                    optionalNumber(late.accuracy)});
    };
    const double total = static_cast<double>(protocol.tasks.size() * protocol.replicates);
    int done = 0;
    for (const QString& task : protocol.tasks) {
        const ConfigTable& table = m_data.table(task);
        double fastest = std::numeric_limits<double>::infinity();
        for (const ConfigEntry& e : table.entries()) {
            fastest = std::min(fastest, e.minMs);
        }
        for (int r = 0; r < protocol.replicates; ++r) {
            m_context.throwIfCancelled();
            m_context.setProgress(static_cast<double>(done++) / total,
                                  QStringLiteral("failure analysis seed %1").arg(r));
            const std::uint64_t seed = m_baseSeed + static_cast<std::uint64_t>(r);
            const RunLabels labels{workloadLabel(m_configs, task, workload.name), set, seed};
            const Trace drawn =
                generateTrace(workload, deadlineSet(m_configs, set), table.exampleCount(), seed);
            const Trace trace = onTestHalf(drawn, table);
            const double duration = trace.empty() ? 0.0 : trace.back().arrivalMs;

            // (a) deadlines below every configuration's latency; (b) a crash of the model the
            // policy itself serves most requests with; (c) the spike.
            const Trace impossible = onTestHalf(
                generateTrace(workload, {0.5 * fastest}, table.exampleCount(), seed), table);
            const double rate =
                workload.arrival == WorkloadSpec::Arrival::Trace ? 50.0 : meanArrivalRate(workload);
            const SpikeSpec spikeSpec{5.0 * rate, 0.45 * duration / 1000.0,
                                      0.1 * duration / 1000.0};
            const Trace spiked = onTestHalf(
                addSpike(drawn, spikeSpec, deadlineSet(m_configs, set), table.exampleCount(), seed),
                table);
            for (const QString& policy : policies) {
                const std::vector<FailureSpec> crash{
                    {mostUsedModel(table, runOne(table, policy, trace, labels)), duration / 3.0,
                     2.0 * duration / 3.0, -1.0}};
                for (const bool handler : {true, false}) {
                    // Off switches off only the rule the scenario tests.
                    PolicyOptions bestEffort;
                    bestEffort.bestEffort = handler;
                    addRow(task, QStringLiteral("impossible_deadline"), handler,
                           runOne(table, policy, impossible, labels, bestEffort),
                           std::numeric_limits<double>::quiet_NaN());
                    PolicyOptions failover;
                    failover.failureHandler = handler;
                    const SimulationResult crashed =
                        runOne(table, policy, trace, labels, failover, crash);
                    addRow(task, QStringLiteral("model_crash"), handler, crashed,
                           recoveryMs(crashed, duration / 3.0));
                    PolicyOptions spikeMode;
                    if (!handler) {
                        spikeMode.spikeQueueThreshold = std::numeric_limits<int>::max();
                    }
                    const SimulationResult loaded =
                        runOne(table, policy, spiked, labels, spikeMode);
                    addRow(task, QStringLiteral("load_spike"), handler, loaded,
                           recoveryMs(loaded, spikeSpec.startS * 1000.0));
                }
            }
        }
    }
    const QString path = resultfiles::kFailureAnalysis.in(directory);
    csv.save(path);
    return {path};
}

}  // namespace aip
