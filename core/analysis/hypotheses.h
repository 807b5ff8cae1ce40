#pragma once

#include "analysis/runselection.h"
#include "config/protocolconfig.h"
#include "results/resultstable.h"

#include <QString>

#include <limits>
#include <vector>

namespace aip {

/// Which way a metric improves: rates of hits and correct answers up; latency and cost down.
/// The escalation rate has no better side (it trades compute for accuracy).
enum class MetricDirection { HigherIsBetter, LowerIsBetter, Neutral };
MetricDirection metricDirection(const QString& metric);

/// One row of a hypothesis's evaluation: every condition pooled, or one condition.
/// A metric comparison: `n` pairs; `measured` is the mean difference policy − baseline with its
/// 95% t interval; tP and wilcoxonP are the paired t-test's and the signed-rank test's p for
/// the declared alternative; pHolm adjusts tP over the rows of every tested metric comparison of
/// the protocol, pooled and per condition together.
/// A dominated share: `n` baseline runs, `dominated` of them dominated by the policy's run on
/// the same trace; `measured` is the share with its 95% Wilson interval; no test (p NaN).
struct HypothesisRow {
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    RunCondition condition;
    int n = 0;
    int dominated = 0;
    double measured = kNaN;
    double ciLow = kNaN;
    double ciHigh = kNaN;
    double tP = kNaN;
    double wilcoxonP = kNaN;
    double pHolm = kNaN;
    /// A metric comparison: pHolm < alpha, and a claimed difference is not beyond the interval
    /// (above its upper bound for "greater", below its lower bound for "less", outside it for
    /// "two-sided"). A dominated share: the claimed share is not above the upper bound.
    bool supported = false;
    /// The policy is on the losing side: a mean difference against the alternative (for
    /// "two-sided", against the metric's better side), or a share below the claimed one.
    bool policyLoses = false;
};

/// A hypothesis of the protocol and what the results say about it.
struct HypothesisOutcome {
    HypothesisSpec spec;
    /// Why it was not tested ("no runs of INFaaS"); empty when it was.
    QString notTested;
    /// The pooled row first, then one row per condition in RunCondition order.
    std::vector<HypothesisRow> rows;

    /// The verdict of the pooled row; false when not tested.
    bool supported() const;
};

/// Evaluates every hypothesis of `protocol` on the runs of all_results.csv, at its alpha.
/// A dominated share over baseline "all" counts every policy with runs other than the
/// hypothesis's own and the hindsight bounds (knownBounds()); its counts are those of
/// dominanceByCondition(), the numbers pareto_analysis.csv's condition rows hold, added up over
/// the baselines. A hypothesis whose policy or a baseline has no runs is not tested. Throws
/// aip::Error (naming `resultsSource`) for pairing errors.
std::vector<HypothesisOutcome> evaluateHypotheses(const std::vector<ResultRow>& results,
                                                  const ProtocolConfig& protocol,
                                                  const QString& resultsSource = QString());

}  // namespace aip
