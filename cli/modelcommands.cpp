// Scoring (evaluate) and training (train) one model, and downloading a dataset (download).

#include "cli/commands.h"

#include "common/error.h"
#include "config/configset.h"
#include "model/trainingrecipe.h"
#include "data/datasearchpath.h"
#include "download/datasetdownloader.h"
#include "engine/trainer.h"
#include "evaluation/evaluator.h"
#include "evaluation/modelresolver.h"
#include "jobs/jobmanager.h"

#include <QDir>

#include <algorithm>
#include <cstdint>
#include <optional>

namespace aip::cli {

namespace {

/// Which runs load the checkpoint `trained` of `model`: `evaluate` with the matching
/// --recipe/--seed, and the pipeline of each protocol in `configDir` whose recipe (its training
/// overrides, its base seed) it is. Lines for the user, in that order.
QStringList recipeUsers(const QString& configDir, const ModelVariant& model, const TaskSpec& task,
                        std::uint64_t seed, const TrainResult& trained, bool inCheckpointFolder) {
    if (!inCheckpointFolder) {
        return {QStringLiteral("written to a file of your choosing: no pipeline run loads it (they "
                               "look for %1 on the data search path); evaluate it with --batch "
                               "evaluate --model %2")
                    .arg(TrainingRecipe::checkpointFolder(model.id) +
                             QStringLiteral("/recipe-<digest>.pt"),
                         trained.checkpointFile)};
    }
    QStringList users;
    if (RecipeChoice{nullptr, seed}.recipeFor(model, task).digest() == trained.recipe) {
        users.append(QStringLiteral("--batch evaluate --model %1%2")
                         .arg(model.id, seed == kDefaultTrainingSeed
                                            ? QString()
                                            : QStringLiteral(" --seed %1").arg(seed)));
    }
    QStringList others;
    for (const bool quick : {false, true}) {
        try {
            const ConfigSet configs = ConfigSet::load(configDir, quick);
            const auto swept = configs.sweptModels();
            if (std::find(swept.begin(), swept.end(), configs.models.model(model.id)) ==
                swept.end()) {
                continue;
            }
            const RecipeChoice protocol{&configs.protocol, configs.protocol.baseSeed};
            const QString digest =
                protocol
                    .recipeFor(*configs.models.model(model.id), *configs.models.task(model.task))
                    .digest();
            const QString command =
                quick ? QStringLiteral("--batch --quick") : QStringLiteral("--batch");
            if (digest == trained.recipe) {
                users.append(QStringLiteral("the pipeline `%1` (protocol '%2', run seed %3)")
                                 .arg(command, configs.protocol.name)
                                 .arg(configs.protocol.baseSeed));
            } else {
                others.append(
                    QStringLiteral("`%1` trains its own (recipe %2)").arg(command, digest));
            }
        } catch (const Error&) {
            // A protocol that does not load names no user here; validate-config says why.
        }
    }
    QStringList lines;
    lines.append(
        users.isEmpty()
            ? QStringLiteral("used by: --batch evaluate --model %1").arg(trained.checkpointFile)
            : QStringLiteral("used by: ") + users.join(QStringLiteral("; ")));
    if (!others.isEmpty()) {
        lines.append(QStringLiteral("not used by the pipelines of other recipes: ") +
                     others.join(QStringLiteral("; ")));
    }
    return lines;
}

}  // namespace

int runEvaluate(const Options& p) {
    EvaluateParams params;
    params.configDir = configDir(p);
    params.model = requiredOption(p, QStringLiteral("model"));
    params.dataset = requiredOption(p, QStringLiteral("dataset"));
    params.split = requiredOption(p, QStringLiteral("split"));
    params.dataDir = p.value(QStringLiteral("data-dir"));
    if (p.isSet(QStringLiteral("precision"))) {
        params.precision = p.value(QStringLiteral("precision"));
    }
    if (p.isSet(QStringLiteral("device"))) {
        params.device = p.value(QStringLiteral("device"));
    }
    params.mean = numberListOption(p, QStringLiteral("mean"));
    params.std = numberListOption(p, QStringLiteral("std"));
    params.predictionsFile = p.value(QStringLiteral("predictions"));
    if (p.isSet(QStringLiteral("recipe"))) {
        params.recipe = p.value(QStringLiteral("recipe"));
    }
    if (p.isSet(QStringLiteral("seed"))) {
        params.seed = seedValue(p);
    }
    params.batchSize = positiveIntOption(p, QStringLiteral("batch-size"), params.batchSize);
    params.maxExamples = positiveIntOption(p, QStringLiteral("max-examples"), 0);
    JobManager manager;
    auto* job = manager.submit<EvaluateParams, EvaluateResult>(QStringLiteral("evaluate"), params,
                                                               &evaluateModel);
    const int code = runJobToEnd(job);
    if (code == 0) {
        const EvaluateResult& r = job->result();
        err() << QStringLiteral("[evaluate] %1 on %2 (%3, %4): %5/%6 correct in %7 s")
                     .arg(r.model, r.dataset, r.precision, r.device)
                     .arg(r.correct)
                     .arg(r.examples)
                     .arg(r.seconds, 0, 'f', 2)
              << Qt::endl;
        out() << QStringLiteral("accuracy: %1").arg(r.accuracy, 0, 'f', 4) << Qt::endl;
    }
    return code;
}

int runTrain(const Options& p) {
    const ModelsConfig models =
        ModelsConfig::load(QDir(configDir(p)).filePath(QStringLiteral("models.yaml")));
    const QString id = requiredOption(p, QStringLiteral("model"));
    const ModelVariant* model = models.model(id);
    if (model == nullptr) {
        throw Error(QStringLiteral("unknown model '%1' in %2 (ids: %3)")
                        .arg(id, models.sourcePath, models.modelIds().join(QStringLiteral(", "))));
    }
    TrainParams params;
    params.model = *model;
    params.task = *models.task(model->task);
    if (p.isSet(QStringLiteral("dataset"))) {
        params.task.dataset = p.value(QStringLiteral("dataset"));
    }
    params.dataDir = p.value(QStringLiteral("data-dir"));
    params.checkpointFile = p.value(QStringLiteral("out"));
    params.epochs = positiveIntOption(p, QStringLiteral("epochs"), 0);
    params.batchSize = positiveIntOption(p, QStringLiteral("batch-size"), 0);
    params.maxExamples = positiveIntOption(p, QStringLiteral("max-examples"), 0);
    params.threads = positiveIntOption(p, QStringLiteral("threads"), 0);
    if (p.isSet(QStringLiteral("precision"))) {
        params.precision = resolveTrainingPrecision(p.value(QStringLiteral("precision")));
    }
    if (p.isSet(QStringLiteral("learning-rate"))) {
        bool ok = false;
        params.learningRate = p.value(QStringLiteral("learning-rate")).toDouble(&ok);
        if (!ok || params.learningRate <= 0) {
            throw Error(QStringLiteral("--learning-rate must be a positive number"));
        }
    }
    if (p.isSet(QStringLiteral("seed"))) {
        params.seed = seedValue(p);
    }
    params.purpose = QStringLiteral("--batch train, seed %1").arg(params.seed);
    JobManager manager;
    auto* job =
        manager.submit<TrainParams, TrainResult>(QStringLiteral("train"), params, &trainModel);
    const int code = runJobToEnd(job);
    if (code == 0) {
        const TrainResult& r = job->result();
        out() << r.checkpointFile << Qt::endl;
        if (!r.vocabFile.isEmpty()) {
            out() << r.vocabFile << Qt::endl;
        }
        err() << QStringLiteral("[train] %1 trained in %2 s (%3), recipe %4 → %5")
                     .arg(id)
                     .arg(r.seconds, 0, 'f', 1)
                     .arg(r.precision, r.recipe, r.checkpointFile)
              << Qt::endl;
        for (const QString& line : recipeUsers(configDir(p), *model, params.task, params.seed, r,
                                               !p.isSet(QStringLiteral("out")))) {
            err() << QStringLiteral("[train] ") << line << Qt::endl;
        }
    }
    return code;
}

int runDownload(const Options& p) {
    const QString dataset = requiredOption(p, QStringLiteral("dataset"));
    const std::optional<DownloadSource> source = officialSource(dataset);
    if (!source) {
        throw Error(
            QStringLiteral(
                "no download source for '%1' (sources: %2; fashion-mnist comes from Debian's "
                "dataset-fashion-mnist package)")
                .arg(dataset, officialSourceNames().join(QStringLiteral(", "))));
    }
    const QString destination = p.isSet(QStringLiteral("data-dir"))
                                    ? p.value(QStringLiteral("data-dir"))
                                    : DataSearchPath::fromEnvironment().userDataDirectory();
    DownloadParams params = DownloadParams::fromSource(*source, destination);
    if (p.isSet(QStringLiteral("url"))) {
        // A mirror must serve the very same bytes: the official digests still apply.
        params.url = QUrl(p.value(QStringLiteral("url")));
        if (!params.url.isValid() || params.url.scheme().isEmpty()) {
            throw Error(
                QStringLiteral("--url: '%1' is not a URL").arg(p.value(QStringLiteral("url"))));
        }
    }
    JobManager manager;
    auto* job = manager.submit<DownloadParams, DownloadResult>(QStringLiteral("download"), params,
                                                               &downloadDataset);
    const int code = runJobToEnd(job);
    if (code == 0) {
        out() << job->result().folder << Qt::endl;
    }
    return code;
}

}  // namespace aip::cli
