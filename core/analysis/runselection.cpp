#include "analysis/runselection.h"

#include "common/error.h"

#include <algorithm>
#include <tuple>

namespace aip {

QString resultsLabel(const QString& sourceName) {
    return sourceName.isEmpty() ? QStringLiteral("results") : sourceName;
}

QString describeRun(const ResultRow& run) {
    return QStringLiteral("workload %1, deadline set %2, seed %3")
        .arg(run.workload, run.deadlineSet)
        .arg(run.seed);
}

bool hasRuns(const std::vector<ResultRow>& rows, const QString& policy) {
    return std::any_of(rows.begin(), rows.end(),
                       [&](const ResultRow& r) { return r.policy == policy; });
}

std::vector<ResultRow> runsOfPolicy(const std::vector<ResultRow>& rows, const QString& policy,
                                    const QString& sourceName) {
    std::vector<ResultRow> runs;
    for (const ResultRow& row : rows) {
        if (row.policy == policy) {
            runs.push_back(row);
        }
    }
    if (runs.empty()) {
        throw Error(
            QStringLiteral("%1: no runs of policy '%2'").arg(resultsLabel(sourceName), policy));
    }
    return runs;
}

void requireDistinct(const QStringList& names, const QString& what) {
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (names.indexOf(names.at(i)) != i) {
            throw Error(QStringLiteral("%1 '%2' is listed twice").arg(what, names.at(i)));
        }
    }
}

}  // namespace aip
