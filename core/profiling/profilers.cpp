#include "profiling/profilers.h"

#include "common/error.h"
#include "common/seededrng.h"
#include "data/datasetloader.h"
#include "engine/inferencemodel.h"
#include "engine/runtimeinfo.h"
#include "evaluation/evaluator.h"
#include "evaluation/modelresolver.h"
#include "profiling/latencyprofiler.h"
#include "results/latencystats.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <set>

namespace aip {

namespace {

/// Evaluation splits, loaded once per task.
class SplitCache {
public:
    explicit SplitCache(const DataSearchPath& search) : m_search(search) {}
    const Dataset& evaluation(const TaskSpec& task) {
        std::unique_ptr<Dataset>& slot = m_splits[task.id];
        if (!slot) {
            slot = loadDataset(task.dataset, task.evalSplit, m_search);
        }
        return *slot;
    }
    const Dataset* calibration(const ResolvedModel& model) {
        const QString key = model.task.id;
        auto found = m_calibration.find(key);
        if (found == m_calibration.end()) {
            found = m_calibration
                        .emplace(key, loadCalibrationData(model, model.task.dataset,
                                                          model.task.evalSplit, m_search))
                        .first;
        }
        return found->second.get();
    }

private:
    const DataSearchPath& m_search;
    std::map<QString, std::unique_ptr<Dataset>> m_splits;
    std::map<QString, std::unique_ptr<Dataset>> m_calibration;
};

QString firstLine(const QString& text) {
    return text.section(u'\n', 0, 0).trimmed();
}

double msSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

/// The serving pass: what a batch costs a server that switches between configurations, beside
/// the back-to-back forward passes above. Per task and device, every ok configuration's model is
/// loaded at once (as a live replay loads them), then rounds visit the configurations in a
/// seeded random order; each visit serves four batches of random examples (input built from the
/// examples, then the forward pass): the first right after a configuration with other weights
/// (another model or precision) ran — a "switched" sample — and the third and fourth — "steady"
/// samples; then, after an idle gap with the compute threads spinning, one more — an "idle"
/// sample. A configuration stops after min_samples rounds or once its serving time passes
/// max_seconds / 2.
void serveGroup(const ConfigSet& configs, const ModelFiles& files, SplitCache& splits,
                std::vector<LatencyProfile>& profiles, const std::vector<std::size_t>& members,
                const std::pair<QString, QString>& group, JobContext& context) {
    const LatencyProfilingSpec& spec = configs.protocol.latency;
    const DeviceSpec device = DeviceSpec::parse(group.second);
    std::map<QString, std::unique_ptr<InferenceModel>> loaded;  // by ConfigKey::weights()
    const Dataset* data = nullptr;
    for (const std::size_t i : members) {
        const ConfigKey& key = profiles[i].key;
        const QString name = key.weights();
        if (loaded.count(name) != 0) {
            continue;
        }
        context.throwIfCancelled();
        const ResolvedModel resolved = files.resolve(configs.models, key.model);
        data = &splits.evaluation(resolved.task);
        auto model = loadInferenceModel(resolved.spec, resolved.task, resolved.load);
        const Precision precision = *parsePrecision(key.precision);
        model->prepare(precision, device,
                       precision == Precision::Int8 ? splits.calibration(resolved) : nullptr);
        loaded.emplace(name, std::move(model));
    }
    SeededRng rng(0, QStringLiteral("profile/serving/%1/%2").arg(group.first, group.second));
    const auto weightsOf = [&](std::size_t i) { return profiles[i].key.weights(); };
    const auto serve = [&](std::size_t i) {
        const ConfigKey& key = profiles[i].key;
        InferenceModel& model = *loaded.at(key.weights());
        std::vector<qsizetype> examples;
        examples.reserve(static_cast<std::size_t>(key.batchSize));
        for (int k = 0; k < key.batchSize; ++k) {
            examples.push_back(rng.uniformInt(0, data->size() - 1));
        }
        const auto t0 = std::chrono::steady_clock::now();
        model.run(*model.makeInput(*selectExamples(*data, examples), 0, key.batchSize));
        return msSince(t0);
    };
    // Warm every configuration once, so the first visit of each round is a switch only.
    for (const std::size_t i : members) {
        serve(i);
    }
    std::map<std::size_t, double> spentMs;
    std::vector<std::size_t> active = members;
    QString lastWeights;
    for (int round = 0; round < spec.minSamples && active.size() >= 2; ++round) {
        context.throwIfCancelled();
        context.setProgress(static_cast<double>(round) / spec.minSamples,
                            QStringLiteral("serving %1 on %2: round %3 of %4")
                                .arg(group.first, group.second)
                                .arg(round + 1)
                                .arg(spec.minSamples));
        for (std::size_t k = active.size() - 1; k > 0; --k) {
            std::swap(
                active[k],
                active[static_cast<std::size_t>(rng.uniformInt(0, static_cast<std::int64_t>(k)))]);
        }
        for (const std::size_t i : active) {
            LatencyProfile& p = profiles[i];
            // A switch is to other weights (another model or precision): the same weights
            // at another batch size stay warm. So the visit starts after other weights.
            if (weightsOf(i) == lastWeights) {
                const auto other = std::find_if(members.begin(), members.end(), [&](auto j) {
                    return weightsOf(j) != lastWeights;
                });
                serve(*other);
            }
            lastWeights = weightsOf(i);
            // The first batch after other weights pays the switch, the second still part of
            // it; the third and fourth are recorded as steady. A long live run of the same
            // configuration costs about as much (resnet18-w0.25 int8 b1 on the quick protocol:
            // 0.619 ms steady, 0.595 ms live from the fifth batch on; back-to-back forward
            // passes on one input, 0.469 ms, leave out what serving pays).
            const double switched = serve(i);
            const double second = serve(i);
            const double third = serve(i);
            const double fourth = serve(i);
            // Then idle as a live server idles between requests (its compute threads
            // spinning) for a seeded gap of 0.5 to 100 ms, log-uniform, and serve again: the
            // longer the idle, the more the next batch costs. Whole microseconds, as recorded.
            const double gapMs = std::round(500.0 * std::pow(200.0, rng.uniform01())) / 1000.0;
            spinComputeThreadsUntil(std::chrono::steady_clock::now() +
                                    std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                        std::chrono::duration<double, std::milli>(gapMs)));
            const double afterIdle = serve(i);
            p.servingSwitchedMs.push_back(switched);
            p.servingSteadyMs.push_back(third);
            p.servingSteadyMs.push_back(fourth);
            p.servingIdleMs.push_back(afterIdle);
            p.servingIdleGapMs.push_back(gapMs);
            spentMs[i] += switched + second + third + fourth + afterIdle + gapMs;
        }
        std::erase_if(active, [&](std::size_t i) { return spentMs[i] > 500.0 * spec.maxSeconds; });
    }
    for (const std::size_t i : members) {
        const LatencyProfile& p = profiles[i];
        if (p.servingSteadyMs.empty()) {
            continue;
        }
        std::vector<double> steady = p.servingSteadyMs;
        std::vector<double> switched = p.servingSwitchedMs;
        std::sort(steady.begin(), steady.end());
        std::sort(switched.begin(), switched.end());
        context.log(QStringLiteral("%1  serving median %2 ms steady, %3 ms after a switch "
                                   "(forward alone %4 ms), n=%5")
                        .arg(p.key.id())
                        .arg(steady[steady.size() / 2], 0, 'f', 3)
                        .arg(switched[switched.size() / 2], 0, 'f', 3)
                        .arg(p.p50Ms, 0, 'f', 3)
                        .arg(steady.size()));
    }
}

void measureServing(const ConfigSet& configs, const ModelFiles& files, SplitCache& splits,
                    std::vector<LatencyProfile>& profiles, JobContext& context) {
    std::map<std::pair<QString, QString>, std::vector<std::size_t>> groups;  // (task, device)
    for (std::size_t i = 0; i < profiles.size(); ++i) {
        if (profiles[i].ok()) {
            groups[{profiles[i].key.task, profiles[i].key.device}].push_back(i);
        }
    }
    for (const auto& [group, members] : groups) {
        std::set<QString> weights;
        for (const std::size_t i : members) {
            weights.insert(profiles[i].key.weights());
        }
        if (weights.size() < 2) {
            continue;  // no other weights to switch from: serving is the back-to-back profile
        }
        try {
            serveGroup(configs, files, splits, profiles, members, group, context);
        } catch (const CancelledError&) {
            throw;
        } catch (const std::exception& e) {
            context.log(
                QStringLiteral("serving pass on %1/%2 failed (%3): its configurations "
                               "keep their back-to-back samples only")
                    .arg(group.first, group.second, firstLine(QString::fromUtf8(e.what()))));
            for (const std::size_t i : members) {
                profiles[i].servingSteadyMs.clear();
                profiles[i].servingSwitchedMs.clear();
                profiles[i].servingIdleMs.clear();
                profiles[i].servingIdleGapMs.clear();
            }
        }
    }
}

}  // namespace

