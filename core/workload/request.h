#pragma once

#include <cstdint>
#include <vector>

namespace aip {

/// One inference request of a workload trace. Times are milliseconds from the start of the trace;
/// the deadline is relative to the arrival. `example` indexes the evaluation split, so whether
/// an answer is correct comes from the accuracy profiles (predictions.csv).
struct Request {
    std::int64_t id = 0;
    double arrivalMs = 0.0;
    double deadlineMs = 0.0;
    std::int64_t example = 0;
};

using Trace = std::vector<Request>;

}  // namespace aip
