#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

namespace aip {

/// RFC 4180 CSV: fields holding a comma, a quote, CR or LF are quoted, quotes are doubled.
/// Rows end with "\n".
namespace csv {
QString quoteField(const QString& field);
QByteArray formatRow(const QStringList& fields);
/// A double with enough digits to read back the same value, without a locale.
QString number(double value, int significantDigits = 10);
/// The longest line CsvTable reads (64 MiB); a longer one is refused, naming its line.
inline constexpr qsizetype kMaxLineBytes = qsizetype{64} << 20;
}  // namespace csv

/// Collects rows under a fixed header; every row must have the header's width.
class CsvWriter final {
public:
    explicit CsvWriter(QStringList header);
    void addRow(const QStringList& fields);
    const QStringList& header() const { return m_header; }
    qsizetype rowCount() const { return m_rows; }
    const QByteArray& data() const { return m_data; }
    /// Writes header and rows to `path` atomically (temporary file + rename).
    void save(const QString& path) const;

private:
    QStringList m_header;
    QByteArray m_data;
    qsizetype m_rows = 0;
};

/// A parsed CSV file with a header row: UTF-8 (a byte order mark is dropped), LF or CRLF line
/// ends, RFC 4180 quoting (a quoted field may hold line breaks). Errors name the source and the
/// line: a NUL byte, bytes that are not UTF-8, a line longer than csv::kMaxLineBytes, quoting
/// errors, a row whose width differs from the header's.
class CsvTable final {
public:
    /// Parses `data`; `sourceName` (a path) is used in error messages. Throws aip::Error.
    static CsvTable parse(const QByteArray& data, const QString& sourceName);
    /// Reads and parses a file. Throws aip::Error naming the file.
    static CsvTable load(const QString& path);

    const QStringList& header() const { return m_header; }
    qsizetype rowCount() const { return static_cast<qsizetype>(m_rows.size()); }
    const QStringList& row(qsizetype i) const { return m_rows.at(static_cast<size_t>(i)); }
    /// Column index for a header name; throws aip::Error naming the file when absent.
    int column(const QString& name) const;
    bool hasColumn(const QString& name) const { return m_index.contains(name); }
    QString value(qsizetype rowIndex, const QString& columnName) const;
    /// The 1-based line in the source where row `i` starts (for error messages).
    int lineOf(qsizetype i) const { return m_lines.at(static_cast<size_t>(i)); }
    const QString& sourceName() const { return m_source; }

private:
    /// Parses decoded text (parse() and load() check the bytes first).
    static CsvTable fromText(const QString& text, const QString& sourceName);

    QString m_source;
    QStringList m_header;
    QHash<QString, int> m_index;
    std::vector<QStringList> m_rows;
    std::vector<int> m_lines;
};

}  // namespace aip
