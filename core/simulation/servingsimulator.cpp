#include "simulation/servingsimulator.h"

#include "common/csv.h"
#include "common/error.h"
#include "common/quantile.h"
#include "common/seededrng.h"
#include "simulation/servingstep.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <numeric>
#include <optional>

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
    if (!std::isfinite(options.serviceTimeScale) || !(options.serviceTimeScale > 0.0)) {
        throw Error(QStringLiteral("simulation: the service-time scale must be a finite number "
                                   "> 0, got %1")
                        .arg(options.serviceTimeScale));
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
    result.labels = options.labels;
    ServingStep step(trace, policy, result, options.measureDecisionTime);

    QString stream = QStringLiteral("simulation/%1/%2").arg(policy.name(), options.labels.workload);
    if (options.drawStream > 0) {
        stream += QStringLiteral("/draw%1").arg(options.drawStream);
    }
    SeededRng rng(options.labels.seed, stream);
    // A batch right after other weights (another model or precision) on the same worker costs
    // what the serving pass measured after a switch. After its own weights (at any batch size):
    // a steady cost, plus, after the worker idled `gapMs` (at least the shortest measured
    // idle), what the pass measured an idle of about that length to add (idleExtraMs).
    auto draw = [&](int set, int variant, Worker& worker, double gapMs) {
        const bool switched = worker.lastVariant >= 0 && worker.lastVariant != variant;
        const std::span<const double> samples =
            switched ? table.switchedSamples(set) : table.samples(set);
        const double extra = switched ? 0.0 : table.idleDrawExtraMs(set, gapMs);
        worker.lastVariant = variant;
        return options.serviceTimeScale * (samples[static_cast<std::size_t>(rng.uniformInt(
                                               0, static_cast<std::int64_t>(samples.size()) - 1))] +
                                           extra);
    };

    std::vector<Worker> workers(static_cast<std::size_t>(options.workers));
    std::vector<ServedBatch> running(workers.size());
    std::vector<float> confidence1;
    std::vector<std::uint8_t> right1;
    std::int64_t failureCount = 0;
    ModelHealth& health = step.health();
    const std::size_t n = trace.size();
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
            if (worker.requeue) {
                step.requeue(running[w], options.maxAttempts);
            }
        }
        // 2. Arrivals, seen by the server's estimates as they come.
        step.admit(now);
        // 3. Idle workers take batches from the head.
        for (std::size_t w = 0; w < workers.size() && !step.queueEmpty(); ++w) {
            Worker& worker = workers[w];
            if (worker.busyUntil > now) {
                continue;
            }
            ServedBatch& batch = running[w];
            const double idleGap = worker.busyUntil < now ? now - worker.busyUntil : 0.0;
            batch = step.decide(now, options.decisionCostMs, worker.lastVariant, idleGap);
            const ConfigEntry& e = table.entry(batch.decision.entry);
            const int take = batch.decision.take;
            const double start = now + options.decisionCostMs;
            const double latency1 = draw(e.samples1, e.variant1, worker, idleGap);
            const auto recordBatch = [&](int stage, const ConfigEntry& config, int fill,
                                         double batchStart, double forwardMs, bool failed) {
                if (!options.recordBatches) {
                    return;
                }
                BatchRecord b = beginBatch(e, stage, config, fill, batch.queueLength, batchStart,
                                           result.batches);
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
                recordBatch(1, e, take, start, failAfter, true);
                step.recordFailedAttempt(batch, start, failAfter);
                continue;
            }

            recordBatch(1, e, take, start, latency1, false);
            const double stage1Done = start + latency1;
            confidence1.resize(static_cast<std::size_t>(take));
            right1.resize(static_cast<std::size_t>(take));
            for (int k = 0; k < take; ++k) {
                const int slot =
                    slots[static_cast<std::size_t>(batch.requests[static_cast<std::size_t>(k)])];
                confidence1[static_cast<std::size_t>(k)] = table.confidence(e.variant1, slot);
                right1[static_cast<std::size_t>(k)] = table.correct(e.variant1, slot) ? 1 : 0;
            }
            const Stage2Plan plan = step.planStage2(batch, confidence1, stage1Done);
            Stage2Outcome stage2;
            double end = stage1Done;
            if (plan.entry >= 0) {
                const ConfigEntry& runs = table.entry(plan.entry);
                const auto escalated = static_cast<int>(plan.positions.size());
                const double latency2 = draw(runs.samples1, runs.variant1, worker, 0.0);
                stage2.startMs = stage1Done;
                if (const InjectedFailure* f = failureAt(failures, e.model2, stage1Done)) {
                    const double failAfter = f->failAfterMs >= 0.0 ? f->failAfterMs : latency2;
                    stage2.failed = true;
                    stage2.endMs = stage1Done + failAfter;
                    recordBatch(2, runs, escalated, stage1Done, failAfter, true);
                    worker.failurePending = true;
                    worker.requeue = false;
                    worker.failedModel = e.model2;
                    ++failureCount;
                } else {
                    stage2.ran = true;
                    stage2.endMs = stage1Done + latency2;
                    recordBatch(2, runs, escalated, stage1Done, latency2, false);
                    for (const int k : plan.positions) {
                        const int slot = slots[static_cast<std::size_t>(
                            batch.requests[static_cast<std::size_t>(k)])];
                        stage2.right.push_back(table.correct(e.variant2, slot) ? 1 : 0);
                    }
                }
                end = stage2.endMs;
            }
            worker.busyUntil = end;
            step.answer(batch, start, stage1Done, right1, plan, stage2);
        }
        // 4. The next event: an arrival, or a worker finishing (while work or a failure waits).
        double next = step.nextArrivalMs();
        for (const Worker& worker : workers) {
            // A zero-length batch or failure may already be over: go round again at `now`.
            if (worker.failurePending || !step.queueEmpty()) {
                next = std::min(next, std::max(worker.busyUntil, now));
            }
        }
        if (next == std::numeric_limits<double>::infinity()) {
            break;
        }
        now = next;
    }
    step.finish(failureCount);
    return result;
}

