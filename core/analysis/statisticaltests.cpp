#include "analysis/statisticaltests.h"

#include "analysis/runselection.h"
#include "analysis/statistics.h"
#include "common/csv.h"
#include "common/error.h"
#include "config/protocolconfig.h"

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

std::vector<StatisticalTestRow> computeAndWriteStatisticalTests(
    const QString& path, const std::vector<ResultRow>& rows, const QStringList& metrics,
    const QString& policy, const QStringList& baselines, double alpha,
    const QString& resultsSource) {
    std::vector<StatisticalTestRow> tests =
        computeStatisticalTests(rows, metrics, policy, baselines, alpha, resultsSource);
    writeStatisticalTests(path, tests);
    return tests;
}

}  // namespace aip
