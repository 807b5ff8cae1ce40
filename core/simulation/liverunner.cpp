#include "simulation/liverunner.h"

#include "common/error.h"
#include "common/quantile.h"
#include "common/seededrng.h"
#include "data/datasetloader.h"
#include "engine/inferencemodel.h"
#include "engine/runtimeinfo.h"
#include "evaluation/modelresolver.h"
#include "simulation/servingstep.h"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <set>

namespace aip {

namespace {

QString modelKey(const ConfigKey& k) {
    return QStringLiteral("%1/%2/%3").arg(k.model, k.precision, k.device);
}

/// The examples of a batch, padded to `batchSize` by repeating the last one (a padded batch
/// costs what the profiled full batch costs, as in the simulator).
std::unique_ptr<Dataset> paddedBatch(const Dataset& data, std::vector<qsizetype> examples,
                                     int batchSize) {
    while (static_cast<int>(examples.size()) < batchSize) {
        examples.push_back(examples.back());
    }
    return selectExamples(data, examples);
}

}  // namespace

LiveModels::~LiveModels() = default;

std::unique_ptr<LiveModels> LiveModels::load(const ConfigTable& table, const ConfigSet& configs,
                                             const ModelFiles& files, const DataSearchPath& search,
                                             JobContext& context) {
    std::unique_ptr<LiveModels> live(new LiveModels());
    const TaskSpec* task = configs.models.task(table.task());
    if (task == nullptr) {
        throw Error(QStringLiteral("live replay: task '%1' is not in %2")
                        .arg(table.task(), configs.models.sourcePath));
    }
    live->m_evaluation = loadDataset(task->dataset, task->evalSplit, search);
    selectQuantizedEngine();

    std::map<QString, std::set<int>> batches;  // model key → batch sizes used
    std::map<QString, ConfigKey> keys;
    for (const ConfigEntry& e : table.entries()) {
        batches[modelKey(e.stage1)].insert(e.batchSize);
        keys.emplace(modelKey(e.stage1), e.stage1);
        if (e.cascade) {  // stage 2 runs at any batch of its ladder
            for (int fill = 1; fill <= e.batchSize; ++fill) {
                const ConfigEntry& runs = table.entry(table.stage2EntryFor(e, fill));
                batches[modelKey(runs.stage1)].insert(runs.batchSize);
                keys.emplace(modelKey(runs.stage1), runs.stage1);
            }
        }
    }
    for (const auto& [name, key] : keys) {
        context.throwIfCancelled();
        context.log(QStringLiteral("live: loading %1").arg(name));
        const ResolvedModel resolved = files.resolve(configs.models, key.model);
        std::unique_ptr<InferenceModel> model =
            loadInferenceModel(resolved.spec, resolved.task, resolved.load);
        const Precision precision = *parsePrecision(key.precision);
        if (precision == Precision::Int8 && !live->m_calibration) {
            live->m_calibration =
                loadCalibrationData(resolved, task->dataset, task->evalSplit, search);
        }
        model->prepare(precision, DeviceSpec::parse(key.device),
                       precision == Precision::Int8 ? live->m_calibration.get() : nullptr);
        for (const int batch : batches[name]) {
            const auto input = model->makeInput(*live->m_evaluation, 0, batch);
            for (int i = 0; i < 3; ++i) {
                model->run(*input);
            }
        }
        live->m_models.emplace(name, std::move(model));
    }
    return live;
}

InferenceModel& LiveModels::model(const ConfigKey& key) const {
    const auto found = m_models.find(modelKey(key));
    if (found == m_models.end()) {
        throw Error(QStringLiteral("live replay: model %1 was not loaded").arg(modelKey(key)));
    }
    return *found->second;
}

double LiveModels::servingSpeedRatio(const ConfigTable& table, int repeats,
                                     std::uint64_t seed) const {
    SeededRng rng(seed, QStringLiteral("live/speed"));
    std::vector<double> ratios;
    for (const ConfigEntry& e : table.entries()) {
        if (e.cascade) {
            continue;
        }
        InferenceModel& m = model(e.stage1);
        std::vector<double> times;
        for (int k = 0; k < repeats + 2; ++k) {
            std::vector<qsizetype> examples;
            examples.reserve(static_cast<std::size_t>(e.batchSize));
            for (int i = 0; i < e.batchSize; ++i) {
                examples.push_back(rng.uniformInt(0, m_evaluation->size() - 1));
            }
            const auto t0 = std::chrono::steady_clock::now();
            m.run(*m.makeInput(*selectExamples(*m_evaluation, examples), 0, e.batchSize));
            const double ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                    .count();
            if (k >= 2) {
                times.push_back(ms);
            }
        }
        const std::span<const double> profiled = table.samples(e.samples1);
        const double profiledMedian =
            empiricalQuantileUnsorted(std::vector<double>(profiled.begin(), profiled.end()), 0.5);
        if (!times.empty() && profiledMedian > 0.0) {
            ratios.push_back(empiricalQuantileUnsorted(std::move(times), 0.5) / profiledMedian);
        }
    }
    return ratios.empty() ? 1.0 : empiricalQuantileUnsorted(std::move(ratios), 0.5);
}

SimulationResult runLive(const Trace& trace, const Policy& policy, const LiveModels& models,
                         const LiveOptions& options, JobContext& context) {
    using Clock = std::chrono::steady_clock;
    const ConfigTable& table = policy.table();
    const Dataset& data = models.evaluation();
    for (const Request& r : trace) {
        if (r.example < 0 || r.example >= data.size()) {
            throw Error(QStringLiteral("live replay: request %1 asks for example %2, outside %3 "
                                       "(%4 examples)")
                            .arg(r.id)
                            .arg(r.example)
                            .arg(data.name())
                            .arg(data.size()));
        }
    }

    SimulationResult result;
    result.labels = options.labels;
    ServingStep step(trace, policy, result);
    ModelHealth& health = step.health();
    std::int64_t failures = 0;
    int lastVariant = -1;       // the weights this worker ran last
    double freeSinceMs = -1.0;  // when the worker finished its last batch; -1: none yet
    const Clock::time_point origin = Clock::now();  // time 0 of the trace
    const auto nowMs = [&] {
        return std::chrono::duration<double, std::milli>(Clock::now() - origin).count();
    };

    while (!step.allAdmitted() || !step.queueEmpty()) {
        context.throwIfCancelled();
        double now = nowMs();
        step.admit(now);
        if (step.queueEmpty()) {
            // Idle until the next arrival with the compute threads spinning (an active wait
            // policy): asleep, they would take milliseconds to wake for the next batch, a cost
            // the back-to-back latency profiles do not contain. At most 100 ms at a time, so
            // cancellation stays responsive.
            const double wait = std::min(step.nextArrivalMs() - now, 100.0);
            spinComputeThreadsUntil(origin +
                                    std::chrono::duration_cast<Clock::duration>(
                                        std::chrono::duration<double, std::milli>(now + wait)));
            continue;
        }
        if (step.admitted() % 64 == 0) {
            context.setProgress(
                static_cast<double>(step.admitted()) / static_cast<double>(trace.size()),
                QStringLiteral("live %1: request %2 / %3")
                    .arg(policy.name())
                    .arg(step.admitted())
                    .arg(trace.size()));
        }

        const ServedBatch batch =
            step.decide(now, 0.0, lastVariant, freeSinceMs >= 0.0 ? now - freeSinceMs : 0.0);
        const double start = nowMs();  // the decision's own time is spent on the timeline
        const ConfigEntry& e = table.entry(batch.decision.entry);
        std::vector<qsizetype> examples;
        for (const int index : batch.requests) {
            examples.push_back(trace[static_cast<std::size_t>(index)].example);
        }

        // Stage 1 (or the single model), timed in parts: what the profiles measure (the forward
        // pass) and what they leave out.
        const auto newBatch = [&](int stage, const ConfigEntry& config, int fill, double at) {
            result.batches.push_back(
                beginBatch(e, stage, config, fill, batch.queueLength, at, result.batches));
            return result.batches.size() - 1;
        };
        const std::size_t batch1 = newBatch(1, e, batch.decision.take, start);
        lastVariant = e.variant1;  // run or tried: its weights are the ones last touched
        Predictions answer1;
        try {
            InferenceModel& model = models.model(e.stage1);
            const auto input =
                model.makeInput(*paddedBatch(data, examples, e.batchSize), 0, e.batchSize);
            const double prepared = nowMs();
            result.batches[batch1].preprocessMs = prepared - start;
            answer1 = model.run(*input);
            result.batches[batch1].forwardMs = nowMs() - prepared;
        } catch (const CancelledError&) {
            throw;
        } catch (const std::exception& ex) {
            const double failedAt = nowMs();
            result.batches[batch1].failed = true;
            result.batches[batch1].forwardMs =
                failedAt - start - result.batches[batch1].preprocessMs;
            ++failures;
            context.log(QStringLiteral("live: %1 failed: %2")
                            .arg(e.stage1.id(), QString::fromUtf8(ex.what())));
            health.markFailed(e.model1, failedAt + options.retryAfterMs);
            step.recordFailedAttempt(batch, start, failedAt - start);
            step.requeue(batch, options.maxAttempts);
            freeSinceMs = nowMs();
            continue;
        }
        const double stage1Done = nowMs();
        std::vector<std::uint8_t> right1(batch.requests.size());
        for (std::size_t k = 0; k < batch.requests.size(); ++k) {
            right1[k] = answer1.predicted[k] == data.label(examples[k]) ? 1 : 0;
        }

        // The anytime rule: stage 2 for the unsure items whose slack still covers its tail.
        const Stage2Plan plan = step.planStage2(
            batch, std::span<const float>(answer1.confidence).first(batch.requests.size()),
            stage1Done);
        Stage2Outcome stage2;
        double end = stage1Done;
        if (plan.entry >= 0) {
            const ConfigEntry& runs = table.entry(plan.entry);
            std::vector<qsizetype> escalated;
            for (const int k : plan.positions) {
                escalated.push_back(examples[static_cast<std::size_t>(k)]);
            }
            stage2.startMs = nowMs();
            const std::size_t batch2 =
                newBatch(2, runs, static_cast<int>(escalated.size()), stage2.startMs);
            // The time from stage 1's answer to here is stage 1's postprocessing.
            result.batches[batch1].postprocessMs = stage2.startMs - stage1Done;
            try {
                InferenceModel& model = models.model(runs.stage1);
                const auto input = model.makeInput(*paddedBatch(data, escalated, runs.batchSize), 0,
                                                   runs.batchSize);
                const double prepared = nowMs();
                result.batches[batch2].preprocessMs = prepared - stage2.startMs;
                const Predictions answer2 = model.run(*input);
                result.batches[batch2].forwardMs = nowMs() - prepared;
                stage2.ran = true;
                for (std::size_t j = 0; j < escalated.size(); ++j) {
                    stage2.right.push_back(answer2.predicted[j] == data.label(escalated[j]) ? 1
                                                                                            : 0);
                }
                lastVariant = runs.variant1;
            } catch (const CancelledError&) {
                throw;
            } catch (const std::exception& ex) {
                result.batches[batch2].failed = true;
                result.batches[batch2].forwardMs =
                    nowMs() - stage2.startMs - result.batches[batch2].preprocessMs;
                ++failures;
                stage2.failed = true;
                context.log(QStringLiteral("live: %1 failed: %2")
                                .arg(runs.stage1.id(), QString::fromUtf8(ex.what())));
            }
            stage2.endMs = nowMs();
            end = stage2.endMs;
            if (stage2.failed) {
                health.markFailed(e.model2, end + options.retryAfterMs);
            }
        }
        step.answer(batch, start, stage1Done, right1, plan, stage2);
        // Postprocessing of the last batch: its answers into the records (a cascade's stage 1
        // already has its share, up to the escalation).
        BatchRecord& last = result.batches.back();
        freeSinceMs = nowMs();
        last.postprocessMs += freeSinceMs - (last.stage == 2 ? end : stage1Done);
    }
    step.finish(failures);
    return result;
}

}  // namespace aip
