#include "workload/workloadgenerator.h"

#include "common/csv.h"
#include "common/error.h"
#include "common/seededrng.h"
#include "workload/tracefile.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace aip {

namespace {

/// A typo such as rate_rps: 6e9 should fail at once, not fill the memory.
constexpr double kMaxExpectedRequests = 5e7;

void requirePositive(double value, const QString& key, const QString& where) {
    if (!(value > 0.0) || !std::isfinite(value)) {
        throw Error(QStringLiteral("%1: %2 must be a positive number, got %3")
                        .arg(where, key, csv::number(value)));
    }
}

void requireNonNegative(double value, const QString& key, const QString& where) {
    if (!(value >= 0.0) || !std::isfinite(value)) {
        throw Error(QStringLiteral("%1: %2 must be a non-negative number, got %3")
                        .arg(where, key, csv::number(value)));
    }
}

void requireRequestDraws(const std::vector<double>& deadlineSetMs, std::int64_t exampleCount,
                         const QString& where) {
    if (deadlineSetMs.empty()) {
        throw Error(QStringLiteral("%1: the deadline set is empty; it needs at least one deadline")
                        .arg(where));
    }
    for (const double deadline : deadlineSetMs) {
        requirePositive(deadline, QStringLiteral("every deadline (ms)"), where);
    }
    if (exampleCount <= 0) {
        throw Error(QStringLiteral("%1: the example count must be positive, got %2")
                        .arg(where)
                        .arg(exampleCount));
    }
}

QString describe(const WorkloadSpec& spec) {
    return QStringLiteral("workload '%1' (%2)").arg(spec.name, arrivalName(spec.arrival));
}

void validate(const WorkloadSpec& spec) {
    const QString where = describe(spec);
    requirePositive(spec.durationS, QStringLiteral("duration_s"), where);
    switch (spec.arrival) {
        case WorkloadSpec::Arrival::Poisson:
            requirePositive(spec.rateRps, QStringLiteral("rate_rps"), where);
            break;
        case WorkloadSpec::Arrival::Bursty:
            requirePositive(spec.rateOnRps, QStringLiteral("rate_on_rps"), where);
            requirePositive(spec.rateOffRps, QStringLiteral("rate_off_rps"), where);
            requirePositive(spec.meanOnS, QStringLiteral("mean_on_s"), where);
            requirePositive(spec.meanOffS, QStringLiteral("mean_off_s"), where);
            break;
        case WorkloadSpec::Arrival::Diurnal:
            requirePositive(spec.rateRps, QStringLiteral("rate_rps"), where);
            requirePositive(spec.periodS, QStringLiteral("period_s"), where);
            if (!(spec.amplitude >= 0.0 && spec.amplitude <= 1.0)) {
                throw Error(QStringLiteral("%1: amplitude must be in [0, 1] so the rate never "
                                           "turns negative, got %2")
                                .arg(where, csv::number(spec.amplitude)));
            }
            break;
        case WorkloadSpec::Arrival::Spike:
            requirePositive(spec.rateRps, QStringLiteral("rate_rps"), where);
            requirePositive(spec.spikeRps, QStringLiteral("spike_rps"), where);
            requireNonNegative(spec.spikeStartS, QStringLiteral("spike_start_s"), where);
            requirePositive(spec.spikeDurationS, QStringLiteral("spike_duration_s"), where);
            break;
        case WorkloadSpec::Arrival::Trace:
            break;
    }
    const double peakRate = spec.arrival == WorkloadSpec::Arrival::Bursty
                                ? std::max(spec.rateOnRps, spec.rateOffRps)
                                : spec.rateRps * (1.0 + spec.amplitude) + spec.spikeRps;
    if (peakRate * spec.durationS > kMaxExpectedRequests) {
        throw Error(QStringLiteral("%1: up to %2 requests expected, more than the %3 a trace may "
                                   "hold; lower the rate or the duration")
                        .arg(where, csv::number(peakRate * spec.durationS, 3),
                             csv::number(kMaxExpectedRequests)));
    }
}

/// Homogeneous Poisson arrivals in [start, end), appended in order.
void appendPoisson(SeededRng& rng, double rate, double start, double end,
                   std::vector<double>& arrivalsS) {
    double t = start;
    for (;;) {
        t += rng.exponential(rate);
        if (t >= end) {
            return;
        }
        arrivalsS.push_back(t);
    }
}

std::vector<double> burstyArrivals(const WorkloadSpec& spec, SeededRng& rng) {
    std::vector<double> arrivals;
    // The stationary share of time in the on state is mean_on / (mean_on + mean_off).
    bool on = rng.uniform01() < spec.meanOnS / (spec.meanOnS + spec.meanOffS);
    double t = 0.0;
    while (t < spec.durationS) {
        const double stay = rng.exponential(1.0 / (on ? spec.meanOnS : spec.meanOffS));
        const double end = std::min(t + stay, spec.durationS);
        // Arrivals are memoryless, so each sojourn starts its own Poisson stream.
        appendPoisson(rng, on ? spec.rateOnRps : spec.rateOffRps, t, end, arrivals);
        t += stay;
        on = !on;
    }
    return arrivals;
}

std::vector<double> diurnalArrivals(const WorkloadSpec& spec, SeededRng& rng) {
    // Thinning (Lewis–Shedler): candidates at the peak rate, each kept with λ(t)/λmax.
    const double peak = spec.rateRps * (1.0 + spec.amplitude);
    std::vector<double> arrivals;
    double t = 0.0;
    for (;;) {
        t += rng.exponential(peak);
        if (t >= spec.durationS) {
            return arrivals;
        }
        const double rate =
            spec.rateRps *
            (1.0 + spec.amplitude * std::sin(2.0 * std::numbers::pi * t / spec.periodS));
        if (rng.uniform01() * peak < rate) {
            arrivals.push_back(t);
        }
    }
}

/// Turns arrival times (seconds, sorted) into requests with drawn deadlines and examples.
Trace makeRequests(const std::vector<double>& arrivalsS, const std::vector<double>& deadlineSetMs,
                   std::int64_t exampleCount, const SeededRng& stream) {
    SeededRng deadlines = stream.derive(QStringLiteral("deadlines"));
    SeededRng examples = stream.derive(QStringLiteral("examples"));
    const auto lastDeadline = static_cast<std::int64_t>(deadlineSetMs.size()) - 1;
    Trace trace;
    trace.reserve(arrivalsS.size());
    for (const double t : arrivalsS) {
        Request r;
        r.id = static_cast<std::int64_t>(trace.size());
        // Microseconds: the CSV then holds every digit and a saved trace reads back exactly.
        r.arrivalMs = std::round(t * 1e6) / 1e3;
        r.deadlineMs =
            deadlineSetMs[static_cast<std::size_t>(deadlines.uniformInt(0, lastDeadline))];
        r.example = examples.uniformInt(0, exampleCount - 1);
        trace.push_back(r);
    }
    return trace;
}

}  // namespace

