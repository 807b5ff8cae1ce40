#pragma once

#include "common/csv.h"

#include <QString>
#include <QStringList>

#include <cstdint>

namespace aip {

/// Typed access to the cells of a parsed CSV table for the analysis files. Every error names
/// the file, the line and the column, so a user can find the bad cell.
class CsvCellReader final {
public:
    explicit CsvCellReader(const CsvTable& table) : m_table(table) {}

    /// The header must hold exactly these names (any order): a missing or an unexpected column
    /// is an error naming it.
    void requireColumns(const QStringList& expected) const;

    /// The cell as written; with `allowEmpty` false an empty cell is an error.
    QString text(qsizetype row, const QString& column, bool allowEmpty = false) const;
    /// A decimal number; "nan", "inf" and "-inf" (what csv::number writes for them) are read too.
    double number(qsizetype row, const QString& column) const;
    /// A non-negative integer in decimal, at most `max`.
    std::uint64_t unsignedInteger(qsizetype row, const QString& column,
                                  std::uint64_t max = UINT64_MAX) const;
    /// A non-negative integer that fits an int (a batch size, a count of attempts).
    int nonNegativeInt(qsizetype row, const QString& column) const;
    /// A non-negative integer that fits a signed 64-bit index (a request id, an example).
    std::int64_t nonNegativeInt64(qsizetype row, const QString& column) const;
    /// "true" or "false".
    bool boolean(qsizetype row, const QString& column) const;

    /// Throws aip::Error "FILE:LINE: column 'NAME': PROBLEM".
    [[noreturn]] void fail(qsizetype row, const QString& column, const QString& problem) const;

private:
    const CsvTable& m_table;
};

}  // namespace aip