std::vector<LatencyProfile> profileLatency(const ConfigSet& configs, const ModelFiles& files,
                                           const DataSearchPath& search, JobContext& context,
                                           const LatencySampleSink& onSample) {
    const SweepSpec& sweep = configs.sweep();
    const std::vector<const ModelVariant*> models = configs.sweptModels();
    const std::size_t total =
        models.size() * static_cast<std::size_t>(sweep.precisions.size() * sweep.devices.size()) *
        sweep.batchSizes.size();
    std::vector<LatencyProfile> profiles;
    profiles.reserve(total);
    SplitCache splits(search);
    selectQuantizedEngine();

    const auto keyOf = [](const ModelVariant& m, const QString& precision, int batch,
                          const DeviceSpec& device, const QString& deviceName) {
        ConfigKey k;
        k.task = m.task;
        k.model = m.id;
        k.precision = precision;
        k.batchSize = batch;
        k.device = deviceName;
        k.threads = device.cuda ? 0 : device.effectiveThreads();
        return k;
    };
    for (const ModelVariant* m : models) {
        // A model whose files are missing (not trained, not found) stops the stage with one
        // error naming the file; what fails later is recorded per configuration.
        const ResolvedModel resolved = files.resolve(configs.models, m->id);
        const Dataset& data = splits.evaluation(resolved.task);
        for (const QString& deviceName : sweep.devices) {
            const DeviceSpec device = DeviceSpec::parse(deviceName);
            for (const QString& precisionName : sweep.precisions) {
                context.throwIfCancelled();
                // Every batch of this (model, precision, device) shares the outcome of loading.
                QString setupStatus;
                std::unique_ptr<InferenceModel> model;
                try {
                    model = loadInferenceModel(resolved.spec, resolved.task, resolved.load);
                    const Precision precision = *parsePrecision(precisionName);
                    const Support support = model->supports(precision, device);
                    if (!support.supported) {
                        setupStatus = QStringLiteral("unsupported: ") + support.reason;
                    } else {
                        model->prepare(
                            precision, device,
                            precision == Precision::Int8 ? splits.calibration(resolved) : nullptr);
                    }
                } catch (const CancelledError&) {
                    throw;
                } catch (const std::exception& e) {
                    const QString message = firstLine(QString::fromUtf8(e.what()));
                    setupStatus = message.startsWith(QStringLiteral("unsupported: "))
                                      ? message
                                      : QStringLiteral("failed: ") + message;
                }
                for (const int batch : sweep.batchSizes) {
                    context.throwIfCancelled();
                    LatencyProfile p;
                    p.key = keyOf(*m, precisionName, batch, device, deviceName);
                    context.setProgress(static_cast<double>(profiles.size()) / total,
                                        QStringLiteral("latency %1").arg(p.key.id()));
                    if (!setupStatus.isEmpty()) {
                        p.status = setupStatus;
                    } else if (batch > data.size()) {
                        p.status =
                            QStringLiteral("failed: batch %1 is larger than %2 (%3 examples)")
                                .arg(batch)
                                .arg(data.name())
                                .arg(data.size());
                    } else {
                        try {
                            const std::unique_ptr<InputBatch> input =
                                model->makeInput(data, 0, batch);
                            const LatencyMeasurement measured = measureLatency(
                                [&] { model->run(*input); }, configs.protocol.latency,
                                [&](double ms) {
                                    if (onSample) {
                                        onSample(p.key, ms);
                                    }
                                },
                                [&] { return context.isCancelled(); });
                            p.samplesMs = measured.samplesMs;
                            p.stopReason = stopReasonName(measured.stop);
                            summarizeLatency(p);
                        } catch (const CancelledError&) {
                            throw;
                        } catch (const std::exception& e) {
                            p.samplesMs.clear();
                            p.status =
                                QStringLiteral("failed: ") + firstLine(QString::fromUtf8(e.what()));
                        }
                    }
                    context.log(p.ok()
                                    ? QStringLiteral("%1  median %2 ms [%3, %4], n=%5, stopped: %6")
                                          .arg(p.key.id())
                                          .arg(p.p50Ms, 0, 'f', 3)
                                          .arg(p.ci95LowMs, 0, 'f', 3)
                                          .arg(p.ci95HighMs, 0, 'f', 3)
                                          .arg(p.samplesMs.size())
                                          .arg(p.stopReason)
                                    : QStringLiteral("%1  %2").arg(p.key.id(), p.status));
                    profiles.push_back(std::move(p));
                }
            }
        }
    }
    measureServing(configs, files, splits, profiles, context);
    return profiles;
}

