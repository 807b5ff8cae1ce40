#pragma once

#include "config/protocolconfig.h"
#include "workload/request.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace aip {

/// Extra Poisson arrivals at `rateRps` during [startS, startS + durationS).
struct SpikeSpec {
    double rateRps = 0.0;
    double startS = 0.0;
    double durationS = 0.0;
};

/// Builds the request trace of one protocol workload. Arrivals follow `spec.arrival`:
///   poisson  exponential inter-arrivals at rate_rps over [0, duration_s)
///   bursty   two-state MMPP: on/off sojourns exponential with means mean_on_s/mean_off_s,
///            Poisson arrivals at rate_on_rps/rate_off_rps inside each state, the first state
///            drawn from the stationary distribution
///   diurnal  non-homogeneous Poisson, rate_rps·(1 + amplitude·sin(2πt/period_s)), by thinning
///   spike    Poisson at rate_rps plus spike_rps during [spike_start_s, +spike_duration_s)
///   trace    the CSV spec.traceFile (loadTrace); seed and deadline set are not used
/// Each generated request gets a deadline drawn uniformly from `deadlineSetMs` and an example id
/// uniform in [0, exampleCount). Arrival times are rounded to the microsecond, so a saved trace
/// reads back exactly. Randomness comes from SeededRng(seed, "workload/<name>") with separate
/// derived streams for arrivals, deadlines and examples: another deadline set changes the
/// deadlines only, never the arrival times or examples. Throws aip::Error naming the workload and
/// the parameter for impossible parameters, an empty deadline set or exampleCount ≤ 0.
Trace generateTrace(const WorkloadSpec& spec, const std::vector<double>& deadlineSetMs,
                    std::int64_t exampleCount, std::uint64_t seed);

/// Injects a load spike into any trace: the extra requests (deadlines and examples drawn as in
/// generateTrace, from SeededRng(seed, `streamName`)) are merged by arrival time, the existing
/// requests keep their arrival, deadline and example, and all ids are renumbered 0..n-1 in
/// arrival order (an existing request goes first on a tie). Throws aip::Error for a non-positive
/// rate or duration, a negative start, an empty deadline set or exampleCount ≤ 0.
Trace addSpike(const Trace& trace, const SpikeSpec& spike, const std::vector<double>& deadlineSetMs,
               std::int64_t exampleCount, std::uint64_t seed,
               const QString& streamName = QStringLiteral("workload/spike"));

/// `spec` with every arrival rate times `factor` (> 0): rate_rps (poisson, diurnal, spike's
/// base), rate_on_rps and rate_off_rps (bursty) and spike_rps. Durations, sojourns and periods
/// stay. A trace workload is returned unchanged: scale its loaded trace with compressTrace().
/// Throws aip::Error for a factor that is not positive and finite.
WorkloadSpec scaleWorkloadRates(const WorkloadSpec& spec, double factor);

/// The same requests at `factor` times the rate: every arrival time divided by `factor`
/// (rounded to the microsecond as generated arrivals are); deadlines and examples unchanged.
Trace compressTrace(const Trace& trace, double factor);

/// The requests arriving in [startS, startS + durationS), their arrivals shifted so the window
/// starts at 0 and their ids renumbered 0..n-1.
Trace traceWindow(const Trace& trace, double startS, double durationS);

/// The long-run mean arrival rate of a generated workload in requests per second (bursty: the
/// stationary mix of the two rates; spike: the base rate plus the spike averaged over the
/// duration). Throws aip::Error for a trace workload, whose rate is the file's.
double meanArrivalRate(const WorkloadSpec& spec);

}  // namespace aip
