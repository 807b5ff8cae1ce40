#include "results/resultfiles.h"

#include <iterator>

namespace aip::resultfiles {

namespace {

constexpr ResultFile kAll[] = {
    kSweepPlan,        kEnvironment,
    kModelFiles,       kLatencyProfiles,
    kLatencySamples,   kLatencyEnvironment,
    kAccuracyProfiles, kPredictions,
    kBaselineResults,  kBestFixedInHindsight,
    kAllResults,       kRequests,
    kStatisticalTests, kSummary,
    kParetoAnalysis,   kAblationFolder,
    kWorkloadResults,  kDeadlineSweep,
    kFailureAnalysis,  kPlots,
    kFidelity,         kFidelityFigure,
    kRunManifest,      kRunLock,
};

}  // namespace

std::span<const ResultFile> all() {
    return {std::begin(kAll), std::end(kAll)};
}

QStringList writtenBy(const QString& stage) {
    QStringList files;
    for (const ResultFile& file : kAll) {
        if (stage == QLatin1String(file.writtenBy)) {
            files.append(file.name());
        }
    }
    return files;
}

QStringList names(std::initializer_list<ResultFile> files) {
    QStringList result;
    for (const ResultFile& file : files) {
        result.append(file.name());
    }
    return result;
}

QString ablationFile(const QString& dimension) {
    return QStringLiteral("%1/%2.csv").arg(kAblationFolder.name(), dimension);
}

QString plotFile(const QString& figure) {
    return QStringLiteral("%1/%2").arg(kPlots.name(), figure);
}

}  // namespace aip::resultfiles
