#include "analysis/hypotheses.h"

#include "analysis/pareto.h"
#include "analysis/runselection.h"
#include "analysis/statisticaltests.h"
#include "analysis/statistics.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace aip {

namespace {

/// The baselines a dominated share counts: those listed, or for "all" every policy with runs
/// but the hypothesis's own and the bounds, sorted.
QStringList dominanceBaselines(const std::vector<ResultRow>& results, const HypothesisSpec& h) {
    if (!h.baselines.isEmpty()) {
        return h.baselines;
    }
    QStringList names;
    for (const ResultRow& r : results) {
        if (r.policy != h.policy && !knownBounds().contains(r.policy) &&
            !names.contains(r.policy)) {
            names << r.policy;
        }
    }
    names.sort();
    return names;
}

/// "no runs of A,B" when the policy or a baseline has none; empty otherwise.
QString missingRuns(const std::vector<ResultRow>& results, const QStringList& policies) {
    QStringList missing;
    for (const QString& name : policies) {
        if (!hasRuns(results, name)) {
            missing << name;
        }
    }
    return missing.isEmpty() ? QString() : QStringLiteral("no runs of %1").arg(missing.join(u','));
}

HypothesisRow differenceRow(const RunCondition& condition, const std::vector<double>& d,
                            Alternative alternative) {
    const PairedTTest t = pairedTTest(d);
    HypothesisRow row;
    row.condition = condition;
    row.n = t.n;
    row.measured = t.meanDiff;
    row.ciLow = t.ciLow;
    row.ciHigh = t.ciHigh;
    row.tP = pairedTTestPValue(d, alternative);
    row.wilcoxonP = wilcoxonPValue(d, alternative);
    return row;
}

std::vector<HypothesisRow> differenceRows(const std::vector<ResultRow>& results,
                                          const HypothesisSpec& h, const QString& source) {
    const Alternative alternative = alternativeFromName(h.alternative);
    const std::vector<RunPair> pairs = pairRuns(results, h.policy, h.baseline, source);
    std::vector<HypothesisRow> rows{differenceRow(
        RunCondition::pooled(), pairedDifferences(pairs, h.metric, source), alternative)};
    for (const ConditionPairs& group : pairsByCondition(pairs)) {
        rows.push_back(differenceRow(
            group.condition, pairedDifferences(group.pairs, h.metric, source), alternative));
    }
    return rows;
}

HypothesisRow shareRow(const RunCondition& condition, const DominanceCount& count) {
    const MeanInterval interval = wilsonInterval(count.dominated, count.runs);
    HypothesisRow row;
    row.condition = condition;
    row.n = count.runs;
    row.dominated = count.dominated;
    row.measured = count.share();
    row.ciLow = interval.low;
    row.ciHigh = interval.high;
    return row;
}

std::vector<HypothesisRow> shareRows(const std::vector<ResultRow>& results, const HypothesisSpec& h,
                                     const QStringList& baselines, const QString& source) {
    std::map<RunCondition, DominanceCount> counts;
    for (const QString& baseline : baselines) {
        for (const auto& [condition, count] : dominanceByCondition(
                 results, h.policy, baseline, paretoSpaceFromName(h.space), source)) {
            counts[condition] += count;
        }
    }
    std::vector<HypothesisRow> rows{shareRow(RunCondition::pooled(), pooledDominance(counts))};
    for (const auto& [condition, count] : counts) {
        rows.push_back(shareRow(condition, count));
    }
    return rows;
}

/// Whether the interval shows the effect weaker than claimed.
bool claimBeyondInterval(const HypothesisSpec& h, const HypothesisRow& row) {
    if (!h.claimed) {
        return false;
    }
    const double claimed = *h.claimed;
    if (h.isDominatedShare() || h.alternative == u"greater") {
        return !(claimed <= row.ciHigh);
    }
    if (h.alternative == u"less") {
        return !(claimed >= row.ciLow);
    }
    return !(claimed >= row.ciLow && claimed <= row.ciHigh);
}

bool policyLoses(const HypothesisSpec& h, const HypothesisRow& row) {
    if (h.isDominatedShare()) {
        return row.measured < *h.claimed;
    }
    bool higherIsBetter = h.alternative == u"greater";
    if (h.alternative == u"two-sided") {
        const MetricDirection direction = metricDirection(h.metric);
        if (direction == MetricDirection::Neutral) {
            return false;
        }
        higherIsBetter = direction == MetricDirection::HigherIsBetter;
    }
    return higherIsBetter ? row.measured < 0.0 : row.measured > 0.0;
}

HypothesisOutcome evaluate(const std::vector<ResultRow>& results, const HypothesisSpec& h,
                           const QString& source) {
    HypothesisOutcome outcome{h, {}, {}};
    if (h.isDominatedShare()) {
        const QStringList baselines = dominanceBaselines(results, h);
        outcome.notTested = missingRuns(results, QStringList{h.policy} + baselines);
        if (baselines.isEmpty()) {
            outcome.notTested = QStringLiteral("no baseline runs");
        }
        if (outcome.notTested.isEmpty()) {
            outcome.rows = shareRows(results, h, baselines, source);
        }
        return outcome;
    }
    outcome.notTested = missingRuns(results, {h.policy, h.baseline});
    if (outcome.notTested.isEmpty()) {
        outcome.rows = differenceRows(results, h, source);
    }
    return outcome;
}

/// Holm over the t-test p of every row of every metric comparison, then each row's verdict.
void decide(std::vector<HypothesisOutcome>& outcomes, double alpha) {
    std::vector<double> pValues;
    for (const HypothesisOutcome& o : outcomes) {
        for (const HypothesisRow& row : o.rows) {
            pValues.push_back(row.tP);  // NaN for a share: outside the family
        }
    }
    const std::vector<double> adjusted = holmAdjust(pValues);
    size_t next = 0;
    for (HypothesisOutcome& o : outcomes) {
        for (HypothesisRow& row : o.rows) {
            row.pHolm = adjusted[next++];
            const bool significant = o.spec.isDominatedShare() || row.pHolm < alpha;
            row.supported = significant && !claimBeyondInterval(o.spec, row);
            row.policyLoses = policyLoses(o.spec, row);
        }
    }
}

}  // namespace

MetricDirection metricDirection(const QString& metric) {
    if (metric == QLatin1String("hit_rate") || metric == QLatin1String("accuracy") ||
        metric == QLatin1String("effective_accuracy")) {
        return MetricDirection::HigherIsBetter;
    }
    if (metric == QLatin1String("cost_per_1k") || metric == QLatin1String("p50_ms") ||
        metric == QLatin1String("p95_ms") || metric == QLatin1String("p99_ms")) {
        return MetricDirection::LowerIsBetter;
    }
    if (metric == QLatin1String("escalation_rate")) {
        return MetricDirection::Neutral;
    }
    ResultRow().metric(metric);  // throws naming the known metrics
    return MetricDirection::Neutral;
}

bool HypothesisOutcome::supported() const {
    return !rows.empty() && rows.front().supported;
}

std::vector<HypothesisOutcome> evaluateHypotheses(const std::vector<ResultRow>& results,
                                                  const ProtocolConfig& protocol,
                                                  const QString& resultsSource) {
    std::vector<HypothesisOutcome> outcomes;
    for (const HypothesisSpec& h : protocol.hypotheses) {
        outcomes.push_back(evaluate(results, h, resultsSource));
    }
    decide(outcomes, protocol.alpha);
    return outcomes;
}

}  // namespace aip
