#pragma once

#include "analysis/runselection.h"
#include "results/analysisfiles.h"
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

/// computeStatisticalTests(), then writeStatisticalTests(); returns the rows written.
/// `resultsSource` names where the rows came from, for error messages.
std::vector<StatisticalTestRow> computeAndWriteStatisticalTests(
    const QString& path, const std::vector<ResultRow>& rows, const QStringList& metrics,
    const QString& policy, const QStringList& baselines, double alpha,
    const QString& resultsSource = QString());

}  // namespace aip
