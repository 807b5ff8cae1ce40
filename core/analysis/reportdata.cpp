#include "analysis/reportdata.h"

#include "analysis/statistics.h"
#include "common/csv.h"
#include "common/error.h"
#include "results/reporttable.h"

#include <cmath>

namespace aip {

namespace {

/// The summary columns of a pareto_analysis.csv row: empty in a point row; n_points, and
/// hypervolume and dominated_share or empty (NaN) in a summary or condition row.
void readParetoSummaryCells(const ReportTableReader& reader, qsizetype i, ParetoAnalysisRow& row) {
    const CsvCellReader& cells = reader.cells();
    const QString kPoints = QStringLiteral("n_points");
    const QString kHypervolume = QStringLiteral("hypervolume");
    const QString kDominated = QStringLiteral("dominated_share");
    if (row.kind == u"point") {
        for (const QString& column : {kPoints, kHypervolume, kDominated}) {
            if (!cells.text(i, column, true).isEmpty()) {
                cells.fail(i, column, QStringLiteral("must be empty in a point row"));
            }
        }
        row.nPoints = 0;
        row.hypervolume = ReplicateSummary::kNaN;
        row.dominatedShare = ReplicateSummary::kNaN;
        return;
    }
    const std::uint64_t points = cells.unsignedInteger(i, kPoints);
    if (points > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) {
        cells.fail(i, kPoints, QStringLiteral("too large"));
    }
    row.nPoints = static_cast<int>(points);
    row.hypervolume = reader.optionalNonNegative(i, kHypervolume);
    row.dominatedShare = cells.text(i, kDominated, true).isEmpty() ? ReplicateSummary::kNaN
                                                                   : reader.rate(i, kDominated);
}

/// x and y: the frontier point or the reference point; empty (NaN) in a condition row.
void readParetoCoordinates(const CsvCellReader& cells, qsizetype i, ParetoAnalysisRow& row) {
    for (const auto& [name, field] : {std::pair{QStringLiteral("x"), &ParetoAnalysisRow::x},
                                      std::pair{QStringLiteral("y"), &ParetoAnalysisRow::y}}) {
        const bool empty = cells.text(i, name, true).isEmpty();
        if (row.kind == u"condition") {
            if (!empty) {
                cells.fail(i, name, QStringLiteral("must be empty in a condition row"));
            }
            row.*field = ReplicateSummary::kNaN;
        } else {
            row.*field = cells.number(i, name);
        }
    }
}

std::vector<ParetoAnalysisRow> paretoAnalysisFromTable(const CsvTable& table) {
    const QString kMethod = QStringLiteral("method");
    const QString kSpace = QStringLiteral("space");
    const QString kKind = QStringLiteral("kind");
    const QString kTask = QStringLiteral("task");
    const QString kWorkload = QStringLiteral("workload");
    const QString kDeadlineSet = QStringLiteral("deadline_set");
    const QStringList spaces{paretoSpaceName(ParetoSpace::Latency),
                             paretoSpaceName(ParetoSpace::Cost)};
    const QStringList kinds{QStringLiteral("point"), QStringLiteral("summary"),
                            QStringLiteral("condition")};
    // The condition columns came later: a file without them pools every condition.
    QStringList required = paretoAnalysisColumns();
    const bool perCondition =
        table.hasColumn(kTask) || table.hasColumn(kWorkload) || table.hasColumn(kDeadlineSet);
    if (!perCondition) {
        for (const QString& column : {kTask, kWorkload, kDeadlineSet}) {
            required.removeOne(column);
        }
    }
    ReportTableReader reader(table, required);
    const CsvCellReader& cells = reader.cells();
    std::vector<ParetoAnalysisRow> rows;
    for (qsizetype i = 0; i < reader.rowCount(); ++i) {
        ParetoAnalysisRow row;
        row.method = cells.text(i, kMethod);
        row.space = cells.text(i, kSpace);
        if (!spaces.contains(row.space)) {
            cells.fail(i, kSpace,
                       QStringLiteral("expected %1, found '%2'")
                           .arg(spaces.join(QStringLiteral(" or ")), row.space));
        }
        row.kind = cells.text(i, kKind);
        if (!kinds.contains(row.kind)) {
            cells.fail(
                i, kKind,
                QStringLiteral("expected point, summary or condition, found '%1'").arg(row.kind));
        }
        if (perCondition) {
            // A file of one task leaves the task of its conditions empty.
            row.condition = {cells.text(i, kTask, true), cells.text(i, kWorkload),
                             cells.text(i, kDeadlineSet)};
        }
        if (row.condition.isPooled() == (row.kind == u"condition")) {
            cells.fail(i, kWorkload,
                       row.kind == u"condition"
                           ? QStringLiteral("a condition row names one condition, not all")
                           : QStringLiteral("a %1 row pools every condition: task, workload "
                                            "and deadline_set must be all")
                                 .arg(row.kind));
        }
        readParetoCoordinates(cells, i, row);
        readParetoSummaryCells(reader, i, row);
        QStringList key{row.method,
                        row.space,
                        row.kind,
                        row.condition.task,
                        row.condition.workload,
                        row.condition.deadlineSet};
        if (row.kind == u"point") {
            key << csv::number(row.x);
        }
        reader.requireUniqueKey(
            i, key,
            QStringLiteral("the %1 %2 row of %3 (%4%5)")
                .arg(row.space, row.kind, row.method, row.condition.describe(),
                     row.kind == u"point" ? QStringLiteral(", x = ") + csv::number(row.x)
                                          : QString()));
        rows.push_back(row);
    }
    return rows;
}

}  // namespace

ReplicateSummary summarizeReplicates(const std::vector<double>& values) {
    std::vector<double> finite;
    finite.reserve(values.size());
    for (const double v : values) {
        if (std::isfinite(v)) {
            finite.push_back(v);
        }
    }
    // The one-sample t interval of the mean is the paired test's interval of differences
    // taken against zero, so the paired test supplies the quantile and the degenerate cases.
    const PairedTTest t = pairedTTest(finite);
    ReplicateSummary summary;
    summary.n = t.n;
    summary.mean = t.meanDiff;
    summary.ci95HalfWidth = t.ciHigh - t.meanDiff;
    return summary;
}

std::vector<ParetoAnalysisRow> parseParetoAnalysis(const QByteArray& data,
                                                   const QString& sourceName) {
    return paretoAnalysisFromTable(CsvTable::parse(data, sourceName));
}

std::vector<ParetoAnalysisRow> readParetoAnalysis(const QString& path) {
    return paretoAnalysisFromTable(CsvTable::load(path));
}

}  // namespace aip