Trace generateTrace(const WorkloadSpec& spec, const std::vector<double>& deadlineSetMs,
                    std::int64_t exampleCount, std::uint64_t seed) {
    if (spec.arrival == WorkloadSpec::Arrival::Trace) {
        return loadTrace(spec.traceFile, exampleCount);
    }
    validate(spec);
    requireRequestDraws(deadlineSetMs, exampleCount, describe(spec));

    const SeededRng stream(seed, QStringLiteral("workload/") + spec.name);
    SeededRng arrivalRng = stream.derive(QStringLiteral("arrivals"));
    std::vector<double> arrivals;
    switch (spec.arrival) {
        case WorkloadSpec::Arrival::Poisson:
        case WorkloadSpec::Arrival::Spike:
            appendPoisson(arrivalRng, spec.rateRps, 0.0, spec.durationS, arrivals);
            break;
        case WorkloadSpec::Arrival::Bursty:
            arrivals = burstyArrivals(spec, arrivalRng);
            break;
        case WorkloadSpec::Arrival::Diurnal:
            arrivals = diurnalArrivals(spec, arrivalRng);
            break;
        case WorkloadSpec::Arrival::Trace:
            break;
    }
    Trace trace = makeRequests(arrivals, deadlineSetMs, exampleCount, stream);
    if (spec.arrival == WorkloadSpec::Arrival::Spike) {
        SpikeSpec spike;
        spike.rateRps = spec.spikeRps;
        spike.startS = spec.spikeStartS;
        // The trace ends at duration_s, and so does a spike that would run past it.
        spike.durationS = std::min(spec.spikeDurationS, spec.durationS - spec.spikeStartS);
        if (spike.durationS > 0.0) {
            trace = addSpike(trace, spike, deadlineSetMs, exampleCount, seed,
                             QStringLiteral("workload/%1/spike").arg(spec.name));
        }
    }
    return trace;
}

