#pragma once

#include <QString>

#include <cstdint>
#include <vector>

namespace aip {

/// One point of the sweep: model × precision × batch size × device. The task names the dataset
/// whose evaluation split the model is profiled on.
struct ConfigKey {
    QString task;
    QString model;
    QString precision;  ///< fp32 | bf16 | int8
    int batchSize = 1;
    QString device;   ///< cpu:1 | cpu:N | cuda:0 (as declared in the sweep)
    int threads = 0;  ///< intra-op threads the run used (0 on CUDA)

    /// "model/precision/b<batch>/<device>", unique within a task.
    QString id() const;
    /// "model/precision": the weights a configuration runs, whatever its batch and device.
    QString weights() const { return model + u'/' + precision; }
    friend bool operator==(const ConfigKey&, const ConfigKey&) = default;
};

/// The latency profile of one configuration: raw samples in measurement order, and the summary
/// the profiler derived from them. Samples are wall milliseconds of one forward pass of a whole
/// preprocessed batch.
struct LatencyProfile {
    ConfigKey key;
    /// "ok", "unsupported: <reason>" or "failed: <reason>"; only "ok" rows carry samples.
    QString status = QStringLiteral("ok");
    std::vector<double> samplesMs;
    double meanMs = 0.0;
    double stdMs = 0.0;
    double p50Ms = 0.0;
    double p90Ms = 0.0;
    double p95Ms = 0.0;
    double p99Ms = 0.0;
    double minMs = 0.0;
    double maxMs = 0.0;
    double ci95LowMs = 0.0;  ///< 95% confidence interval of the median
    double ci95HighMs = 0.0;
    QString stopReason;  ///< ci | max_samples | max_seconds (empty unless ok)
    /// The serving pass (see profileLatency): wall milliseconds of serving one batch — building
    /// its input from the examples, then the forward pass — after batches of the same
    /// configuration (steady) and right after one of another configuration (switched), in
    /// measurement order. Empty where the pass did not run (a lone configuration on its device).
    std::vector<double> servingSteadyMs;
    std::vector<double> servingSwitchedMs;
    /// Serving one batch after the server idled (0.5–100 ms, compute threads spinning) with the
    /// same configuration loaded last; servingIdleGapMs[i] is how long it idled before sample i.
    std::vector<double> servingIdleMs;
    std::vector<double> servingIdleGapMs;

    bool ok() const { return status == QLatin1String("ok"); }
};

/// The per-example answers of one (model, precision) on one evaluation split, in example order.
struct AccuracyProfile {
    QString task;
    QString model;
    QString precision;
    QString dataset;
    QString split;
    std::vector<std::int64_t> index;  ///< example index within the split
    std::vector<int> label;
    std::vector<int> predicted;
    std::vector<float> confidence;  ///< max softmax

    std::size_t size() const { return index.size(); }
    bool correct(std::size_t i) const { return predicted[i] == label[i]; }
};

}  // namespace aip