double ServingSimulator::measuredDecisionCostMs(const Policy& policy, const Trace& trace) {
    const ConfigTable& table = policy.table();
    if (const std::optional<double> pinned = table.pinnedDecisionCostMs()) {
        return *pinned;
    }
    if (trace.empty()) {
        return 0.0;
    }
    // Once per process for each (policy, table): every run of a pipeline charges the same.
    static std::mutex mutex;
    static std::map<QString, double> measured;
    const QString key = QStringLiteral("%1|%2|%3")
                            .arg(policy.name(), table.task(),
                                 QString::number(qHash(table.entryNames().join(u'\n')), 16));
    {
        const std::lock_guard<std::mutex> lock(mutex);
        const auto found = measured.find(key);
        if (found != measured.end()) {
            return found->second;
        }
    }
    const std::size_t n = std::min<std::size_t>(trace.size(), 1024);
    const double spanMs = trace.back().arrivalMs - trace.front().arrivalMs;
    const double rate = spanMs > 0.0 ? static_cast<double>(trace.size() - 1) / spanMs : 0.0;
    DeadlineWindow deadlines;
    for (std::size_t i = 0; i < std::min<std::size_t>(n, DeadlineWindow::kWindow); ++i) {
        deadlines.observe(trace[i].deadlineMs);
    }
    const ModelHealth health(static_cast<int>(table.modelNames().size()));
    std::vector<DecisionContext> contexts(n);
    for (std::size_t i = 0; i < n; ++i) {
        DecisionContext& c = contexts[i];
        c.nowMs = trace[i].arrivalMs;
        c.budgetMs = trace[i].deadlineMs;
        c.queueLength = 1 + static_cast<int>(i % 8);
        c.health = &health;
        c.arrivalRatePerMs = rate;
        c.lastVariant =
            table.entry(static_cast<int>(i % static_cast<std::size_t>(table.size()))).variant1;
        c.deadlines = &deadlines;
    }
    std::int64_t sink = 0;
    for (const DecisionContext& c : contexts) {  // warm-up
        sink += policy.decide(c).entry;
    }
    // The fastest of several passes: a pass the scheduler interrupts (another process on the
    // cores) measures the interruption, not the decision.
    constexpr int kPasses = 5;
    double meanUs = std::numeric_limits<double>::infinity();
    for (int pass = 0; pass < kPasses; ++pass) {
        const auto t0 = std::chrono::steady_clock::now();
        for (const DecisionContext& c : contexts) {
            sink += policy.decide(c).entry;
        }
        const auto t1 = std::chrono::steady_clock::now();
        meanUs = std::min(meanUs, std::chrono::duration<double, std::micro>(t1 - t0).count() /
                                      static_cast<double>(n));
    }
    // The sum keeps the calls from being optimised away; it cannot be negative.
    const double costMs = sink < 0 ? 0.0 : std::ceil(meanUs) / 1000.0;
    const std::lock_guard<std::mutex> lock(mutex);
    return measured.emplace(key, costMs).first->second;
}

}  // namespace aip
