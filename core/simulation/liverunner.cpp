#include "simulation/liverunner.h"

#include "common/error.h"
#include "data/datasetloader.h"
#include "engine/inferencemodel.h"
#include "engine/runtimeinfo.h"
#include "evaluation/modelresolver.h"
#include "planning/quantile.h"

#include <algorithm>
#include <chrono>
#include <deque>
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
        if (e.cascade) {
            batches[modelKey(e.stage2)].insert(e.batchSize);
            keys.emplace(modelKey(e.stage2), e.stage2);
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
    result.policy = policy.name();
    result.labels = options.labels;
    result.configNames = table.entryNames();
    std::vector<RequestRecord>& records = result.records;
    records.resize(trace.size());
    for (std::size_t i = 0; i < trace.size(); ++i) {
        records[i].requestId = trace[i].id;
        records[i].arrivalMs = trace[i].arrivalMs;
        records[i].deadlineMs = trace[i].deadlineMs;
        records[i].example = trace[i].example;
    }

    ModelHealth health(static_cast<int>(table.modelNames().size()));
    std::deque<int> queue;
    std::vector<double> decisionUs;
    decisionUs.reserve(trace.size());
    std::int64_t failures = 0;
    std::size_t next = 0;
    ArrivalRateEstimator arrivals;
    DeadlineWindow deadlines;
    int lastVariant = -1;                           // the weights this worker ran last
    const Clock::time_point origin = Clock::now();  // time 0 of the trace
    const auto nowMs = [&] {
        return std::chrono::duration<double, std::milli>(Clock::now() - origin).count();
    };

    while (next < trace.size() || !queue.empty()) {
        context.throwIfCancelled();
        double now = nowMs();
        while (next < trace.size() && trace[next].arrivalMs <= now) {
            arrivals.observe(trace[next].arrivalMs);
            deadlines.observe(trace[next].deadlineMs);
            queue.push_back(static_cast<int>(next++));
        }
        if (queue.empty()) {
            // Idle until the next arrival with the compute threads spinning (an active wait
            // policy): asleep, they would take milliseconds to wake for the next batch, a cost
            // the back-to-back latency profiles do not contain. At most 100 ms at a time, so
            // cancellation stays responsive.
            const double wait = std::min(trace[next].arrivalMs - now, 100.0);
            spinComputeThreadsUntil(origin +
                                    std::chrono::duration_cast<Clock::duration>(
                                        std::chrono::duration<double, std::milli>(now + wait)));
            continue;
        }
        if (next % 64 == 0) {
            context.setProgress(static_cast<double>(next) / static_cast<double>(trace.size()),
                                QStringLiteral("live %1: request %2 / %3")
                                    .arg(policy.name())
                                    .arg(next)
                                    .arg(trace.size()));
        }

        const Request& first = trace[static_cast<std::size_t>(queue.front())];
        DecisionContext decision;
        decision.nowMs = now;
        decision.budgetMs = first.arrivalMs + first.deadlineMs - now;
        decision.queueLength = static_cast<int>(queue.size());
        decision.arrivalRatePerMs = arrivals.ratePerMs(now);
        decision.lastVariant = lastVariant;
        decision.deadlines = &deadlines;
        decision.health = &health;
        const Clock::time_point decideBegin = Clock::now();
        const Decision d = policy.decide(decision);
        const Clock::time_point decideEnd = Clock::now();
        decisionUs.push_back(
            std::chrono::duration<double, std::micro>(decideEnd - decideBegin).count());
        const double start = nowMs();  // the decision's own time is spent on the timeline
        const ConfigEntry& e = table.entry(d.entry);

        std::vector<int> batch(queue.begin(), queue.begin() + d.take);
        queue.erase(queue.begin(), queue.begin() + d.take);
        std::vector<qsizetype> examples;
        for (const int index : batch) {
            examples.push_back(trace[static_cast<std::size_t>(index)].example);
        }

        // Stage 1 (or the single model), timed in parts: what the profiles measure (the forward
        // pass) and what they leave out.
        const auto newBatch = [&](int stage, int fill, double at) {
            result.batches.push_back(
                beginBatch(e, stage, fill, decision.queueLength, at, result.batches));
            return result.batches.size() - 1;
        };
        const std::size_t batch1 = newBatch(1, d.take, start);
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
            const double share = (failedAt - start) * e.costPerBusyMs / d.take;
            for (auto it = batch.rbegin(); it != batch.rend(); ++it) {
                RequestRecord& r = records[static_cast<std::size_t>(*it)];
                r.startMs = start;
                r.entry = d.entry;
                r.batchSize = e.batchSize;
                r.batchFill = d.take;
                r.cost += share;
                if (++r.failedAttempts < options.maxAttempts) {
                    queue.push_front(*it);
                }
            }
            continue;
        }
        const double stage1Done = nowMs();
        double end = stage1Done;

        // The anytime rule: stage 2 for the unsure items whose slack still covers its tail.
        std::vector<int> escalated(batch.size(), 0);
        std::vector<qsizetype> escalatedExamples;
        bool stage2Ran = false;
        bool stage2Failed = false;
        Predictions answer2;
        if (e.cascade) {
            for (std::size_t k = 0; k < batch.size(); ++k) {
                const Request& r = trace[static_cast<std::size_t>(batch[k])];
                if (answer1.confidence[k] < e.threshold &&
                    r.arrivalMs + r.deadlineMs - stage1Done >= e.tail2Ms) {
                    escalated[k] = 1 + static_cast<int>(escalatedExamples.size());
                    escalatedExamples.push_back(r.example);
                }
            }
            if (!escalatedExamples.empty()) {
                const double begin2 = nowMs();
                const std::size_t batch2 =
                    newBatch(2, static_cast<int>(escalatedExamples.size()), begin2);
                // The time from stage 1's answer to here is stage 1's postprocessing.
                result.batches[batch1].postprocessMs = begin2 - stage1Done;
                try {
                    InferenceModel& model = models.model(e.stage2);
                    const auto input = model.makeInput(
                        *paddedBatch(data, escalatedExamples, e.batchSize), 0, e.batchSize);
                    const double prepared = nowMs();
                    result.batches[batch2].preprocessMs = prepared - begin2;
                    answer2 = model.run(*input);
                    result.batches[batch2].forwardMs = nowMs() - prepared;
                    stage2Ran = true;
                    lastVariant = e.variant2;
                } catch (const CancelledError&) {
                    throw;
                } catch (const std::exception& ex) {
                    result.batches[batch2].failed = true;
                    result.batches[batch2].forwardMs =
                        nowMs() - begin2 - result.batches[batch2].preprocessMs;
                    ++failures;
                    stage2Failed = true;
                    context.log(QStringLiteral("live: %1 failed: %2")
                                    .arg(e.stage2.id(), QString::fromUtf8(ex.what())));
                }
                end = nowMs();
                if (stage2Failed) {
                    health.markFailed(e.model2, end + options.retryAfterMs);
                }
            }
        }

        const double share = (end - start) * e.costPerBusyMs / d.take;
        for (std::size_t k = 0; k < batch.size(); ++k) {
            RequestRecord& r = records[static_cast<std::size_t>(batch[k])];
            const int label = data.label(r.example);
            r.startMs = start;
            r.entry = d.entry;
            r.batchSize = e.batchSize;
            r.batchFill = d.take;
            r.cost += share;
            r.answered = true;
            r.fallback = d.fallback;
            if (escalated[k] > 0 && stage2Ran) {
                r.finishMs = end;
                r.stage2Ran = true;
                r.correct = answer2.predicted[static_cast<std::size_t>(escalated[k] - 1)] == label;
            } else {
                r.finishMs = escalated[k] > 0 && stage2Failed ? end : stage1Done;
                r.fallback = r.fallback || (escalated[k] > 0 && stage2Failed);
                r.correct = answer1.predicted[k] == label;
            }
            r.hit = r.finishMs - r.arrivalMs <= r.deadlineMs;
        }
        // Postprocessing of the last batch: its answers into the records (a cascade's stage 1
        // already has its share, up to the escalation).
        BatchRecord& last = result.batches.back();
        last.postprocessMs += nowMs() - (last.stage == 2 ? end : stage1Done);
    }

    result.metrics = computeMetrics(records);
    result.metrics.failures = failures;
    result.metrics.decisions = static_cast<std::int64_t>(decisionUs.size());
    setDecisionTimes(result.metrics, std::move(decisionUs));
    return result;
}

}  // namespace aip
