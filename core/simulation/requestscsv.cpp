#include "simulation/requestscsv.h"

#include "common/csv.h"
#include "common/error.h"
#include "results/csvcells.h"

#include <QFile>

#include <cmath>

namespace aip {

namespace {

QString optionalNumber(double value) {
    return std::isnan(value) ? QString() : csv::number(value);
}

QString flag(bool value) {
    return value ? QStringLiteral("1") : QStringLiteral("0");
}

}  // namespace

QStringList requestsCsvHeader() {
    return {
        QStringLiteral("policy"),      QStringLiteral("workload"),   QStringLiteral("deadline_set"),
        QStringLiteral("seed"),        QStringLiteral("request_id"), QStringLiteral("arrival_ms"),
        QStringLiteral("deadline_ms"), QStringLiteral("example"),    QStringLiteral("start_ms"),
        QStringLiteral("finish_ms"),   QStringLiteral("latency_ms"), QStringLiteral("config"),
        QStringLiteral("batch_size"),  QStringLiteral("batch_fill"), QStringLiteral("stage2_ran"),
        QStringLiteral("hit"),         QStringLiteral("correct"),    QStringLiteral("answered"),
        QStringLiteral("failed"),      QStringLiteral("fallback"),   QStringLiteral("cost")};
}

QByteArray requestsCsvRows(const SimulationResult& result) {
    QByteArray out;
    const QString seed = QString::number(result.labels.seed);
    for (const RequestRecord& r : result.records) {
        const QString config = r.entry >= 0 && r.entry < result.configNames.size()
                                   ? result.configNames.at(r.entry)
                                   : QString();
        out += csv::formatRow({result.policy,
                               result.labels.workload,
                               result.labels.deadlineSet,
                               seed,
                               QString::number(r.requestId),
                               csv::number(r.arrivalMs),
                               csv::number(r.deadlineMs),
                               QString::number(r.example),
                               optionalNumber(r.startMs),
                               optionalNumber(r.finishMs),
                               optionalNumber(r.latencyMs()),
                               config,
                               QString::number(r.batchSize),
                               QString::number(r.batchFill),
                               flag(r.stage2Ran),
                               flag(r.hit),
                               flag(r.correct),
                               flag(r.answered),
                               QString::number(r.failedAttempts),
                               flag(r.fallback),
                               csv::number(r.cost)});
    }
    return out;
}

SimulationResult readRequestsCsvRun(const QString& path, const QString& policy,
                                    const RunLabels& labels) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        throw Error(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    }
    const QByteArray data = file.readAll();
    // The key columns come first and are written by csv::formatRow, so a run's lines start with
    // the same bytes: only those lines go to the parser (a full run's file holds every policy
    // on every condition).
    QByteArray key =
        csv::formatRow({policy, labels.workload, labels.deadlineSet, QString::number(labels.seed)});
    key.back() = ',';
    const qsizetype headerEnd = data.indexOf('\n');
    if (headerEnd < 0) {
        throw Error(QStringLiteral("%1: no header line").arg(path));
    }
    QByteArray selected = data.left(headerEnd + 1);
    for (qsizetype at = data.indexOf("\n" + key, headerEnd); at >= 0;
         at = data.indexOf("\n" + key, at + 1)) {
        const qsizetype end = data.indexOf('\n', at + 1);
        selected += data.mid(at + 1, end < 0 ? -1 : end - at);
    }
    const QString source = QStringLiteral("%1 (the rows of %2 on %3, %4, seed %5)")
                               .arg(path, policy, labels.workload, labels.deadlineSet)
                               .arg(labels.seed);
    const CsvTable table = CsvTable::parse(selected, source);
    const CsvCellReader cells(table);
    cells.requireColumns(requestsCsvHeader());
    if (table.rowCount() == 0) {
        throw Error(QStringLiteral("%1: no requests of %2 on %3, %4, seed %5")
                        .arg(path, policy, labels.workload, labels.deadlineSet)
                        .arg(labels.seed));
    }
    SimulationResult run;
    run.policy = policy;
    run.labels = labels;
    run.records.reserve(static_cast<std::size_t>(table.rowCount()));
    const auto optional = [&](qsizetype row, const QString& column) {
        return table.value(row, column).isEmpty() ? std::numeric_limits<double>::quiet_NaN()
                                                  : cells.number(row, column);
    };
    const auto flagOf = [&](qsizetype row, const QString& column) {
        return cells.unsignedInteger(row, column) != 0;
    };
    for (qsizetype row = 0; row < table.rowCount(); ++row) {
        RequestRecord r;
        r.requestId = cells.nonNegativeInt64(row, QStringLiteral("request_id"));
        r.arrivalMs = cells.number(row, QStringLiteral("arrival_ms"));
        r.deadlineMs = cells.number(row, QStringLiteral("deadline_ms"));
        r.example = cells.nonNegativeInt64(row, QStringLiteral("example"));
        r.startMs = optional(row, QStringLiteral("start_ms"));
        r.finishMs = optional(row, QStringLiteral("finish_ms"));
        const QString config = cells.text(row, QStringLiteral("config"), true);
        if (!config.isEmpty()) {
            qsizetype entry = run.configNames.indexOf(config);
            if (entry < 0) {
                entry = run.configNames.size();
                run.configNames.append(config);
            }
            r.entry = static_cast<int>(entry);
        }
        r.batchSize = cells.nonNegativeInt(row, QStringLiteral("batch_size"));
        r.batchFill = cells.nonNegativeInt(row, QStringLiteral("batch_fill"));
        r.stage2Ran = flagOf(row, QStringLiteral("stage2_ran"));
        r.hit = flagOf(row, QStringLiteral("hit"));
        r.correct = flagOf(row, QStringLiteral("correct"));
        r.answered = flagOf(row, QStringLiteral("answered"));
        r.failedAttempts = cells.nonNegativeInt(row, QStringLiteral("failed"));
        r.fallback = flagOf(row, QStringLiteral("fallback"));
        r.cost = cells.number(row, QStringLiteral("cost"));
        run.records.push_back(r);
    }
    return run;
}

