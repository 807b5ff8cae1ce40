#include "results/runfiles.h"

#include "common/csv.h"
#include "common/error.h"
#include "results/reporttable.h"

#include <cmath>

namespace aip {

namespace {

const QString kPolicy = QStringLiteral("policy");
const QString kSeed = QStringLiteral("seed");
const QString kRequests = QStringLiteral("n_requests");

std::vector<DeadlineSweepRow> deadlineSweepFromTable(const CsvTable& table) {
    const QString kDeadline = QStringLiteral("deadline_ms");
    ReportTableReader reader(table, deadlineSweepColumns());
    const CsvCellReader& cells = reader.cells();
    std::vector<DeadlineSweepRow> rows;
    for (qsizetype i = 0; i < reader.rowCount(); ++i) {
        DeadlineSweepRow row;
        row.deadlineMs = cells.number(i, kDeadline);
        if (!(std::isfinite(row.deadlineMs) && row.deadlineMs > 0.0)) {
            cells.fail(i, kDeadline,
                       QStringLiteral("a deadline must be a positive number of milliseconds, "
                                      "found %1")
                           .arg(table.value(i, kDeadline)));
        }
        row.run = reader.run(i);
        reader.requireUniqueKey(
            i, {row.run.policy, csv::number(row.deadlineMs), QString::number(row.run.seed)},
            QStringLiteral("policy %1, deadline %2 ms, seed %3")
                .arg(row.run.policy, csv::number(row.deadlineMs))
                .arg(row.run.seed));
        rows.push_back(row);
    }
    return rows;
}

std::vector<AblationRow> ablationFromTable(const CsvTable& table, const QString& dimension) {
    const QString kDimension = QStringLiteral("dimension");
    const QString kValue = QStringLiteral("value");
    ReportTableReader reader(table, ablationColumns());
    const CsvCellReader& cells = reader.cells();
    std::vector<AblationRow> rows;
    for (qsizetype i = 0; i < reader.rowCount(); ++i) {
        AblationRow row;
        row.dimension = cells.text(i, kDimension);
        if (row.dimension != dimension) {
            cells.fail(i, kDimension,
                       QStringLiteral("expected '%1' (the file's dimension), found '%2'")
                           .arg(dimension, row.dimension));
        }
        row.value = cells.text(i, kValue);
        row.run = reader.run(i);
        reader.requireUniqueKey(i, {row.value, row.run.policy, QString::number(row.run.seed)},
                                QStringLiteral("value %1, policy %2, seed %3")
                                    .arg(row.value, row.run.policy)
                                    .arg(row.run.seed));
        rows.push_back(row);
    }
    return rows;
}

std::vector<FailureAnalysisRow> failureAnalysisFromTable(const CsvTable& table) {
    const QString kScenario = QStringLiteral("scenario");
    const QString kHandler = QStringLiteral("handler");
    // The lateness columns came later: a file without them still reads.
    QStringList required = failureAnalysisColumns();
    const bool lateness = table.hasColumn(QStringLiteral("late_median_ms"));
    if (!lateness) {
        required = required.mid(0, required.indexOf(QStringLiteral("late_median_ms")));
    }
    ReportTableReader reader(table, required);
    const CsvCellReader& cells = reader.cells();
    std::vector<FailureAnalysisRow> rows;
    for (qsizetype i = 0; i < reader.rowCount(); ++i) {
        FailureAnalysisRow row;
        row.scenario = cells.text(i, kScenario);
        if (!failureScenarios().contains(row.scenario)) {
            cells.fail(i, kScenario,
                       QStringLiteral("unknown scenario '%1'; expected one of %2")
                           .arg(row.scenario, failureScenarios().join(QStringLiteral(", "))));
        }
        const QString handler = cells.text(i, kHandler);
        if (handler != u"on" && handler != u"off") {
            cells.fail(i, kHandler, QStringLiteral("expected on or off, found '%1'").arg(handler));
        }
        row.handlerOn = handler == u"on";
        row.run = reader.run(i);
        row.recoveryMs = reader.optionalNonNegative(i, QStringLiteral("recovery_ms"));
        row.failures = cells.unsignedInteger(i, QStringLiteral("failures"));
        row.fallbacks = cells.unsignedInteger(i, QStringLiteral("fallbacks"));
        if (lateness) {
            row.lateMedianMs = reader.optionalNonNegative(i, QStringLiteral("late_median_ms"));
            row.lateP95Ms = reader.optionalNonNegative(i, QStringLiteral("late_p95_ms"));
            row.lateAccuracy = reader.optionalNonNegative(i, QStringLiteral("late_accuracy"));
        }
        reader.requireUniqueKey(
            i, {row.scenario, handler, row.run.policy, QString::number(row.run.seed)},
            QStringLiteral("scenario %1, handler %2, policy %3, seed %4")
                .arg(row.scenario, handler, row.run.policy)
                .arg(row.run.seed));
        rows.push_back(row);
    }
    return rows;
}

std::vector<FidelityRow> fidelityFromTable(const CsvTable& table) {
    // The speed columns came later: a file without them still reads.
    QStringList required = fidelityColumns();
    const bool atSpeed = table.hasColumn(QStringLiteral("speed_ratio"));
    if (!atSpeed) {
        required = required.mid(0, required.indexOf(QStringLiteral("speed_ratio")));
    }
    ReportTableReader reader(table, required);
    const CsvCellReader& cells = reader.cells();
    std::vector<FidelityRow> rows;
    for (qsizetype i = 0; i < reader.rowCount(); ++i) {
        FidelityRow row;
        row.task = cells.text(i, QStringLiteral("task"));
        row.policy = cells.text(i, kPolicy);
        row.workload = cells.text(i, QStringLiteral("workload"));
        row.deadlineSet = cells.text(i, QStringLiteral("deadline_set"));
        row.rateScale = reader.nonNegative(i, QStringLiteral("rate_scale"));
        if (!(row.rateScale > 0.0)) {
            cells.fail(i, QStringLiteral("rate_scale"),
                       QStringLiteral("a rate scale must be positive"));
        }
        const ResultRow run = reader.run(i);
        row.seed = run.seed;
        row.requests = run.nRequests;
        row.draws = cells.nonNegativeInt(i, QStringLiteral("simulation_draws"));
        row.simulatedHitRate = reader.rate(i, QStringLiteral("simulated_hit_rate"));
        row.liveHitRate = reader.rate(i, QStringLiteral("live_hit_rate"));
        row.simulatedEffectiveAccuracy =
            reader.rate(i, QStringLiteral("simulated_effective_accuracy"));
        row.liveEffectiveAccuracy = reader.rate(i, QStringLiteral("live_effective_accuracy"));
        row.simulatedP50Ms = reader.nonNegative(i, QStringLiteral("simulated_p50_ms"));
        row.liveP50Ms = reader.nonNegative(i, QStringLiteral("live_p50_ms"));
        row.simulatedP99Ms = reader.nonNegative(i, QStringLiteral("simulated_p99_ms"));
        row.liveP99Ms = reader.nonNegative(i, QStringLiteral("live_p99_ms"));
        row.simulatedAtSpeedHitRate = row.simulatedHitRate;
        row.simulatedAtSpeedEffectiveAccuracy = row.simulatedEffectiveAccuracy;
        if (atSpeed) {
            row.speedRatio = reader.nonNegative(i, QStringLiteral("speed_ratio"));
            if (!(row.speedRatio > 0.0)) {
                cells.fail(i, QStringLiteral("speed_ratio"),
                           QStringLiteral("a speed ratio must be positive"));
            }
            row.simulatedAtSpeedHitRate =
                reader.rate(i, QStringLiteral("simulated_at_speed_hit_rate"));
            row.simulatedAtSpeedEffectiveAccuracy =
                reader.rate(i, QStringLiteral("simulated_at_speed_effective_accuracy"));
        }
        const QString scale = table.value(i, QStringLiteral("rate_scale"));
        reader.requireUniqueKey(
            i,
            {row.task, row.policy, row.workload, row.deadlineSet, scale, QString::number(row.seed)},
            QStringLiteral(
                "task %1, policy %2, workload %3, deadline set %4, rate scale %5, seed %6")
                .arg(row.task, row.policy, row.workload, row.deadlineSet, scale)
                .arg(row.seed));
        rows.push_back(row);
    }
    return rows;
}

}  // namespace

QStringList deadlineSweepColumns() {
    return {kPolicy,
            QStringLiteral("deadline_ms"),
            kSeed,
            kRequests,
            QStringLiteral("hit_rate"),
            QStringLiteral("accuracy"),
            QStringLiteral("effective_accuracy")};
}

std::vector<DeadlineSweepRow> parseDeadlineSweep(const QByteArray& data,
                                                 const QString& sourceName) {
    return deadlineSweepFromTable(CsvTable::parse(data, sourceName));
}

std::vector<DeadlineSweepRow> readDeadlineSweep(const QString& path) {
    return deadlineSweepFromTable(CsvTable::load(path));
}

QStringList ablationDimensions() {
    return {QStringLiteral("batch_size"), QStringLiteral("model_size"),
            QStringLiteral("quantization"), QStringLiteral("device"),
            QStringLiteral("cascade_threshold")};
}

QStringList ablationColumns() {
    QStringList columns{QStringLiteral("dimension"), QStringLiteral("value")};
    for (const QString& column : resultColumns()) {
        if (column != u"workload" && column != u"deadline_set") {
            columns.append(column);
        }
    }
    return columns;
}

std::vector<AblationRow> parseAblation(const QByteArray& data, const QString& sourceName,
                                       const QString& dimension) {
    return ablationFromTable(CsvTable::parse(data, sourceName), dimension);
}

std::vector<AblationRow> readAblation(const QString& path, const QString& dimension) {
    return ablationFromTable(CsvTable::load(path), dimension);
}

QStringList failureScenarios() {
    return {QStringLiteral("impossible_deadline"), QStringLiteral("model_crash"),
            QStringLiteral("load_spike")};
}

QStringList failureAnalysisColumns() {
    return {QStringLiteral("scenario"),
            QStringLiteral("handler"),
            kPolicy,
            kSeed,
            kRequests,
            QStringLiteral("hit_rate"),
            QStringLiteral("effective_accuracy"),
            QStringLiteral("recovery_ms"),
            QStringLiteral("failures"),
            QStringLiteral("fallbacks"),
            QStringLiteral("late_median_ms"),
            QStringLiteral("late_p95_ms"),
            QStringLiteral("late_accuracy")};
}

std::vector<FailureAnalysisRow> parseFailureAnalysis(const QByteArray& data,
                                                     const QString& sourceName) {
    return failureAnalysisFromTable(CsvTable::parse(data, sourceName));
}

std::vector<FailureAnalysisRow> readFailureAnalysis(const QString& path) {
    return failureAnalysisFromTable(CsvTable::load(path));
}

QStringList fidelityColumns() {
    return {QStringLiteral("task"),
            kPolicy,
            QStringLiteral("workload"),
            QStringLiteral("deadline_set"),
            QStringLiteral("rate_scale"),
            kSeed,
            kRequests,
            QStringLiteral("simulation_draws"),
            QStringLiteral("simulated_hit_rate"),
            QStringLiteral("live_hit_rate"),
            QStringLiteral("simulated_effective_accuracy"),
            QStringLiteral("live_effective_accuracy"),
            QStringLiteral("simulated_p50_ms"),
            QStringLiteral("live_p50_ms"),
            QStringLiteral("simulated_p99_ms"),
            QStringLiteral("live_p99_ms"),
            QStringLiteral("hit_rate_gap_pp"),
            QStringLiteral("effective_accuracy_gap_pp"),
            QStringLiteral("speed_ratio"),
            QStringLiteral("simulated_at_speed_hit_rate"),
            QStringLiteral("simulated_at_speed_effective_accuracy"),
            QStringLiteral("hit_rate_gap_at_speed_pp"),
            QStringLiteral("effective_accuracy_gap_at_speed_pp")};
}

std::vector<FidelityRow> parseFidelity(const QByteArray& data, const QString& sourceName) {
    return fidelityFromTable(CsvTable::parse(data, sourceName));
}

std::vector<FidelityRow> readFidelity(const QString& path) {
    return fidelityFromTable(CsvTable::load(path));
}

void writeFidelity(const QString& path, const std::vector<FidelityRow>& rows) {
    CsvWriter csv(fidelityColumns());
    for (const FidelityRow& r : rows) {
        QStringList cells{r.task,
                          r.policy,
                          r.workload,
                          r.deadlineSet,
                          csv::number(r.rateScale),
                          QString::number(r.seed),
                          QString::number(r.requests),
                          QString::number(r.draws)};
        for (const double value :
             {r.simulatedHitRate, r.liveHitRate, r.simulatedEffectiveAccuracy,
              r.liveEffectiveAccuracy, r.simulatedP50Ms, r.liveP50Ms, r.simulatedP99Ms, r.liveP99Ms,
              r.hitRateGapPp(), r.effectiveAccuracyGapPp(), r.speedRatio, r.simulatedAtSpeedHitRate,
              r.simulatedAtSpeedEffectiveAccuracy, r.hitRateGapAtSpeedPp(),
              r.effectiveAccuracyGapAtSpeedPp()}) {
            cells << csv::number(value);
        }
        csv.addRow(cells);
    }
    csv.save(path);
}

}  // namespace aip
