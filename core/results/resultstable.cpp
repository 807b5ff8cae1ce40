#include "results/resultstable.h"

#include "common/atomicfile.h"
#include "common/csv.h"
#include "common/error.h"
#include "config/protocolconfig.h"
#include "results/csvcells.h"

#include <QHash>

#include <cmath>
#include <limits>
#include <tuple>

namespace aip {

namespace {

const QString kPolicy = QStringLiteral("policy");
const QString kWorkload = QStringLiteral("workload");
const QString kDeadlineSet = QStringLiteral("deadline_set");
const QString kSeed = QStringLiteral("seed");
const QString kRequests = QStringLiteral("n_requests");

constexpr ResultMetric kResultMetrics[] = {
    {"hit_rate", &ResultRow::hitRate, true},
    {"accuracy", &ResultRow::accuracy, true},
    {"effective_accuracy", &ResultRow::effectiveAccuracy, true},
    {"cost_per_1k", &ResultRow::costPer1k, false},
    {"p50_ms", &ResultRow::p50Ms, false},
    {"p95_ms", &ResultRow::p95Ms, false},
    {"p99_ms", &ResultRow::p99Ms, false},
    {"escalation_rate", &ResultRow::escalationRate, true},
};

}  // namespace

std::span<const ResultMetric> resultMetrics() {
    return kResultMetrics;
}

double ResultRow::metric(const QString& name) const {
    for (const ResultMetric& m : kResultMetrics) {
        if (name == QLatin1String(m.name)) {
            return this->*m.field;
        }
    }
    throw Error(QStringLiteral("unknown metric '%1'; expected one of %2")
                    .arg(name, knownMetrics().join(QStringLiteral(", "))));
}

QStringList resultMetricColumns() {
    QStringList columns{kRequests};
    for (const ResultMetric& m : kResultMetrics) {
        columns << QLatin1String(m.name);
    }
    return columns;
}

QStringList resultMetricFields(const ResultRow& row) {
    QStringList fields{QString::number(row.nRequests)};
    for (const ResultMetric& m : kResultMetrics) {
        fields << csv::number(row.*m.field);
    }
    return fields;
}

QStringList resultColumns() {
    return QStringList{kPolicy, kWorkload, kDeadlineSet, kSeed} + resultMetricColumns();
}

QByteArray formatResults(const std::vector<ResultRow>& rows) {
    CsvWriter writer(resultColumns());
    for (const ResultRow& row : rows) {
        writer.addRow(
            QStringList{row.policy, row.workload, row.deadlineSet, QString::number(row.seed)} +
            resultMetricFields(row));
    }
    return writer.data();
}

void writeResults(const QString& path, const std::vector<ResultRow>& rows) {
    writeFileAtomically(path, formatResults(rows));
}

namespace {

std::vector<ResultRow> resultsFromTable(const CsvTable& table) {
    const QString& sourceName = table.sourceName();
    const CsvCellReader cells(table);
    cells.requireColumns(resultColumns());

    std::vector<ResultRow> rows;
    rows.reserve(static_cast<size_t>(table.rowCount()));
    QHash<QString, int> firstLineOfKey;
    for (qsizetype i = 0; i < table.rowCount(); ++i) {
        ResultRow row;
        row.policy = cells.text(i, kPolicy);
        row.workload = cells.text(i, kWorkload);
        row.deadlineSet = cells.text(i, kDeadlineSet);
        row.seed = cells.unsignedInteger(i, kSeed);
        row.nRequests = cells.nonNegativeInt64(i, kRequests);
        for (const ResultMetric& m : kResultMetrics) {
            const QString column = QLatin1String(m.name);
            const double value = cells.number(i, column);
            if (m.isRate && !(std::isnan(value) || (value >= 0.0 && value <= 1.0))) {
                cells.fail(i, column,
                           QStringLiteral("a rate must lie in [0, 1], found %1")
                               .arg(table.value(i, column)));
            }
            if (!m.isRate && !(std::isnan(value) || value >= 0.0)) {
                cells.fail(
                    i, column,
                    QStringLiteral("must not be negative, found %1").arg(table.value(i, column)));
            }
            row.*m.field = value;
        }
        const QString key =
            QStringList{row.policy, row.workload, row.deadlineSet, QString::number(row.seed)}.join(
                u'\x1f');
        const auto seen = firstLineOfKey.constFind(key);
        if (seen != firstLineOfKey.constEnd()) {
            throw Error(QStringLiteral("%1:%2: policy %3, workload %4, deadline set %5, seed %6 "
                                       "appears twice (first on line %7)")
                            .arg(sourceName)
                            .arg(table.lineOf(i))
                            .arg(row.policy, row.workload, row.deadlineSet)
                            .arg(row.seed)
                            .arg(seen.value()));
        }
        firstLineOfKey.insert(key, table.lineOf(i));
        rows.push_back(row);
    }
    return rows;
}

}  // namespace

std::vector<ResultRow> parseResults(const QByteArray& data, const QString& sourceName) {
    return resultsFromTable(CsvTable::parse(data, sourceName));
}

std::vector<ResultRow> readResults(const QString& path) {
    return resultsFromTable(CsvTable::load(path));
}

namespace {

const QString kPooled = QStringLiteral("all");

}  // namespace

RunCondition RunCondition::pooled() {
    return {kPooled, kPooled, kPooled};
}

bool RunCondition::isPooled() const {
    return *this == pooled();
}

QString RunCondition::describe() const {
    if (isPooled()) {
        return QStringLiteral("pooled");
    }
    const QString rest = workload + QStringLiteral(" / ") + deadlineSet;
    return task.isEmpty() ? rest : task + QStringLiteral(" / ") + rest;
}

bool RunCondition::operator<(const RunCondition& other) const {
    return std::tie(task, workload, deadlineSet) <
           std::tie(other.task, other.workload, other.deadlineSet);
}

RunCondition runCondition(const ResultRow& run) {
    const qsizetype colon = run.workload.indexOf(u':');
    if (colon < 0) {
        return {QString(), run.workload, run.deadlineSet};
    }
    return {run.workload.left(colon), run.workload.mid(colon + 1), run.deadlineSet};
}

}  // namespace aip
