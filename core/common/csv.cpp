#include "common/csv.h"

#include "common/atomicfile.h"
#include "common/error.h"

#include <QFile>
#include <QStringDecoder>

namespace aip {

namespace csv {

QString quoteField(const QString& field) {
    const bool needsQuotes = field.contains(u',') || field.contains(u'"') ||
                             field.contains(u'\n') || field.contains(u'\r');
    if (!needsQuotes) {
        return field;
    }
    QString quoted = field;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

QByteArray formatRow(const QStringList& fields) {
    QString line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            line += u',';
        }
        line += quoteField(fields.at(i));
    }
    line += u'\n';
    return line.toUtf8();
}

QString number(double value, int significantDigits) {
    return QString::number(value, 'g', significantDigits);
}

}  // namespace csv

CsvWriter::CsvWriter(QStringList header) : m_header(std::move(header)) {
    m_data = csv::formatRow(m_header);
}

void CsvWriter::addRow(const QStringList& fields) {
    if (fields.size() != m_header.size()) {
        throw Error(QStringLiteral("CSV row has %1 fields, the header has %2 (%3)")
                        .arg(fields.size())
                        .arg(m_header.size())
                        .arg(m_header.join(u',')));
    }
    m_data += csv::formatRow(fields);
    ++m_rows;
}

void CsvWriter::save(const QString& path) const {
    writeFileAtomically(path, m_data);
}

namespace {

/// Counts lines through `data` and refuses one longer than csv::kMaxLineBytes: no CSV this
/// program reads has such a line, and holding it would take gigabytes. `lineLength` and `line`
/// carry over from the previous chunk of the same file.
void checkLineLengths(QByteArrayView data, qsizetype& lineLength, int& line,
                      const QString& sourceName) {
    qsizetype start = 0;
    while (start <= data.size()) {
        const qsizetype end = data.indexOf('\n', start);
        const qsizetype piece = (end < 0 ? data.size() : end) - start;
        lineLength += piece;
        if (lineLength > csv::kMaxLineBytes) {
            throw Error(QStringLiteral("%1:%2: a line longer than %3 MiB; not a CSV file this "
                                       "program reads")
                            .arg(sourceName)
                            .arg(line)
                            .arg(csv::kMaxLineBytes >> 20));
        }
        if (end < 0) {
            return;
        }
        lineLength = 0;
        ++line;
        start = end + 1;
    }
}

/// `bytes` as text: UTF-8 (a leading byte order mark dropped), without NUL bytes.
QString decodeText(QByteArrayView bytes, const QString& sourceName) {
    const auto lineAt = [&](qsizetype offset) {
        return static_cast<int>(bytes.first(offset).count('\n')) + 1;
    };
    if (const qsizetype nul = bytes.indexOf('\0'); nul >= 0) {
        throw Error(QStringLiteral("%1:%2: a NUL byte at offset %3; this is binary data, not "
                                   "CSV text")
                        .arg(sourceName)
                        .arg(lineAt(nul))
                        .arg(nul));
    }
    if (bytes.startsWith("\xEF\xBB\xBF")) {
        bytes = bytes.sliced(3);
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        const qsizetype bad = text.indexOf(QChar::ReplacementCharacter);
        const int line =
            bad < 0 ? 1 : static_cast<int>(QStringView(text).first(bad).count(u'\n')) + 1;
        throw Error(QStringLiteral("%1:%2: not UTF-8 text").arg(sourceName).arg(line));
    }
    return text;
}

}  // namespace

CsvTable CsvTable::parse(const QByteArray& bytes, const QString& sourceName) {
    qsizetype lineLength = 0;
    int firstLine = 1;
    checkLineLengths(bytes, lineLength, firstLine, sourceName);
    return fromText(decodeText(bytes, sourceName), sourceName);
}

CsvTable CsvTable::fromText(const QString& text, const QString& sourceName) {
    CsvTable table;
    table.m_source = sourceName;

    std::vector<QStringList> records;
    std::vector<int> recordLines;
    QStringList fields;
    QString field;
    bool inQuotes = false;
    bool fieldWasQuoted = false;
    int line = 1;
    int recordLine = 1;
    const qsizetype n = text.size();

    auto endField = [&] {
        fields.append(field);
        field.clear();
        fieldWasQuoted = false;
    };
    auto endRecord = [&] {
        endField();
        // A blank line is not a record.
        if (!(fields.size() == 1 && fields.first().isEmpty())) {
            records.push_back(fields);
            recordLines.push_back(recordLine);
        }
        fields.clear();
    };

    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < n && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == u'\n') {
                    ++line;
                }
                field += c;
            }
            continue;
        }
        if (c == u'"') {
            if (!field.isEmpty() || fieldWasQuoted) {
                throw Error(QStringLiteral("%1:%2: stray quote inside an unquoted field")
                                .arg(sourceName)
                                .arg(line));
            }
            inQuotes = true;
            fieldWasQuoted = true;
        } else if (c == u',') {
            endField();
        } else if (c == u'\r') {
            // CRLF line ends: the LF ends the record.
        } else if (c == u'\n') {
            endRecord();
            ++line;
            recordLine = line;
        } else {
            if (fieldWasQuoted) {
                throw Error(
                    QStringLiteral("%1:%2: text after a closing quote").arg(sourceName).arg(line));
            }
            field += c;
        }
    }
    if (inQuotes) {
        throw Error(
            QStringLiteral("%1:%2: unterminated quoted field").arg(sourceName).arg(recordLine));
    }
    if (!field.isEmpty() || !fields.isEmpty() || fieldWasQuoted) {
        endRecord();
    }
    if (records.empty()) {
        throw Error(QStringLiteral("%1: empty CSV, expected a header row").arg(sourceName));
    }

    table.m_header = records.front();
    for (int c = 0; c < table.m_header.size(); ++c) {
        table.m_index.insert(table.m_header.at(c), c);
    }
    for (size_t r = 1; r < records.size(); ++r) {
        if (records[r].size() != table.m_header.size()) {
            throw Error(QStringLiteral("%1:%2: expected %3 fields like the header, found %4")
                            .arg(sourceName)
                            .arg(recordLines[r])
                            .arg(table.m_header.size())
                            .arg(records[r].size()));
        }
        table.m_rows.push_back(records[r]);
        table.m_lines.push_back(recordLines[r]);
    }
    return table;
}

CsvTable CsvTable::load(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        throw Error(QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));
    }
    // Read in chunks, so that a line too long is refused before it is all in memory.
    QByteArray data;
    qsizetype lineLength = 0;
    int line = 1;
    while (!file.atEnd()) {
        const QByteArray chunk = file.read(qsizetype{4} << 20);
        if (chunk.isEmpty()) {
            if (file.error() != QFileDevice::NoError) {
                throw Error(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
            }
            break;
        }
        checkLineLengths(chunk, lineLength, line, path);
        data += chunk;
    }
    // The lines were measured while reading.
    return fromText(decodeText(data, path), path);
}

int CsvTable::column(const QString& name) const {
    const auto it = m_index.constFind(name);
    if (it == m_index.constEnd()) {
        throw Error(QStringLiteral("%1: missing column '%2'").arg(m_source, name));
    }
    return it.value();
}

QString CsvTable::value(qsizetype rowIndex, const QString& columnName) const {
    return row(rowIndex).at(column(columnName));
}

}  // namespace aip
