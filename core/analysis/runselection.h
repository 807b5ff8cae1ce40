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

/// Whether `rows` hold a run of `policy`.
bool hasRuns(const std::vector<ResultRow>& rows, const QString& policy);

/// The runs of one policy in input order. Throws aip::Error "SOURCE: no runs of policy 'P'"
/// when there are none.
std::vector<ResultRow> runsOfPolicy(const std::vector<ResultRow>& rows, const QString& policy,
                                    const QString& sourceName);

/// Throws aip::Error "WHAT 'NAME' is listed twice" for the first repeated name.
void requireDistinct(const QStringList& names, const QString& what);

}  // namespace aip
