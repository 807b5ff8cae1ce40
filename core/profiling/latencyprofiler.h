#pragma once

#include "config/protocolconfig.h"

#include <QString>

#include <functional>
#include <vector>

namespace aip {

/// Why a latency measurement stopped.
enum class StopReason { ConfidenceInterval, MaxSamples, MaxSeconds };
QString stopReasonName(StopReason reason);  ///< ci | max_samples | max_seconds

/// The stopping rule on the samples measured so far (any order): stop once at least minSamples
/// were taken and the 95% CI of the median (order statistics, see medianCi95) has a half-width
/// within ciHalfWidth × median; or when maxSamples samples or maxSeconds of measuring are reached.
/// Returns false to go on.
bool shouldStopMeasuring(const std::vector<double>& samplesMs, double measuringSeconds,
                         const LatencyProfilingSpec& spec, StopReason* reason = nullptr);

struct LatencyMeasurement {
    std::vector<double> samplesMs;  ///< in measurement order
    StopReason stop = StopReason::MaxSamples;
    int warmupRuns = 0;
    double warmupSeconds = 0.0;
    double measuringSeconds = 0.0;  ///< from the first timed run to the last (timing included)
};

/// Times `forward` (one forward pass of a whole, already preprocessed batch; it returns once the
/// result is computed): warm-up first (at least warmupIterations runs and warmupSeconds), then
/// one wall-clock sample per call until shouldStopMeasuring. Each sample is handed to `onSample`
/// as soon as it is measured (may be empty). `cancelled` is polled between runs and aborts with
/// aip::CancelledError. Exceptions of `forward` propagate.
LatencyMeasurement measureLatency(const std::function<void()>& forward,
                                  const LatencyProfilingSpec& spec,
                                  const std::function<void(double)>& onSample = {},
                                  const std::function<bool()>& cancelled = {});

}  // namespace aip
