// The latency profiler's performance goals, on real models, side by side in one process:
//   BM_ProfilerOverhead/<config>        the profiler's median vs a bare timing loop of the same
//                                       forward pass (goal: within 2%)
//   BM_StoppingRuleEfficiency/<config>  seconds the profiler's stopping rule spends vs Triton
//                                       perf_analyzer's default stability rule, and how far two
//                                       runs of each rule lie apart (goal: at least as stable
//                                       with ≥10× fewer seconds)
//
//   AIP_DATA_DIR=/path/to/data build/<preset>/bin/aip-bench
//   --benchmark_filter='Profiler|StoppingRule'
//
// Zoo models use the trained checkpoints of the user data folder; TorchScript models and
// datasets are found on the data search path. A configuration whose model or data is missing is
// skipped with the reason.

#include "common/error.h"
#include "config/configset.h"
#include "data/datasetloader.h"
#include "engine/inferencemodel.h"
#include "evaluation/modelresolver.h"
#include "profiling/latencyprofiler.h"
#include "results/latencystats.h"

#include <benchmark/benchmark.h>

#include <QCoreApplication>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace aip;
using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return quantileSorted(values, 0.5);
}

double mean(const std::vector<double>& values) {
    return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

/// |a − b| relative to their mean, in percent.
double relativeDifferencePct(double a, double b) {
    return 100.0 * std::abs(a - b) / ((a + b) / 2.0);
}

// ---- Triton perf_analyzer's default stopping rule ---------------------------------------------

/// perf_analyzer's defaults (time_windows mode): windows of --measurement-interval 5000 ms; the
/// measurement is stable when, over the last 3 windows, max/min of the throughput and max/min of
/// the average latency are both within 1 + --stability-percentage 10%; at most --max-trials 10
/// windows. The reported latency is the average over the requests of the last 3 windows.
struct WindowRule {
    double windowSeconds = 5.0;
    int stabilityWindows = 3;
    double stabilityFraction = 0.10;
    int maxTrials = 10;
};

struct MeasurementWindow {
    std::vector<double> samplesMs;
    double seconds = 0.0;
    double throughput() const { return static_cast<double>(samplesMs.size()) / seconds; }
    double averageMs() const { return mean(samplesMs); }
};

/// Whether the last `rule.stabilityWindows` windows are stable by perf_analyzer's test.
bool windowsStable(const std::vector<MeasurementWindow>& windows, const WindowRule& rule) {
    const auto k = static_cast<std::size_t>(rule.stabilityWindows);
    if (windows.size() < k) {
        return false;
    }
    std::vector<double> throughput;
    std::vector<double> latency;
    for (auto w = windows.end() - static_cast<std::ptrdiff_t>(k); w != windows.end(); ++w) {
        if (w->samplesMs.empty()) {
            return false;
        }
        throughput.push_back(w->throughput());
        latency.push_back(w->averageMs());
    }
    const auto withinRatio = [&](const std::vector<double>& v) {
        const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
        return *hi / *lo <= 1.0 + rule.stabilityFraction;
    };
    return withinRatio(throughput) && withinRatio(latency);
}

struct WindowRuleRun {
    std::vector<MeasurementWindow> windows;
    bool stable = false;
    double seconds = 0.0;
    std::vector<double> reportedSamplesMs;  ///< the requests of the last stabilityWindows windows
};

/// Times `forward` back to back in windows until windowsStable or maxTrials windows.
WindowRuleRun measureUntilWindowsStable(const std::function<void()>& forward,
                                        const WindowRule& rule) {
    WindowRuleRun run;
    const Clock::time_point start = Clock::now();
    while (!run.stable && static_cast<int>(run.windows.size()) < rule.maxTrials) {
        MeasurementWindow window;
        const Clock::time_point windowStart = Clock::now();
        while (secondsSince(windowStart) < rule.windowSeconds) {
            const Clock::time_point begin = Clock::now();
            forward();
            window.samplesMs.push_back(
                std::chrono::duration<double, std::milli>(Clock::now() - begin).count());
        }
        window.seconds = secondsSince(windowStart);
        run.windows.push_back(std::move(window));
        run.stable = windowsStable(run.windows, rule);
    }
    run.seconds = secondsSince(start);
    const auto k = std::min(run.windows.size(), static_cast<std::size_t>(rule.stabilityWindows));
    for (auto w = run.windows.end() - static_cast<std::ptrdiff_t>(k); w != run.windows.end(); ++w) {
        run.reportedSamplesMs.insert(run.reportedSamplesMs.end(), w->samplesMs.begin(),
                                     w->samplesMs.end());
    }
    return run;
}

// ---- Models ------------------------------------------------------------------------------------

/// One model × precision × batch × threads, prepared on the benchmark's thread.
struct BenchConfig {
    QString model;
    Precision precision = Precision::Fp32;
    int batch = 1;
    int threads = 2;

    std::string name(const char* benchmark) const {
        return QStringLiteral("%1/%2/%3/b%4/cpu:%5")
            .arg(QString::fromLatin1(benchmark), model, precisionName(precision))
            .arg(batch)
            .arg(threads)
            .toStdString();
    }
};

struct LoadedModel {
    std::unique_ptr<InferenceModel> model;
    std::unique_ptr<Dataset> eval;
    std::unique_ptr<Dataset> calibration;
};

const ConfigSet& configs() {
    static const ConfigSet set = ConfigSet::load(defaultConfigDirectory(), false);
    return set;
}

/// Models are loaded once per process (a load that failed is tried again by the next benchmark).
LoadedModel& loadedModel(const QString& id) {
    static std::map<QString, LoadedModel> cache;
    if (auto it = cache.find(id); it != cache.end()) {
        return it->second;
    }
    // The application's identity, so that the user data folder (trained checkpoints) is searched.
    if (QCoreApplication::organizationName().isEmpty()) {
        QCoreApplication::setOrganizationName(QStringLiteral("AnytimeInferencePlanner"));
        QCoreApplication::setApplicationName(QStringLiteral("anytime-planner"));
    }
    const DataSearchPath search = DataSearchPath::fromEnvironment();
    const ResolvedModel resolved = resolveModel(configs().models, id, search, RecipeChoice{});
    LoadedModel loaded;
    loaded.eval = loadDataset(resolved.task.dataset, resolved.task.evalSplit, search);
    loaded.calibration =
        loadCalibrationData(resolved, resolved.task.dataset, resolved.task.evalSplit, search);
    loaded.model = loadInferenceModel(resolved.spec, resolved.task, resolved.load);
    return cache.emplace(id, std::move(loaded)).first->second;
}

/// The prepared model's forward pass on a fixed input batch (examples 0..batch-1).
struct PreparedRun {
    std::unique_ptr<InputBatch> input;
    std::function<void()> forward;
};

/// Prepares `config` on this thread, or skips the benchmark with the reason and returns nothing.
std::optional<PreparedRun> prepare(benchmark::State& state, const BenchConfig& config) {
    try {
        LoadedModel& loaded = loadedModel(config.model);
        DeviceSpec device;
        device.threads = config.threads;
        loaded.model->prepare(config.precision, device, loaded.calibration.get());
        PreparedRun run;
        run.input = loaded.model->makeInput(*loaded.eval, 0, config.batch);
        InferenceModel* model = loaded.model.get();
        const InputBatch* input = run.input.get();
        run.forward = [model, input] { benchmark::DoNotOptimize(model->run(*input)); };
        return run;
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
        return std::nullopt;
    }
}

// ---- BM_ProfilerOverhead -----------------------------------------------------------------------

struct OverheadConfig {
    BenchConfig config;
    int samplesPerBlock = 200;
    int blockPairs = 4;  ///< each pair is AB or BA, alternating: A B B A A B …
};

/// Bare timing: steady_clock around each call, nothing else between the calls.
void timeBare(const std::function<void()>& forward, int count, std::vector<double>& samplesMs) {
    for (int i = 0; i < count; ++i) {
        const Clock::time_point begin = Clock::now();
        forward();
        const Clock::time_point end = Clock::now();
        samplesMs.push_back(std::chrono::duration<double, std::milli>(end - begin).count());
    }
}

void BM_ProfilerOverhead(benchmark::State& state, const OverheadConfig& oc) {
    std::optional<PreparedRun> run = prepare(state, oc.config);
    if (!run) {
        return;
    }
    // The default spec with a fixed sample count: the stopping rule is evaluated after every
    // sample (as in real profiling) but never stops early.
    LatencyProfilingSpec spec;
    spec.minSamples = oc.samplesPerBlock;
    spec.maxSamples = oc.samplesPerBlock;
    spec.ciHalfWidth = 0.0;
    spec.maxSeconds = 1e9;

    std::vector<double> profiler;
    std::vector<double> bare;
    std::vector<double> bareBlockMedians;
    std::vector<double> pairRatios;  // per pair: profiler block median / bare block median
    try {
        for (auto _ : state) {
            // The bare side gets the same warm-up as the profiler's first block.
            std::vector<double> discard;
            const Clock::time_point warmup = Clock::now();
            while (static_cast<int>(discard.size()) < spec.warmupIterations ||
                   secondsSince(warmup) < spec.warmupSeconds) {
                timeBare(run->forward, 1, discard);
            }
            for (int pair = 0; pair < oc.blockPairs; ++pair) {
                double profilerMedian = 0.0;
                double bareMedian = 0.0;
                for (int side = 0; side < 2; ++side) {
                    const bool profilerBlock = (side == 0) == (pair % 2 == 0);
                    if (profilerBlock) {
                        const LatencyMeasurement m = measureLatency(run->forward, spec);
                        profilerMedian = median(m.samplesMs);
                        profiler.insert(profiler.end(), m.samplesMs.begin(), m.samplesMs.end());
                    } else {
                        std::vector<double> block;
                        timeBare(run->forward, oc.samplesPerBlock, block);
                        bareMedian = median(block);
                        bareBlockMedians.push_back(bareMedian);
                        bare.insert(bare.end(), block.begin(), block.end());
                    }
                }
                pairRatios.push_back(profilerMedian / bareMedian);
            }
        }
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
        return;
    }
    const double profilerP50 = median(profiler);
    const double bareP50 = median(bare);
    state.counters["profiler_p50_ms"] = profilerP50;
    state.counters["bare_p50_ms"] = bareP50;
    state.counters["overhead_pct"] = 100.0 * (profilerP50 / bareP50 - 1.0);
    state.counters["samples_each"] = static_cast<double>(bare.size());
    // The same comparison within each adjacent pair of blocks, then the median over the pairs:
    // less sensitive to load that comes and goes than the pooled medians.
    state.counters["overhead_paired_pct"] = 100.0 * (median(pairRatios) - 1.0);
    // How much the bare loop's own block medians wander: the noise floor of overhead_pct.
    const auto [lo, hi] = std::minmax_element(bareBlockMedians.begin(), bareBlockMedians.end());
    state.counters["bare_block_spread_pct"] = 100.0 * (*hi / *lo - 1.0);
}

// ---- BM_StoppingRuleEfficiency -----------------------------------------------------------------

void BM_StoppingRuleEfficiency(benchmark::State& state, const BenchConfig& config) {
    LatencyProfilingSpec spec;
    try {
        spec = configs().protocol.latency;
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
        return;
    }
    std::optional<PreparedRun> run = prepare(state, config);
    if (!run) {
        return;
    }
    const WindowRule rule;
    // Two runs of each rule, interleaved (P A P A) so that drift touches both alike.
    std::vector<double> profilerSeconds;
    std::vector<double> profilerMedians;
    std::vector<double> windowSeconds;
    std::vector<double> windowAverages;
    int profilerSamples = 0;
    int windows = 0;
    bool allStable = true;
    try {
        for (auto _ : state) {
            for (int repeat = 0; repeat < 2; ++repeat) {
                const Clock::time_point start = Clock::now();
                const LatencyMeasurement m = measureLatency(run->forward, spec);
                profilerSeconds.push_back(secondsSince(start));
                profilerMedians.push_back(median(m.samplesMs));
                const WindowRuleRun w = measureUntilWindowsStable(run->forward, rule);
                windowSeconds.push_back(w.seconds);
                windowAverages.push_back(mean(w.reportedSamplesMs));
                allStable = allStable && w.stable;
                if (repeat == 0) {
                    profilerSamples = static_cast<int>(m.samplesMs.size());
                    windows = static_cast<int>(w.windows.size());
                    state.counters["pa_p50_ms"] = median(w.reportedSamplesMs);
                }
            }
        }
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
        return;
    }
    state.counters["profiler_s"] = mean(profilerSeconds);
    state.counters["pa_s"] = mean(windowSeconds);
    state.counters["seconds_ratio"] = mean(windowSeconds) / mean(profilerSeconds);
    state.counters["profiler_p50_ms"] = profilerMedians[0];
    state.counters["pa_avg_ms"] = windowAverages[0];
    state.counters["profiler_samples"] = profilerSamples;
    state.counters["pa_windows"] = windows;
    state.counters["pa_stable"] = allStable ? 1.0 : 0.0;
    state.counters["profiler_rerun_diff_pct"] =
        relativeDifferencePct(profilerMedians[0], profilerMedians[1]);
    state.counters["pa_rerun_diff_pct"] =
        relativeDifferencePct(windowAverages[0], windowAverages[1]);
}

// ---- Registration ------------------------------------------------------------------------------

const BenchConfig kSmall{QStringLiteral("fmnist-resnet18-w0.25"), Precision::Int8, 1, 2};
const BenchConfig kLarge{QStringLiteral("distilbert-small"), Precision::Fp32, 32, 2};

const bool kRegistered = [] {
    // About 0.5 ms and 50 ms per batch on a quiet 2-core machine: the large model gets fewer
    // samples per block so that the whole run stays within minutes.
    for (const OverheadConfig& oc :
         {OverheadConfig{kSmall, 200, 8}, OverheadConfig{kLarge, 50, 4}}) {
        benchmark::RegisterBenchmark(oc.config.name("BM_ProfilerOverhead").c_str(),
                                     BM_ProfilerOverhead, oc)
            ->Iterations(1)
            ->UseRealTime()
            ->Unit(benchmark::kMillisecond);
    }
    for (const BenchConfig& config : {kSmall, kLarge}) {
        benchmark::RegisterBenchmark(config.name("BM_StoppingRuleEfficiency").c_str(),
                                     BM_StoppingRuleEfficiency, config)
            ->Iterations(1)
            ->UseRealTime()
            ->Unit(benchmark::kMillisecond);
    }
    return true;
}();

}  // namespace
