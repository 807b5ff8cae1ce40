// Placeholder bodies for stages 04–11 until their implementations land: each stops the run
// with a clear message rather than writing nothing silently.

#include "pipeline/experimentstages.h"

#include "common/error.h"

namespace aip {

namespace {

[[noreturn]] void notBuilt(const char* stage) {
    throw Error(QStringLiteral("stage %1 is not built yet").arg(QLatin1String(stage)));
}

}  // namespace

QStringList runBaselinesStage(StageContext&) {
    notBuilt("baselines");
}
QStringList runPlannerStage(StageContext&) {
    notBuilt("planner");
}
QStringList runStatisticalTestsStage(StageContext&) {
    notBuilt("statistical-tests");
}
QStringList runParetoStage(StageContext&) {
    notBuilt("pareto");
}
QStringList runAblationsStage(StageContext&) {
    notBuilt("ablations");
}
QStringList runWorkloadsStage(StageContext&) {
    notBuilt("workloads");
}
QStringList runFailureAnalysisStage(StageContext&) {
    notBuilt("failure-analysis");
}
QStringList runFiguresStage(StageContext&) {
    notBuilt("figures");
}

}  // namespace aip
