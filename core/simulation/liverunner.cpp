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

namespace {

/// One live replay: the trace's requests served in real time, one batch at a time, on the real
/// models, with the same ServingStep (admission, decisions, the anytime rule, the answers) as
/// the simulator.
class LiveReplay final {
public:
    LiveReplay(const Trace& trace, const Policy& policy, const LiveModels& models,
               const LiveOptions& options, JobContext& context)
        : m_trace(trace),
          m_policy(policy),
          m_table(policy.table()),
          m_models(models),
          m_data(models.evaluation()),
          m_options(options),
          m_context(context),
          m_step(trace, policy, m_result) {
        m_result.labels = options.labels;
    }

    SimulationResult run() {
        requireExamplesInData();
        m_origin = Clock::now();
        while (!m_step.allAdmitted() || !m_step.queueEmpty()) {
            m_context.throwIfCancelled();
            const double now = nowMs();
            m_step.admit(now);
            if (m_step.queueEmpty()) {
                waitForNextArrival(now);
                continue;
            }
            reportProgress();
            serve(m_step.decide(now, 0.0, m_lastVariant,
                                m_freeSinceMs >= 0.0 ? now - m_freeSinceMs : 0.0));
        }
        m_step.finish(m_failures);
        return std::move(m_result);
    }

private:
    using Clock = std::chrono::steady_clock;

    /// Milliseconds since time 0 of the trace.
    double nowMs() const {
        return std::chrono::duration<double, std::milli>(Clock::now() - m_origin).count();
    }

    void requireExamplesInData() const {
        for (const Request& r : m_trace) {
            if (r.example < 0 || r.example >= m_data.size()) {
                throw Error(QStringLiteral("live replay: request %1 asks for example %2, outside "
                                           "%3 (%4 examples)")
                                .arg(r.id)
                                .arg(r.example)
                                .arg(m_data.name())
                                .arg(m_data.size()));
            }
        }
    }

    /// Idles until the next arrival with the compute threads spinning (an active wait policy):
    /// asleep, they would take milliseconds to wake for the next batch, a cost the back-to-back
    /// latency profiles do not contain. At most 100 ms at a time, so cancellation stays
    /// responsive.
    void waitForNextArrival(double now) const {
        const double wait = std::min(m_step.nextArrivalMs() - now, 100.0);
        spinComputeThreadsUntil(m_origin +
                                std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double, std::milli>(now + wait)));
    }

    void reportProgress() const {
        if (m_step.admitted() % 64 == 0) {
            m_context.setProgress(
                static_cast<double>(m_step.admitted()) / static_cast<double>(m_trace.size()),
                QStringLiteral("live %1: request %2 / %3")
                    .arg(m_policy.name())
                    .arg(m_step.admitted())
                    .arg(m_trace.size()));
        }
    }

    /// A new batch record of the entry `e` chosen for this batch; returns its index.
    std::size_t newBatch(const ConfigEntry& e, int stage, const ConfigEntry& config, int fill,
                         int queueLength, double at) {
        m_result.batches.push_back(
            beginBatch(e, stage, config, fill, queueLength, at, m_result.batches));
        return m_result.batches.size() - 1;
    }

    /// Runs `model` on the examples (padded to `batchSize`), timed in parts into the batch
    /// record: what the profiles measure (the forward pass) and what they leave out.
    Predictions runTimed(InferenceModel& model, const std::vector<qsizetype>& examples,
                         int batchSize, std::size_t record, double start) {
        const auto input = model.makeInput(*paddedBatch(m_data, examples, batchSize), 0, batchSize);
        const double prepared = nowMs();
        m_result.batches[record].preprocessMs = prepared - start;
        Predictions answer = model.run(*input);
        m_result.batches[record].forwardMs = nowMs() - prepared;
        return answer;
    }

    void logFailure(const ConfigKey& key, const std::exception& ex) {
        ++m_failures;
        m_context.log(
            QStringLiteral("live: %1 failed: %2").arg(key.id(), QString::fromUtf8(ex.what())));
    }

