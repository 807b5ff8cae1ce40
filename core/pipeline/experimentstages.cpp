#include "pipeline/experimentstages.h"

#include "analysis/pareto.h"
#include "analysis/statisticaltests.h"
#include "analysis/summary.h"
#include "common/error.h"
#include "config/protocolconfig.h"
#include "pipeline/datasetsstage.h"
#include "pipeline/filedigest.h"
#include "results/resultfiles.h"
#include "results/resultstable.h"
#include "simulation/experiment.h"
#include "simulation/experimentruns.h"
#include "simulation/fidelity.h"

namespace aip {

namespace {

/// The profiles of the results folder and a runner over them.
struct Experiments {
    std::unique_ptr<PlannerTables> data;
    std::unique_ptr<ExperimentRunner> runner;

    explicit Experiments(StageContext& context)
        : data(PlannerTables::load(context.configs, context.results.path())),
          runner(std::make_unique<ExperimentRunner>(context.configs, *data, context.seed,
                                                    context.job)) {
        for (const QString& task : data->tasks()) {
            const ConfigTable& table = data->table(task);
            context.job.log(QStringLiteral("%1: %2 examples calibrate the planned accuracies, "
                                           "traces draw from the other %3")
                                .arg(task)
                                .arg(table.calibrationCount())
                                .arg(table.testCount()));
            for (const QString& note : table.notes()) {
                context.job.log(QStringLiteral("%1: %2").arg(task, note));
            }
        }
    }
};

/// The figure renderer of a stage that draws; throws when the run was given none.
const RenderFiguresHook& requireRenderer(const StageContext& context, const QString& stage) {
    if (!context.renderFigures) {
        throw Error(QStringLiteral("no figure renderer: the plot builders live in the GUI library "
                                   "and were not passed to this run (run the anytime-planner "
                                   "executable, or leave %1 out with --stage)")
                        .arg(stage));
    }
    return context.renderFigures;
}

/// The planners beside the policy under test (plannerPolicies() starts with it).
QStringList otherPlanners() {
    return ExperimentRunner::plannerPolicies().mid(1);
}

QStringList comparedBaselines() {
    QStringList baselines = ExperimentRunner::baselinePolicies();
    for (const QString& bound : knownBounds()) {
        baselines.removeAll(bound);  // a bound, not a policy to beat
    }
    return baselines + otherPlanners();  // compared like a baseline
}

}  // namespace

QStringList runBaselinesStage(StageContext& context) {
    Experiments experiments(context);
    const QString path = resultfiles::kBaselineResults.in(context.results);
    const QString bestFixed = resultfiles::kBestFixedInHindsight.in(context.results);
    writeResults(path, experiments.runner->runPolicies(ExperimentRunner::baselinePolicies(),
                                                       QString(), bestFixed));
    return {path, bestFixed};
}

QStringList runPlannerStage(StageContext& context) {
    Experiments experiments(context);
    const QString requests = resultfiles::kRequests.in(context.results);
    std::vector<ResultRow> rows =
        experiments.runner->runPolicies(ExperimentRunner::plannerPolicies(), requests);
    const std::vector<ResultRow> baselines =
        readResults(resultfiles::kBaselineResults.in(context.results));
    rows.insert(rows.end(), baselines.begin(), baselines.end());
    const QString path = resultfiles::kAllResults.in(context.results);
    writeResults(path, rows);
    return {path, requests};
}

QStringList runStatisticalTestsStage(StageContext& context) {
    const QString source = resultfiles::kAllResults.in(context.results);
    const std::vector<ResultRow> rows = readResults(source);
    const QString testsPath = resultfiles::kStatisticalTests.in(context.results);
    const std::vector<StatisticalTestRow> tests = computeAndWriteStatisticalTests(
        testsPath, rows, knownMetrics(), ExperimentRunner::plannerPolicy(), comparedBaselines(),
        context.configs.protocol.alpha, source);
    const QString summaryPath = resultfiles::kSummary.in(context.results);
    writeSummaryMarkdown(summaryPath, buildSummaryMarkdown(rows, tests, context.configs.protocol,
                                                           source, knownBounds()));
    return {testsPath, summaryPath};
}

QStringList runParetoStage(StageContext& context) {
    const QString source = resultfiles::kAllResults.in(context.results);
    const QString path = resultfiles::kParetoAnalysis.in(context.results);
    writeParetoAnalysis(
        path, computeParetoAnalysis(
                  readResults(source), ExperimentRunner::plannerPolicy(),
                  ExperimentRunner::baselinePolicies() + ExperimentRunner::plannerPolicies().mid(1),
                  ParetoReference::fromProtocol(context.configs.protocol), source));
    return {path};
}

QStringList runAblationsStage(StageContext& context) {
    Experiments experiments(context);
    return experiments.runner->runAblations(context.results.path());
}

QStringList runWorkloadsStage(StageContext& context) {
    Experiments experiments(context);
    return experiments.runner->runWorkloadExperiments(context.results.path());
}

QStringList runFailureAnalysisStage(StageContext& context) {
    Experiments experiments(context);
    return experiments.runner->runFailureAnalysis(context.results.path());
}

QStringList runFiguresStage(StageContext& context) {
    return requireRenderer(context, QStringLiteral("figures"))(context.results.path(), {});
}

QStringList runFidelityStage(StageContext& context) {
    const RenderFiguresHook& render = requireRenderer(context, QStringLiteral("fidelity"));
    Experiments experiments(context);
    const ModelFiles files = loadProfiledModelFiles(context.results.path());
    const std::vector<FidelityRow> rows = runFidelityReplays(
        context.configs, *experiments.data, files, context.search, context.seed, context.job);
    const QString path = resultfiles::kFidelity.in(context.results);
    writeFidelity(path, rows);
    QStringList written{path};
    written += render(context.results.path(), {resultfiles::kFidelityFigure.fileName()});
    return written;
}

}  // namespace aip
