#pragma once

#include "analysis/hypotheses.h"
#include "analysis/pareto.h"
#include "analysis/statisticaltests.h"
#include "results/resultstable.h"
#include "results/runfiles.h"

#include <QFlags>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

namespace aip {

struct ConfigSet;

/// The files of a results folder a report page can ask for.
enum class ReportFile {
    AllResults = 0x01,        ///< all_results.csv
    StatisticalTests = 0x02,  ///< statistical_tests.csv
    Hypotheses = 0x04,        ///< the protocol's claims evaluated on all_results.csv
    ParetoAnalysis = 0x08,    ///< pareto_analysis.csv
    Ablations = 0x10,         ///< ablation/<dimension>.csv, every dimension
    FailureAnalysis = 0x20,   ///< failure_analysis.csv
    WorkloadResults = 0x40,   ///< workload_results.csv
    DeadlineSweep = 0x80,     ///< deadline_sweep.csv
};
Q_DECLARE_FLAGS(ReportFiles, ReportFile)
Q_DECLARE_OPERATORS_FOR_FLAGS(ReportFiles)

/// What a results folder holds for the report pages. A file that is missing or does not parse
/// is no exception here but one line of `problems` (naming the file and what is wrong, or the
/// stage that writes it), so a page shows what did load beside what did not.
struct ReportSnapshot {
    QString directory;
    std::optional<std::vector<ResultRow>> results;
    std::optional<std::vector<StatisticalTestRow>> tests;
    std::optional<std::vector<HypothesisOutcome>> hypotheses;
    std::optional<std::vector<ParetoAnalysisRow>> pareto;
    std::map<QString, std::vector<AblationRow>> ablations;  ///< by dimension, those present
    std::optional<std::vector<FailureAnalysisRow>> failures;
    std::optional<std::vector<ResultRow>> workloads;
    std::optional<std::vector<DeadlineSweepRow>> deadlineSweep;
    QStringList problems;  ///< one line per file that could not be read
};

/// Reads `which` files of `directory` (for a job). Hypotheses need all_results.csv and the
/// protocol the run used (run_manifest.json names it; without one, `quick` chooses) from
/// `configDir`.
ReportSnapshot loadReportSnapshot(const QString& directory, ReportFiles which,
                                  const QString& configDir, bool quick);

/// The configuration a results folder was made with: the protocol run_manifest.json names
/// (quick or full; without a manifest, `quick` chooses) from `configDir`. Throws aip::Error.
ConfigSet loadRunConfigs(const QString& directory, const QString& configDir, bool quick);

/// Changes whenever the folder or one of the report files changes (path, size, time), so a
/// page can tell whether what it shows is still current without reading the files.
QString reportStamp(const QString& directory);

/// The file name a ReportFile is read from ("ablation/" for the ablations).
QString reportFileName(ReportFile file);

}  // namespace aip
