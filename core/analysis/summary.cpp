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

QString hypothesesSection(const std::vector<ResultRow>& results, const ProtocolConfig& protocol,
                          const QString& resultsSource) {
    QString md = QStringLiteral("## Hypotheses\n\n");
    if (protocol.hypotheses.empty()) {
        return md + QStringLiteral("The protocol declares no hypotheses.\n");
    }
    struct Outcome {
        bool tested = false;
        QString reason;
        int n = 0;
        double meanDiff = std::nan("");
        double tP = std::nan("");
        double wilcoxonP = std::nan("");
    };
    std::vector<Outcome> outcomes;
    std::vector<double> pValues;
    for (const HypothesisSpec& h : protocol.hypotheses) {
        Outcome o;
        QStringList missing;
        for (const QString& name : {h.policy, h.baseline}) {
            if (!hasRuns(results, name)) {
                missing << name;
            }
        }
        if (!missing.isEmpty()) {
            o.reason = QStringLiteral("not tested: no runs of %1").arg(missing.join(u','));
        } else {
            const Alternative alternative = alternativeFromName(h.alternative);
            const std::vector<double> d = pairedDifferences(
                pairRuns(results, h.policy, h.baseline, resultsSource), h.metric, resultsSource);
            o.tested = true;
            o.n = static_cast<int>(d.size());
            o.meanDiff = std::accumulate(d.begin(), d.end(), 0.0) / static_cast<double>(o.n);
            o.tP = pairedTTestPValue(d, alternative);
            o.wilcoxonP = wilcoxonPValue(d, alternative);
        }
        pValues.push_back(o.tP);
        outcomes.push_back(o);
    }
    const std::vector<double> holm = holmAdjust(pValues);

    md += QStringLiteral(
              "Each hypothesis is tested on the paired differences policy − baseline with the "
              "paired t-test for its declared alternative (the Wilcoxon signed-rank p beside it "
              "for reference). The p-values are Holm-adjusted over the %1 tested hypotheses; a "
              "hypothesis is supported when the adjusted p is below α = %2.\n\n")
              .arg(std::count_if(outcomes.begin(), outcomes.end(),
                                 [](const Outcome& o) { return o.tested; }))
              .arg(protocol.alpha);
    md += tableHeader({QStringLiteral("id"), QStringLiteral("statement"), QStringLiteral("metric"),
                       QStringLiteral("policy vs baseline"), QStringLiteral("alternative"),
                       QStringLiteral("n"), QStringLiteral("mean difference"),
                       QStringLiteral("t-test p"), QStringLiteral("Wilcoxon p"),
                       QStringLiteral("Holm p"), QStringLiteral("result")});
    for (size_t i = 0; i < outcomes.size(); ++i) {
        const HypothesisSpec& h = protocol.hypotheses[i];
        const Outcome& o = outcomes[i];
        QString result = o.reason;
        if (o.tested) {
            result = holm[i] < protocol.alpha ? QStringLiteral("supported")
                                              : QStringLiteral("not supported");
        }
        md += tableRow({h.id, h.statement, h.metric,
                        QStringLiteral("%1 vs %2").arg(h.policy, h.baseline), h.alternative,
                        QString::number(o.n), signedCell(o.meanDiff), cell(o.tP, 3),
                        cell(o.wilcoxonP, 3), cell(holm[i], 3), result});
    }
    return md;
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