    /// One batch: stage 1 (or the single model); on its failure the batch goes back to the
    /// queue; else the anytime rule's stage 2 and the answers.
    void serve(const ServedBatch& batch) {
        const double start = nowMs();  // the decision's own time is spent on the timeline
        const ConfigEntry& e = m_table.entry(batch.decision.entry);
        std::vector<qsizetype> examples;
        for (const int index : batch.requests) {
            examples.push_back(m_trace[static_cast<std::size_t>(index)].example);
        }
        const std::size_t batch1 = newBatch(e, 1, e, batch.decision.take, batch.queueLength, start);
        m_lastVariant = e.variant1;  // run or tried: its weights are the ones last touched
        Predictions answer1;
        try {
            answer1 = runTimed(m_models.model(e.stage1), examples, e.batchSize, batch1, start);
        } catch (const CancelledError&) {
            throw;
        } catch (const std::exception& ex) {
            const double failedAt = nowMs();
            m_result.batches[batch1].failed = true;
            m_result.batches[batch1].forwardMs =
                failedAt - start - m_result.batches[batch1].preprocessMs;
            logFailure(e.stage1, ex);
            m_step.health().markFailed(e.model1, failedAt + m_options.retryAfterMs);
            m_step.recordFailedAttempt(batch, start, failedAt - start);
            m_step.requeue(batch, m_options.maxAttempts);
            m_freeSinceMs = nowMs();
            return;
        }
        const double stage1Done = nowMs();
        std::vector<std::uint8_t> right1(batch.requests.size());
        for (std::size_t k = 0; k < batch.requests.size(); ++k) {
            right1[k] = answer1.predicted[k] == m_data.label(examples[k]) ? 1 : 0;
        }

        // The anytime rule: stage 2 for the unsure items whose slack still covers its tail.
        const Stage2Plan plan = m_step.planStage2(
            batch, std::span<const float>(answer1.confidence).first(batch.requests.size()),
            stage1Done);
        Stage2Outcome stage2;
        double end = stage1Done;
        if (plan.entry >= 0) {
            stage2 = runStage2(batch, e, plan, examples, batch1, stage1Done);
            end = stage2.endMs;
        }
        m_step.answer(batch, start, stage1Done, right1, plan, stage2);
        // Postprocessing of the last batch: its answers into the records (a cascade's stage 1
        // already has its share, up to the escalation).
        BatchRecord& last = m_result.batches.back();
        m_freeSinceMs = nowMs();
        last.postprocessMs += m_freeSinceMs - (last.stage == 2 ? end : stage1Done);
    }

    /// Stage 2 of cascade `e` on the escalated items of the plan.
    Stage2Outcome runStage2(const ServedBatch& batch, const ConfigEntry& e, const Stage2Plan& plan,
                            const std::vector<qsizetype>& examples, std::size_t batch1,
                            double stage1Done) {
        const ConfigEntry& runs = m_table.entry(plan.entry);
        std::vector<qsizetype> escalated;
        for (const int k : plan.positions) {
            escalated.push_back(examples[static_cast<std::size_t>(k)]);
        }
        Stage2Outcome stage2;
        stage2.startMs = nowMs();
        const std::size_t batch2 = newBatch(e, 2, runs, static_cast<int>(escalated.size()),
                                            batch.queueLength, stage2.startMs);
        // The time from stage 1's answer to here is stage 1's postprocessing.
        m_result.batches[batch1].postprocessMs = stage2.startMs - stage1Done;
        try {
            const Predictions answer2 = runTimed(m_models.model(runs.stage1), escalated,
                                                 runs.batchSize, batch2, stage2.startMs);
            stage2.ran = true;
            for (std::size_t j = 0; j < escalated.size(); ++j) {
                stage2.right.push_back(answer2.predicted[j] == m_data.label(escalated[j]) ? 1 : 0);
            }
            m_lastVariant = runs.variant1;
        } catch (const CancelledError&) {
            throw;
        } catch (const std::exception& ex) {
            m_result.batches[batch2].failed = true;
            m_result.batches[batch2].forwardMs =
                nowMs() - stage2.startMs - m_result.batches[batch2].preprocessMs;
            stage2.failed = true;
            logFailure(runs.stage1, ex);
        }
        stage2.endMs = nowMs();
        if (stage2.failed) {
            m_step.health().markFailed(e.model2, stage2.endMs + m_options.retryAfterMs);
        }
        return stage2;
    }

    const Trace& m_trace;
    const Policy& m_policy;
    const ConfigTable& m_table;
    const LiveModels& m_models;
    const Dataset& m_data;
    const LiveOptions& m_options;
    JobContext& m_context;
    SimulationResult m_result;  // before m_step, which records into it
    ServingStep m_step;
    std::int64_t m_failures = 0;
    int m_lastVariant = -1;       ///< the weights this worker ran last
    double m_freeSinceMs = -1.0;  ///< when the worker finished its last batch; -1: none yet
    Clock::time_point m_origin;   ///< time 0 of the trace
};

}  // namespace

SimulationResult runLive(const Trace& trace, const Policy& policy, const LiveModels& models,
                         const LiveOptions& options, JobContext& context) {
    return LiveReplay(trace, policy, models, options, context).run();
}

}  // namespace aip
