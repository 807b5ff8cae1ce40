#include "profiling/latencyprofiler.h"

#include "common/error.h"
#include "results/latencystats.h"

#include <algorithm>
#include <chrono>

namespace aip {

QString stopReasonName(StopReason reason) {
    switch (reason) {
        case StopReason::ConfidenceInterval:
            return QStringLiteral("ci");
        case StopReason::MaxSamples:
            return QStringLiteral("max_samples");
        case StopReason::MaxSeconds:
            return QStringLiteral("max_seconds");
    }
    return {};
}

bool shouldStopMeasuring(const std::vector<double>& samples, double measuringSeconds,
                         const LatencyProfilingSpec& spec, StopReason* reason) {
    const auto stop = [&](StopReason why) {
        if (reason != nullptr) {
            *reason = why;
        }
        return true;
    };
    const auto n = static_cast<int>(samples.size());
    if (n >= std::max(spec.minSamples, 2)) {
        std::vector<double> sorted = samples;
        std::sort(sorted.begin(), sorted.end());
        const double median = quantileSorted(sorted, 0.5);
        if (medianCi95(sorted).halfWidth() <= spec.ciHalfWidth * median) {
            return stop(StopReason::ConfidenceInterval);
        }
    }
    if (n >= spec.maxSamples) {
        return stop(StopReason::MaxSamples);
    }
    if (n > 0 && measuringSeconds >= spec.maxSeconds) {
        return stop(StopReason::MaxSeconds);
    }
    return false;
}

LatencyMeasurement measureLatency(const std::function<void()>& forward,
                                  const LatencyProfilingSpec& spec,
                                  const std::function<void(double)>& onSample,
                                  const std::function<bool()>& cancelled) {
    using Clock = std::chrono::steady_clock;
    const auto seconds = [](Clock::duration d) { return std::chrono::duration<double>(d).count(); };
    const auto checkCancelled = [&] {
        if (cancelled && cancelled()) {
            throw CancelledError();
        }
    };

    LatencyMeasurement m;
    const Clock::time_point warmupStart = Clock::now();
    while (m.warmupRuns < spec.warmupIterations ||
           seconds(Clock::now() - warmupStart) < spec.warmupSeconds) {
        checkCancelled();
        forward();
        ++m.warmupRuns;
    }
    m.warmupSeconds = seconds(Clock::now() - warmupStart);

    m.samplesMs.reserve(static_cast<std::size_t>(std::max(spec.maxSamples, 1)));
    const Clock::time_point measureStart = Clock::now();
    for (;;) {
        checkCancelled();
        const Clock::time_point begin = Clock::now();
        forward();
        const Clock::time_point end = Clock::now();
        const double ms = std::chrono::duration<double, std::milli>(end - begin).count();
        m.samplesMs.push_back(ms);
        if (onSample) {
            onSample(ms);
        }
        m.measuringSeconds = seconds(end - measureStart);
        if (shouldStopMeasuring(m.samplesMs, m.measuringSeconds, spec, &m.stop)) {
            break;
        }
    }
    return m;
}

}  // namespace aip
