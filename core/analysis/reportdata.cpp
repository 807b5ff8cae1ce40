#include "analysis/reportdata.h"

#include "analysis/csvcells.h"
#include "analysis/statistics.h"
#include "common/csv.h"
#include "common/error.h"

#include <QHash>

#include <cmath>

namespace aip {

namespace {

const QString kPolicy = QStringLiteral("policy");
const QString kSeed = QStringLiteral("seed");
const QString kRequests = QStringLiteral("n_requests");

/// The value rules shared by the report files, on top of CsvCellReader's typed cells, and the
/// check that no row key appears twice.
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
        return m_table.value(row, column).isEmpty() ? ReplicateSummary::kNaN
                                                    : nonNegative(row, column);
    }

    /// The run of a row: policy, seed, n_requests and the metric columns the file has (the
    /// others NaN).
    ResultRow run(qsizetype row) const {
        ResultRow run;
        run.policy = m_cells.text(row, kPolicy);
        run.seed = m_cells.unsignedInteger(row, kSeed);
        const std::uint64_t requests = m_cells.unsignedInteger(row, kRequests);
        if (requests > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            m_cells.fail(row, kRequests, QStringLiteral("too large"));
        }
        run.nRequests = static_cast<std::int64_t>(requests);
        for (const ResultMetric& m : resultMetrics()) {
            const QString column = QLatin1String(m.name);
            run.*m.field = !m_table.hasColumn(column) ? ReplicateSummary::kNaN
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
        row.draws = static_cast<int>(cells.unsignedInteger(i, QStringLiteral("simulation_draws")));
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

/// The summary columns of a pareto_analysis.csv row: empty in a point row; n_points, and
/// hypervolume and dominated_share or empty (NaN) in a summary or condition row.
void readParetoSummaryCells(const ReportTableReader& reader, qsizetype i, ParetoAnalysisRow& row) {
    const CsvCellReader& cells = reader.cells();
    const QString kPoints = QStringLiteral("n_points");
    const QString kHypervolume = QStringLiteral("hypervolume");
    const QString kDominated = QStringLiteral("dominated_share");
    if (row.kind == u"point") {
        for (const QString& column : {kPoints, kHypervolume, kDominated}) {
            if (!cells.text(i, column, true).isEmpty()) {
                cells.fail(i, column, QStringLiteral("must be empty in a point row"));
            }
        }
        row.nPoints = 0;
        row.hypervolume = ReplicateSummary::kNaN;
        row.dominatedShare = ReplicateSummary::kNaN;
        return;
    }
    const std::uint64_t points = cells.unsignedInteger(i, kPoints);
    if (points > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) {
        cells.fail(i, kPoints, QStringLiteral("too large"));
    }
    row.nPoints = static_cast<int>(points);
    row.hypervolume = reader.optionalNonNegative(i, kHypervolume);
    row.dominatedShare = cells.text(i, kDominated, true).isEmpty() ? ReplicateSummary::kNaN
                                                                   : reader.rate(i, kDominated);
}

/// x and y: the frontier point or the reference point; empty (NaN) in a condition row.
void readParetoCoordinates(const CsvCellReader& cells, qsizetype i, ParetoAnalysisRow& row) {
    for (const auto& [name, field] : {std::pair{QStringLiteral("x"), &ParetoAnalysisRow::x},
                                      std::pair{QStringLiteral("y"), &ParetoAnalysisRow::y}}) {
        const bool empty = cells.text(i, name, true).isEmpty();
        if (row.kind == u"condition") {
            if (!empty) {
                cells.fail(i, name, QStringLiteral("must be empty in a condition row"));
            }
            row.*field = ReplicateSummary::kNaN;
        } else {
            row.*field = cells.number(i, name);
        }
    }
}

std::vector<ParetoAnalysisRow> paretoAnalysisFromTable(const CsvTable& table) {
    const QString kMethod = QStringLiteral("method");
    const QString kSpace = QStringLiteral("space");
    const QString kKind = QStringLiteral("kind");
    const QString kTask = QStringLiteral("task");
    const QString kWorkload = QStringLiteral("workload");
    const QString kDeadlineSet = QStringLiteral("deadline_set");
    const QStringList spaces{paretoSpaceName(ParetoSpace::Latency),
                             paretoSpaceName(ParetoSpace::Cost)};
    const QStringList kinds{QStringLiteral("point"), QStringLiteral("summary"),
                            QStringLiteral("condition")};
    // The condition columns came later: a file without them pools every condition.
    QStringList required = paretoAnalysisColumns();
    const bool perCondition =
        table.hasColumn(kTask) || table.hasColumn(kWorkload) || table.hasColumn(kDeadlineSet);
    if (!perCondition) {
        for (const QString& column : {kTask, kWorkload, kDeadlineSet}) {
            required.removeOne(column);
        }
    }
    ReportTableReader reader(table, required);
    const CsvCellReader& cells = reader.cells();
    std::vector<ParetoAnalysisRow> rows;
    for (qsizetype i = 0; i < reader.rowCount(); ++i) {
        ParetoAnalysisRow row;
        row.method = cells.text(i, kMethod);
        row.space = cells.text(i, kSpace);
        if (!spaces.contains(row.space)) {
            cells.fail(i, kSpace,
                       QStringLiteral("expected %1, found '%2'")
                           .arg(spaces.join(QStringLiteral(" or ")), row.space));
        }
        row.kind = cells.text(i, kKind);
        if (!kinds.contains(row.kind)) {
            cells.fail(
                i, kKind,
                QStringLiteral("expected point, summary or condition, found '%1'").arg(row.kind));
        }
        if (perCondition) {
            // A file of one task leaves the task of its conditions empty.
            row.condition = {cells.text(i, kTask, true), cells.text(i, kWorkload),
                             cells.text(i, kDeadlineSet)};
        }
        if (row.condition.isPooled() == (row.kind == u"condition")) {
            cells.fail(i, kWorkload,
                       row.kind == u"condition"
                           ? QStringLiteral("a condition row names one condition, not all")
                           : QStringLiteral("a %1 row pools every condition: task, workload "
                                            "and deadline_set must be all")
                                 .arg(row.kind));
        }
        readParetoCoordinates(cells, i, row);
        readParetoSummaryCells(reader, i, row);
        QStringList key{row.method,
                        row.space,
                        row.kind,
                        row.condition.task,
                        row.condition.workload,
                        row.condition.deadlineSet};
        if (row.kind == u"point") {
            key << csv::number(row.x);
        }
        reader.requireUniqueKey(
            i, key,
            QStringLiteral("the %1 %2 row of %3 (%4%5)")
                .arg(row.space, row.kind, row.method, row.condition.describe(),
                     row.kind == u"point" ? QStringLiteral(", x = ") + csv::number(row.x)
                                          : QString()));
        rows.push_back(row);
    }
    return rows;
}

}  // namespace

ReplicateSummary summarizeReplicates(const std::vector<double>& values) {
    std::vector<double> finite;
    finite.reserve(values.size());
    for (const double v : values) {
        if (std::isfinite(v)) {
            finite.push_back(v);
        }
    }
    // The one-sample t interval of the mean is the paired test's interval of differences
    // taken against zero, so the paired test supplies the quantile and the degenerate cases.
    const PairedTTest t = pairedTTest(finite);
    ReplicateSummary summary;
    summary.n = t.n;
    summary.mean = t.meanDiff;
    summary.ci95HalfWidth = t.ciHigh - t.meanDiff;
    return summary;
}

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

std::vector<ParetoAnalysisRow> parseParetoAnalysis(const QByteArray& data,
                                                   const QString& sourceName) {
    return paretoAnalysisFromTable(CsvTable::parse(data, sourceName));
}

std::vector<ParetoAnalysisRow> readParetoAnalysis(const QString& path) {
    return paretoAnalysisFromTable(CsvTable::load(path));
}

}  // namespace aip
