#include "reports/reporttables.h"

#include "analysis/reportdata.h"
#include "analysis/summary.h"
#include "plots/policypalette.h"

#include <QHash>

#include <functional>

namespace aip {

namespace {

QVariantList conditionCells(const RunCondition& condition) {
    return {condition.task, condition.workload, condition.deadlineSet};
}

/// A value per metric of a row.
template <class Row>
using MetricOf = std::function<double(const Row&)>;

/// Rows grouped by `keyOf` (first-seen order, then policies in figure order when `policyColumn`
/// names a key column), each group one row: its key, n, and per metric mean and
/// ci95_half_width over its rows (NaN values left out, as the figures do).
template <class Row>
ReportTable replicateTable(const std::vector<Row>& rows, const QStringList& keyColumns,
                           const std::function<QStringList(const Row&)>& keyOf,
                           const std::vector<std::pair<QString, MetricOf<Row>>>& metrics) {
    ReportTable table;
    table.columns = keyColumns;
    table.columns << QStringLiteral("n");
    for (const auto& [name, value] : metrics) {
        table.columns << name << name + QStringLiteral("_ci95_half_width");
    }
    QList<QStringList> keys;
    QHash<QString, std::vector<const Row*>> groups;
    for (const Row& row : rows) {
        const QStringList key = keyOf(row);
        const QString joined = key.join(u'\x1f');
        if (!groups.contains(joined)) {
            keys.append(key);
        }
        groups[joined].push_back(&row);
    }
    for (const QStringList& key : keys) {
        const std::vector<const Row*>& group = groups.value(key.join(u'\x1f'));
        QVariantList cells;
        for (const QString& part : key) {
            cells << part;
        }
        cells << static_cast<int>(group.size());
        for (const auto& [name, value] : metrics) {
            std::vector<double> values;
            for (const Row* row : group) {
                values.push_back(value(*row));
            }
            const ReplicateSummary s = summarizeReplicates(values);
            cells << s.mean << s.ci95HalfWidth;
        }
        table.rows.push_back(cells);
    }
    return table;
}

/// Orders the rows by their leading key columns (before `column`, in first-seen order), then by
/// the policy in `column` in the figures' order (orderedPolicies).
void orderPolicies(ReportTable& table, int column) {
    const QStringList order = orderedPolicies(table.distinct(column));
    QHash<QString, int> groupRank;
    const auto groupOf = [column](const QVariantList& row) {
        QStringList key;
        for (int c = 0; c < column; ++c) {
            key << row.value(c).toString();
        }
        return key.join(u'\x1f');
    };
    for (const QVariantList& row : table.rows) {
        groupRank.insert(groupOf(row), groupRank.value(groupOf(row), int(groupRank.size())));
    }
    std::stable_sort(table.rows.begin(), table.rows.end(),
                     [&](const QVariantList& a, const QVariantList& b) {
                         const int ga = groupRank.value(groupOf(a));
                         const int gb = groupRank.value(groupOf(b));
                         if (ga != gb) {
                             return ga < gb;
                         }
                         return order.indexOf(a.value(column).toString()) <
                                order.indexOf(b.value(column).toString());
                     });
}

}  // namespace

ReportTable statisticalTestsTable(const std::vector<StatisticalTestRow>& rows) {
    ReportTable table;
    table.columns = statisticalTestColumns();
    table.columns << QStringLiteral("verdict");
    for (const StatisticalTestRow& r : rows) {
        QVariantList cells{r.metric, r.policy, r.baseline};
        cells << conditionCells(r.condition);
        cells << r.nPairs << r.meanDiff << r.ci95Low << r.ci95High << r.tStat << r.tP
              << r.wilcoxonStat << r.wilcoxonP << r.cohensD << r.pHolm << r.significant
              << verdictOf(r);
        table.rows.push_back(cells);
    }
    return table;
}

ReportTable claimsTable(const std::vector<HypothesisOutcome>& outcomes) {
    ReportTable table;
    // Claimed beside measured, and the verdict, first: the statement is long.
    table.columns = {
        QStringLiteral("id"),       QStringLiteral("claimed"),   QStringLiteral("measured"),
        QStringLiteral("ci95_low"), QStringLiteral("ci95_high"), QStringLiteral("p_holm"),
        QStringLiteral("result"),   QStringLiteral("metric"),    QStringLiteral("policy"),
        QStringLiteral("baseline"), QStringLiteral("statement")};
    constexpr double kNaN = HypothesisRow::kNaN;
    for (const HypothesisOutcome& o : outcomes) {
        const HypothesisRow pooled = o.rows.empty() ? HypothesisRow{} : o.rows.front();
        const QString result = !o.notTested.isEmpty()
                                   ? QStringLiteral("not tested: %1").arg(o.notTested)
                               : o.supported() ? QStringLiteral("supported")
                                               : QStringLiteral("not supported");
        table.rows.push_back({o.spec.id, o.spec.claimed.value_or(kNaN), pooled.measured,
                              pooled.ciLow, pooled.ciHigh, pooled.pHolm, result, o.spec.metric,
                              o.spec.policy, o.spec.baseline, o.spec.statement});
    }
    return table;
}

ReportTable hypervolumeTable(const std::vector<ParetoAnalysisRow>& rows) {
    ReportTable table;
    table.columns = {QStringLiteral("method"),       QStringLiteral("space"),
                     QStringLiteral("task"),         QStringLiteral("workload"),
                     QStringLiteral("deadline_set"), QStringLiteral("n_points"),
                     QStringLiteral("hypervolume"),  QStringLiteral("dominated_share")};
    for (const ParetoAnalysisRow& r : rows) {
        if (r.kind == u"point") {
            continue;
        }
        QVariantList cells{r.method, r.space};
        cells << conditionCells(r.condition);
        cells << r.nPoints << r.hypervolume << r.dominatedShare;
        table.rows.push_back(cells);
    }
    return table;
}

ReportTable policyMetricTable(const std::vector<ResultRow>& rows, const QString& metric) {
    ReportTable table = replicateTable<ResultRow>(
        rows, {QStringLiteral("policy")}, [](const ResultRow& r) { return QStringList{r.policy}; },
        {{metric, [metric](const ResultRow& r) { return r.metric(metric); }}});
    orderPolicies(table, 0);
    return table;
}

ReportTable ablationTable(const std::vector<AblationRow>& rows) {
    ReportTable table = replicateTable<AblationRow>(
        rows, {QStringLiteral("value"), QStringLiteral("policy")},
        [](const AblationRow& r) {
            return QStringList{r.value, r.run.policy};
        },
        {{QStringLiteral("effective_accuracy"),
          [](const AblationRow& r) { return r.run.effectiveAccuracy; }},
         {QStringLiteral("hit_rate"), [](const AblationRow& r) { return r.run.hitRate; }}});
    orderPolicies(table, 1);
    return table;
}

ReportTable failureTable(const std::vector<FailureAnalysisRow>& rows) {
    ReportTable table = replicateTable<FailureAnalysisRow>(
        rows, {QStringLiteral("scenario"), QStringLiteral("policy"), QStringLiteral("handler")},
        [](const FailureAnalysisRow& r) {
            return QStringList{r.scenario, r.run.policy,
                               r.handlerOn ? QStringLiteral("on") : QStringLiteral("off")};
        },
        {{QStringLiteral("hit_rate"), [](const FailureAnalysisRow& r) { return r.run.hitRate; }},
         {QStringLiteral("effective_accuracy"),
          [](const FailureAnalysisRow& r) { return r.run.effectiveAccuracy; }},
         {QStringLiteral("recovery_ms"), [](const FailureAnalysisRow& r) { return r.recoveryMs; }},
         {QStringLiteral("failures"),
          [](const FailureAnalysisRow& r) { return static_cast<double>(r.failures); }},
         {QStringLiteral("fallbacks"),
          [](const FailureAnalysisRow& r) { return static_cast<double>(r.fallbacks); }}});
    return table;
}

ReportTable workloadTable(const std::vector<ResultRow>& rows) {
    ReportTable table = replicateTable<ResultRow>(
        rows,
        {QStringLiteral("workload"), QStringLiteral("deadline_set"), QStringLiteral("policy")},
        [](const ResultRow& r) {
            return QStringList{r.workload, r.deadlineSet, r.policy};
        },
        {{QStringLiteral("effective_accuracy"),
          [](const ResultRow& r) { return r.effectiveAccuracy; }},
         {QStringLiteral("hit_rate"), [](const ResultRow& r) { return r.hitRate; }}});
    return table;
}

}  // namespace aip
