#pragma once

#include "results/resultstable.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace aip {

// The analysis's files: statistical_tests.csv (stage 06, analysis/statisticaltests.h computes
// its rows) and pareto_analysis.csv (stage 07, analysis/pareto.h): their rows, columns, writers
// and readers. Errors name the file, the line and the column.

// ---- statistical_tests.csv

/// One row of statistical_tests.csv: the policy against one baseline on one metric, over the
/// pairs of one condition, or of all conditions pooled (RunCondition::pooled()).
/// t-test values are two-sided; cohensD is d_z = mean(d)/sd(d); pHolm adjusts tP over all rows
/// of the file, pooled and per condition; significant = pHolm < alpha (false where pHolm is NaN).
struct StatisticalTestRow {
    QString metric;
    QString policy;
    QString baseline;
    RunCondition condition = RunCondition::pooled();
    int nPairs = 0;
    double meanDiff = 0.0;
    double ci95Low = 0.0;
    double ci95High = 0.0;
    double tStat = 0.0;
    double tP = 0.0;
    double wilcoxonStat = 0.0;  ///< min(W+, W−)
    double wilcoxonP = 0.0;
    double cohensD = 0.0;
    double pHolm = 0.0;
    bool significant = false;

    bool operator==(const StatisticalTestRow&) const = default;
};

/// The header of statistical_tests.csv, in file order.
QStringList statisticalTestColumns();

/// The file's bytes; numbers via csv::number (NaN as "nan", infinities as "inf"/"-inf"),
/// significant as "true"/"false".
QByteArray formatStatisticalTests(const std::vector<StatisticalTestRow>& rows);
/// Writes statistical_tests.csv atomically. Throws aip::Error.
void writeStatisticalTests(const QString& path, const std::vector<StatisticalTestRow>& rows);

/// Parses statistical_tests.csv (errors name file, line and column). A file written before the
/// condition columns (task, workload, deadline_set) existed holds pooled rows only and reads so.
std::vector<StatisticalTestRow> parseStatisticalTests(const QByteArray& data,
                                                      const QString& sourceName);
std::vector<StatisticalTestRow> readStatisticalTests(const QString& path);

// ---- pareto_analysis.csv

/// The two trade-offs of pareto_analysis.csv. y is always effective_accuracy (correct and on
/// time, the quantity the planner maximizes); x is p95_ms ("latency") or cost_per_1k ("cost").
enum class ParetoSpace { Latency, Cost };
QString paretoSpaceName(ParetoSpace space);
/// The space of a paretoSpaceName(); throws aip::Error for another name.
ParetoSpace paretoSpaceFromName(const QString& name);

/// The kinds of row of pareto_analysis.csv and their names in its `kind` column.
enum class ParetoRowKind { Point, Summary, Condition };
QString paretoRowKind(ParetoRowKind kind);

/// One row of pareto_analysis.csv.
/// kind "point": one frontier point of `method` in `space` (x, y) over all its runs; the other
/// columns are empty.
/// kind "summary": x, y hold the reference point; nPoints is the number of the method's runs,
/// hypervolume the area its frontier dominates, dominatedShare (baselines only; NaN for the
/// policy, written empty) the share of its runs dominated by the policy's run on the same trace,
/// pooled over the conditions (dominanceByCondition(), pooledDominance()).
/// kind "condition" (baselines only): that share within one condition; nPoints is the method's
/// runs in it; x, y and hypervolume are NaN (written empty).
/// Point and summary rows pool every condition: their condition is RunCondition::pooled().
struct ParetoAnalysisRow {
    QString method;
    QString space;
    QString kind;
    double x = 0.0;
    double y = 0.0;
    int nPoints = 0;
    double hypervolume = 0.0;
    double dominatedShare = 0.0;
    RunCondition condition = RunCondition::pooled();
};

/// The header of pareto_analysis.csv, in file order.
QStringList paretoAnalysisColumns();

/// The file's bytes; numbers via csv::number, columns that do not apply to a row empty.
QByteArray formatParetoAnalysis(const std::vector<ParetoAnalysisRow>& rows);
/// Writes pareto_analysis.csv atomically. Throws aip::Error.
void writeParetoAnalysis(const QString& path, const std::vector<ParetoAnalysisRow>& rows);

/// Reads pareto_analysis.csv as formatParetoAnalysis() writes it: `space` latency or cost,
/// `kind` point, summary or condition. Point rows leave n_points, hypervolume and
/// dominated_share empty (read as 0, NaN, NaN); summary and condition rows give n_points, and
/// hypervolume and dominated_share or leave them empty (NaN); condition rows leave x and y empty
/// (NaN). Point and summary rows have the condition all/all/all, condition rows another. A file
/// written before the condition columns (task, workload, deadline_set) existed reads as pooled.
/// (method, space, kind, condition, x) is the row key of a point row, (method, space, kind,
/// condition) that of the others.
std::vector<ParetoAnalysisRow> parseParetoAnalysis(const QByteArray& data,
                                                   const QString& sourceName);
std::vector<ParetoAnalysisRow> readParetoAnalysis(const QString& path);

}  // namespace aip
