#include "cli/batchcli.h"

#include "common/error.h"
#include "config/configset.h"
#include "data/datasearchpath.h"
#include "data/datasetloader.h"
#include "download/datasetdownloader.h"
#include "engine/runtimeinfo.h"
#include "engine/trainer.h"
#include "evaluation/evaluator.h"
#include "evaluation/modelresolver.h"
#include "jobs/jobmanager.h"
#include "pipeline/datasetsstage.h"
#include "pipeline/filedigest.h"
#include "pipeline/pipeline.h"
#include "pipeline/runmanifest.h"
#include "planning/cascadeplanner.h"
#include "simulation/bestfixed.h"
#include "simulation/experiment.h"
#include "simulation/fidelity.h"
#include "simulation/liverunner.h"
#include "simulation/oracle.h"
#include "simulation/requestscsv.h"
#include "simulation/servingsimulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace aip::cli {

namespace {

QTextStream& out() {
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err() {
    static QTextStream stream(stderr);
    return stream;
}

const QString kProgram = QStringLiteral("anytime-planner");

/// How a value the user typed is taken: as it is, as a path, or as a path where it looks like
/// one (contains a '/', names a .pt file, or exists in the working directory) and a name
/// (a model id, a dataset) otherwise.
enum class PathKind { None, Path, PathOrName };

struct OptionSpec {
    QString name;
    QString valueName;  ///< empty: a flag
    QString help;
    PathKind path = PathKind::None;
};

/// The parsed options of one command. Every path the user typed is made absolute here, once,
/// against the working directory, so nothing below sees a relative path (a relative results
/// folder resolved twice was once results/results/).
class Options final {
public:
    Options(const QCommandLineParser& parser, const std::vector<OptionSpec>& specs)
        : m_parser(parser) {
        for (const OptionSpec& spec : specs) {
            const QString value = parser.value(spec.name);
            if (spec.path == PathKind::None || value.isEmpty() || !parser.isSet(spec.name)) {
                continue;
            }
            if (spec.path == PathKind::Path || looksLikePath(value)) {
                m_paths.insert(spec.name, QDir::cleanPath(QDir::current().absoluteFilePath(value)));
            }
        }
    }

    bool isSet(const QString& name) const { return m_parser.isSet(name); }
    QString value(const QString& name) const { return m_paths.value(name, m_parser.value(name)); }

private:
    static bool looksLikePath(const QString& value) {
        return value.contains(u'/') || value.endsWith(QStringLiteral(".pt")) ||
               value.endsWith(QStringLiteral(".pth")) ||
               (!datasets::isBuiltIn(value) && QFileInfo::exists(value));
    }

    const QCommandLineParser& m_parser;
    QHash<QString, QString> m_paths;
};

struct Command {
    QString name;
    QString summary;
    std::vector<OptionSpec> options;
    std::function<int(const Options&)> run;
    /// Instead of `run`, for commands that use what the application lends (BatchHooks).
    std::function<int(const Options&, const BatchHooks&)> runWithHooks = {};
};

OptionSpec configDirOption() {
    return {QStringLiteral("config-dir"), QStringLiteral("DIR"),
            QStringLiteral(
                "folder with models.yaml, deadlines.yaml and the protocols (default: ./configs)"),
            PathKind::Path};
}
OptionSpec quickOption() {
    return {QStringLiteral("quick"), QString(),
            QStringLiteral("use the quick protocol (experimental_protocol_quick.yaml)")};
}
OptionSpec outOption() {
    return {QStringLiteral("out"), QStringLiteral("DIR"),
            QStringLiteral("results folder (default: results/ in the working directory)"),
            PathKind::Path};
}

OptionSpec dataDirOption() {
    return {QStringLiteral("data-dir"), QStringLiteral("DIR"),
            QStringLiteral("first folder of the data search path (then AIP_DATA_DIR, the user data "
                           "folder, /usr/share/datasets)"),
            PathKind::Path};
}

int positiveIntOption(const Options& p, const QString& name, int fallback) {
    if (!p.isSet(name)) {
        return fallback;
    }
    bool ok = false;
    const int value = p.value(name).toInt(&ok);
    if (!ok || value <= 0) {
        throw Error(
            QStringLiteral("--%1 must be a positive integer, got '%2'").arg(name, p.value(name)));
    }
    return value;
}

/// --seed S: a non-negative 64-bit integer.
std::uint64_t seedValue(const Options& p) {
    bool ok = false;
    const std::uint64_t seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok) {
        throw Error(QStringLiteral("--seed must be a non-negative integer, got '%1'")
                        .arg(p.value(QStringLiteral("seed"))));
    }
    return seed;
}

std::vector<double> numberListOption(const Options& p, const QString& name) {
    std::vector<double> values;
    if (!p.isSet(name)) {
        return values;
    }
    for (const QString& part : p.value(name).split(u',')) {
        bool ok = false;
        const double v = part.trimmed().toDouble(&ok);
        if (!ok) {
            throw Error(QStringLiteral("--%1 must be comma-separated numbers, got '%2'")
                            .arg(name, p.value(name)));
        }
        values.push_back(v);
    }
    return values;
}

QString requiredOption(const Options& p, const QString& name) {
    if (!p.isSet(name) || p.value(name).isEmpty()) {
        throw Error(QStringLiteral("--%1 is required (see --help)").arg(name));
    }
    return p.value(name);
}

/// --out DIR, else results/ in the working directory; absolute either way.
QString resultsDir(const Options& p) {
    return p.isSet(QStringLiteral("out"))
               ? p.value(QStringLiteral("out"))
               : QDir::current().absoluteFilePath(QStringLiteral("results"));
}

QString configDir(const Options& p) {
    return p.isSet(QStringLiteral("config-dir")) ? p.value(QStringLiteral("config-dir"))
                                                 : defaultConfigDirectory();
}

/// What the live replay job needs; everything it points to outlives the job.
struct LiveParams {
    const ConfigSet* configs = nullptr;
    const ConfigTable* table = nullptr;
    const Policy* policy = nullptr;
    const Trace* trace = nullptr;
    RunLabels labels;
    QString dataDir;
    const ModelFiles* modelFiles = nullptr;  ///< of the profiled run: the weights it measured
};

/// Drives one job to its end on the calling thread's event loop, printing progress (unless the
/// caller prints its own) and log lines on stderr. Returns 0 on success, 1 on failure or cancel.
int runJobToEnd(Job* job, bool printProgress = true) {
    QElapsedTimer clock;
    clock.start();
    int lastPercent = -1;
    QObject::connect(job, &Job::progressChanged, job, [&](double fraction, const QString& step) {
        if (!printProgress) {
            return;
        }
        const int percent = static_cast<int>(fraction * 100.0);
        if (percent != lastPercent && !step.isEmpty()) {
            lastPercent = percent;
            err() << QStringLiteral("[%1 %2% %3s] %4")
                         .arg(job->name())
                         .arg(percent, 3)
                         .arg(clock.elapsed() / 1000.0, 0, 'f', 1)
                         .arg(step)
                  << Qt::endl;
        }
    });
    QObject::connect(job, &Job::logged, job, [&](const QString& line) {
        err() << QStringLiteral("[%1] %2").arg(job->name(), line) << Qt::endl;
    });
    const Job::State state = JobManager::waitFor(job);
    if (state == Job::State::Failed) {
        err() << kProgram << ": error: " << job->errorMessage() << Qt::endl;
        return 1;
    }
    if (state == Job::State::Cancelled) {
        err() << kProgram << ": cancelled" << Qt::endl;
        return 1;
    }
    return 0;
}

/// "45s", "3m05s", "1h02m".
QString formatDuration(double seconds) {
    const qint64 s = qRound64(std::max(0.0, seconds));
    if (s < 60) {
        return QStringLiteral("%1s").arg(s);
    }
    if (s < 3600) {
        return QStringLiteral("%1m%2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    }
    return QStringLiteral("%1h%2m").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

/// Pipeline progress on stderr: "[pipeline 02/11 profile-latency 45% 1m05s, ETA 1m20s] step"
/// for each new percent of the running stage, and the same line again whenever nothing was
/// printed for kQuietLimitMs, so a long step never leaves the terminal silent. The ETA follows
/// the rate of the current unit of work (a stage that trains several models reports each one
/// from 0 to 100%). Main thread only.
class PipelineProgress final {
public:
    static constexpr int kQuietLimitMs = 20000;

    PipelineProgress() {
        m_sinceOutput.start();
        m_stageClock.start();
        m_unitClock.start();
    }

    void stageStatus(const StageStatus& status) {
        if (status.event == StageStatus::Event::Started) {
            m_stage = stageLabel(status.number, status.lastNumber, status.name);
            m_stageClock.restart();
            m_fraction = 0.0;
            m_unitStart = -1.0;
            m_step.clear();
            m_lastPercent = -1;
        } else if (status.event == StageStatus::Event::Finished) {
            m_stage.clear();
        }
    }

    void progress(double fraction, const QString& step) {
        // The runner's own "stage starts" report repeats the line logged with the reason.
        if (m_stage.isEmpty() || step.isEmpty() || step == m_stage) {
            return;
        }
        if (m_unitStart < 0.0 || fraction < m_fraction) {
            m_unitStart = fraction;  // a new unit of work starts here
            m_unitClock.restart();
        }
        m_fraction = fraction;
        m_step = step;
        const int percent = static_cast<int>(fraction * 100.0);
        if (percent != m_lastPercent) {
            m_lastPercent = percent;
            print();
        }
    }

    /// Called on a timer: repeats the status line once the output has been quiet too long.
    void heartbeat() {
        if (!m_stage.isEmpty() && m_sinceOutput.elapsed() >= kQuietLimitMs) {
            print();
        }
    }

    void outputSeen() { m_sinceOutput.restart(); }

private:
    void print() {
        const double elapsed = m_stageClock.elapsed() / 1000.0;
        const double unitElapsed = m_unitClock.elapsed() / 1000.0;
        const double done = m_fraction - m_unitStart;
        QString eta = QStringLiteral("ETA unknown");
        if (m_unitStart >= 0.0 && done >= 0.005 && unitElapsed >= 1.0) {
            eta = QStringLiteral("ETA %1").arg(
                formatDuration(unitElapsed * (1.0 - m_fraction) / done));
        }
        err() << QStringLiteral("[pipeline %1 %2% %3, %4] %5")
                     .arg(m_stage)
                     .arg(static_cast<int>(m_fraction * 100.0), 3)
                     .arg(formatDuration(elapsed), eta,
                          m_step.isEmpty() ? QStringLiteral("working") : m_step)
              << Qt::endl;
        outputSeen();
    }

    QString m_stage;  ///< "02/11 profile-latency" while a stage runs, else empty
    QElapsedTimer m_stageClock;
    QElapsedTimer m_unitClock;
    QElapsedTimer m_sinceOutput;
    double m_fraction = 0.0;
    double m_unitStart = -1.0;  ///< the fraction the current unit of work started from
    QString m_step;
    int m_lastPercent = -1;
};

/// --stage NAME[,NAME]: every name must be a stage (a usage error otherwise).
std::optional<QStringList> stageListOption(const Options& p) {
    if (!p.isSet(QStringLiteral("stage"))) {
        return QStringList();
    }
    const QStringList known = pipelineStageNames();
    QStringList names;
    for (const QString& part : p.value(QStringLiteral("stage")).split(u',', Qt::SkipEmptyParts)) {
        const QString name = part.trimmed();
        if (!known.contains(name)) {
            err() << kProgram << " pipeline: unknown stage '" << name
                  << "' (stages: " << known.join(QStringLiteral(", ")) << ")" << Qt::endl;
            return std::nullopt;
        }
        names.append(name);
    }
    return names;
}

/// The pipeline, or one of its stages when `onlyStage` is given (a command of its own).
int runPipelineStages(const Options& p, const BatchHooks& hooks, const QString& onlyStage) {
    PipelineParams params;
    params.configDir = configDir(p);
    params.outDir = resultsDir(p);
    params.quick = p.isSet(QStringLiteral("quick"));
    params.dataDir = p.value(QStringLiteral("data-dir"));
    params.force = p.isSet(QStringLiteral("force"));
    params.renderFigures = hooks.renderFigures;
    if (!onlyStage.isEmpty()) {
        params.stages = QStringList{onlyStage};
    } else if (const std::optional<QStringList> stages = stageListOption(p)) {
        params.stages = *stages;
    } else {
        return 2;
    }
    if (p.isSet(QStringLiteral("seed"))) {
        params.seed = seedValue(p);
    }
    // Stage events come from the job's thread; `receiver` hands them to this thread in order
    // with the job's own progress signals. Declared before the manager, so it outlives the job.
    QObject receiver;
    PipelineProgress progress;
    params.onStageStatus = [&receiver, &progress](const StageStatus& status) {
        QMetaObject::invokeMethod(
            &receiver, [&progress, status] { progress.stageStatus(status); }, Qt::QueuedConnection);
    };
    JobManager manager;
    auto* job = manager.submit<PipelineParams, PipelineResult>(QStringLiteral("pipeline"), params,
                                                               &runPipeline);
    QObject::connect(
        job, &Job::progressChanged, &receiver,
        [&progress](double fraction, const QString& step) { progress.progress(fraction, step); });
    QObject::connect(job, &Job::logged, &receiver, [&progress] { progress.outputSeen(); });
    QTimer heartbeat;
    QObject::connect(&heartbeat, &QTimer::timeout, &receiver,
                     [&progress] { progress.heartbeat(); });
    heartbeat.start(2000);
    const int code = runJobToEnd(job, false);
    if (code == 0) {
        const PipelineResult& r = job->result();
        for (const QString& file : r.filesWritten) {
            out() << file << Qt::endl;
        }
        err() << QStringLiteral("[pipeline] %1 stages run, %2 up to date; manifest %3")
                     .arg(r.stagesRun.size())
                     .arg(r.stagesSkipped.size())
                     .arg(QDir(params.outDir).absoluteFilePath(RunManifest::fileName()))
              << Qt::endl;
    }
    return code;
}

int runPipelineCommand(const Options& p, const BatchHooks& hooks) {
    return runPipelineStages(p, hooks, QString());
}

OptionSpec seedOption() {
    return {QStringLiteral("seed"), QStringLiteral("S"),
            QStringLiteral("run seed (default: the protocol's seeds.base)")};
}
OptionSpec forceOption() {
    return {QStringLiteral("force"), QString(),
            QStringLiteral("rerun stages even where run_manifest.json says they are up to date")};
}

/// A command that runs one pipeline stage alone.
Command stageCommand(const QString& stage, const QString& summary) {
    return {stage,
            summary,
            {quickOption(), configDirOption(), outOption(), dataDirOption(), seedOption(),
             forceOption()},
            {},
            [stage](const Options& p, const BatchHooks& hooks) {
                return runPipelineStages(p, hooks, stage);
            }};
}

double numberOption(const Options& p, const QString& name) {
    bool ok = false;
    const double value = requiredOption(p, name).toDouble(&ok);
    if (!ok || !std::isfinite(value)) {
        throw Error(QStringLiteral("--%1 must be a number, got '%2'").arg(name, p.value(name)));
    }
    return value;
}

double positiveNumberOption(const Options& p, const QString& name) {
    const double value = numberOption(p, name);
    if (!(value > 0.0)) {
        throw Error(
            QStringLiteral("--%1 must be a positive number, got '%2'").arg(name, p.value(name)));
    }
    return value;
}

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

/// `plan`: the planner's choice for one deadline and queue length, and why.
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

/// `simulate`: one policy on one seeded trace, simulated (and with --live replayed on the real
/// models, printing how far the simulation is from the replay).
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
    if (live && knownBounds().contains(policyName)) {
        throw Error(
            QStringLiteral("%1 is a hindsight bound: it cannot be replayed live").arg(policyName));
    }

    std::vector<SimulationResult> runs;
    std::unique_ptr<Policy> policy;
    SimulationOptions options;
    options.labels = labels;
    options.recordBatches = true;
    if (policyName == u"Oracle") {
        runs.push_back(oracle(trace, table, labels));
    } else if (policyName == kBestFixedInHindsight) {
        options.decisionCostMs = fixedPolicyDecisionCostMs(table, trace);
        runs.push_back(bestFixedInHindsight(trace, table, options));
    } else {
        policy = makePolicy(policyName, table, planningOptionsFor({}, trace));
        options.decisionCostMs = chargedDecisionCostMs(*policy, trace);
        runs.push_back(ServingSimulator::run(trace, *policy, options));
    }
    if (live) {
        // The replay must run the weights the profiles measured.
        const QString modelFilesPath = QDir(out_).filePath(datasetsfiles::kModelFiles);
        const ModelFiles recorded = ModelFiles::load(modelFilesPath);
        requireProfiledWeights(recorded, modelFilesPath);
        LiveParams params{&configs, &table, policy.get(),
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
                SimulationResult result = runLive(*lp.trace, *lp.policy, *models, options, context);
                result.policy += QStringLiteral("/live");
                return result;
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

int runEvaluate(const Options& p) {
    EvaluateParams params;
    params.configDir = configDir(p);
    params.model = requiredOption(p, QStringLiteral("model"));
    params.dataset = requiredOption(p, QStringLiteral("dataset"));
    params.split = requiredOption(p, QStringLiteral("split"));
    params.dataDir = p.value(QStringLiteral("data-dir"));
    if (p.isSet(QStringLiteral("precision"))) {
        params.precision = p.value(QStringLiteral("precision"));
    }
    if (p.isSet(QStringLiteral("device"))) {
        params.device = p.value(QStringLiteral("device"));
    }
    params.mean = numberListOption(p, QStringLiteral("mean"));
    params.std = numberListOption(p, QStringLiteral("std"));
    params.predictionsFile = p.value(QStringLiteral("predictions"));
    if (p.isSet(QStringLiteral("recipe"))) {
        params.recipe = p.value(QStringLiteral("recipe"));
    }
    if (p.isSet(QStringLiteral("seed"))) {
        params.seed = seedValue(p);
    }
    params.batchSize = positiveIntOption(p, QStringLiteral("batch-size"), params.batchSize);
    params.maxExamples = positiveIntOption(p, QStringLiteral("max-examples"), 0);
    JobManager manager;
    auto* job = manager.submit<EvaluateParams, EvaluateResult>(QStringLiteral("evaluate"), params,
                                                               &evaluateModel);
    const int code = runJobToEnd(job);
    if (code == 0) {
        const EvaluateResult& r = job->result();
        err() << QStringLiteral("[evaluate] %1 on %2 (%3, %4): %5/%6 correct in %7 s")
                     .arg(r.model, r.dataset, r.precision, r.device)
                     .arg(r.correct)
                     .arg(r.examples)
                     .arg(r.seconds, 0, 'f', 2)
              << Qt::endl;
        out() << QStringLiteral("accuracy: %1").arg(r.accuracy, 0, 'f', 4) << Qt::endl;
    }
    return code;
}

/// Which runs load the checkpoint `trained` of `model`: `evaluate` with the matching
/// --recipe/--seed, and the pipeline of each protocol in `configDir` whose recipe (its training
/// overrides, its base seed) it is. Lines for the user, in that order.
QStringList recipeUsers(const QString& configDir, const ModelVariant& model, const TaskSpec& task,
                        std::uint64_t seed, const TrainResult& trained, bool inCheckpointFolder) {
    if (!inCheckpointFolder) {
        return {QStringLiteral("written to a file of your choosing: no pipeline run loads it (they "
                               "look for %1 on the data search path); evaluate it with --batch "
                               "evaluate --model %2")
                    .arg(TrainingRecipe::checkpointFolder(model.id) +
                             QStringLiteral("/recipe-<digest>.pt"),
                         trained.checkpointFile)};
    }
    QStringList users;
    if (RecipeChoice{nullptr, seed}.recipeFor(model, task).digest() == trained.recipe) {
        users.append(QStringLiteral("--batch evaluate --model %1%2")
                         .arg(model.id, seed == kDefaultTrainingSeed
                                            ? QString()
                                            : QStringLiteral(" --seed %1").arg(seed)));
    }
    QStringList others;
    for (const bool quick : {false, true}) {
        try {
            const ConfigSet configs = ConfigSet::load(configDir, quick);
            const auto swept = configs.sweptModels();
            if (std::find(swept.begin(), swept.end(), configs.models.model(model.id)) ==
                swept.end()) {
                continue;
            }
            const RecipeChoice protocol{&configs.protocol, configs.protocol.baseSeed};
            const QString digest =
                protocol
                    .recipeFor(*configs.models.model(model.id), *configs.models.task(model.task))
                    .digest();
            const QString command =
                quick ? QStringLiteral("--batch --quick") : QStringLiteral("--batch");
            if (digest == trained.recipe) {
                users.append(QStringLiteral("the pipeline `%1` (protocol '%2', run seed %3)")
                                 .arg(command, configs.protocol.name)
                                 .arg(configs.protocol.baseSeed));
            } else {
                others.append(
                    QStringLiteral("`%1` trains its own (recipe %2)").arg(command, digest));
            }
        } catch (const Error&) {
            // A protocol that does not load names no user here; validate-config says why.
        }
    }
    QStringList lines;
    lines.append(
        users.isEmpty()
            ? QStringLiteral("used by: --batch evaluate --model %1").arg(trained.checkpointFile)
            : QStringLiteral("used by: ") + users.join(QStringLiteral("; ")));
    if (!others.isEmpty()) {
        lines.append(QStringLiteral("not used by the pipelines of other recipes: ") +
                     others.join(QStringLiteral("; ")));
    }
    return lines;
}

int runTrain(const Options& p) {
    const ModelsConfig models =
        ModelsConfig::load(QDir(configDir(p)).filePath(QStringLiteral("models.yaml")));
    const QString id = requiredOption(p, QStringLiteral("model"));
    const ModelVariant* model = models.model(id);
    if (model == nullptr) {
        throw Error(QStringLiteral("unknown model '%1' in %2 (ids: %3)")
                        .arg(id, models.sourcePath, models.modelIds().join(QStringLiteral(", "))));
    }
    TrainParams params;
    params.model = *model;
    params.task = *models.task(model->task);
    if (p.isSet(QStringLiteral("dataset"))) {
        params.task.dataset = p.value(QStringLiteral("dataset"));
    }
    params.dataDir = p.value(QStringLiteral("data-dir"));
    params.checkpointFile = p.value(QStringLiteral("out"));
    params.epochs = positiveIntOption(p, QStringLiteral("epochs"), 0);
    params.batchSize = positiveIntOption(p, QStringLiteral("batch-size"), 0);
    params.maxExamples = positiveIntOption(p, QStringLiteral("max-examples"), 0);
    params.threads = positiveIntOption(p, QStringLiteral("threads"), 0);
    if (p.isSet(QStringLiteral("precision"))) {
        params.precision = resolveTrainingPrecision(p.value(QStringLiteral("precision")));
    }
    if (p.isSet(QStringLiteral("learning-rate"))) {
        bool ok = false;
        params.learningRate = p.value(QStringLiteral("learning-rate")).toDouble(&ok);
        if (!ok || params.learningRate <= 0) {
            throw Error(QStringLiteral("--learning-rate must be a positive number"));
        }
    }
    if (p.isSet(QStringLiteral("seed"))) {
        params.seed = seedValue(p);
    }
    params.purpose = QStringLiteral("--batch train, seed %1").arg(params.seed);
    JobManager manager;
    auto* job =
        manager.submit<TrainParams, TrainResult>(QStringLiteral("train"), params, &trainModel);
    const int code = runJobToEnd(job);
    if (code == 0) {
        const TrainResult& r = job->result();
        out() << r.checkpointFile << Qt::endl;
        if (!r.vocabFile.isEmpty()) {
            out() << r.vocabFile << Qt::endl;
        }
        err() << QStringLiteral("[train] %1 trained in %2 s (%3), recipe %4 → %5")
                     .arg(id)
                     .arg(r.seconds, 0, 'f', 1)
                     .arg(r.precision, r.recipe, r.checkpointFile)
              << Qt::endl;
        for (const QString& line : recipeUsers(configDir(p), *model, params.task, params.seed, r,
                                               !p.isSet(QStringLiteral("out")))) {
            err() << QStringLiteral("[train] ") << line << Qt::endl;
        }
    }
    return code;
}

int runDownload(const Options& p) {
    const QString dataset = requiredOption(p, QStringLiteral("dataset"));
    const std::optional<DownloadSource> source = officialSource(dataset);
    if (!source) {
        throw Error(
            QStringLiteral(
                "no download source for '%1' (sources: %2; fashion-mnist comes from Debian's "
                "dataset-fashion-mnist package)")
                .arg(dataset, officialSourceNames().join(QStringLiteral(", "))));
    }
    const QString destination = p.isSet(QStringLiteral("data-dir"))
                                    ? p.value(QStringLiteral("data-dir"))
                                    : DataSearchPath::fromEnvironment().userDataDirectory();
    DownloadParams params = DownloadParams::fromSource(*source, destination);
    if (p.isSet(QStringLiteral("url"))) {
        // A mirror must serve the very same bytes: the official digests still apply.
        params.url = QUrl(p.value(QStringLiteral("url")));
        if (!params.url.isValid() || params.url.scheme().isEmpty()) {
            throw Error(
                QStringLiteral("--url: '%1' is not a URL").arg(p.value(QStringLiteral("url"))));
        }
    }
    JobManager manager;
    auto* job = manager.submit<DownloadParams, DownloadResult>(QStringLiteral("download"), params,
                                                               &downloadDataset);
    const int code = runJobToEnd(job);
    if (code == 0) {
        out() << job->result().folder << Qt::endl;
    }
    return code;
}

int runValidateConfig(const Options& p) {
    const ConfigSet set = ConfigSet::load(configDir(p), p.isSet(QStringLiteral("quick")));
    const SweepSpec& sweep = set.sweep();
    out() << QStringLiteral("%1: ok (%2 tasks, %3 models)\n")
                 .arg(set.models.sourcePath)
                 .arg(set.models.tasks.size())
                 .arg(set.models.models.size());
    out() << QStringLiteral("%1: ok (%2 deadline sets)\n")
                 .arg(set.deadlines.sourcePath)
                 .arg(set.deadlines.sets.size());
    out() << QStringLiteral(
                 "%1: ok (protocol '%2': %3 swept models × %4 precisions × %5 batch sizes × %6 "
                 "devices, "
                 "%7 workloads, %8 seeds, %9 hypotheses)\n")
                 .arg(set.protocol.sourcePath, set.protocol.name)
                 .arg(set.sweptModels().size())
                 .arg(sweep.precisions.size())
                 .arg(sweep.batchSizes.size())
                 .arg(sweep.devices.size())
                 .arg(set.protocol.workloads.size())
                 .arg(set.protocol.replicates)
                 .arg(set.protocol.hypotheses.size());
    out().flush();
    return 0;
}

int runEnv(const Options& p) {
    int threads = 0;  // all cores, as cpu:N runs
    if (p.isSet(QStringLiteral("threads"))) {
        bool ok = false;
        threads = p.value(QStringLiteral("threads")).toInt(&ok);
        if (!ok || threads <= 0) {
            throw Error(QStringLiteral("--threads must be a positive integer, got '%1'")
                            .arg(p.value(QStringLiteral("threads"))));
        }
    }
    setComputeThreads(threads);
    selectQuantizedEngine();
    out() << QJsonDocument(queryRuntime().toJson()).toJson(QJsonDocument::Indented);
    out().flush();
    return 0;
}

const std::vector<Command>& commands() {
    static const std::vector<Command> list = {
        {QStringLiteral("pipeline"),
         QStringLiteral("run the experiment pipeline, resumably (the default when no COMMAND is "
                        "given); stages: ") +
             pipelineStageNames().join(QStringLiteral(", ")),
         {quickOption(),
          configDirOption(),
          outOption(),
          dataDirOption(),
          {QStringLiteral("stage"), QStringLiteral("NAME[,NAME]"),
           QStringLiteral("run only these stages (in pipeline order)")},
          seedOption(),
          forceOption()},
         {},
         &runPipelineCommand},
        stageCommand(QStringLiteral("profile-latency"),
                     QStringLiteral("time every configuration of the sweep; writes "
                                    "latency_profiles.csv, latency_samples.csv, "
                                    "latency_environment.json")),
        stageCommand(QStringLiteral("profile-accuracy"),
                     QStringLiteral("score every (model, precision) of the sweep on its evaluation "
                                    "split; writes accuracy_profiles.csv, predictions.csv")),
        stageCommand(QStringLiteral("fidelity"),
                     QStringLiteral("replay a window of every workload live on the real models for "
                                    "every policy beside its simulation (the protocol's fidelity "
                                    "section); writes fidelity.csv, plots/sim_vs_live.png")),
        {QStringLiteral("simulate"),
         QStringLiteral("run one policy on one seeded workload trace over the profiles in --out; "
                        "--live also replays it on the real models and prints the fidelity"),
         {{QStringLiteral("policy"), QStringLiteral("NAME"),
           QStringLiteral("CascadePlanner (default), StaticSmall, StaticLarge, "
                          "ThroughputAutotuner, INFaaS, INFaaS-tail, MDPPlanner, or a bound: "
                          "BestFixedInHindsight, Oracle")},
          {QStringLiteral("workload"), QStringLiteral("NAME"),
           QStringLiteral("a workload of the protocol (default: its first)")},
          {QStringLiteral("deadlines"), QStringLiteral("NAME"),
           QStringLiteral("a deadline set of deadlines.yaml (default: the protocol's first)")},
          {QStringLiteral("seed"), QStringLiteral("S"),
           QStringLiteral("trace seed (default: the protocol's base seed)")},
          {QStringLiteral("task"), QStringLiteral("TASK"),
           QStringLiteral("the task, when the protocol has several")},
          {QStringLiteral("live"), QString(),
           QStringLiteral("also replay the trace in real time on the real models")},
          {QStringLiteral("rate-scale"), QStringLiteral("F"),
           QStringLiteral("the workload's arrival rates times F (a trace file: its arrivals "
                          "compressed by F; default 1)")},
          {QStringLiteral("duration"), QStringLiteral("S"),
           QStringLiteral("only S seconds of the trace (a spike workload's window holds the "
                          "spike; default: all of it)")},
          {QStringLiteral("requests"), QStringLiteral("FILE"),
           QStringLiteral("per-request records (default: "
                          "<out>/simulate/<policy>-<workload>-<deadlines>-seed<S>.csv); the "
                          "per-batch records go beside it as <name>.batches.csv"),
           PathKind::Path},
          quickOption(),
          configDirOption(),
          outOption(),
          dataDirOption()},
         &runSimulate},
        {QStringLiteral("plan"),
         QStringLiteral("print the configuration the planner picks for a deadline, and why"),
         {{QStringLiteral("deadline-ms"), QStringLiteral("D"),
           QStringLiteral("the request's deadline in milliseconds")},
          {QStringLiteral("queue"), QStringLiteral("N"),
           QStringLiteral("requests waiting, the new one included (default 1)")},
          {QStringLiteral("task"), QStringLiteral("TASK"),
           QStringLiteral("the task, when the protocol has several")},
          quickOption(),
          configDirOption(),
          outOption()},
         &runPlan},
        {QStringLiteral("evaluate"),
         QStringLiteral("score a model on a dataset split; prints 'accuracy: 0.XXXX'"),
         {{QStringLiteral("model"), QStringLiteral("ID|FILE.pt"),
           QStringLiteral("a models.yaml id, a checkpoint `train` wrote, or a TorchScript file"),
           PathKind::PathOrName},
          {QStringLiteral("recipe"), QStringLiteral("R"),
           QStringLiteral("which checkpoint of a zoo id: preset (default: what `train` writes), "
                          "quick or full (what that protocol's pipeline trained)")},
          {QStringLiteral("seed"), QStringLiteral("S"),
           QStringLiteral("training seed of that checkpoint (default: 1 for preset, the "
                          "protocol's seeds.base for quick and full)")},
          {QStringLiteral("dataset"), QStringLiteral("NAME"),
           QStringLiteral("cifar10, sst2, fashion-mnist or an image folder"), PathKind::PathOrName},
          {QStringLiteral("split"), QStringLiteral("SPLIT"), QStringLiteral("train, dev or test")},
          {QStringLiteral("precision"), QStringLiteral("P"),
           QStringLiteral("fp32 (default), bf16 or int8")},
          {QStringLiteral("device"), QStringLiteral("D"),
           QStringLiteral("cpu:1, cpu:N (default) or cuda:0")},
          {QStringLiteral("mean"), QStringLiteral("a,b,c"),
           QStringLiteral("per-channel mean after scaling pixels to [0,1]")},
          {QStringLiteral("std"), QStringLiteral("a,b,c"),
           QStringLiteral("per-channel std, used as (x-mean)/std")},
          {QStringLiteral("predictions"), QStringLiteral("FILE"),
           QStringLiteral("write index,label,predicted,confidence,correct"), PathKind::Path},
          {QStringLiteral("batch-size"), QStringLiteral("N"),
           QStringLiteral("examples per forward pass (default 64)")},
          {QStringLiteral("max-examples"), QStringLiteral("N"),
           QStringLiteral("score only the first N examples")},
          dataDirOption(),
          configDirOption()},
         &runEvaluate},
        {QStringLiteral("train"),
         QStringLiteral("train a zoo model; writes its checkpoint to the user data folder"),
         {{QStringLiteral("model"), QStringLiteral("ID"),
           QStringLiteral("a zoo model id from models.yaml")},
          {QStringLiteral("dataset"), QStringLiteral("NAME"),
           QStringLiteral("train on this dataset instead of the task's"), PathKind::PathOrName},
          {QStringLiteral("epochs"), QStringLiteral("N"),
           QStringLiteral("default: models.yaml training.epochs")},
          {QStringLiteral("seed"), QStringLiteral("S"),
           QStringLiteral("seed of initialization, shuffling and augmentation (default 1)")},
          {QStringLiteral("batch-size"), QStringLiteral("N"),
           QStringLiteral("default: models.yaml training.batch_size")},
          {QStringLiteral("learning-rate"), QStringLiteral("LR"),
           QStringLiteral("peak learning rate")},
          {QStringLiteral("max-examples"), QStringLiteral("N"),
           QStringLiteral("train on the first N examples of each shuffled epoch")},
          {QStringLiteral("threads"), QStringLiteral("N"),
           QStringLiteral("intra-op threads (default: all cores)")},
          {QStringLiteral("precision"), QStringLiteral("P"),
           QStringLiteral("compute precision: bf16 (mixed, fp32 weights) or fp32 (default: "
                          "models.yaml training.precision, else bf16 where the CPU has it)")},
          {QStringLiteral("out"), QStringLiteral("FILE"),
           QStringLiteral("checkpoint file (default: <user "
                          "data>/checkpoints/<model>/recipe-<digest>.pt, named by the recipe)"),
           PathKind::Path},
          dataDirOption(),
          configDirOption()},
         &runTrain},
        {QStringLiteral("download"),
         QStringLiteral(
             "download a dataset from its official source, verify its checksums, and install it"),
         {{QStringLiteral("dataset"), QStringLiteral("NAME"), QStringLiteral("cifar10 or sst2")},
          {QStringLiteral("data-dir"), QStringLiteral("DIR"),
           QStringLiteral("install below DIR (default: the user data folder)"), PathKind::Path},
          {QStringLiteral("url"), QStringLiteral("URL"),
           QStringLiteral("a mirror serving the same archive (same checksums)")}},
         &runDownload},
        {QStringLiteral("validate-config"),
         QStringLiteral("check models.yaml, deadlines.yaml and the protocol; print a summary"),
         {quickOption(), configDirOption()},
         &runValidateConfig},
        {QStringLiteral("env"),
         QStringLiteral("print the runtime fingerprint (CPU, LibTorch, BLAS, quantized engines, "
                        "threads) as JSON"),
         {{QStringLiteral("threads"), QStringLiteral("N"),
           QStringLiteral("intra-op threads to set first (default: all cores)")}},
         &runEnv},
    };
    return list;
}

const Command* findCommand(const QString& name) {
    for (const Command& c : commands()) {
        if (c.name == name) {
            return &c;
        }
    }
    return nullptr;
}

}  // namespace

bool isHeadless(const QStringList& arguments) {
    for (const QString& a : arguments.mid(1)) {
        if (a == u"--batch" || a == u"--help" || a == u"-h" || a == u"--version" || a == u"-v") {
            return true;
        }
    }
    return false;
}

QString helpText() {
    QString text;
    QTextStream s(&text);
    s << "Usage:\n"
      << "  " << kProgram << "                                  open the workbench (GUI)\n"
      << "  " << kProgram << " --batch [COMMAND] [options]      run headless; progress on stderr\n"
      << "  " << kProgram << " --help | --version\n\n"
      << "Commands (--batch):\n";
    for (const Command& c : commands()) {
        s << "  " << c.name.leftJustified(18) << c.summary << "\n";
        for (const OptionSpec& o : c.options) {
            const QString flag = QStringLiteral("--%1%2").arg(
                o.name, o.valueName.isEmpty() ? QString() : u' ' + o.valueName);
            s << "      " << flag.leftJustified(26) << o.help << "\n";
        }
    }
    s << "\nExit status: 0 success, 1 failure (one line on stderr), 2 usage error.\n";
    return text;
}

int run(const QStringList& arguments, const BatchHooks& hooks) {
    QStringList args = arguments.mid(1);
    if (args.contains(QStringLiteral("--version")) || args.contains(QStringLiteral("-v"))) {
        out() << kProgram << " " << AIP_VERSION << Qt::endl;
        return 0;
    }
    if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        out() << helpText();
        out().flush();
        return 0;
    }
    args.removeAll(QStringLiteral("--batch"));
    QString commandName = QStringLiteral("pipeline");
    if (!args.isEmpty() && !args.first().startsWith(u'-')) {
        commandName = args.takeFirst();
    }
    const Command* command = findCommand(commandName);
    if (command == nullptr) {
        err() << kProgram << ": unknown command '" << commandName << "' (see --help)" << Qt::endl;
        return 2;
    }
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    for (const OptionSpec& o : command->options) {
        parser.addOption(o.valueName.isEmpty() ? QCommandLineOption(o.name, o.help)
                                               : QCommandLineOption(o.name, o.help, o.valueName));
    }
    args.prepend(arguments.first());
    if (!parser.parse(args)) {
        err() << kProgram << " " << commandName << ": " << parser.errorText() << " (see --help)"
              << Qt::endl;
        return 2;
    }
    if (!parser.positionalArguments().isEmpty()) {
        err() << kProgram << " " << commandName << ": unexpected argument '"
              << parser.positionalArguments().first() << "' (see --help)" << Qt::endl;
        return 2;
    }
    try {
        const Options options(parser, command->options);
        return command->runWithHooks ? command->runWithHooks(options, hooks)
                                     : command->run(options);
    } catch (const std::exception& e) {
        err() << kProgram << ": error: " << QString::fromUtf8(e.what()) << Qt::endl;
        return 1;
    }
}

}  // namespace aip::cli
