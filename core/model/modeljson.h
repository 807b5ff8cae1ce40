#pragma once

#include "model/modelspec.h"

#include <QJsonArray>
#include <QJsonObject>

namespace aip {

/// Parsed configuration values as JSON, written the same way wherever a configuration is
/// recorded or hashed (a stage's parameters in run_manifest.json, a training recipe): every value
/// the parsed configuration holds, so an edit that matters changes the object and one that does
/// not (a comment, another section) leaves it as it was.
namespace modeljson {

QJsonArray numbers(const std::vector<double>& values);
QJsonObject task(const TaskSpec& task);
QJsonObject preprocessing(const Preprocessing& preprocessing);
QJsonObject training(const TrainingSpec& training);
/// A variant's size parameters (width, depth, …) as a JSON object.
QJsonObject modelParameters(const ModelVariant& model);

}  // namespace modeljson

}  // namespace aip
