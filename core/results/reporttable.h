#pragma once

#include "common/csv.h"
#include "common/error.h"
#include "results/csvcells.h"
#include "results/resultstable.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <cmath>
#include <cstdint>
#include <limits>

namespace aip {

/// The value rules shared by the report files' readers, on top of CsvCellReader's typed cells,
/// and the check that no row key appears twice. The table outlives the reader.
class ReportTableReader final {
public:
    ReportTableReader(const CsvTable& table, const QStringList& columns)
        : m_table(table), m_cells(table) {
        m_cells.requireColumns(columns);
    }

    qsizetype rowCount() const { return m_table.rowCount(); }
    const CsvCellReader& cells() const { return m_cells; }

    /// A fraction in [0, 1], or NaN for a run without a value.
    double rate(qsizetype row, const QString& column) const {
        const double value = m_cells.number(row, column);
        if (!(std::isnan(value) || (value >= 0.0 && value <= 1.0))) {
            m_cells.fail(row, column,
                         QStringLiteral("a rate must lie in [0, 1], found %1")
                             .arg(m_table.value(row, column)));
        }
        return value;
    }

    /// A cost, latency or count that may be NaN but not negative or infinite.
    double nonNegative(qsizetype row, const QString& column) const {
        const double value = m_cells.number(row, column);
        if (!(std::isnan(value) || (value >= 0.0 && std::isfinite(value)))) {
            m_cells.fail(row, column,
                         QStringLiteral("expected a finite value that is not negative, found %1")
                             .arg(m_table.value(row, column)));
        }
        return value;
    }

    /// nonNegative(), or NaN for an empty cell.
    double optionalNonNegative(qsizetype row, const QString& column) const {
        return m_table.value(row, column).isEmpty() ? std::numeric_limits<double>::quiet_NaN()
                                                    : nonNegative(row, column);
    }

    /// The run of a row: policy, seed, n_requests and the metric columns the file has (the
    /// others NaN).
    ResultRow run(qsizetype row) const {
        ResultRow run;
        run.policy = m_cells.text(row, QStringLiteral("policy"));
        run.seed = m_cells.unsignedInteger(row, QStringLiteral("seed"));
        const QString requestsColumn = QStringLiteral("n_requests");
        const std::uint64_t requests = m_cells.unsignedInteger(row, requestsColumn);
        if (requests > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            m_cells.fail(row, requestsColumn, QStringLiteral("too large"));
        }
        run.nRequests = static_cast<std::int64_t>(requests);
        for (const ResultMetric& m : resultMetrics()) {
            const QString column = QLatin1String(m.name);
            run.*m.field = !m_table.hasColumn(column) ? std::numeric_limits<double>::quiet_NaN()
                           : m.isRate                 ? rate(row, column)
                                                      : nonNegative(row, column);
        }
        return run;
    }

    /// Throws "FILE:LINE: DESCRIPTION appears twice (first on line N)" when `key` was seen.
    void requireUniqueKey(qsizetype row, const QStringList& key, const QString& description) {
        const QString joined = key.join(u'\x1f');
        const auto seen = m_firstLineOfKey.constFind(joined);
        if (seen != m_firstLineOfKey.constEnd()) {
            throw Error(QStringLiteral("%1:%2: %3 appears twice (first on line %4)")
                            .arg(m_table.sourceName())
                            .arg(m_table.lineOf(row))
                            .arg(description)
                            .arg(seen.value()));
        }
        m_firstLineOfKey.insert(joined, m_table.lineOf(row));
    }

private:
    const CsvTable& m_table;
    CsvCellReader m_cells;
    QHash<QString, int> m_firstLineOfKey;
};

}  // namespace aip