std::vector<AccuracyProfile> profileAccuracy(const ConfigSet& configs, const ModelFiles& files,
                                             const DataSearchPath& search, JobContext& context) {
    const SweepSpec& sweep = configs.sweep();
    const DeviceSpec device = DeviceSpec::parse(QStringLiteral("cpu:N"));
    constexpr int kBatch = 64;
    std::vector<AccuracyProfile> profiles;
    SplitCache splits(search);
    selectQuantizedEngine();
    for (const ModelVariant* m : configs.sweptModels()) {
        const ResolvedModel resolved = files.resolve(configs.models, m->id);
        const Dataset& data = splits.evaluation(resolved.task);
        const qsizetype count =
            configs.protocol.maxEvalExamples > 0
                ? std::min<qsizetype>(configs.protocol.maxEvalExamples, data.size())
                : data.size();
        for (const QString& precisionName : sweep.precisions) {
            context.throwIfCancelled();
            const Precision precision = *parsePrecision(precisionName);
            std::unique_ptr<InferenceModel> model =
                loadInferenceModel(resolved.spec, resolved.task, resolved.load);
            const Support support = model->supports(precision, device);
            if (!support.supported) {
                context.log(QStringLiteral("%1 %2: unsupported: %3")
                                .arg(m->id, precisionName, support.reason));
                continue;
            }
            AccuracyProfile p;
            try {
                model->prepare(
                    precision, device,
                    precision == Precision::Int8 ? splits.calibration(resolved) : nullptr);
                context.log(QStringLiteral("accuracy %1 %2 on %3 (%4 examples)")
                                .arg(m->id, precisionName, data.name())
                                .arg(count));
                p = predictExamples(*model, data, count, kBatch, context);
            } catch (const CancelledError&) {
                throw;
            } catch (const std::exception& e) {
                context.log(QStringLiteral("%1 %2: failed: %3")
                                .arg(m->id, precisionName, firstLine(QString::fromUtf8(e.what()))));
                continue;
            }
            p.task = m->task;
            p.dataset = resolved.task.dataset;
            p.split = resolved.task.evalSplit;
            profiles.push_back(std::move(p));
        }
    }
    return profiles;
}

}  // namespace aip
