#include "evaluation/modelresolver.h"

#include "common/error.h"
#include "data/datasetloader.h"
#include "engine/trainer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace aip {

TrainingRecipe RecipeChoice::recipeFor(const ModelVariant& model, const TaskSpec& task) const {
    ModelVariant trained = model;
    if (protocol != nullptr) {
        trained.training = protocol->trainingFor(model);
    }
    return TrainingRecipe(trained, task, seed);
}

QString RecipeChoice::describe() const {
    return protocol == nullptr
               ? QStringLiteral("the models.yaml preset, seed %1").arg(seed)
               : QStringLiteral(
                     "protocol '%1' (models.yaml preset with its training overrides), "
                     "seed %2")
                     .arg(protocol->name)
                     .arg(seed);
}

std::optional<TrainedCheckpoint> describeCheckpointFile(const QString& file) {
    const QString path = TrainingRecipe::descriptionFileFor(file);
    QFile f(path);
    if (!f.exists()) {
        return std::nullopt;
    }
    if (!f.open(QIODevice::ReadOnly)) {
        throw Error(QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()));
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    const QJsonObject recipe = doc.object().value(QStringLiteral("recipe")).toObject();
    const QString model = recipe.value(QStringLiteral("model")).toString();
    if (error.error != QJsonParseError::NoError || model.isEmpty()) {
        throw Error(QStringLiteral("%1: not a training recipe description (%2)")
                        .arg(path, error.error != QJsonParseError::NoError
                                       ? error.errorString()
                                       : QStringLiteral("no recipe.model")));
    }
    return TrainedCheckpoint{QFileInfo(file).absoluteFilePath(), model,
                             doc.object().value(QStringLiteral("digest")).toString(),
                             doc.object()
                                 .value(QStringLiteral("trained"))
                                 .toObject()
                                 .value(QStringLiteral("for"))
                                 .toString()};
}

std::vector<TrainedCheckpoint> trainedCheckpoints(const QString& modelId,
                                                  const DataSearchPath& search) {
    std::vector<TrainedCheckpoint> found;
    for (const QString& folder : search.directories()) {
        const QDir dir(QDir(folder).filePath(TrainingRecipe::checkpointFolder(modelId)));
        for (const QString& name :
             dir.entryList({QStringLiteral("recipe-*.pt")}, QDir::Files, QDir::Name)) {
            TrainedCheckpoint c;
            c.file = dir.filePath(name);
            c.model = modelId;
            c.digest = name.mid(7, name.size() - 10);  // recipe-<digest>.pt
            try {
                if (const auto described = describeCheckpointFile(c.file)) {
                    c.trainedFor = described->trainedFor;
                }
            } catch (const Error&) {
                c.trainedFor = QStringLiteral("unreadable description");
            }
            found.push_back(c);
        }
    }
    return found;
}

QStringList removeCheckpointFiles(const QString& checkpointFile) {
    QStringList removed;
    for (const QString& file : {checkpointFile, TrainingRecipe::descriptionFileFor(checkpointFile),
                                vocabFileFor(checkpointFile)}) {
        QFile f(file);
        if (!f.exists()) {
            continue;
        }
        if (!f.remove()) {
            throw Error(QStringLiteral("%1: cannot remove: %2").arg(file, f.errorString()));
        }
        removed.append(file);
    }
    return removed;
}

ResolvedModel resolveModel(const ModelsConfig& models, const QString& id,
                           const DataSearchPath& search, const RecipeChoice& choice) {
    const ModelVariant* found = models.model(id);
    if (found == nullptr) {
        throw Error(QStringLiteral("unknown model '%1': not a file and not an id in %2 (ids: %3)")
                        .arg(id, models.sourcePath, models.modelIds().join(QStringLiteral(", "))));
    }
    ResolvedModel r{*found, *models.task(found->task), {}, {}};
    if (r.spec.architecture == u"torchscript") {
        r.load.weightsFile =
            search.require(r.spec.file, QStringLiteral("TorchScript file of model '%1'").arg(id));
        if (!r.spec.preprocessing.vocab.isEmpty()) {
            r.load.vocabFile = search.require(r.spec.preprocessing.vocab,
                                              QStringLiteral("vocabulary of '%1'").arg(id));
        }
        return r;
    }
    const TrainingRecipe recipe = choice.recipeFor(r.spec, r.task);
    r.recipe = recipe.digest();
    r.load.weightsFile = search.find(recipe.checkpointPath());
    if (r.load.weightsFile.isEmpty()) {
        QStringList others;
        for (const TrainedCheckpoint& c : trainedCheckpoints(id, search)) {
            others.append(c.trainedFor.isEmpty()
                              ? c.file
                              : QStringLiteral("%1 (%2)").arg(c.file, c.trainedFor));
        }
        const QString howToTrain =
            choice.protocol == nullptr
                ? QStringLiteral("train it: anytime-planner --batch train --model %1%2")
                      .arg(id, choice.seed == kDefaultTrainingSeed
                                   ? QString()
                                   : QStringLiteral(" --seed %1").arg(choice.seed))
                : QStringLiteral("stage 01 of the protocol's pipeline trains it");
        throw Error(QStringLiteral("model '%1' has no checkpoint of recipe %2 (%3): no %4 in %5; "
                                   "%6; %7")
                        .arg(id, recipe.digest(), choice.describe(), recipe.checkpointPath(),
                             search.describe(),
                             others.isEmpty() ? QStringLiteral("no other recipe of it is trained")
                                              : QStringLiteral("trained with other recipes: ") +
                                                    others.join(QStringLiteral(", ")),
                             howToTrain));
    }
    r.load.vocabFile = vocabFileFor(r.load.weightsFile);
    return r;
}

std::unique_ptr<Dataset> loadCalibrationData(const ResolvedModel& model, const QString& dataset,
                                             const QString& scoredSplit,
                                             const DataSearchPath& search) {
    if (model.spec.architecture == u"torchscript" ||
        model.task.input.kind != InputSpec::Kind::Image) {
        return nullptr;
    }
    const bool hasTrain = datasets::validSplits(dataset).contains(QStringLiteral("train"));
    return loadDataset(dataset, hasTrain ? QStringLiteral("train") : scoredSplit, search);
}

}  // namespace aip