WorkloadSpec scaleWorkloadRates(const WorkloadSpec& spec, double factor) {
    if (!(factor > 0.0) || !std::isfinite(factor)) {
        throw Error(QStringLiteral("workload '%1': a rate scale must be positive, not %2")
                        .arg(spec.name)
                        .arg(factor));
    }
    WorkloadSpec scaled = spec;
    scaled.rateRps *= factor;
    scaled.rateOnRps *= factor;
    scaled.rateOffRps *= factor;
    scaled.spikeRps *= factor;
    return scaled;
}

Trace compressTrace(const Trace& trace, double factor) {
    if (!(factor > 0.0) || !std::isfinite(factor)) {
        throw Error(QStringLiteral("a trace's rate scale must be positive, not %1").arg(factor));
    }
    Trace compressed = trace;
    for (Request& r : compressed) {
        r.arrivalMs = std::round(r.arrivalMs / factor * 1000.0) / 1000.0;
    }
    return compressed;
}

Trace traceWindow(const Trace& trace, double startS, double durationS) {
    const double startMs = startS * 1000.0;
    const double endMs = (startS + durationS) * 1000.0;
    Trace window;
    for (const Request& r : trace) {
        if (r.arrivalMs >= startMs && r.arrivalMs < endMs) {
            Request shifted = r;
            shifted.id = static_cast<std::int64_t>(window.size());
            shifted.arrivalMs = std::round((r.arrivalMs - startMs) * 1000.0) / 1000.0;
            window.push_back(shifted);
        }
    }
    return window;
}

Trace addSpike(const Trace& trace, const SpikeSpec& spike, const std::vector<double>& deadlineSetMs,
               std::int64_t exampleCount, std::uint64_t seed, const QString& streamName) {
    const QString where = QStringLiteral("spike '%1'").arg(streamName);
    requirePositive(spike.rateRps, QStringLiteral("spike_rps"), where);
    requireNonNegative(spike.startS, QStringLiteral("spike_start_s"), where);
    requirePositive(spike.durationS, QStringLiteral("spike_duration_s"), where);
    if (spike.rateRps * spike.durationS > kMaxExpectedRequests) {
        throw Error(QStringLiteral("%1: about %2 extra requests expected, more than the %3 a "
                                   "trace may hold")
                        .arg(where, csv::number(spike.rateRps * spike.durationS, 3),
                             csv::number(kMaxExpectedRequests)));
    }
    requireRequestDraws(deadlineSetMs, exampleCount, where);
    const auto byArrival = [](const Request& a, const Request& b) {
        return a.arrivalMs < b.arrivalMs;
    };
    const auto unsorted = std::is_sorted_until(trace.begin(), trace.end(), byArrival);
    if (unsorted != trace.end()) {
        throw Error(QStringLiteral("%1: the trace is not sorted by arrival (request %2 arrives "
                                   "at %3 ms, before the one ahead of it)")
                        .arg(where)
                        .arg(unsorted->id)
                        .arg(csv::number(unsorted->arrivalMs)));
    }

    const SeededRng stream(seed, streamName);
    SeededRng arrivalRng = stream.derive(QStringLiteral("arrivals"));
    std::vector<double> arrivals;
    appendPoisson(arrivalRng, spike.rateRps, spike.startS, spike.startS + spike.durationS,
                  arrivals);
    const Trace extra = makeRequests(arrivals, deadlineSetMs, exampleCount, stream);

    Trace merged;
    merged.reserve(trace.size() + extra.size());
    // std::merge is stable: on equal arrival times the existing request comes first.
    std::merge(trace.begin(), trace.end(), extra.begin(), extra.end(), std::back_inserter(merged),
               byArrival);
    for (std::size_t i = 0; i < merged.size(); ++i) {
        merged[i].id = static_cast<std::int64_t>(i);
    }
    return merged;
}

double meanArrivalRate(const WorkloadSpec& spec) {
    switch (spec.arrival) {
        case WorkloadSpec::Arrival::Poisson:
        case WorkloadSpec::Arrival::Diurnal:
            return spec.rateRps;
        case WorkloadSpec::Arrival::Bursty:
            return (spec.rateOnRps * spec.meanOnS + spec.rateOffRps * spec.meanOffS) /
                   (spec.meanOnS + spec.meanOffS);
        case WorkloadSpec::Arrival::Spike: {
            const double overlap =
                std::max(0.0, std::min(spec.spikeStartS + spec.spikeDurationS, spec.durationS) -
                                  spec.spikeStartS);
            return spec.rateRps + spec.spikeRps * overlap / spec.durationS;
        }
        case WorkloadSpec::Arrival::Trace:
            break;
    }
    throw Error(QStringLiteral("%1: a trace's rate is the file's (%2), not a parameter")
                    .arg(describe(spec), spec.traceFile));
}

}  // namespace aip
