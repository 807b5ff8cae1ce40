// The planner's performance goals on synthetic profiles:
//   BM_PlannerDecide/1000   one CascadePlanner decision on a 1,000-entry table (goal: p99 ≤ 2 µs)
//   BM_PlannerDecideUnderLoad/1000   the same with an arrival rate, last weights and deadlines
//   BM_SimulateRequests     simulated requests per second on one core (goal: ≥ 1 M/s)
//   BM_MdpPlannerDecide/1000   one MDPPlanner decision (the table lookup) on the same table
//   BM_MdpPlannerSolve/1000    building MDPPlanner: the MDP's policy iteration
//
//   build/<preset>/bin/aip-bench --benchmark_filter='BM_Planner|BM_Simulate|BM_Mdp'

#include "common/seededrng.h"
#include "planning/cascadeplanner.h"
#include "planning/configtable.h"
#include "planning/mdpplanner.h"
#include "simulation/servingsimulator.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <vector>

namespace {

using namespace aip;

/// Synthetic profiles of `entries` configurations: 80% single configurations (models × fp32,
/// int8 × batch 1..16 × cpu:1, cpu:2), 20% cascades of the middle model into the last over a
/// θ grid. Larger models are slower and more accurate, with noisy samples.
ConfigTable syntheticTable(int entries) {
    const int perModel = 2 * 5 * 2;
    const int models = std::max(2, entries * 4 / 5 / perModel);
    const int examples = 1000;
    SeededRng rng(1, QStringLiteral("bench/profiles"));
    std::vector<LatencyProfile> latency;
    std::vector<AccuracyProfile> accuracy;
    for (int m = 0; m < models; ++m) {
        for (const char* precision : {"fp32", "int8"}) {
            AccuracyProfile a;
            a.task = QStringLiteral("bench");
            a.model = QStringLiteral("m%1").arg(m);
            a.precision = QString::fromLatin1(precision);
            const double skill = 0.5 + 0.45 * m / models + rng.uniform(-0.01, 0.01);
            for (int e = 0; e < examples; ++e) {
                const bool right = rng.uniform01() < skill;
                a.index.push_back(e);
                a.label.push_back(e % 10);
                a.predicted.push_back(right ? e % 10 : (e + 1) % 10);
                a.confidence.push_back(
                    static_cast<float>(right ? rng.uniform(0.5, 1.0) : rng.uniform(0.1, 0.7)));
            }
            accuracy.push_back(a);
            for (const int batch : {1, 2, 4, 8, 16}) {
                for (const int threads : {1, 2}) {
                    LatencyProfile p;
                    p.key = ConfigKey{
                        a.task, a.model, a.precision, batch, QStringLiteral("cpu:%1").arg(threads),
                        threads};
                    const double base = (0.5 + 0.3 * m) * (a.precision == u"int8" ? 0.7 : 1.0) *
                                        (1.0 + 0.4 * (batch - 1)) / threads;
                    for (int s = 0; s < 50; ++s) {
                        p.samplesMs.push_back(base * rng.uniform(0.9, 1.4));
                    }
                    latency.push_back(p);
                }
            }
        }
    }
    ConfigTableOptions options;
    options.task = QStringLiteral("bench");
    options.costPerDeviceHour.insert(QStringLiteral("cpu"), 0.05);
    // a middle model × the last: perModel × 2 stage-2 precisions pairs, times the θ grid.
    const int cascadeEntries = entries - models * perModel;
    const int thetas = std::max(1, cascadeEntries / (perModel * 2));
    CascadeSpec cascade{
        QStringLiteral("m%1").arg(models / 2), QStringLiteral("m%1").arg(models - 1), {}};
    for (int i = 0; i < thetas; ++i) {
        cascade.thresholds.push_back(0.5 + 0.49 * i / thetas);
    }
    options.cascades.push_back(cascade);
    return ConfigTable::build(latency, accuracy, options);
}

double percentile(std::vector<double> values, double q) {
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(q * static_cast<double>(values.size() - 1))];
}

/// Times decide() over `contexts`, and each decision alone for its p99.
template <class Planner>
void timeDecisions(benchmark::State& state, const ConfigTable& table, const Planner& planner,
                   const std::vector<DecisionContext>& contexts) {
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(planner.decide(contexts[i++ & 4095]));
    }
    // Per-decision latencies, each timed on its own (the clock's own cost included).
    std::vector<double> ns(20000);
    for (std::size_t k = 0; k < ns.size(); ++k) {
        const auto t0 = std::chrono::steady_clock::now();
        benchmark::DoNotOptimize(planner.decide(contexts[k & 4095]));
        const auto t1 = std::chrono::steady_clock::now();
        ns[k] = std::chrono::duration<double, std::nano>(t1 - t0).count();
    }
    state.counters["entries"] = table.size();
    state.counters["front"] = static_cast<double>(table.frontier().size());
    state.counters["p99_ns_timed_alone"] = percentile(ns, 0.99);
}

std::vector<DecisionContext> budgetContexts() {
    SeededRng rng(2, QStringLiteral("bench/budgets"));
    std::vector<DecisionContext> contexts(4096);
    for (DecisionContext& c : contexts) {
        c.budgetMs = rng.uniform(0.0, 40.0);
        c.queueLength = static_cast<int>(rng.uniformInt(1, 4));
    }
    return contexts;
}

/// No load information: the deadline and the queue alone.
void BM_PlannerDecide(benchmark::State& state) {
    const ConfigTable table = syntheticTable(static_cast<int>(state.range(0)));
    const CascadePlanner planner(table);
    timeDecisions(state, table, planner, budgetContexts());
}

