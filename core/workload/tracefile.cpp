#include "workload/tracefile.h"

#include "common/csv.h"
#include "common/error.h"

#include <QFile>
#include <cmath>

namespace aip {

namespace tracefile {

QStringList header() {
    return {QStringLiteral("arrival_ms"), QStringLiteral("deadline_ms"),
            QStringLiteral("example_index")};
}

}  // namespace tracefile

namespace {

/// Where a field came from, for error messages: "<file>:<line>: <column>".
struct FieldReader {
    const CsvTable& table;
    qsizetype row;

    QString where(const QString& column) const {
        return QStringLiteral("%1:%2: %3")
            .arg(table.sourceName())
            .arg(table.lineOf(row))
            .arg(column);
    }

    double number(const QString& column) const {
        const QString text = table.value(row, column).trimmed();
        bool ok = false;
        const double value = text.toDouble(&ok);
        if (!ok || !std::isfinite(value)) {
            throw Error(QStringLiteral("%1 '%2' is not a number").arg(where(column), text));
        }
        return value;
    }
};

/// Throws when the file has more than `maxRequests` rows after its header. Counts line ends in
/// 1 MiB reads and stops at the first one past the limit.
void requireAtMostRows(const QString& path, std::int64_t maxRequests) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return;  // CsvTable::load reports it, naming the file
    }
    std::int64_t lines = 0;
    while (!file.atEnd()) {
        const QByteArray chunk = file.read(1 << 20);
        if (chunk.isEmpty()) {
            break;
        }
        lines += chunk.count('\n');
        if (lines > maxRequests + 1) {
            throw Error(QStringLiteral("%1: the trace holds more than %2 requests; this program "
                                       "replays at most %2 (split the trace, or replay a window "
                                       "of it)")
                            .arg(path)
                            .arg(maxRequests));
        }
    }
}

}  // namespace

Trace loadTrace(const QString& path, std::int64_t exampleCount, std::int64_t maxRequests) {
    if (exampleCount <= 0) {
        throw Error(QStringLiteral("%1: the example count must be positive, got %2")
                        .arg(path)
                        .arg(exampleCount));
    }
    requireAtMostRows(path, maxRequests);
    const CsvTable table = CsvTable::load(path);
    for (const QString& column : tracefile::header()) {
        if (!table.hasColumn(column)) {
            throw Error(QStringLiteral("%1:1: expected the header %2, found '%3'")
                            .arg(path, tracefile::header().join(u','), table.header().join(u',')));
        }
    }
    if (table.rowCount() == 0) {
        throw Error(QStringLiteral("%1: the trace holds no requests, only a header").arg(path));
    }
    if (table.rowCount() > maxRequests) {  // the last row without a line end
        throw Error(QStringLiteral("%1: the trace holds more than %2 requests; this program "
                                   "replays at most %2 (split the trace, or replay a window of it)")
                        .arg(path)
                        .arg(maxRequests));
    }

    const QString arrivalColumn = QStringLiteral("arrival_ms");
    const QString deadlineColumn = QStringLiteral("deadline_ms");
    const QString exampleColumn = QStringLiteral("example_index");
    Trace trace;
    trace.reserve(static_cast<std::size_t>(table.rowCount()));
    for (qsizetype i = 0; i < table.rowCount(); ++i) {
        const FieldReader field{table, i};
        Request r;
        r.id = i;
        r.arrivalMs = field.number(arrivalColumn);
        if (r.arrivalMs < 0.0) {
            throw Error(QStringLiteral("%1 must be non-negative, got %2")
                            .arg(field.where(arrivalColumn), csv::number(r.arrivalMs)));
        }
        if (!trace.empty() && r.arrivalMs < trace.back().arrivalMs) {
            throw Error(QStringLiteral("%1 %2 is earlier than the previous row's %3; arrivals "
                                       "must be sorted")
                            .arg(field.where(arrivalColumn), csv::number(r.arrivalMs),
                                 csv::number(trace.back().arrivalMs)));
        }
        r.deadlineMs = field.number(deadlineColumn);
        if (r.deadlineMs <= 0.0) {
            throw Error(QStringLiteral("%1 must be positive, got %2")
                            .arg(field.where(deadlineColumn), csv::number(r.deadlineMs)));
        }
        const QString exampleText = table.value(i, exampleColumn).trimmed();
        bool ok = false;
        r.example = exampleText.toLongLong(&ok);
        if (!ok) {
            throw Error(QStringLiteral("%1 '%2' is not an integer")
                            .arg(field.where(exampleColumn), exampleText));
        }
        if (r.example < 0 || r.example >= exampleCount) {
            throw Error(QStringLiteral("%1 %2 is out of range [0, %3)")
                            .arg(field.where(exampleColumn))
                            .arg(r.example)
                            .arg(exampleCount));
        }
        trace.push_back(r);
    }
    return trace;
}

void saveTrace(const Trace& trace, const QString& path) {
    CsvWriter writer(tracefile::header());
    for (const Request& r : trace) {
        // 15 significant digits: every microsecond of a trace up to 31 years reads back exactly.
        writer.addRow({csv::number(r.arrivalMs, 15), csv::number(r.deadlineMs, 15),
                       QString::number(r.example)});
    }
    writer.save(path);
}

}  // namespace aip
