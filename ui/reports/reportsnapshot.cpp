#include "reports/reportsnapshot.h"

#include "analysis/reportdata.h"
#include "common/error.h"
#include "config/configset.h"
#include "pages/profilessnapshot.h"
#include "pipeline/runmanifest.h"
#include "results/resultfiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace aip {

namespace {

/// The stage that writes a file, for the message about a missing one.
QString stageOf(ReportFile file) {
    switch (file) {
        case ReportFile::AllResults:
        case ReportFile::Hypotheses:
            return QStringLiteral("planner");
        case ReportFile::StatisticalTests:
            return QStringLiteral("statistical-tests");
        case ReportFile::ParetoAnalysis:
            return QStringLiteral("pareto");
        case ReportFile::Ablations:
            return QStringLiteral("ablations");
        case ReportFile::FailureAnalysis:
            return QStringLiteral("failure-analysis");
        case ReportFile::WorkloadResults:
        case ReportFile::DeadlineSweep:
            return QStringLiteral("workloads");
    }
    return {};
}

/// Reads one file into `slot`, or adds one line to `problems`.
template <class Rows, class Read>
void readInto(const QDir& dir, ReportFile file, std::optional<Rows>& slot, QStringList& problems,
              Read read) {
    const QString path = dir.filePath(reportFileName(file));
    if (!QFileInfo::exists(path)) {
        problems << QCoreApplication::translate("aip::ReportSnapshot",
                                                "%1 not found — run the %2 stage")
                        .arg(reportFileName(file), stageOf(file));
        return;
    }
    try {
        slot = read(path);
    } catch (const Error& e) {
        problems << e.message();
    }
}

bool quickProtocolOf(const QDir& dir, bool fallback) {
    try {
        const RunManifest manifest = RunManifest::load(dir.filePath(RunManifest::fileName()));
        if (!manifest.protocol.isEmpty()) {
            return manifest.protocol == u"quick";
        }
    } catch (const Error&) {
        // An unreadable manifest says nothing about the protocol; the page's choice stands.
    }
    return fallback;
}

}  // namespace

ConfigSet loadRunConfigs(const QString& directory, const QString& configDir, bool quick) {
    return ConfigSet::load(configDir, quickProtocolOf(QDir(directory), quick));
}

QString reportFileName(ReportFile file) {
    switch (file) {
        case ReportFile::AllResults:
        case ReportFile::Hypotheses:
            return resultfiles::kAllResults.name();
        case ReportFile::StatisticalTests:
            return resultfiles::kStatisticalTests.name();
        case ReportFile::ParetoAnalysis:
            return resultfiles::kParetoAnalysis.name();
        case ReportFile::Ablations:
            return resultfiles::kAblationFolder.name() + u'/';
        case ReportFile::FailureAnalysis:
            return resultfiles::kFailureAnalysis.name();
        case ReportFile::WorkloadResults:
            return resultfiles::kWorkloadResults.name();
        case ReportFile::DeadlineSweep:
            return resultfiles::kDeadlineSweep.name();
    }
    return {};
}

ReportSnapshot loadReportSnapshot(const QString& directory, ReportFiles which,
                                  const QString& configDir, bool quick) {
    ReportSnapshot snapshot;
    snapshot.directory = directory;
    const QDir dir(directory);
    if (!dir.exists()) {
        snapshot.problems << QCoreApplication::translate(
                                 "aip::ReportSnapshot",
                                 "%1 does not exist — run the pipeline into it")
                                 .arg(QDir::toNativeSeparators(directory));
        return snapshot;
    }
    if (which & (ReportFile::AllResults | ReportFile::Hypotheses)) {
        readInto(dir, ReportFile::AllResults, snapshot.results, snapshot.problems, &readResults);
    }
    if (which & ReportFile::StatisticalTests) {
        readInto(dir, ReportFile::StatisticalTests, snapshot.tests, snapshot.problems,
                 &readStatisticalTests);
    }
    if ((which & ReportFile::Hypotheses) && snapshot.results) {
        try {
            const ConfigSet configs = loadRunConfigs(directory, configDir, quick);
            snapshot.hypotheses = evaluateHypotheses(*snapshot.results, configs.protocol,
                                                     resultfiles::kAllResults.in(dir));
        } catch (const Error& e) {
            snapshot.problems << QCoreApplication::translate(
                                     "aip::ReportSnapshot", "the claims could not be evaluated: %1")
                                     .arg(e.message());
        }
    }
    if (which & ReportFile::ParetoAnalysis) {
        readInto(dir, ReportFile::ParetoAnalysis, snapshot.pareto, snapshot.problems,
                 &readParetoAnalysis);
    }
    if (which & ReportFile::Ablations) {
        QStringList missing;
        for (const QString& dimension : ablationDimensions()) {
            const QString name = resultfiles::ablationFile(dimension);
            const QString path = dir.filePath(name);
            if (!QFileInfo::exists(path)) {
                missing << name;
                continue;
            }
            try {
                snapshot.ablations[dimension] = readAblation(path, dimension);
            } catch (const Error& e) {
                snapshot.problems << e.message();
            }
        }
        if (!missing.isEmpty()) {
            snapshot.problems << QCoreApplication::translate(
                                     "aip::ReportSnapshot",
                                     "%1 not found — run the ablations stage")
                                     .arg(missing.join(QStringLiteral(", ")));
        }
    }
    if (which & ReportFile::FailureAnalysis) {
        readInto(dir, ReportFile::FailureAnalysis, snapshot.failures, snapshot.problems,
                 &readFailureAnalysis);
    }
    if (which & ReportFile::WorkloadResults) {
        readInto(dir, ReportFile::WorkloadResults, snapshot.workloads, snapshot.problems,
                 &readResults);
    }
    if (which & ReportFile::DeadlineSweep) {
        readInto(dir, ReportFile::DeadlineSweep, snapshot.deadlineSweep, snapshot.problems,
                 &readDeadlineSweep);
    }
    return snapshot;
}

QString reportStamp(const QString& directory) {
    QStringList names{resultfiles::kAllResults.name(),      resultfiles::kStatisticalTests.name(),
                      resultfiles::kParetoAnalysis.name(),  resultfiles::kFailureAnalysis.name(),
                      resultfiles::kWorkloadResults.name(), resultfiles::kDeadlineSweep.name(),
                      resultfiles::kRequests.name(),        RunManifest::fileName()};
    for (const QString& dimension : ablationDimensions()) {
        names << resultfiles::ablationFile(dimension);
    }
    return filesStamp(directory, names);
}

}  // namespace aip
