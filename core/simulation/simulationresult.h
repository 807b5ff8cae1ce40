#pragma once

#include "planning/configtable.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <limits>
#include <vector>

namespace aip {

/// Which run a result belongs to (the requests.csv key columns beside the policy).
struct RunLabels {
    QString workload;
    QString deadlineSet;
    std::uint64_t seed = 0;
};

/// What happened to one request. Times are milliseconds from the start of the trace.
struct RequestRecord {
    std::int64_t requestId = 0;
    double arrivalMs = 0.0;
    double deadlineMs = 0.0;  ///< relative to the arrival
    std::int64_t example = 0;
    /// Start of the batch that answered it (after the decision cost), or of its last failed
    /// attempt; NaN if it never started.
    double startMs = std::numeric_limits<double>::quiet_NaN();
    double finishMs = std::numeric_limits<double>::quiet_NaN();  ///< NaN when never answered
    int entry = -1;     ///< ConfigTable entry id (the last one tried); names in the result
    int batchSize = 0;  ///< the entry's profiled batch size
    int batchFill = 0;  ///< requests in that batch (≤ batchSize; the rest is padding)
    int failedAttempts = 0;
    bool answered = false;
    bool stage2Ran = false;  ///< a cascade's stage 2 answered it
    bool hit = false;        ///< answered with finish - arrival ≤ deadline
    bool correct = false;    ///< answered, and the answer is right
    bool fallback = false;   ///< answered by a substitute for an unhealthy model
    double cost = 0.0;       ///< its share of the device time of every batch it was in

    double latencyMs() const { return finishMs - arrivalMs; }
};

/// One batch a run served (a cascade's escalated items are a batch of their own, stage 2), with
/// where its time went: what a live replay measures and the simulator draws, side by side.
struct BatchRecord {
    int entry = -1;  ///< ConfigTable entry id
    int stage = 1;   ///< 1, or 2 for a cascade's escalated items
    QString config;  ///< ConfigKey::id() of the configuration that ran
    int fill = 0;    ///< requests in it (the rest of batchSize is padding)
    int batchSize = 0;
    int queueLength = 0;         ///< requests waiting when it was decided
    double startMs = 0.0;        ///< from the start of the trace
    double preprocessMs = 0.0;   ///< selecting the examples and building the input tensor
    double forwardMs = 0.0;      ///< the forward pass: what the latency profiles time
    double postprocessMs = 0.0;  ///< from the answers to the requests' records
    QString previousConfig;      ///< the configuration of the batch before it; empty if none
    bool failed = false;         ///< the forward pass threw
};

/// The per-run metrics. Rates are over all requests (an unanswered request is a miss and
/// incorrect); latency quantiles (type 7) are over the answered ones.
struct RunMetrics {
    std::int64_t requests = 0;
    double hitRate = 0.0;
    double accuracy = 0.0;
    double effectiveAccuracy = 0.0;  ///< correct and on time
    double costPer1k = 0.0;
    double p50Ms = 0.0;
    double p95Ms = 0.0;
    double p99Ms = 0.0;
    double escalationRate = 0.0;  ///< share of requests whose stage 2 ran
    std::int64_t unanswered = 0;
    std::int64_t fallbacks = 0;  ///< answered requests with RequestRecord::fallback
    std::int64_t failures = 0;   ///< batch runs that threw (injected failures)
    std::int64_t decisions = 0;
    /// Measured wall time of Policy::decide (steady clock): the only numbers of a run that are
    /// not reproducible, and not part of the simulated timeline.
    double decisionMeanUs = 0.0;
    double decisionP99Us = 0.0;

    /// The value of a metric by its knownMetrics() name (or failures, fallbacks, unanswered,
    /// n_requests, decision_mean_us, decision_p99_us); NaN for an unknown name.
    double value(const QString& metric) const;
};

/// Everything derivable from the records: all but failures, decisions and decision times.
RunMetrics computeMetrics(const std::vector<RequestRecord>& records);

/// Fills the decision-time metrics (count, mean, p99) from measured decide() times in µs.
void setDecisionTimes(RunMetrics& metrics, std::vector<double> decisionUs);

/// One simulated (or hindsight) run.
struct SimulationResult {
    QString policy;
    RunLabels labels;
    std::vector<RequestRecord> records;  ///< in trace order
    RunMetrics metrics;
    QStringList configNames;  ///< entry names by id (RequestRecord::entry)
    /// BestFixedInHindsight: the entry it fixed for the whole trace (its name: configNames);
    /// -1 for every other run.
    int fixedEntry = -1;
    /// Every batch in start order: always from a live replay, from the simulator on request
    /// (SimulationOptions::recordBatches).
    std::vector<BatchRecord> batches;
};

}  // namespace aip
