#include "results/csvcells.h"

#include "common/error.h"

#include <limits>

namespace aip {

void CsvCellReader::requireColumns(const QStringList& expected) const {
    for (const QString& name : expected) {
        m_table.column(name);  // throws naming the file and the missing column
    }
    for (const QString& name : m_table.header()) {
        if (!expected.contains(name)) {
            throw Error(QStringLiteral("%1:1: unexpected column '%2'; expected the columns %3")
                            .arg(m_table.sourceName(), name, expected.join(u',')));
        }
    }
    if (m_table.header().size() != expected.size()) {
        throw Error(QStringLiteral("%1:1: a column appears twice; expected the columns %2")
                        .arg(m_table.sourceName(), expected.join(u',')));
    }
}

void CsvCellReader::fail(qsizetype row, const QString& column, const QString& problem) const {
    throw Error(QStringLiteral("%1:%2: column '%3': %4")
                    .arg(m_table.sourceName())
                    .arg(m_table.lineOf(row))
                    .arg(column, problem));
}

QString CsvCellReader::text(qsizetype row, const QString& column, bool allowEmpty) const {
    QString value = m_table.value(row, column);
    if (!allowEmpty && value.isEmpty()) {
        fail(row, column, QStringLiteral("empty, expected a value"));
    }
    return value;
}

double CsvCellReader::number(qsizetype row, const QString& column) const {
    const QString value = text(row, column);
    bool ok = false;
    const double parsed = value.toDouble(&ok);
    if (!ok || value.trimmed() != value) {
        fail(row, column, QStringLiteral("expected a number, found '%1'").arg(value));
    }
    return parsed;
}

std::uint64_t CsvCellReader::unsignedInteger(qsizetype row, const QString& column,
                                             std::uint64_t max) const {
    const QString value = text(row, column);
    bool ok = false;
    const qulonglong parsed = value.toULongLong(&ok, 10);
    if (!ok || value.startsWith(u'+') || value.trimmed() != value) {
        fail(row, column, QStringLiteral("expected a non-negative integer, found '%1'").arg(value));
    }
    if (parsed > max) {
        fail(row, column,
             QStringLiteral("expected an integer of at most %1, found '%2'").arg(max).arg(value));
    }
    return parsed;
}

int CsvCellReader::nonNegativeInt(qsizetype row, const QString& column) const {
    return static_cast<int>(unsignedInteger(row, column, std::numeric_limits<int>::max()));
}

std::int64_t CsvCellReader::nonNegativeInt64(qsizetype row, const QString& column) const {
    return static_cast<std::int64_t>(
        unsignedInteger(row, column, std::numeric_limits<std::int64_t>::max()));
}

bool CsvCellReader::boolean(qsizetype row, const QString& column) const {
    const QString value = text(row, column);
    if (value == QLatin1String("true")) {
        return true;
    }
    if (value == QLatin1String("false")) {
        return false;
    }
    fail(row, column, QStringLiteral("expected true or false, found '%1'").arg(value));
}

}  // namespace aip
