#pragma once

#include "analysis/runselection.h"
#include "results/resultstable.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace aip {

/// The runs of a policy and a baseline that saw the same trace: same workload, deadline set
/// and seed (every policy replays the same seeded trace, so the comparison is paired).
struct RunPair {
    ResultRow policy;
    ResultRow baseline;
};

/// Pairs the runs of `policy` and `baseline` on (workload, deadline_set, seed), sorted by that
/// key. Throws aip::Error, naming `sourceName` (e.g. the path of all_results.csv), when either
/// has no runs, when a run appears twice, or when a run of one has no partner in the other.
std::vector<RunPair> pairRuns(const std::vector<ResultRow>& rows, const QString& policy,
                              const QString& baseline, const QString& sourceName = QString());
/// The pairs of one condition (the policy's run and the baseline's share it).
struct ConditionPairs {
    RunCondition condition;
    std::vector<RunPair> pairs;
};
/// `pairs` split by condition, conditions in RunCondition order, pairs in their given order.
std::vector<ConditionPairs> pairsByCondition(const std::vector<RunPair>& pairs);

/// policy − baseline for each pair. Throws aip::Error for an unknown metric or a run whose
/// value is NaN or infinite (naming the run).
std::vector<double> pairedDifferences(const std::vector<RunPair>& pairs, const QString& metric,
                                      const QString& sourceName = QString());

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

/// First the pooled rows, one per (metric, baseline): metrics in the given order, then baselines
/// in the given order, over all the pairs of pairRuns(). Then, in the same order, one row per
/// (metric, baseline, condition) over the pairs of that condition (its replicate seeds),
/// conditions in RunCondition order. Differences are policy − baseline. Holm's correction is
/// applied to the t-test p-values of all rows together, pooled and per condition. Throws aip::Error
/// for an unknown or repeated metric or baseline, a baseline equal to the policy, alpha outside (0,
/// 1), or any pairing error.
std::vector<StatisticalTestRow> computeStatisticalTests(const std::vector<ResultRow>& rows,
                                                        const QStringList& metrics,
                                                        const QString& policy,
                                                        const QStringList& baselines, double alpha,
                                                        const QString& sourceName = QString());

/// The file's bytes; numbers via csv::number (NaN as "nan", infinities as "inf"/"-inf"),
/// significant as "true"/"false".
QByteArray formatStatisticalTests(const std::vector<StatisticalTestRow>& rows);
/// Writes statistical_tests.csv atomically. Throws aip::Error.
void writeStatisticalTests(const QString& path, const std::vector<StatisticalTestRow>& rows);
/// computeStatisticalTests(), then writeStatisticalTests(); returns the rows written.
/// `resultsSource` names where the rows came from, for error messages.
std::vector<StatisticalTestRow> computeAndWriteStatisticalTests(
    const QString& path, const std::vector<ResultRow>& rows, const QStringList& metrics,
    const QString& policy, const QStringList& baselines, double alpha,
    const QString& resultsSource = QString());

/// Parses statistical_tests.csv (errors name file, line and column). A file written before the
/// condition columns (task, workload, deadline_set) existed holds pooled rows only and reads so.
std::vector<StatisticalTestRow> parseStatisticalTests(const QByteArray& data,
                                                      const QString& sourceName);
std::vector<StatisticalTestRow> readStatisticalTests(const QString& path);

}  // namespace aip
