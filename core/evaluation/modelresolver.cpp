#include "evaluation/modelresolver.h"

#include "common/error.h"
#include "data/datasetloader.h"
#include "engine/trainer.h"

namespace aip {

ResolvedModel resolveModel(const ModelsConfig& models, const QString& id,
                           const DataSearchPath& search) {
    const ModelVariant* found = models.model(id);
    if (found == nullptr) {
        throw Error(QStringLiteral("unknown model '%1': not a file and not an id in %2 (ids: %3)")
                        .arg(id, models.sourcePath, models.modelIds().join(QStringLiteral(", "))));
    }
    ResolvedModel r{*found, *models.task(found->task), {}};
    if (r.spec.architecture == u"torchscript") {
        r.load.weightsFile =
            search.require(r.spec.file, QStringLiteral("TorchScript file of model '%1'").arg(id));
        if (!r.spec.preprocessing.vocab.isEmpty()) {
            r.load.vocabFile = search.require(r.spec.preprocessing.vocab,
                                              QStringLiteral("vocabulary of '%1'").arg(id));
        }
        return r;
    }
    const QString relative = QStringLiteral("checkpoints/%1.pt").arg(id);
    r.load.weightsFile = search.find(relative);
    if (r.load.weightsFile.isEmpty()) {
        throw Error(QStringLiteral("model '%1' is not trained yet: no %2 in %3 (train it: "
                                   "anytime-planner --batch train --model %1)")
                        .arg(id, relative, search.describe()));
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
