#pragma once

#include "results/resultstable.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <limits>
#include <vector>

namespace aip {

// The per-run result files the simulation writes beside all_results.csv (deadline_sweep.csv,
// ablation/*.csv, failure_analysis.csv, fidelity.csv): their rows, columns and readers. Each
// reader wants exactly the file's columns (any order, no others), rates in [0, 1] ("nan" for a
// run without a value), non-negative counts, costs and latencies, and no row key twice; every
// error names the file, the line and the column. Rows keep the file's order.

/// One row of deadline_sweep.csv: one policy at one fixed deadline, one seed; `run` has
/// hit_rate, accuracy and effective_accuracy.
struct DeadlineSweepRow {
    double deadlineMs = 0.0;
    ResultRow run;
};
QStringList deadlineSweepColumns();
/// Deadlines must be positive and finite; (policy, deadline_ms, seed) is the row key.
std::vector<DeadlineSweepRow> parseDeadlineSweep(const QByteArray& data, const QString& sourceName);
std::vector<DeadlineSweepRow> readDeadlineSweep(const QString& path);

/// The ablation files, ablation/<dimension>.csv, in report order: batch_size, model_size,
/// quantization, device, cascade_threshold.
QStringList ablationDimensions();

/// One row of ablation/<dimension>.csv: one policy run with the dimension held at `value`
/// (text such as "8", "int8", "cpu:1", "0.9" or a model id); `run` has every metric.
struct AblationRow {
    QString dimension;
    QString value;
    ResultRow run;
};
/// dimension, value, then the columns of all_results.csv without workload and deadline_set.
QStringList ablationColumns();
/// Every row's `dimension` must be `dimension` (the file's name says which one it holds);
/// (value, policy, seed) is the row key.
std::vector<AblationRow> parseAblation(const QByteArray& data, const QString& sourceName,
                                       const QString& dimension);
std::vector<AblationRow> readAblation(const QString& path, const QString& dimension);

/// The scenarios of failure_analysis.csv: impossible_deadline, model_crash, load_spike.
QStringList failureScenarios();

/// One row of failure_analysis.csv: one policy run under an injected failure, with the
/// graceful-degradation handler on or off; `run` has hit_rate and effective_accuracy.
/// recoveryMs is NaN where the file leaves it empty (nothing to recover from).
struct FailureAnalysisRow {
    QString scenario;
    bool handlerOn = false;
    ResultRow run;
    double recoveryMs = 0.0;
    std::uint64_t failures = 0;
    std::uint64_t fallbacks = 0;
    /// How late the late answers were (answer − due, ms: median and 95th percentile) and the
    /// share of them that was right; NaN where none was late (or the file predates them).
    double lateMedianMs = std::numeric_limits<double>::quiet_NaN();
    double lateP95Ms = std::numeric_limits<double>::quiet_NaN();
    double lateAccuracy = std::numeric_limits<double>::quiet_NaN();
};
/// The columns of failure_analysis.csv; the last three (late_median_ms, late_p95_ms,
/// late_accuracy) may be missing from older files.
QStringList failureAnalysisColumns();
/// `scenario` must be one of failureScenarios(), `handler` "on" or "off"; (scenario, handler,
/// policy, seed) is the row key.
std::vector<FailureAnalysisRow> parseFailureAnalysis(const QByteArray& data,
                                                     const QString& sourceName);
std::vector<FailureAnalysisRow> readFailureAnalysis(const QString& path);

/// One row of fidelity.csv: one policy on a window of one workload's trace at one rate scale,
/// simulated (each number the mean over `draws` draws of the service times) and replayed live
/// on the real models. Gaps are simulated − live, in percentage points.
struct FidelityRow {
    QString task;
    QString policy;
    QString workload;
    QString deadlineSet;
    double rateScale = 1.0;
    std::uint64_t seed = 0;
    std::int64_t requests = 0;
    int draws = 0;
    double simulatedHitRate = 0.0;
    double liveHitRate = 0.0;
    double simulatedEffectiveAccuracy = 0.0;
    double liveEffectiveAccuracy = 0.0;
    double simulatedP50Ms = 0.0;
    double liveP50Ms = 0.0;
    double simulatedP99Ms = 0.0;
    double liveP99Ms = 0.0;
    /// How much slower (> 1) or faster the machine served right before the live replay than
    /// when it was profiled (LiveModels::servingSpeedRatio), and the simulation again with
    /// every service time scaled by it: what the simulator predicts once the machine's drift
    /// is known. Files without these columns read as ratio 1, the same simulation.
    double speedRatio = 1.0;
    double simulatedAtSpeedHitRate = 0.0;
    double simulatedAtSpeedEffectiveAccuracy = 0.0;

    double hitRateGapPp() const { return 100.0 * (simulatedHitRate - liveHitRate); }
    double effectiveAccuracyGapPp() const {
        return 100.0 * (simulatedEffectiveAccuracy - liveEffectiveAccuracy);
    }
    double hitRateGapAtSpeedPp() const { return 100.0 * (simulatedAtSpeedHitRate - liveHitRate); }
    double effectiveAccuracyGapAtSpeedPp() const {
        return 100.0 * (simulatedAtSpeedEffectiveAccuracy - liveEffectiveAccuracy);
    }
};

/// task, policy, workload, deadline_set, rate_scale, seed, n_requests, simulation_draws, the
/// simulated_/live_ pairs of hit_rate, effective_accuracy, p50_ms and p99_ms, then
/// hit_rate_gap_pp and effective_accuracy_gap_pp (written for readers; recomputed on reading),
/// then speed_ratio, simulated_at_speed_hit_rate, simulated_at_speed_effective_accuracy,
/// hit_rate_gap_at_speed_pp and effective_accuracy_gap_at_speed_pp (optional on reading).
QStringList fidelityColumns();
/// Rate scales must be positive; (task, policy, workload, deadline_set, rate_scale, seed) is
/// the row key.
std::vector<FidelityRow> parseFidelity(const QByteArray& data, const QString& sourceName);
std::vector<FidelityRow> readFidelity(const QString& path);
/// Writes the rows atomically in fidelityColumns() order.
void writeFidelity(const QString& path, const std::vector<FidelityRow>& rows);

}  // namespace aip
