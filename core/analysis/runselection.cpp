#include "analysis/runselection.h"

#include "common/error.h"

#include <algorithm>
#include <tuple>

namespace aip {

namespace {

const QString kPooled = QStringLiteral("all");

}  // namespace

RunCondition RunCondition::pooled() {
    return {kPooled, kPooled, kPooled};
}

bool RunCondition::isPooled() const {
    return *this == pooled();
}

QString RunCondition::describe() const {
    if (isPooled()) {
        return QStringLiteral("pooled");
    }
    const QString rest = workload + QStringLiteral(" / ") + deadlineSet;
    return task.isEmpty() ? rest : task + QStringLiteral(" / ") + rest;
}

bool RunCondition::operator<(const RunCondition& other) const {
    return std::tie(task, workload, deadlineSet) <
           std::tie(other.task, other.workload, other.deadlineSet);
}

RunCondition runCondition(const ResultRow& run) {
    const qsizetype colon = run.workload.indexOf(u':');
    if (colon < 0) {
        return {QString(), run.workload, run.deadlineSet};
    }
    return {run.workload.left(colon), run.workload.mid(colon + 1), run.deadlineSet};
}

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
