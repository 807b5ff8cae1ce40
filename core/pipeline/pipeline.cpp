#include "pipeline/pipeline.h"

#include "common/error.h"
#include "config/configset.h"
#include "model/modeljson.h"
#include "pipeline/datasetsstage.h"
#include "pipeline/experimentstages.h"
#include "pipeline/profilestages.h"
#include "pipeline/stageparameters.h"
#include "results/resultfiles.h"
#include "simulation/fidelity.h"

#include <QFileInfo>

namespace aip {

namespace {

/// Number, name and description of every stage, declared once for the registry and the CLI.
struct StageInfo {
    int number;
    const char* name;
    const char* description;
    /// Cheap and deterministic: reruns when another build made its record.
    bool followsTheCode = false;
};

constexpr StageInfo kStages[] = {
    {1, "datasets",
     "validate the configs, write sweep_plan.csv and environment.json, check the datasets, find "
     "imported models and train zoo models without a checkpoint"},
    {2, "profile-latency", "time every configuration of the sweep"},
    {3, "profile-accuracy", "score every (model, precision) of the sweep on its evaluation split"},
    {4, "baselines",
     "run the baseline policies and the hindsight bounds (BestFixedInHindsight, Oracle) on every "
     "workload",
     true},
    {5, "planner", "run the CascadePlanner on the same traces; all_results.csv", true},
    {6, "statistical-tests",
     "paired tests per policy pair and metric, per condition and pooled, Holm-corrected; the "
     "hypotheses, claimed against measured",
     true},
    {7, "pareto",
     "Pareto frontiers and hypervolume per method; the share of baseline runs dominated by the "
     "planner's run on the same trace",
     true},
    {8, "ablations", "vary one configuration dimension at a time", true},
    {9, "workloads", "every policy across the arrival processes and a deadline sweep", true},
    {10, "failure-analysis", "impossible deadlines, model crashes and load spikes", true},
    {11, "figures", "draw the report figures into plots/", true},
    {12, "fidelity",
     "optional: replay a window of every workload live on the real models for every policy "
     "beside its simulation (the protocol's fidelity section)"},
};

QStringList profileFiles() {
    using namespace resultfiles;
    return names({kLatencyProfiles, kLatencySamples, kAccuracyProfiles, kPredictions});
}

/// The profiles plus the trace files the protocol's trace workloads replay.
QStringList simulationInputs(const ConfigSet& configs) {
    QStringList inputs = profileFiles();
    for (const WorkloadSpec& w : configs.protocol.workloads) {
        if (w.arrival == WorkloadSpec::Arrival::Trace) {
            inputs.append(QFileInfo(w.traceFile).absoluteFilePath());
        }
    }
    return inputs;
}

/// What every simulating stage depends on: the traces and how requests are served and priced.
QJsonObject simulationParameters(const ConfigSet& configs) {
    const ProtocolConfig& p = configs.protocol;
    return {{QStringLiteral("workloads"), stageparams::workloads(p.workloads)},
            {QStringLiteral("deadline_sets"), stageparams::deadlineSets(configs)},
            // A program that knows other policies runs other ones: the results change.
            {QStringLiteral("policies"), QJsonArray::fromStringList(knownPolicies())},
            {QStringLiteral("replicates"), p.replicates},
            {QStringLiteral("risk_epsilon"), p.riskEpsilon},
            {QStringLiteral("cascade_gain_confidence"), p.cascadeGainConfidence},
            // Absent: measured on the machine (null in the record).
            {QStringLiteral("decision_cost_us"),
             p.decisionCostUs ? QJsonValue(*p.decisionCostUs) : QJsonValue()},
            {QStringLiteral("cost_per_device_hour"), stageparams::costPerDeviceHour(p)},
            // Held-out calibration: the evaluation examples of each task shuffled with this
            // seed, the first half (rounded up) calibrates, traces draw from the rest.
            {QStringLiteral("calibration_split"),
             QJsonObject{{QStringLiteral("seed"), QString::number(p.baseSeed)},
                         {QStringLiteral("calibration_share"), 0.5},
                         {QStringLiteral("stream"), QStringLiteral("calibration-split/<task>")}}}};
}

QJsonObject withCascades(QJsonObject parameters, const ConfigSet& configs) {
    parameters.insert(QStringLiteral("cascades"), stageparams::cascades(configs));
    return parameters;
}

StageDefinition define(int number, QStringList inputs, QJsonObject parameters, bool seeded,
                       std::function<QStringList(StageContext&)> run, bool optional = false) {
    const StageInfo& info = kStages[number - 1];
    return {info.number,
            QString::fromLatin1(info.name),
            QString::fromUtf8(info.description),
            std::move(inputs),
            std::move(parameters),
            seeded,
            std::move(run),
            resultfiles::writtenBy(QString::fromLatin1(info.name)),
            optional,
            info.followsTheCode};
}

}  // namespace

QString pipelineStageDescription(const QString& name) {
    for (const StageInfo& s : kStages) {
        if (name == QLatin1String(s.name)) {
            return QString::fromUtf8(s.description);
        }
    }
    return {};
}

QStringList pipelineStageNames() {
    QStringList names;
    for (const StageInfo& s : kStages) {
        names.append(QString::fromLatin1(s.name));
    }
    return names;
}

std::vector<StageDefinition> pipelineStages(const ConfigSet& configs) {
    using namespace resultfiles;
    const ProtocolConfig& p = configs.protocol;
    const auto absolute = [](const QString& path) { return QFileInfo(path).absoluteFilePath(); };
    const QJsonArray models = stageparams::sweptModels(configs, false);
    const QJsonObject simulation = simulationParameters(configs);
    const QStringList figureInputs =
        names({kAllResults, kStatisticalTests, kParetoAnalysis, kAblationFolder, kDeadlineSweep,
               kWorkloadResults, kFailureAnalysis});
    return {
        define(1,
               {absolute(configs.models.sourcePath), absolute(configs.deadlines.sourcePath),
                absolute(p.sourcePath)},
               {{QStringLiteral("protocol"), p.name},
                {QStringLiteral("tasks"), QJsonArray::fromStringList(p.tasks)},
                {QStringLiteral("models"), stageparams::sweptModels(configs, true)},
                {QStringLiteral("sweep"), stageparams::sweep(configs.sweep())},
                {QStringLiteral("training"), modeljson::training(p.training)}},
               true, &runDatasetsStage),
        define(2, names({kSweepPlan, kModelFiles, kEnvironment}),
               {{QStringLiteral("models"), models},
                {QStringLiteral("latency_profiling"), stageparams::latencyProfiling(p.latency)}},
               false, &runProfileLatencyStage),
        define(3, names({kSweepPlan, kModelFiles}),
               {{QStringLiteral("models"), models},
                {QStringLiteral("evaluation"),
                 QJsonObject{{QStringLiteral("max_examples"), p.maxEvalExamples}}}},
               false, &runProfileAccuracyStage),
        define(4, simulationInputs(configs), simulation, true, &runBaselinesStage),
        define(5, simulationInputs(configs) + names({kBaselineResults}),
               withCascades(simulation, configs), true, &runPlannerStage),
        define(6, names({kAllResults}),
               {{QStringLiteral("alpha"), p.alpha},
                {QStringLiteral("hypotheses"), stageparams::hypotheses(p.hypotheses)},
                {QStringLiteral("policies"), QJsonArray::fromStringList(knownPolicies())}},
               true, &runStatisticalTestsStage),
        define(7, names({kAllResults}),
               {{QStringLiteral("pareto_reference"), stageparams::paretoReference(p)},
                {QStringLiteral("policies"), QJsonArray::fromStringList(knownPolicies())}},
               false, &runParetoStage),
        define(
            8, simulationInputs(configs),
            [&] {
                QJsonObject o = withCascades(simulation, configs);
                o.insert(QStringLiteral("sweep"), stageparams::sweep(configs.sweep()));
                return o;
            }(),
            true, &runAblationsStage),
        define(9, simulationInputs(configs), withCascades(simulation, configs), true,
               &runWorkloadsStage),
        define(10, simulationInputs(configs), withCascades(simulation, configs), true,
               &runFailureAnalysisStage),
        define(11, figureInputs, {}, false, &runFiguresStage),
        define(
            12, simulationInputs(configs) + names({kModelFiles}),
            [&] {
                QJsonObject o = withCascades(simulation, configs);
                o.insert(QStringLiteral("fidelity"), stageparams::fidelity(p, fidelityPolicies(p)));
                return o;
            }(),
            true, &runFidelityStage, !p.fidelity.runByDefault),
    };
}

PipelineResult runPipeline(const PipelineParams& params, JobContext& context) {
    const QStringList known = pipelineStageNames();
    for (const QString& stage : params.stages) {
        if (!known.contains(stage)) {
            throw Error(QStringLiteral("unknown stage '%1' (stages: %2)")
                            .arg(stage, known.join(QStringLiteral(", "))));
        }
    }
    const ConfigSet configs = ConfigSet::load(params.configDir, params.quick);
    // Absolute from here on: the manifest resolves the paths stages return against this folder.
    StageContext stageContext{
        configs,
        QDir(QDir::cleanPath(QDir::current().absoluteFilePath(params.outDir))),
        DataSearchPath::fromEnvironment(params.dataDir),
        params.seed.value_or(configs.protocol.baseSeed),
        params.quick,
        context,
        params.renderFigures,
        params.onLatencySample};
    StageRunOptions options;
    options.only = params.stages;
    options.force = params.force;
    options.onStatus = params.onStageStatus;
    const StageRunReport report = runStages(pipelineStages(configs), stageContext, options);
    return {report.ran, report.skipped, report.filesWritten};
}

}  // namespace aip
