#include "pipeline/experimentstages.h"

#include "analysis/pareto.h"
#include "analysis/resultstable.h"
#include "analysis/statisticaltests.h"
#include "analysis/summary.h"
#include "common/error.h"
#include "config/protocolconfig.h"
#include "simulation/experiment.h"
#include "simulation/experimentruns.h"

namespace aip {

namespace {

const QString kBaselineResults = QStringLiteral("baseline_results.csv");
const QString kAllResults = QStringLiteral("all_results.csv");

/// The profiles of the results folder and a runner over them.
struct Experiments {
    std::unique_ptr<ExperimentData> data;
    std::unique_ptr<ExperimentRunner> runner;

    explicit Experiments(StageContext& context)
        : data(ExperimentData::load(context.configs, context.results.path())),
          runner(std::make_unique<ExperimentRunner>(context.configs, *data, context.seed,
                                                    context.job)) {
        for (const QString& task : data->tasks()) {
            for (const QString& note : data->table(task).notes()) {
                context.job.log(QStringLiteral("%1: %2").arg(task, note));
            }
        }
    }
};

QStringList comparedBaselines() {
    QStringList baselines = ExperimentRunner::baselinePolicies();
    baselines.removeAll(QStringLiteral("Oracle"));  // a bound, not a policy to beat
    return baselines;
}

}  // namespace

QStringList runBaselinesStage(StageContext& context) {
    Experiments experiments(context);
    const QString path = context.resultPath(kBaselineResults);
    writeResults(path, experiments.runner->runPolicies(ExperimentRunner::baselinePolicies()));
    return {path};
}

QStringList runPlannerStage(StageContext& context) {
    Experiments experiments(context);
    const QString requests = context.resultPath(QStringLiteral("requests.csv"));
    std::vector<ResultRow> rows =
        experiments.runner->runPolicies({ExperimentRunner::plannerPolicy()}, requests);
    const std::vector<ResultRow> baselines = readResults(context.resultPath(kBaselineResults));
    rows.insert(rows.end(), baselines.begin(), baselines.end());
    const QString path = context.resultPath(kAllResults);
    writeResults(path, rows);
    return {path, requests};
}

QStringList runStatisticalTestsStage(StageContext& context) {
    const QString source = context.resultPath(kAllResults);
    const std::vector<ResultRow> rows = readResults(source);
    const QString testsPath = context.resultPath(QStringLiteral("statistical_tests.csv"));
    const std::vector<StatisticalTestRow> tests = computeAndWriteStatisticalTests(
        testsPath, rows, knownMetrics(), ExperimentRunner::plannerPolicy(), comparedBaselines(),
        context.configs.protocol.alpha, source);
    const QString summaryPath = context.resultPath(QStringLiteral("summary.md"));
    writeSummaryMarkdown(summaryPath,
                         buildSummaryMarkdown(rows, tests, context.configs.protocol, source));
    return {testsPath, summaryPath};
}

QStringList runParetoStage(StageContext& context) {
    const QString source = context.resultPath(kAllResults);
    const QString path = context.resultPath(QStringLiteral("pareto_analysis.csv"));
    writeParetoAnalysis(path, computeParetoAnalysis(
                                  readResults(source), ExperimentRunner::plannerPolicy(),
                                  ExperimentRunner::baselinePolicies(),
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
    if (!context.renderFigures) {
        throw Error(QStringLiteral(
            "stage figures: this build has no figure renderer (the figures are drawn by the "
            "application's plot library; run it through anytime-planner)"));
    }
    return context.renderFigures(context.results.path());
}

}  // namespace aip
