#include "analysis/summary.h"

#include "analysis/runselection.h"
#include "analysis/statistics.h"
#include "common/atomicfile.h"
#include "common/error.h"
#include "config/protocolconfig.h"

#include <QStringList>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace aip {

namespace {

const QString kNotSignificant = QStringLiteral("no significant difference");

/// A value for a table cell: 4 significant digits, "n/a" where there is none.
QString cell(double value, int digits = 4) {
    if (std::isnan(value)) {
        return QStringLiteral("n/a");
    }
    return QString::number(value, 'g', digits);
}

QString signedCell(double value) {
    const QString text = cell(value);
    return value > 0 ? u'+' + text : text;
}

QString escapeCell(QString text) {
    return text.replace(u'|', QStringLiteral("\\|")).replace(u'\n', u' ');
}

QString tableRow(const QStringList& cells) {
    QStringList escaped;
    for (const QString& c : cells) {
        escaped << escapeCell(c);
    }
    return QStringLiteral("| ") + escaped.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
}

QString tableHeader(const QStringList& names) {
    return tableRow(names) + QStringLiteral("|") + QStringLiteral("---|").repeated(names.size()) +
           u'\n';
}

double meanOf(const std::vector<RunPair>& pairs, const QString& metric, bool policySide) {
    double sum = 0.0;
    for (const RunPair& pair : pairs) {
        sum += (policySide ? pair.policy : pair.baseline).metric(metric);
    }
    return sum / static_cast<double>(pairs.size());
}

/// " Within single conditions, … better in B and worse in W of N comparisons." for the
/// per-condition rows of `policy`; empty where there are none.
QString conditionCountsText(const QString& policy, const std::vector<StatisticalTestRow>& tests) {
    int better = 0;
    int worse = 0;
    int total = 0;
    for (const StatisticalTestRow& row : tests) {
        if (row.policy != policy || row.condition.isPooled()) {
            continue;
        }
        ++total;
        const QString verdict = verdictOf(row);
        better += verdict == QLatin1String("better") ? 1 : 0;
        worse += verdict == QLatin1String("worse") ? 1 : 0;
    }
    if (total == 0) {
        return {};
    }
    return QStringLiteral(
               " Within single conditions (task × workload × deadline set, paired over the "
               "seeds) it is significantly better in %1 and significantly worse in %2 of %3 "
               "comparisons; statistical_tests.csv lists each.")
        .arg(better)
        .arg(worse)
        .arg(total);
}

QString headlineSection(const QString& policy, const std::vector<ResultRow>& results,
                        const std::vector<StatisticalTestRow>& tests,
                        const QString& resultsSource) {
    QString md = QStringLiteral("## %1 against the baselines\n\n").arg(policy);
    QString table =
        tableHeader({QStringLiteral("metric"), QStringLiteral("baseline"),
                     policy + QStringLiteral(" mean"), QStringLiteral("baseline mean"),
                     QStringLiteral("difference [95% CI]"), QStringLiteral("t-test p"),
                     QStringLiteral("Holm p"), QStringLiteral("d_z"), QStringLiteral("verdict")});
    QStringList losses;
    int better = 0;
    int worse = 0;
    int neutral = 0;
    int notSignificant = 0;
    for (const StatisticalTestRow& row : tests) {
        if (row.policy != policy || !row.condition.isPooled()) {
            continue;
        }
        const std::vector<RunPair> pairs =
            pairRuns(results, row.policy, row.baseline, resultsSource);
        const double policyMean = meanOf(pairs, row.metric, true);
        const double baselineMean = meanOf(pairs, row.metric, false);
        const QString verdict = verdictOf(row);
        if (verdict == QLatin1String("better")) {
            ++better;
        } else if (verdict == QLatin1String("worse")) {
            ++worse;
            losses << QStringLiteral(
                          "- **%1 is worse than %2 on %3**: %4 against %5 (difference "
                          "%6, 95% CI [%7, %8], Holm p = %9, d_z = %10).\n")
                          .arg(policy, row.baseline, row.metric, cell(policyMean),
                               cell(baselineMean), signedCell(row.meanDiff), cell(row.ci95Low),
                               cell(row.ci95High), cell(row.pHolm, 3))
                          .arg(cell(row.cohensD, 3));
        } else if (verdict == kNotSignificant) {
            ++notSignificant;
        } else {
            ++neutral;
        }
        table +=
            tableRow({row.metric, row.baseline, cell(policyMean), cell(baselineMean),
                      QStringLiteral("%1 [%2, %3]")
                          .arg(signedCell(row.meanDiff), cell(row.ci95Low), cell(row.ci95High)),
                      cell(row.tP, 3), cell(row.pHolm, 3), cell(row.cohensD, 3), verdict});
    }
    md += QStringLiteral(
              "%1 is significantly better in %2 and significantly worse in %3 of %4 "
              "comparisons; %5 show no significant difference")
              .arg(policy)
              .arg(better)
              .arg(worse)
              .arg(better + worse + neutral + notSignificant)
              .arg(notSignificant);
    if (neutral > 0) {
        md += QStringLiteral(" and %1 differ on a metric without a better side").arg(neutral);
    }
    md += QStringLiteral(".") + conditionCountsText(policy, tests) + QStringLiteral("\n\n") +
          table + u'\n';
    if (losses.isEmpty()) {
        md += QStringLiteral(
                  "%1 is not significantly worse than any baseline on any metric "
                  "tested.\n\n")
                  .arg(policy);
    } else {
        md += QStringLiteral("Where %1 loses:\n\n").arg(policy) + losses.join(QString()) + u'\n';
    }
    return md;
}

/// The policy against each hindsight bound with runs: where it stands, not a test to pass.
QString boundsSection(const QString& policy, const QStringList& bounds,
                      const std::vector<ResultRow>& results, const QString& resultsSource) {
    QStringList present;
    for (const QString& bound : bounds) {
        if (hasRuns(results, bound)) {
            present << bound;
        }
    }
    if (present.isEmpty() || !hasRuns(results, policy)) {
        return {};
    }
    QString md = QStringLiteral("## %1 against the bounds\n\n").arg(policy);
    md += QStringLiteral(
        "The bounds are computed in hindsight on each run's own trace and are not tested "
        "against. BestFixedInHindsight is the single table entry (cascades included) with the "
        "best effective accuracy on that trace: a policy above it gains, by changing "
        "configuration from request to request, more than any one configuration chosen up front "
        "could. No policy exceeds the Oracle. Differences are policy − bound over the paired "
        "runs, with the 95% t interval.\n\n");
    md += tableHeader({QStringLiteral("metric"), QStringLiteral("bound"),
                       policy + QStringLiteral(" mean"), QStringLiteral("bound mean"),
                       QStringLiteral("difference [95% CI]"),
                       QStringLiteral("runs with ") + policy + QStringLiteral(" ≥ bound")});
    for (const QString& metric :
         {QStringLiteral("effective_accuracy"), QStringLiteral("hit_rate")}) {
        for (const QString& bound : present) {
            const std::vector<RunPair> pairs = pairRuns(results, policy, bound, resultsSource);
            const std::vector<double> d = pairedDifferences(pairs, metric, resultsSource);
            const PairedTTest t = pairedTTest(d);
            const auto atLeast =
                std::count_if(d.begin(), d.end(), [](double x) { return x >= 0.0; });
            md += tableRow({metric, bound, cell(meanOf(pairs, metric, true)),
                            cell(meanOf(pairs, metric, false)),
                            QStringLiteral("%1 [%2, %3]")
                                .arg(signedCell(t.meanDiff), cell(t.ciLow), cell(t.ciHigh)),
                            QStringLiteral("%1 of %2").arg(atLeast).arg(d.size())});
        }
    }
    return md + u'\n';
}

QString intervalCell(double low, double high) {
    return QStringLiteral("[%1, %2]").arg(cell(low), cell(high));
}

QString claimedCell(const HypothesisSpec& h) {
    if (!h.claimed) {
        return QStringLiteral("—");
    }
    return h.isDominatedShare() ? cell(*h.claimed) : signedCell(*h.claimed);
}

QString measuredCell(const HypothesisSpec& h, const HypothesisRow& row) {
    const QString value = h.isDominatedShare() ? cell(row.measured) : signedCell(row.measured);
    return value + u' ' + intervalCell(row.ciLow, row.ciHigh);
}

QString verdictCell(bool supported) {
    return supported ? QStringLiteral("supported") : QStringLiteral("not supported");
}

/// "hit_rate, CascadePlanner vs INFaaS, greater" or "dominated_share (latency), … vs all".
QString comparisonText(const HypothesisSpec& h) {
    const QString what =
        h.isDominatedShare() ? QStringLiteral("%1 (%2)").arg(h.metric, h.space) : h.metric;
    QString text = QStringLiteral("%1, %2 vs %3").arg(what, h.policy, h.baseline);
    return h.isDominatedShare() ? text : text + QStringLiteral(", ") + h.alternative;
}

/// Why the pooled row is not supported, in words.
QString notSupportedReason(const HypothesisOutcome& o, double alpha) {
    const HypothesisRow& pooled = o.rows.front();
    const HypothesisSpec& h = o.spec;
    if (!h.isDominatedShare() && !(pooled.pHolm < alpha)) {
        return QStringLiteral("its Holm p = %1 is not below α = %2")
            .arg(cell(pooled.pHolm, 3))
            .arg(alpha);
    }
    return QStringLiteral("the claimed %1 lies beyond the 95% CI %2 of the measured %3")
        .arg(claimedCell(h), intervalCell(pooled.ciLow, pooled.ciHigh), cell(pooled.measured));
}

/// The conditions where the policy loses (or a share falls short of its claim).
QString lossesText(const HypothesisOutcome& o) {
    const HypothesisSpec& h = o.spec;
    QStringList losses;
    for (size_t i = 1; i < o.rows.size(); ++i) {
        if (o.rows[i].policyLoses) {
            losses << QStringLiteral("%1 (%2)").arg(
                o.rows[i].condition.describe(),
                h.isDominatedShare() ? cell(o.rows[i].measured) : signedCell(o.rows[i].measured));
        }
    }
    const QString where =
        h.isDominatedShare()
            ? QStringLiteral("The share falls short of the claimed %1").arg(claimedCell(h))
            : QStringLiteral("%1 loses (mean difference on %2's side)").arg(h.policy, h.baseline);
    if (losses.isEmpty()) {
        return where + QStringLiteral(" in none of the %1 conditions.\n").arg(o.rows.size() - 1);
    }
    return where + QStringLiteral(" in %1 of %2 conditions: %3.\n")
                       .arg(losses.size())
                       .arg(o.rows.size() - 1)
                       .arg(losses.join(QStringLiteral(", ")));
}

QString hypothesisTable(const HypothesisOutcome& o) {
    const HypothesisSpec& h = o.spec;
    QString md;
    if (h.isDominatedShare()) {
        md = tableHeader({QStringLiteral("condition"), QStringLiteral("baseline runs"),
                          QStringLiteral("dominated"), QStringLiteral("claimed share"),
                          QStringLiteral("measured share [95% CI]"), QStringLiteral("result")});
        for (const HypothesisRow& row : o.rows) {
            md += tableRow({row.condition.describe(), QString::number(row.n),
                            QString::number(row.dominated), claimedCell(h), measuredCell(h, row),
                            verdictCell(row.supported)});
        }
        return md;
    }
    md = tableHeader(
        {QStringLiteral("condition"), QStringLiteral("n"), QStringLiteral("claimed difference"),
         QStringLiteral("mean difference [95% CI]"), QStringLiteral("t-test p"),
         QStringLiteral("Wilcoxon p"), QStringLiteral("Holm p"), QStringLiteral("result")});
    for (const HypothesisRow& row : o.rows) {
        md += tableRow({row.condition.describe(), QString::number(row.n), claimedCell(h),
                        measuredCell(h, row), cell(row.tP, 3), cell(row.wilcoxonP, 3),
                        cell(row.pHolm, 3), verdictCell(row.supported)});
    }
    return md;
}

QString hypothesisDetail(const HypothesisOutcome& o, double alpha) {
    const HypothesisSpec& h = o.spec;
    QString md = QStringLiteral("### %1: %2\n\n%3").arg(h.id, h.statement, comparisonText(h));
    md += h.claimed ? QStringLiteral("; claimed %1.\n\n").arg(claimedCell(h))
                    : QStringLiteral("; no value claimed.\n\n");
    if (!o.notTested.isEmpty()) {
        return md + QStringLiteral("Not tested: %1.\n\n").arg(o.notTested);
    }
    md += hypothesisTable(o) + u'\n';
    md += o.supported() ? QStringLiteral("**%1 is supported** (pooled). ").arg(h.id)
                        : QStringLiteral("**%1 is not supported** (pooled): %2. ")
                              .arg(h.id, notSupportedReason(o, alpha));
    return md + lossesText(o) + u'\n';
}

/// One row per hypothesis: claimed beside measured, pooled.
QString hypothesesOverview(const std::vector<HypothesisOutcome>& outcomes) {
    QString md =
        tableHeader({QStringLiteral("id"), QStringLiteral("statement"), QStringLiteral("compared"),
                     QStringLiteral("claimed"), QStringLiteral("measured, pooled [95% CI]"),
                     QStringLiteral("Holm p"), QStringLiteral("result")});
    for (const HypothesisOutcome& o : outcomes) {
        const HypothesisSpec& h = o.spec;
        if (!o.notTested.isEmpty()) {
            md += tableRow({h.id, h.statement, comparisonText(h), claimedCell(h),
                            QStringLiteral("n/a"), QStringLiteral("n/a"),
                            QStringLiteral("not tested: ") + o.notTested});
            continue;
        }
        const HypothesisRow& pooled = o.rows.front();
        md +=
            tableRow({h.id, h.statement, comparisonText(h), claimedCell(h), measuredCell(h, pooled),
                      cell(pooled.pHolm, 3), verdictCell(pooled.supported)});
    }
    return md;
}

QString hypothesesSection(const std::vector<ResultRow>& results, const ProtocolConfig& protocol,
                          const QString& resultsSource) {
    QString md = QStringLiteral("## Hypotheses\n\n");
    if (protocol.hypotheses.empty()) {
        return md + QStringLiteral("The protocol declares no hypotheses.\n");
    }
    const std::vector<HypothesisOutcome> outcomes =
        evaluateHypotheses(results, protocol, resultsSource);
    qsizetype tested = 0;
    for (const HypothesisOutcome& o : outcomes) {
        if (!o.spec.isDominatedShare()) {
            tested += static_cast<qsizetype>(o.rows.size());
        }
    }
    md += QStringLiteral(
              "Each hypothesis is evaluated on all conditions pooled and within each condition "
              "(task × workload × deadline set, paired over its seeds). A hypothesis on a "
              "metric is tested on the paired differences policy − baseline with the paired "
              "t-test for its declared alternative (the Wilcoxon signed-rank p beside it for "
              "reference); the t-test p-values of all %1 such rows, pooled and per condition, "
              "are Holm-adjusted together. A row is supported when its Holm p is below α = %2 "
              "and a claimed difference does not lie beyond its 95% CI (above the upper bound "
              "for greater, below the lower bound for less, outside it for two-sided). A "
              "dominated share counts the baseline runs that the policy's run on the same "
              "trace dominates (as in pareto_analysis.csv), with the 95% Wilson interval; it "
              "is supported when the claimed share is not above the interval. A hypothesis's "
              "verdict is its pooled row's.\n\n")
              .arg(tested)
              .arg(protocol.alpha);
    md += hypothesesOverview(outcomes);
    md += u'\n';
    for (const HypothesisOutcome& o : outcomes) {
        md += hypothesisDetail(o, protocol.alpha);
    }
    return md;
}

}  // namespace

