#include "pipeline/profilestages.h"

#include "common/atomicfile.h"
#include "engine/precision.h"
#include "engine/runtimeinfo.h"
#include "pipeline/datasetsstage.h"
#include "results/profilefiles.h"
#include "results/resultfiles.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace aip {

namespace {

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
    const QString path = resultfiles::kLatencyEnvironment.in(out);
    writeFileAtomically(path, QJsonDocument(json).toJson(QJsonDocument::Indented));
    return path;
}

/// The models' files as stage 01 recorded them: the profiles measure exactly those weights.
ModelFiles recordedModelFiles(const StageContext& context) {
    return ModelFiles::load(resultfiles::kModelFiles.in(context.results));
}

}  // namespace

QStringList runProfileLatencyStage(StageContext& context) {
    const std::vector<LatencyProfile> profiles =
        profileLatency(context.configs, recordedModelFiles(context), context.search, context.job,
                       context.onLatencySample);
    QStringList written = profilefiles::writeLatencyProfiles(profiles, context.results.path());
    written.append(writeLatencyEnvironment(context.configs, context.results));
    return written;
}

QStringList runProfileAccuracyStage(StageContext& context) {
    const std::vector<AccuracyProfile> profiles =
        profileAccuracy(context.configs, recordedModelFiles(context), context.search, context.job);
    return profilefiles::writeAccuracyProfiles(profiles, context.results.path());
}

}  // namespace aip
