#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <span>
#include <vector>

namespace aip {

/// One run of one policy: a (policy, workload, deadline set, seed) row of all_results.csv.
/// Rates are fractions in [0, 1] of all requests of the run; latencies are milliseconds.
struct ResultRow {
    QString policy;
    QString workload;
    QString deadlineSet;
    std::uint64_t seed = 0;
    std::int64_t nRequests = 0;
    double hitRate = 0.0;
    double accuracy = 0.0;
    double effectiveAccuracy = 0.0;
    double costPer1k = 0.0;
    double p50Ms = 0.0;
    double p95Ms = 0.0;
    double p99Ms = 0.0;
    double escalationRate = 0.0;

    /// The value of a metric by its column name (one of knownMetrics(), e.g. "p95_ms").
    /// Throws aip::Error for an unknown name.
    double metric(const QString& name) const;

    bool operator==(const ResultRow&) const = default;
};

/// A metric column of all_results.csv (and of the report files that repeat its metrics): its
/// name, the ResultRow field it fills, and whether it is a rate (a fraction of all requests,
/// in [0, 1]) rather than a cost or a latency.
struct ResultMetric {
    const char* name;
    double ResultRow::*field;
    bool isRate;
};
/// The metric columns in file order, after n_requests: hit_rate … escalation_rate.
std::span<const ResultMetric> resultMetrics();

/// n_requests and the metric columns of all_results.csv (shared by the files that report the
/// same metrics per run), and a row's values for them.
QStringList resultMetricColumns();
QStringList resultMetricFields(const ResultRow& row);

/// The header of all_results.csv, in file order.
QStringList resultColumns();

/// The file's bytes: header, then the rows in the given order; numbers via csv::number.
QByteArray formatResults(const std::vector<ResultRow>& rows);
/// Writes all_results.csv atomically. Throws aip::Error.
void writeResults(const QString& path, const std::vector<ResultRow>& rows);

/// Parses all_results.csv. Every column must be present (any order, no others); rates must lie
/// in [0, 1], costs and latencies must not be negative ("nan" is accepted for a metric that has
/// no value), and no (policy, workload, deadline_set, seed) may appear twice. Errors name the
/// file, the line and the column. Rows keep the file's order.
std::vector<ResultRow> parseResults(const QByteArray& data, const QString& sourceName);
/// Reads and parses a file. Throws aip::Error naming the file.
std::vector<ResultRow> readResults(const QString& path);

/// The fixed conditions of a run, which its replicate seeds share: task, workload and deadline
/// set. Workloads and deadline sets are chosen, not sampled, so a comparison within one
/// condition pairs replicates, and a comparison across conditions mixes different experiments.
/// With several tasks a result file writes the workload "task:workload"; a workload without a
/// ':' comes from a file of one task, whose condition has an empty task.
struct RunCondition {
    QString task;
    QString workload;
    QString deadlineSet;

    /// "all" in every field: the rows of statistical_tests.csv and pareto_analysis.csv that pool
    /// every condition.
    static RunCondition pooled();
    bool isPooled() const;
    /// "task / workload / deadline set" (without the task when it is empty), or "pooled".
    QString describe() const;

    bool operator==(const RunCondition&) const = default;
    bool operator<(const RunCondition& other) const;
};
/// The condition of a run (see RunCondition for the task prefix).
RunCondition runCondition(const ResultRow& run);

}  // namespace aip
