#include "simulation/servingsimulator.h"

#include "common/csv.h"
#include "common/error.h"
#include "common/seededrng.h"
#include "planning/quantile.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

namespace aip {

namespace {

struct InjectedFailure {
    int model;
    double fromMs;
    double toMs;
    double failAfterMs;
};

/// One worker and the batch it runs.
struct Worker {
    double busyUntil = -std::numeric_limits<double>::infinity();
    bool failurePending = false;  ///< at busyUntil a failure is observed
    bool requeue = false;         ///< stage 1 failed: the batch goes back to the queue
    int failedModel = -1;
    int count = 0;         ///< requests in the batch (their indices: Simulation::items)
    int lastVariant = -1;  ///< weights (model and precision) of the last batch it ran; -1: none
};

void validate(const Trace& trace, const ConfigTable& table, const SimulationOptions& options,
              std::vector<int>& slots, std::vector<InjectedFailure>& failures) {
    if (options.workers < 1) {
        throw Error(QStringLiteral("simulation: workers must be ≥ 1, got %1").arg(options.workers));
    }
    if (!std::isfinite(options.decisionCostMs) || options.decisionCostMs < 0.0) {
        throw Error(QStringLiteral("simulation: the decision cost must be a finite number of "
                                   "milliseconds ≥ 0, got %1")
                        .arg(options.decisionCostMs));
    }
    if (!std::isfinite(options.retryAfterMs) || options.retryAfterMs < 0.0) {
        throw Error(QStringLiteral("simulation: retry-after must be a finite number of "
                                   "milliseconds ≥ 0, got %1")
                        .arg(options.retryAfterMs));
    }
    if (options.maxAttempts < 1) {
        throw Error(QStringLiteral("simulation: max attempts must be ≥ 1, got %1")
                        .arg(options.maxAttempts));
    }
    for (const FailureSpec& f : options.failures) {
        const int model = table.modelIndex(f.model);
        if (model < 0) {
            throw Error(QStringLiteral("failure injection: unknown model '%1' (task %2 has: %3)")
                            .arg(f.model, table.task(), table.modelNames().join(u", ")));
        }
        if (std::isnan(f.fromMs) || std::isnan(f.toMs) || f.toMs < f.fromMs ||
            std::isnan(f.failAfterMs) || std::isinf(f.failAfterMs)) {
            throw Error(QStringLiteral("failure injection for %1: expected from ≤ to and a "
                                       "finite fail-after, got [%2, %3) after %4")
                            .arg(f.model)
                            .arg(f.fromMs)
                            .arg(f.toMs)
                            .arg(f.failAfterMs));
        }
        failures.push_back(InjectedFailure{model, f.fromMs, f.toMs, f.failAfterMs});
    }
    slots.resize(trace.size());
    double previous = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < trace.size(); ++i) {
        const Request& r = trace[i];
        if (!std::isfinite(r.arrivalMs) || r.arrivalMs < previous) {
            throw Error(QStringLiteral("trace: request %1 arrives at %2 ms, before the request "
                                       "ahead of it (%3 ms); a trace must be in arrival order")
                            .arg(r.id)
                            .arg(r.arrivalMs)
                            .arg(previous));
        }
        previous = r.arrivalMs;
        if (std::isnan(r.deadlineMs) || r.deadlineMs < 0.0) {
            throw Error(QStringLiteral("trace: request %1 has deadline %2 ms; expected ≥ 0")
                            .arg(r.id)
                            .arg(r.deadlineMs));
        }
        slots[i] = table.requireExampleSlot(r.example, r.id);
    }
}

/// The failure that hits a batch of `model` starting at `t`, or nullptr.
const InjectedFailure* failureAt(const std::vector<InjectedFailure>& failures, int model,
                                 double t) {
    for (const InjectedFailure& f : failures) {
        if (f.model == model && t >= f.fromMs && t < f.toMs) {
            return &f;
        }
    }
    return nullptr;
}

}  // namespace