RequestsCsvWriter::RequestsCsvWriter(const QString& path) : m_file(path) {
    m_file.write(csv::formatRow(requestsCsvHeader()));
}

void RequestsCsvWriter::append(const SimulationResult& result) {
    m_file.write(requestsCsvRows(result));
}

void RequestsCsvWriter::commit() {
    m_file.commit();
}

QStringList batchesCsvHeader() {
    return {QStringLiteral("policy"),         QStringLiteral("workload"),
            QStringLiteral("deadline_set"),   QStringLiteral("seed"),
            QStringLiteral("batch"),          QStringLiteral("entry"),
            QStringLiteral("stage"),          QStringLiteral("config"),
            QStringLiteral("fill"),           QStringLiteral("batch_size"),
            QStringLiteral("queue_length"),   QStringLiteral("start_ms"),
            QStringLiteral("preprocess_ms"),  QStringLiteral("forward_ms"),
            QStringLiteral("postprocess_ms"), QStringLiteral("previous_config"),
            QStringLiteral("failed")};
}

void writeBatchesCsv(const QString& path, const std::vector<SimulationResult>& results) {
    AtomicFileWriter file(path);
    file.write(csv::formatRow(batchesCsvHeader()));
    for (const SimulationResult& result : results) {
        const QString seed = QString::number(result.labels.seed);
        for (std::size_t i = 0; i < result.batches.size(); ++i) {
            const BatchRecord& b = result.batches[i];
            const QString entry = b.entry >= 0 && b.entry < result.configNames.size()
                                      ? result.configNames.at(b.entry)
                                      : QString();
            file.write(
                csv::formatRow({result.policy, result.labels.workload, result.labels.deadlineSet,
                                seed, QString::number(i), entry, QString::number(b.stage), b.config,
                                QString::number(b.fill), QString::number(b.batchSize),
                                QString::number(b.queueLength), csv::number(b.startMs),
                                csv::number(b.preprocessMs), csv::number(b.forwardMs),
                                csv::number(b.postprocessMs), b.previousConfig, flag(b.failed)}));
        }
    }
    file.commit();
}

void writeRequestsCsv(const QString& path, const std::vector<SimulationResult>& results) {
    RequestsCsvWriter writer(path);
    for (const SimulationResult& result : results) {
        writer.append(result);
    }
    writer.commit();
}

}  // namespace aip
