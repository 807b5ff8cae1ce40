#pragma once

#include "results/resultstable.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace aip {

/// What the analysis functions say about their input in messages: the file the runs came from,
/// or "results" when the caller gave none.
QString resultsLabel(const QString& sourceName);

/// "workload W, deadline set D, seed S": names one run (with its policy, one row of
/// all_results.csv).
QString describeRun(const ResultRow& run);

/// The fixed conditions of a run, which its replicate seeds share: task, workload and deadline
/// set. Workloads and deadline sets are chosen, not sampled, so a comparison within one
/// condition pairs replicates, and a comparison across conditions mixes different experiments.
/// With several tasks a result file writes the workload "task:workload"; a workload without a
/// ':' comes from a file of one task, whose condition has an empty task.
struct RunCondition {
    QString task;
    QString workload;
    QString deadlineSet;

    /// "all" in every field: the rows of statistical_tests.csv and pareto_analysis.csv that pool
    /// every condition.
    static RunCondition pooled();
    bool isPooled() const;
    /// "task / workload / deadline set" (without the task when it is empty), or "pooled".
    QString describe() const;

    bool operator==(const RunCondition&) const = default;
    bool operator<(const RunCondition& other) const;
};
/// The condition of a run (see RunCondition for the task prefix).
RunCondition runCondition(const ResultRow& run);

/// Whether `rows` hold a run of `policy`.
bool hasRuns(const std::vector<ResultRow>& rows, const QString& policy);

/// The runs of one policy in input order. Throws aip::Error "SOURCE: no runs of policy 'P'"
/// when there are none.
std::vector<ResultRow> runsOfPolicy(const std::vector<ResultRow>& rows, const QString& policy,
                                    const QString& sourceName);

/// Throws aip::Error "WHAT 'NAME' is listed twice" for the first repeated name.
void requireDistinct(const QStringList& names, const QString& what);

}  // namespace aip
