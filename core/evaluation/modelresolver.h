#pragma once

#include "config/modelsconfig.h"
#include "data/datasearchpath.h"
#include "data/dataset.h"
#include "engine/inferencemodel.h"

#include <memory>

namespace aip {

/// A models.yaml variant with its task and the files it loads from.
struct ResolvedModel {
    ModelVariant spec;
    TaskSpec task;
    ModelLoadOptions load;
};

/// Finds the files of models.yaml variant `id` on the search path: the TorchScript module (and
/// vocabulary) of an imported model, the trained checkpoint of a zoo model. Throws aip::Error for
/// an unknown id (listing the ids), a missing file, or a zoo model that is not trained yet
/// (naming the checkpoint looked for and the train command).
ResolvedModel resolveModel(const ModelsConfig& models, const QString& id,
                           const DataSearchPath& search);

/// Examples int8 activation ranges are calibrated on: the training split of the dataset, never
/// the split being scored; null where the model's int8 path needs none (encoders quantize
/// Linear layers dynamically; imported TorchScript has no int8 path).
std::unique_ptr<Dataset> loadCalibrationData(const ResolvedModel& model, const QString& dataset,
                                             const QString& scoredSplit,
                                             const DataSearchPath& search);

}  // namespace aip