SimulationResult ServingSimulator::run(const Trace& trace, const Policy& policy,
                                       const SimulationOptions& options) {
    const ConfigTable& table = policy.table();
    std::vector<int> slots;
    std::vector<InjectedFailure> failures;
    validate(trace, table, options, slots, failures);

    SimulationResult result;
    result.policy = policy.name();
    result.labels = options.labels;
    result.configNames = table.entryNames();
    std::vector<RequestRecord>& records = result.records;
    const std::size_t n = trace.size();
    records.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        RequestRecord& r = records[i];
        r.requestId = trace[i].id;
        r.arrivalMs = trace[i].arrivalMs;
        r.deadlineMs = trace[i].deadlineMs;
        r.example = trace[i].example;
    }

    QString stream = QStringLiteral("simulation/%1/%2").arg(policy.name(), options.labels.workload);
    if (options.drawStream > 0) {
        stream += QStringLiteral("/draw%1").arg(options.drawStream);
    }
    SeededRng rng(options.labels.seed, stream);
    // A batch right after other weights (another model or precision) on the same worker costs
    // what the serving pass measured after a switch. After its own weights (at any batch size):
    // after the worker idled `gapMs` (at least the shortest measured idle), what the pass
    // measured after the nearest idle gaps; else the steady cost.
    auto draw = [&](int set, int variant, Worker& worker, double gapMs) {
        std::span<const double> samples;
        if (worker.lastVariant >= 0 && worker.lastVariant != variant) {
            samples = table.switchedSamples(set);
        } else if (gapMs > 0.0 && gapMs >= table.shortestIdleGapMs(set)) {
            samples = table.idleSamplesNear(set, gapMs);
        } else {
            samples = table.samples(set);
        }
        worker.lastVariant = variant;
        return samples[static_cast<std::size_t>(
            rng.uniformInt(0, static_cast<std::int64_t>(samples.size()) - 1))];
    };

    ModelHealth health(static_cast<int>(table.modelNames().size()));
    // FIFO queue of trace indices: arrivals append at `tail`; a failed batch is pushed back in
    // front of `head`, into slots its own requests vacated, so n slots always suffice.
    std::vector<int> queue(n);
    std::size_t head = 0;
    std::size_t tail = 0;
    const auto maxBatch = static_cast<std::size_t>(table.maxBatchSize());
    std::vector<Worker> workers(static_cast<std::size_t>(options.workers));
    std::vector<int> items(workers.size() * maxBatch);
    std::vector<std::uint8_t> escalate(maxBatch);
    std::vector<double> decisionUs;
    if (options.measureDecisionTime) {
        decisionUs.reserve(n);
    }
    std::int64_t decisions = 0;
    std::int64_t failureCount = 0;

    std::size_t nextArrival = 0;
    ArrivalRateEstimator arrivals;
    DeadlineWindow deadlines;
    double now = n > 0 ? trace[0].arrivalMs : 0.0;
    while (true) {
        // 1. Failures observed now: mark the model, put stage-1 batches back at the head.
        for (std::size_t w = 0; w < workers.size(); ++w) {
            Worker& worker = workers[w];
            if (!worker.failurePending || worker.busyUntil > now) {
                continue;
            }
            worker.failurePending = false;
            health.markFailed(worker.failedModel, worker.busyUntil + options.retryAfterMs);
            if (!worker.requeue) {
                continue;
            }
            const int* batch = &items[w * maxBatch];
            for (int k = worker.count - 1; k >= 0; --k) {
                const int index = batch[k];
                if (records[static_cast<std::size_t>(index)].failedAttempts < options.maxAttempts) {
                    queue[--head] = index;
                }
            }
        }
        // 2. Arrivals, seen by the server's rate estimate as they come.
        while (nextArrival < n && trace[nextArrival].arrivalMs <= now) {
            arrivals.observe(trace[nextArrival].arrivalMs);
            deadlines.observe(trace[nextArrival].deadlineMs);
            queue[tail++] = static_cast<int>(nextArrival++);
        }
        // 3. Idle workers take batches from the head.
        for (std::size_t w = 0; w < workers.size() && head < tail; ++w) {
            Worker& worker = workers[w];
            if (worker.busyUntil > now) {
                continue;
            }
            const Request& first = trace[static_cast<std::size_t>(queue[head])];
            DecisionContext context;
            context.nowMs = now;
            context.budgetMs = first.arrivalMs + first.deadlineMs - now - options.decisionCostMs;
            context.queueLength = static_cast<int>(tail - head);
            context.health = &health;
            context.arrivalRatePerMs = arrivals.ratePerMs(now);
            context.lastVariant = worker.lastVariant;
            context.deadlines = &deadlines;
            Decision d;
            if (options.measureDecisionTime) {
                const auto t0 = std::chrono::steady_clock::now();
                d = policy.decide(context);
                const auto t1 = std::chrono::steady_clock::now();
                decisionUs.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
            } else {
                d = policy.decide(context);
            }
            ++decisions;
            if (d.entry < 0 || d.entry >= table.size() || d.take < 1 ||
                d.take > context.queueLength || d.take > table.entry(d.entry).batchSize) {
                throw Error(QStringLiteral("%1 chose entry %2 with %3 requests while %4 wait")
                                .arg(policy.name())
                                .arg(d.entry)
                                .arg(d.take)
                                .arg(context.queueLength));
            }
            const ConfigEntry& e = table.entry(d.entry);
            const double start = now + options.decisionCostMs;
            int* batch = &items[w * maxBatch];
            for (int k = 0; k < d.take; ++k) {
                batch[k] = queue[head++];
            }
            worker.count = d.take;

            const double latency1 = draw(e.samples1, e.variant1, worker,
                                         worker.busyUntil < now ? now - worker.busyUntil : 0.0);
            const auto recordBatch = [&](int stage, int fill, double batchStart, double forwardMs,
                                         bool failed) {
                if (!options.recordBatches) {
                    return;
                }
                BatchRecord b =
                    beginBatch(e, stage, fill, context.queueLength, batchStart, result.batches);
                b.forwardMs = forwardMs;
                b.failed = failed;
                result.batches.push_back(std::move(b));
            };
            if (const InjectedFailure* f = failureAt(failures, e.model1, start)) {
                const double failAfter = f->failAfterMs >= 0.0 ? f->failAfterMs : latency1;
                worker.busyUntil = start + failAfter;
                worker.failurePending = true;
                worker.requeue = true;
                worker.failedModel = e.model1;
                ++failureCount;
                recordBatch(1, d.take, start, failAfter, true);
                const double share = failAfter * e.costPerBusyMs / d.take;
                for (int k = 0; k < d.take; ++k) {
                    RequestRecord& r = records[static_cast<std::size_t>(batch[k])];
                    r.startMs = start;
                    r.entry = d.entry;
                    r.batchSize = e.batchSize;
                    r.batchFill = d.take;
                    r.cost += share;
                    ++r.failedAttempts;
                }
                continue;
            }

            recordBatch(1, d.take, start, latency1, false);
            const double stage1Done = start + latency1;
            double end = stage1Done;
            double busyMs = latency1;
            bool stage2Ran = false;
            bool stage2Failed = false;
            if (e.cascade) {
                int escalated = 0;
                for (int k = 0; k < d.take; ++k) {
                    const auto index = static_cast<std::size_t>(batch[k]);
                    const Request& r = trace[index];
                    const bool low = table.confidence(e.variant1, slots[index]) < e.threshold;
                    // Anytime rule: stage 2 only where the slack still covers its tail.
                    const bool go = low && r.arrivalMs + r.deadlineMs - stage1Done >= e.tail2Ms;
                    escalate[static_cast<std::size_t>(k)] = go ? 1 : 0;
                    escalated += go ? 1 : 0;
                }
                if (escalated > 0) {
                    const double latency2 = draw(e.samples2, e.variant2, worker, 0.0);
                    if (const InjectedFailure* f = failureAt(failures, e.model2, stage1Done)) {
                        const double failAfter = f->failAfterMs >= 0.0 ? f->failAfterMs : latency2;
                        end = stage1Done + failAfter;
                        busyMs += failAfter;
                        stage2Failed = true;
                        recordBatch(2, escalated, stage1Done, failAfter, true);
                        worker.failurePending = true;
                        worker.requeue = false;
                        worker.failedModel = e.model2;
                        ++failureCount;
                    } else {
                        end = stage1Done + latency2;
                        busyMs += latency2;
                        stage2Ran = true;
                        recordBatch(2, escalated, stage1Done, latency2, false);
                    }
                }
            }
            worker.busyUntil = end;
            const double share = busyMs * e.costPerBusyMs / d.take;
            for (int k = 0; k < d.take; ++k) {
                const auto index = static_cast<std::size_t>(batch[k]);
                RequestRecord& r = records[index];
                const bool escalated = e.cascade && escalate[static_cast<std::size_t>(k)] != 0;
                r.startMs = start;
                r.entry = d.entry;
                r.batchSize = e.batchSize;
                r.batchFill = d.take;
                r.cost += share;
                r.answered = true;
                r.fallback = d.fallback;
                if (escalated && stage2Ran) {
                    r.finishMs = end;
                    r.stage2Ran = true;
                    r.correct = table.correct(e.variant2, slots[index]);
                } else {
                    // A failed stage 2 leaves the stage-1 answer, returned when the failure shows.
                    r.finishMs = escalated && stage2Failed ? end : stage1Done;
                    r.fallback = r.fallback || (escalated && stage2Failed);
                    r.correct = table.correct(e.variant1, slots[index]);
                }
                r.hit = r.finishMs - r.arrivalMs <= r.deadlineMs;
            }
        }
        // 4. The next event: an arrival, or a worker finishing (while work or a failure waits).
        double next = std::numeric_limits<double>::infinity();
        if (nextArrival < n) {
            next = trace[nextArrival].arrivalMs;
        }
        for (const Worker& worker : workers) {
            // A zero-length batch or failure may already be over: go round again at `now`.
            if (worker.failurePending || head < tail) {
                next = std::min(next, std::max(worker.busyUntil, now));
            }
        }
        if (next == std::numeric_limits<double>::infinity()) {
            break;
        }
        now = next;
    }

    result.metrics = computeMetrics(records);
    result.metrics.failures = failureCount;
    result.metrics.decisions = decisions;
    setDecisionTimes(result.metrics, std::move(decisionUs));
    return result;
}

}  // namespace aip
