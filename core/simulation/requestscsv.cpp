#include "simulation/requestscsv.h"

#include "common/csv.h"

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
