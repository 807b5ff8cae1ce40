#pragma once

#include "config/modelsconfig.h"
#include "config/protocolconfig.h"
#include "data/datasearchpath.h"
#include "data/dataset.h"
#include "engine/inferencemodel.h"
#include "model/trainingrecipe.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace aip {

/// A models.yaml variant with its task and the files it loads from.
struct ResolvedModel {
    ModelVariant spec;
    TaskSpec task;
    ModelLoadOptions load;
    QString recipe;  ///< TrainingRecipe::digest() of a zoo checkpoint; empty for imported files
};

/// Which trained weights of a zoo model to load: those of the recipe `protocol` trains (its
/// `training` overrides on the models.yaml preset; null: the preset alone) with `seed`.
struct RecipeChoice {
    const ProtocolConfig* protocol = nullptr;
    std::uint64_t seed = kDefaultTrainingSeed;

    TrainingRecipe recipeFor(const ModelVariant& model, const TaskSpec& task) const;
    /// "the models.yaml preset, seed 1", "protocol 'quick' (its training overrides), seed 7".
    QString describe() const;
};

/// Finds the files of models.yaml variant `id` on the search path: the TorchScript module (and
/// vocabulary) of an imported model, the checkpoint of `recipe` of a zoo model. Throws
/// aip::Error for an unknown id (listing the ids), a missing file, or a zoo model that has no
/// checkpoint of that recipe (naming the checkpoint looked for, the ones of other recipes, and
/// the train command).
ResolvedModel resolveModel(const ModelsConfig& models, const QString& id,
                           const DataSearchPath& search, const RecipeChoice& recipe);

/// A checkpoint of a zoo model found on the search path, with its recipe description.
struct TrainedCheckpoint {
    QString file;
    QString model;
    QString digest;
    QString trainedFor;  ///< the description's trained.for ("protocol 'quick'", …)
};

/// Every recipe's checkpoint of `modelId` on the search path, the first folder's first.
std::vector<TrainedCheckpoint> trainedCheckpoints(const QString& modelId,
                                                  const DataSearchPath& search);

/// Deletes a checkpoint written by the train job with what belongs to it: its recipe
/// description (recipe-<digest>.json) and, for text models, its vocabulary. Returns the files
/// removed; throws aip::Error naming the first file that exists but cannot be removed.
QStringList removeCheckpointFiles(const QString& checkpointFile);

/// A zoo checkpoint given as a file, as the description beside it (recipe-<digest>.json) names
/// it; nullopt when there is none (a TorchScript file, say). Throws aip::Error naming the
/// description when it is not valid JSON of that form.
std::optional<TrainedCheckpoint> describeCheckpointFile(const QString& file);

/// Examples int8 activation ranges are calibrated on: the training split of the dataset, never
/// the split being scored; null where the model's int8 path needs none (encoders quantize
/// Linear layers dynamically; imported TorchScript has no int8 path).
std::unique_ptr<Dataset> loadCalibrationData(const ResolvedModel& model, const QString& dataset,
                                             const QString& scoredSplit,
                                             const DataSearchPath& search);

}  // namespace aip
