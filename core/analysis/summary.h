#pragma once

#include "analysis/hypotheses.h"
#include "analysis/statisticaltests.h"
#include "results/resultstable.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace aip {

/// The verdict of one row: "better" / "worse" for the policy when pHolm < alpha (by the
/// metric's direction; "higher" / "lower" for a neutral metric), otherwise
/// "no significant difference".
QString verdictOf(const StatisticalTestRow& row);

/// summary.md: for each policy in `tests`, a headline table of its pooled rows, against each
/// baseline on each metric (means over the paired runs, difference with its 95% CI, t-test p,
/// Holm p, d_z, verdict), a count of the per-condition rows it wins and loses, and a plain list
/// of every pooled comparison it loses. Then the protocol's hypotheses (evaluateHypotheses()):
/// an overview of the pooled verdicts, and per hypothesis the claimed value beside the measured
/// one, pooled and per condition, with p (one-sided for the declared alternative), Holm p and
/// the verdict, and the conditions where the policy loses. A hypothesis whose policy or
/// baseline has no runs is listed as not tested.
/// After each policy's headline table, where `bounds` (e.g. BestFixedInHindsight, Oracle) have
/// runs: the policy against each bound on effective accuracy and hit rate (both means, the
/// paired difference with its 95% t interval, and in how many runs the policy reached the
/// bound), without tests or verdicts.
/// Throws aip::Error for pairing errors (see pairRuns()).
QString buildSummaryMarkdown(const std::vector<ResultRow>& results,
                             const std::vector<StatisticalTestRow>& tests,
                             const ProtocolConfig& protocol,
                             const QString& resultsSource = QString(),
                             const QStringList& bounds = {});

/// Writes the Markdown atomically. Throws aip::Error.
void writeSummaryMarkdown(const QString& path, const QString& markdown);

}  // namespace aip
