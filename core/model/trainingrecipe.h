#pragma once

#include "model/modelspec.h"

#include <QJsonObject>
#include <QString>

#include <cstdint>

namespace aip {

/// The seed `--batch train` trains with when none is given.
inline constexpr std::uint64_t kDefaultTrainingSeed = 1;

/// Everything a zoo model's trained weights are made from: the model (architecture, size
/// parameters, preprocessing), its task (dataset, splits, input, classes), the training settings
/// as they are run (the models.yaml preset after a protocol's `training` overrides or the
/// command line's) and the seed. The same recipe trains the same weights, so the recipe names the
/// checkpoint: the quick protocol, the full protocol and a manual `--batch train`, each with a
/// recipe of its own, never overwrite each other's weights.
class TrainingRecipe final {
public:
    /// `model.training` is the training as it will run (overrides applied).
    TrainingRecipe(const ModelVariant& model, const TaskSpec& task, std::uint64_t seed);

    const QString& modelId() const { return m_modelId; }
    /// The recipe as recorded beside the checkpoint; its keys are sorted.
    const QJsonObject& json() const { return m_json; }
    /// The first 12 hex digits of the SHA-256 of json() written compactly.
    const QString& digest() const { return m_digest; }
    /// checkpoints/<model>/recipe-<digest>.pt, relative to a folder of the data search path.
    QString checkpointPath() const;
    /// The recipe's description beside the checkpoint: recipe-<digest>.json.
    QString descriptionPath() const;

    /// The folder, relative to a data folder, that holds every recipe's checkpoint of a model.
    static QString checkpointFolder(const QString& modelId);
    /// The description file beside a checkpoint file (….pt → ….json).
    static QString descriptionFileFor(const QString& checkpointFile);

private:
    QString m_modelId;
    QJsonObject m_json;
    QString m_digest;
};

}  // namespace aip
