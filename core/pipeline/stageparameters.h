#pragma once

#include "config/configset.h"

#include <QJsonArray>
#include <QJsonObject>

namespace aip {

/// The parts of the configuration a stage depends on, as JSON: a stage's parameters in the stage
/// registry and in run_manifest.json. Every value the parsed configuration holds is written, so
/// an edit that matters changes the object and one that does not (a comment, another section)
/// leaves it as it was.
namespace stageparams {

QJsonObject sweep(const SweepSpec& sweep);
/// The swept models with everything that shapes their answers: architecture, file, size
/// parameters, preprocessing, and their task's dataset, splits and input; with `training`, also
/// the training settings a model without a checkpoint is trained with (what the weights of a
/// trained model are is model_files.csv's business).
QJsonArray sweptModels(const ConfigSet& configs, bool training);
QJsonObject latencyProfiling(const LatencyProfilingSpec& latency);
QJsonArray workloads(const std::vector<WorkloadSpec>& workloads);
/// The protocol's deadline sets with their values from deadlines.yaml.
QJsonObject deadlineSets(const ConfigSet& configs);
/// The models.yaml cascades whose two stages are both swept.
QJsonArray cascades(const ConfigSet& configs);
QJsonArray hypotheses(const std::vector<HypothesisSpec>& hypotheses);
QJsonObject costPerDeviceHour(const ProtocolConfig& protocol);
QJsonObject paretoReference(const ProtocolConfig& protocol);
/// The fidelity section, its policies resolved (an empty list means every deployable one).
QJsonObject fidelity(const ProtocolConfig& protocol, const QStringList& policies);

}  // namespace stageparams

}  // namespace aip