QString verdictOf(const StatisticalTestRow& row) {
    if (!row.significant || row.meanDiff == 0.0 || std::isnan(row.meanDiff)) {
        return kNotSignificant;
    }
    const bool higher = row.meanDiff > 0.0;
    switch (metricDirection(row.metric)) {
        case MetricDirection::HigherIsBetter:
            return higher ? QStringLiteral("better") : QStringLiteral("worse");
        case MetricDirection::LowerIsBetter:
            return higher ? QStringLiteral("worse") : QStringLiteral("better");
        case MetricDirection::Neutral:
            break;
    }
    return higher ? QStringLiteral("higher") : QStringLiteral("lower");
}

QString buildSummaryMarkdown(const std::vector<ResultRow>& results,
                             const std::vector<StatisticalTestRow>& tests,
                             const ProtocolConfig& protocol, const QString& resultsSource,
                             const QStringList& bounds) {
    QString md = QStringLiteral("# Summary\n\n");
    const auto pooled = std::count_if(tests.begin(), tests.end(), [](const StatisticalTestRow& r) {
        return r.condition.isPooled();
    });
    md += QStringLiteral(
              "Differences are policy − baseline over runs paired on task, workload, deadline "
              "set and seed. The headline tables below pool every condition (task × workload × "
              "deadline "
              "set); statistical_tests.csv also holds one row per condition, over its seeds. "
              "p-values are two-sided paired t-tests, Holm-adjusted over all %1 rows of "
              "statistical_tests.csv (%2 pooled, %3 within a condition); a verdict counts as "
              "significant when the adjusted p is below the α the tests were run with. Higher "
              "is better for hit_rate, accuracy and effective_accuracy; lower is better for "
              "cost_per_1k and the latency percentiles; escalation_rate has no better side.\n\n")
              .arg(tests.size())
              .arg(pooled)
              .arg(static_cast<qsizetype>(tests.size()) - pooled);
    QStringList policies;
    for (const StatisticalTestRow& row : tests) {
        if (!policies.contains(row.policy)) {
            policies << row.policy;
        }
    }
    for (const QString& policy : policies) {
        md += headlineSection(policy, results, tests, resultsSource);
        md += boundsSection(policy, bounds, results, resultsSource);
    }
    md += hypothesesSection(results, protocol, resultsSource);
    return md;
}

void writeSummaryMarkdown(const QString& path, const QString& markdown) {
    writeFileAtomically(path, markdown.toUtf8());
}

}  // namespace aip
