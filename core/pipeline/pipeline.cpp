#include "pipeline/pipeline.h"

#include "common/atomicfile.h"
#include "common/csv.h"
#include "common/error.h"
#include "config/configset.h"
#include "engine/precision.h"
#include "engine/runtimeinfo.h"
#include "profiling/profilefiles.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace aip {

QStringList pipelineStageNames() {
    return {QStringLiteral("configs"), QStringLiteral("environment"),
            QStringLiteral("profile-latency"), QStringLiteral("profile-accuracy")};
}

namespace {

/// Stage "configs": validates the three configuration files and writes the sweep the profilers
/// will measure, one row per configuration (task × model × precision × batch × device).
QString writeSweepPlan(const ConfigSet& configs, const QDir& out, JobContext& context) {
    CsvWriter plan({QStringLiteral("task"), QStringLiteral("model"), QStringLiteral("architecture"),
                    QStringLiteral("precision"), QStringLiteral("batch_size"),
                    QStringLiteral("device")});
    const SweepSpec& sweep = configs.sweep();
    for (const ModelVariant* m : configs.sweptModels()) {
        for (const QString& precision : sweep.precisions) {
            for (const int batch : sweep.batchSizes) {
                for (const QString& device : sweep.devices) {
                    plan.addRow({m->task, m->id, m->architecture, precision, QString::number(batch),
                                 device});
                }
            }
        }
    }
    const QString path = out.filePath(QStringLiteral("sweep_plan.csv"));
    plan.save(path);
    context.log(
        QStringLiteral("protocol '%1': %2 models, %3 configurations, %4 cascades, %5 workloads, "
                       "%6 deadline sets, %7 replicate seeds")
            .arg(configs.protocol.name)
            .arg(configs.sweptModels().size())
            .arg(plan.rowCount())
            .arg(configs.models.cascades.size())
            .arg(configs.protocol.workloads.size())
            .arg(configs.protocol.deadlineSets.size())
            .arg(configs.protocol.replicates));
    return path;
}

QString writeEnvironment(const QDir& out, JobContext& context) {
    // As the profilers run cpu:N: all cores, on this (pool) thread, with the int8 engine chosen.
    setComputeThreads(0);
    selectQuantizedEngine();
    const RuntimeInfo info = queryRuntime();
    const QString path = out.filePath(QStringLiteral("environment.json"));
    writeFileAtomically(path, QJsonDocument(info.toJson()).toJson(QJsonDocument::Indented));
    context.log(QStringLiteral("LibTorch %1, %2 intra-op threads, BLAS %3, quantized engines [%4]")
                    .arg(info.torchVersion)
                    .arg(info.intraOpThreads)
                    .arg(info.blasLibrary, info.quantizedEngines.join(QStringLiteral(", "))));
    return path;
}

/// The environment a latency run was measured in, with the threads each device ran with.
QString writeLatencyEnvironment(const ConfigSet& configs, const QDir& out) {
    QJsonObject json = queryRuntime().toJson();
    QJsonArray devices;
    for (const QString& name : configs.sweep().devices) {
        const DeviceSpec device = DeviceSpec::parse(name);
        devices.append(QJsonObject{{QStringLiteral("device"), name},
                                   {QStringLiteral("threads"), device.effectiveThreads()}});
    }
    json.insert(QStringLiteral("devices_as_run"), devices);
    json.insert(QStringLiteral("protocol"), configs.protocol.name);
    const QString path = out.filePath(QStringLiteral("latency_environment.json"));
    writeFileAtomically(path, QJsonDocument(json).toJson(QJsonDocument::Indented));
    return path;
}

}  // namespace

PipelineResult runPipeline(const PipelineParams& params, JobContext& context) {
    const QStringList known = pipelineStageNames();
    for (const QString& stage : params.stages) {
        if (!known.contains(stage)) {
            throw Error(QStringLiteral("unknown stage '%1' (stages: %2)")
                            .arg(stage, known.join(QStringLiteral(", "))));
        }
    }
    const QStringList stages = params.stages.isEmpty() ? known : params.stages;
    const ConfigSet configs = ConfigSet::load(params.configDir, params.quick);
    const QDir out(params.outDir);
    const DataSearchPath search = DataSearchPath::fromEnvironment(params.dataDir);
    if (!QDir().mkpath(out.absolutePath())) {
        throw Error(QStringLiteral("%1: cannot create the output folder").arg(params.outDir));
    }

    PipelineResult result;
    int index = 0;
    for (const QString& stage : known) {
        if (!stages.contains(stage)) {
            continue;
        }
        context.throwIfCancelled();
        context.setProgress(static_cast<double>(index) / stages.size(), stage);
        if (stage == u"configs") {
            result.filesWritten.append(writeSweepPlan(configs, out, context));
        } else if (stage == u"environment") {
            result.filesWritten.append(writeEnvironment(out, context));
        } else if (stage == u"profile-latency") {
            const std::vector<LatencyProfile> profiles =
                profileLatency(configs, search, context, params.onLatencySample);
            result.filesWritten.append(profilefiles::writeLatencyProfiles(profiles, out.path()));
            result.filesWritten.append(writeLatencyEnvironment(configs, out));
        } else if (stage == u"profile-accuracy") {
            const std::vector<AccuracyProfile> profiles = profileAccuracy(configs, search, context);
            result.filesWritten.append(profilefiles::writeAccuracyProfiles(profiles, out.path()));
        }
        result.stagesRun.append(stage);
        ++index;
    }
    return result;
}

}  // namespace aip