/// With an arrival rate, the weights that ran last, the deadlines seen, when the waiting
/// requests are due and, for a single request, an idle before it: every rule of the
/// load-aware, switch-aware, idle-aware planner with its one-step lookahead.
void BM_PlannerDecideUnderLoad(benchmark::State& state) {
    const ConfigTable table = syntheticTable(static_cast<int>(state.range(0)));
    const CascadePlanner planner(table);
    SeededRng rng(4, QStringLiteral("bench/load"));
    DeadlineWindow deadlines;
    const std::vector<double> seen = {2, 5, 10, 25, 50, 100};
    for (int k = 0; k < DeadlineWindow::kWindow; ++k) {
        deadlines.observe(seen[static_cast<std::size_t>(rng.uniformInt(0, 5))]);
    }
    std::vector<DecisionContext> contexts = budgetContexts();
    // When each waiting request is due: the head at its budget, the others at deadlines seen.
    std::vector<std::vector<double>> due(contexts.size());
    for (std::size_t i = 0; i < contexts.size(); ++i) {
        DecisionContext& c = contexts[i];
        c.arrivalRatePerMs = rng.uniform(0.01, 2.0);
        c.lastVariant = static_cast<int>(
            rng.uniformInt(0, static_cast<std::int64_t>(table.variants().size()) - 1));
        c.deadlines = &deadlines;
        c.idleGapMs = c.queueLength == 1 ? rng.uniform(0.0, 50.0) : 0.0;
        due[i].push_back(c.nowMs + c.budgetMs);
        for (int k = 1; k < std::min(c.queueLength, DecisionContext::kWaitingWindow); ++k) {
            due[i].push_back(c.nowMs + seen[static_cast<std::size_t>(rng.uniformInt(0, 5))]);
        }
        c.waitingDueMs = due[i];
    }
    timeDecisions(state, table, planner, contexts);
}

/// The deadline classes of the load benchmark.
PolicyOptions mdpOptions() {
    PolicyOptions options;
    options.deadlineClassesMs = {2, 5, 10, 25, 50, 100};
    return options;
}

/// An MDPPlanner decision: the queue length and the rate estimate index its table.
void BM_MdpPlannerDecide(benchmark::State& state) {
    const ConfigTable table = syntheticTable(static_cast<int>(state.range(0)));
    const MdpPlanner planner(table, mdpOptions());
    SeededRng rng(4, QStringLiteral("bench/load"));
    std::vector<DecisionContext> contexts = budgetContexts();
    for (DecisionContext& c : contexts) {
        c.arrivalRatePerMs = rng.uniform(0.01, 2.0);
        c.queueLength = static_cast<int>(rng.uniformInt(1, 80));
    }
    timeDecisions(state, table, planner, contexts);
}

/// Building MDPPlanner: selecting its actions and policy iteration over every rate bucket.
void BM_MdpPlannerSolve(benchmark::State& state) {
    const ConfigTable table = syntheticTable(static_cast<int>(state.range(0)));
    MdpPlanner::SolveStats stats;
    for (auto _ : state) {
        const MdpPlanner planner(table, mdpOptions());
        stats = planner.solveStats();
        benchmark::DoNotOptimize(stats);
    }
    state.counters["entries"] = table.size();
    state.counters["actions"] = stats.actions;
    state.counters["states"] = stats.states;
    state.counters["table_bytes"] = static_cast<double>(stats.bytes);
    state.counters["max_iterations"] = stats.maxIterations;
}

const auto kP99 = [](const std::vector<double>& v) { return percentile(v, 0.99); };
const auto kMax = [](const std::vector<double>& v) {
    return *std::max_element(v.begin(), v.end());
};
BENCHMARK(BM_PlannerDecide)
    ->Arg(1000)
    ->Repetitions(10)
    ->ComputeStatistics("p99", kP99)
    ->ComputeStatistics("max", kMax)
    ->Unit(benchmark::kNanosecond);
BENCHMARK(BM_MdpPlannerDecide)
    ->Arg(1000)
    ->Repetitions(10)
    ->ComputeStatistics("p99", kP99)
    ->ComputeStatistics("max", kMax)
    ->Unit(benchmark::kNanosecond);
BENCHMARK(BM_MdpPlannerSolve)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PlannerDecideUnderLoad)
    ->Arg(1000)
    ->Repetitions(10)
    ->ComputeStatistics("p99", kP99)
    ->ComputeStatistics("max", kMax)
    ->Unit(benchmark::kNanosecond);

void BM_SimulateRequests(benchmark::State& state) {
    const ConfigTable table = syntheticTable(1000);
    const CascadePlanner planner(table);
    SeededRng rng(3, QStringLiteral("bench/trace"));
    const std::vector<double> deadlines = {2, 5, 10, 25, 50, 100};
    Trace trace(static_cast<std::size_t>(state.range(0)));
    double t = 0.0;
    for (std::size_t k = 0; k < trace.size(); ++k) {
        t += rng.exponential(0.5);  // 500 requests per second
        trace[k] = Request{static_cast<std::int64_t>(k), t,
                           deadlines[static_cast<std::size_t>(rng.uniformInt(0, 5))],
                           rng.uniformInt(0, table.exampleCount() - 1)};
    }
    SimulationOptions options;
    options.labels.workload = QStringLiteral("bench");
    options.workers = 4;
    options.decisionCostMs = 0.002;
    double effective = 0.0;
    double escalation = 0.0;
    for (auto _ : state) {
        const SimulationResult result = ServingSimulator::run(trace, planner, options);
        // The run writes its records: nothing here can be optimized away.
        effective = result.metrics.effectiveAccuracy;
        escalation = result.metrics.escalationRate;
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(trace.size()));
    state.counters["effective_accuracy"] = effective;
    state.counters["escalation_rate"] = escalation;
}
BENCHMARK(BM_SimulateRequests)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
