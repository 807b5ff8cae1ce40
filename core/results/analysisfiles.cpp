#include "results/analysisfiles.h"

#include "common/atomicfile.h"
#include "common/csv.h"
#include "common/error.h"
#include "results/csvcells.h"
#include "results/reporttable.h"

#include <cmath>
#include <limits>

namespace aip {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

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
        row.nPairs = cells.nonNegativeInt(i, kPairs);
        for (const NumberField& f : kNumberFields) {
            row.*f.field = cells.number(i, QLatin1String(f.name));
        }
        row.significant = cells.boolean(i, kSignificant);
        rows.push_back(row);
    }
    return rows;
}

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
        row.hypervolume = kNaN;
        row.dominatedShare = kNaN;
        return;
    }
    row.nPoints = cells.nonNegativeInt(i, kPoints);
    row.hypervolume = reader.optionalNonNegative(i, kHypervolume);
    row.dominatedShare =
        cells.text(i, kDominated, true).isEmpty() ? kNaN : reader.rate(i, kDominated);
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
            row.*field = kNaN;
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
    const QStringList kinds{paretoRowKind(ParetoRowKind::Point),
                            paretoRowKind(ParetoRowKind::Summary),
                            paretoRowKind(ParetoRowKind::Condition)};
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

QStringList statisticalTestColumns() {
    QStringList columns{kMetric, kPolicy, kBaseline, kTask, kWorkload, kDeadlineSet, kPairs};
    for (const NumberField& f : kNumberFields) {
        columns << QLatin1String(f.name);
    }
    columns << kSignificant;
    return columns;
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

std::vector<StatisticalTestRow> parseStatisticalTests(const QByteArray& data,
                                                      const QString& sourceName) {
    return statisticalTestsFromTable(CsvTable::parse(data, sourceName));
}

std::vector<StatisticalTestRow> readStatisticalTests(const QString& path) {
    return statisticalTestsFromTable(CsvTable::load(path));
}

QString paretoSpaceName(ParetoSpace space) {
    return space == ParetoSpace::Latency ? QStringLiteral("latency") : QStringLiteral("cost");
}

ParetoSpace paretoSpaceFromName(const QString& name) {
    for (const ParetoSpace space : {ParetoSpace::Latency, ParetoSpace::Cost}) {
        if (name == paretoSpaceName(space)) {
            return space;
        }
    }
    throw Error(QStringLiteral("unknown Pareto space '%1'; expected latency or cost").arg(name));
}

QString paretoRowKind(ParetoRowKind kind) {
    switch (kind) {
        case ParetoRowKind::Point:
            return QStringLiteral("point");
        case ParetoRowKind::Summary:
            return QStringLiteral("summary");
        case ParetoRowKind::Condition:
            break;
    }
    return QStringLiteral("condition");
}

QStringList paretoAnalysisColumns() {
    return {QStringLiteral("method"),
            QStringLiteral("space"),
            QStringLiteral("kind"),
            QStringLiteral("task"),
            QStringLiteral("workload"),
            QStringLiteral("deadline_set"),
            QStringLiteral("x"),
            QStringLiteral("y"),
            QStringLiteral("n_points"),
            QStringLiteral("hypervolume"),
            QStringLiteral("dominated_share")};
}

QByteArray formatParetoAnalysis(const std::vector<ParetoAnalysisRow>& rows) {
    CsvWriter writer(paretoAnalysisColumns());
    // NaN is what a row has no value for: an empty cell.
    const auto optional = [](double value) {
        return std::isnan(value) ? QString() : csv::number(value);
    };
    for (const ParetoAnalysisRow& row : rows) {
        const bool point = row.kind == paretoRowKind(ParetoRowKind::Point);
        writer.addRow({row.method, row.space, row.kind, row.condition.task, row.condition.workload,
                       row.condition.deadlineSet, optional(row.x), optional(row.y),
                       point ? QString() : QString::number(row.nPoints),
                       point ? QString() : optional(row.hypervolume),
                       point ? QString() : optional(row.dominatedShare)});
    }
    return writer.data();
}

void writeParetoAnalysis(const QString& path, const std::vector<ParetoAnalysisRow>& rows) {
    writeFileAtomically(path, formatParetoAnalysis(rows));
}

std::vector<ParetoAnalysisRow> parseParetoAnalysis(const QByteArray& data,
                                                   const QString& sourceName) {
    return paretoAnalysisFromTable(CsvTable::parse(data, sourceName));
}

std::vector<ParetoAnalysisRow> readParetoAnalysis(const QString& path) {
    return paretoAnalysisFromTable(CsvTable::load(path));
}

}  // namespace aip
