#include "profiling/profilers.h"

#include "common/error.h"
#include "data/datasetloader.h"
#include "engine/inferencemodel.h"
#include "engine/runtimeinfo.h"
#include "evaluation/evaluator.h"
#include "evaluation/modelresolver.h"
#include "profiling/latencyprofiler.h"
#include "profiling/latencystats.h"

#include <map>
#include <memory>

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
