#include "analysis/statisticaltests.h"

#include "analysis/runselection.h"
#include "analysis/statistics.h"
#include "common/atomicfile.h"
#include "common/csv.h"
#include "common/error.h"
#include "config/protocolconfig.h"
#include "results/csvcells.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

namespace aip {

namespace {

using RunKey = std::tuple<QString, QString, std::uint64_t>;

std::map<RunKey, ResultRow> runsByKey(const std::vector<ResultRow>& rows, const QString& policy,
                                      const QString& sourceName) {
    std::map<RunKey, ResultRow> runs;
    for (const ResultRow& row : runsOfPolicy(rows, policy, sourceName)) {
        if (!runs.emplace(RunKey{row.workload, row.deadlineSet, row.seed}, row).second) {
            throw Error(QStringLiteral("%1: policy %2 has two runs for %3")
                            .arg(resultsLabel(sourceName), policy, describeRun(row)));
        }
    }
    return runs;
}

const QString kMetric = QStringLiteral("metric");
const QString kPolicy = QStringLiteral("policy");
const QString kBaseline = QStringLiteral("baseline");
const QString kTask = QStringLiteral("task");
const QString kWorkload = QStringLiteral("workload");
const QString kDeadlineSet = QStringLiteral("deadline_set");
const QString kPairs = QStringLiteral("n_pairs");
const QString kSignificant = QStringLiteral("significant");

/// The numeric columns after n_pairs, in file order.
struct NumberField {
    const char* name;
    double StatisticalTestRow::*field;
};
constexpr NumberField kNumberFields[] = {
    {"mean_diff", &StatisticalTestRow::meanDiff},
    {"ci95_low", &StatisticalTestRow::ci95Low},
    {"ci95_high", &StatisticalTestRow::ci95High},
    {"t_stat", &StatisticalTestRow::tStat},
    {"t_p", &StatisticalTestRow::tP},
    {"wilcoxon_stat", &StatisticalTestRow::wilcoxonStat},
    {"wilcoxon_p", &StatisticalTestRow::wilcoxonP},
    {"cohens_d", &StatisticalTestRow::cohensD},
    {"p_holm", &StatisticalTestRow::pHolm},
};

/// The condition columns came later: a file without any of them holds pooled rows only.
bool hasConditionColumns(const CsvTable& table) {
    return table.hasColumn(kTask) || table.hasColumn(kWorkload) || table.hasColumn(kDeadlineSet);
}

std::vector<StatisticalTestRow> statisticalTestsFromTable(const CsvTable& table) {
    const CsvCellReader cells(table);
    const bool perCondition = hasConditionColumns(table);
    QStringList required = statisticalTestColumns();
    if (!perCondition) {
        required.removeOne(kTask);
        required.removeOne(kWorkload);
        required.removeOne(kDeadlineSet);
    }
    cells.requireColumns(required);
    std::vector<StatisticalTestRow> rows;
    for (qsizetype i = 0; i < table.rowCount(); ++i) {
        StatisticalTestRow row;
        row.metric = cells.text(i, kMetric);
        row.policy = cells.text(i, kPolicy);
        row.baseline = cells.text(i, kBaseline);
        if (perCondition) {
            // A file of one task leaves the task of its conditions empty.
            row.condition = {cells.text(i, kTask, true), cells.text(i, kWorkload),
                             cells.text(i, kDeadlineSet)};
        }
        const std::uint64_t pairs = cells.unsignedInteger(i, kPairs);
        if (pairs > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) {
            cells.fail(i, kPairs, QStringLiteral("too large"));
        }
        row.nPairs = static_cast<int>(pairs);
        for (const NumberField& f : kNumberFields) {
            row.*f.field = cells.number(i, QLatin1String(f.name));
        }
        row.significant = cells.boolean(i, kSignificant);
        rows.push_back(row);
    }
    return rows;
}

StatisticalTestRow testRow(const QString& metric, const QString& policy, const QString& baseline,
                           const RunCondition& condition, const std::vector<double>& d) {
    const PairedTTest t = pairedTTest(d);
    const WilcoxonTest w = wilcoxonSignedRank(d);
    StatisticalTestRow row;
    row.metric = metric;
    row.policy = policy;
    row.baseline = baseline;
    row.condition = condition;
    row.nPairs = t.n;
    row.meanDiff = t.meanDiff;
    row.ci95Low = t.ciLow;
    row.ci95High = t.ciHigh;
    row.tStat = t.tStatistic;
    row.tP = t.pValue;
    row.wilcoxonStat = w.statistic;
    row.wilcoxonP = w.pValue;
    row.cohensD = t.cohensDz;
    return row;
}

/// Holm over the t-test p-values of every row, then the verdict at `alpha`.
void adjustAll(std::vector<StatisticalTestRow>& tests, double alpha) {
    std::vector<double> pValues;
    pValues.reserve(tests.size());
    for (const StatisticalTestRow& row : tests) {
        pValues.push_back(row.tP);
    }
    const std::vector<double> adjusted = holmAdjust(pValues);
    for (size_t i = 0; i < tests.size(); ++i) {
        tests[i].pHolm = adjusted[i];
        tests[i].significant = adjusted[i] < alpha;  // false for NaN
    }
}

}  // namespace

std::vector<ConditionPairs> pairsByCondition(const std::vector<RunPair>& pairs) {
    std::map<RunCondition, std::vector<RunPair>> byCondition;
    for (const RunPair& pair : pairs) {
        byCondition[runCondition(pair.policy)].push_back(pair);
    }
    std::vector<ConditionPairs> out;
    out.reserve(byCondition.size());
    for (auto& [condition, conditionPairs] : byCondition) {
        out.push_back({condition, std::move(conditionPairs)});
    }
    return out;
}

std::vector<RunPair> pairRuns(const std::vector<ResultRow>& rows, const QString& policy,
                              const QString& baseline, const QString& sourceName) {
    const std::map<RunKey, ResultRow> policyRuns = runsByKey(rows, policy, sourceName);
    const std::map<RunKey, ResultRow> baselineRuns = runsByKey(rows, baseline, sourceName);
    const auto checkPartners = [&](const std::map<RunKey, ResultRow>& from, const QString& has,
                                   const std::map<RunKey, ResultRow>& to, const QString& lacks) {
        for (const auto& [key, row] : from) {
            if (!to.contains(key)) {
                throw Error(QStringLiteral("%1: %2 has a run for %3 but %4 has none; paired "
                                           "tests need both")
                                .arg(resultsLabel(sourceName), has, describeRun(row), lacks));
            }
        }
    };
    checkPartners(policyRuns, policy, baselineRuns, baseline);
    checkPartners(baselineRuns, baseline, policyRuns, policy);
    std::vector<RunPair> pairs;
    pairs.reserve(policyRuns.size());
    for (const auto& [key, row] : policyRuns) {
        pairs.push_back({row, baselineRuns.at(key)});
    }
    return pairs;
}

std::vector<double> pairedDifferences(const std::vector<RunPair>& pairs, const QString& metric,
                                      const QString& sourceName) {
    std::vector<double> differences;
    differences.reserve(pairs.size());
    for (const RunPair& pair : pairs) {
        for (const ResultRow* run : {&pair.policy, &pair.baseline}) {
            const double value = run->metric(metric);
            if (!std::isfinite(value)) {
                throw Error(QStringLiteral("%1: %2 of policy %3 is %4 for %5; paired tests "
                                           "need a finite value")
                                .arg(resultsLabel(sourceName), metric, run->policy)
                                .arg(value)
                                .arg(describeRun(*run)));
            }
        }
        differences.push_back(pair.policy.metric(metric) - pair.baseline.metric(metric));
    }
    return differences;
}

QStringList statisticalTestColumns() {
    QStringList columns{kMetric, kPolicy, kBaseline, kTask, kWorkload, kDeadlineSet, kPairs};
    for (const NumberField& f : kNumberFields) {
        columns << QLatin1String(f.name);
    }
    columns << kSignificant;
    return columns;
}

std::vector<StatisticalTestRow> computeStatisticalTests(const std::vector<ResultRow>& rows,
                                                        const QStringList& metrics,
                                                        const QString& policy,
                                                        const QStringList& baselines, double alpha,
                                                        const QString& sourceName) {
    if (!(alpha > 0.0 && alpha < 1.0)) {
        throw Error(
            QStringLiteral("significance level alpha = %1 is not inside (0, 1)").arg(alpha));
    }
    requireDistinct(metrics, QStringLiteral("metric"));
    requireDistinct(baselines, QStringLiteral("baseline"));
    for (const QString& metric : metrics) {
        if (!knownMetrics().contains(metric)) {
            ResultRow().metric(metric);  // throws naming the known metrics
        }
    }
    if (baselines.contains(policy)) {
        throw Error(QStringLiteral("policy %1 cannot be its own baseline").arg(policy));
    }

    std::vector<std::vector<RunPair>> pairsPerBaseline;
    for (const QString& baseline : baselines) {
        pairsPerBaseline.push_back(pairRuns(rows, policy, baseline, sourceName));
    }

    std::vector<StatisticalTestRow> tests;
    for (const QString& metric : metrics) {
        for (qsizetype b = 0; b < baselines.size(); ++b) {
            const std::vector<RunPair>& pairs = pairsPerBaseline[static_cast<size_t>(b)];
            tests.push_back(testRow(metric, policy, baselines.at(b), RunCondition::pooled(),
                                    pairedDifferences(pairs, metric, sourceName)));
        }
    }
    for (const QString& metric : metrics) {
        for (qsizetype b = 0; b < baselines.size(); ++b) {
            for (const ConditionPairs& group :
                 pairsByCondition(pairsPerBaseline[static_cast<size_t>(b)])) {
                tests.push_back(testRow(metric, policy, baselines.at(b), group.condition,
                                        pairedDifferences(group.pairs, metric, sourceName)));
            }
        }
    }
    adjustAll(tests, alpha);
    return tests;
}

QByteArray formatStatisticalTests(const std::vector<StatisticalTestRow>& rows) {
    CsvWriter writer(statisticalTestColumns());
    for (const StatisticalTestRow& row : rows) {
        QStringList fields{row.metric,
                           row.policy,
                           row.baseline,
                           row.condition.task,
                           row.condition.workload,
                           row.condition.deadlineSet,
                           QString::number(row.nPairs)};
        for (const NumberField& f : kNumberFields) {
            fields << csv::number(row.*f.field);
        }
        fields << (row.significant ? QStringLiteral("true") : QStringLiteral("false"));
        writer.addRow(fields);
    }
    return writer.data();
}

void writeStatisticalTests(const QString& path, const std::vector<StatisticalTestRow>& rows) {
    writeFileAtomically(path, formatStatisticalTests(rows));
}

std::vector<StatisticalTestRow> computeAndWriteStatisticalTests(
    const QString& path, const std::vector<ResultRow>& rows, const QStringList& metrics,
    const QString& policy, const QStringList& baselines, double alpha,
    const QString& resultsSource) {
    std::vector<StatisticalTestRow> tests =
        computeStatisticalTests(rows, metrics, policy, baselines, alpha, resultsSource);
    writeStatisticalTests(path, tests);
    return tests;
}

std::vector<StatisticalTestRow> parseStatisticalTests(const QByteArray& data,
                                                      const QString& sourceName) {
    return statisticalTestsFromTable(CsvTable::parse(data, sourceName));
}

std::vector<StatisticalTestRow> readStatisticalTests(const QString& path) {
    return statisticalTestsFromTable(CsvTable::load(path));
}

}  // namespace aip
