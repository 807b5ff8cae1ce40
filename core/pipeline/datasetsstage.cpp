#include "pipeline/datasetsstage.h"

#include "common/atomicfile.h"
#include "common/csv.h"
#include "common/error.h"
#include "data/datasetloader.h"
#include "download/datasetdownloader.h"
#include "engine/runtimeinfo.h"
#include "engine/trainer.h"
#include "evaluation/modelfiles.h"
#include "evaluation/modelresolver.h"
#include "pipeline/filedigest.h"
#include "results/resultfiles.h"

#include <QFileInfo>
#include <QJsonDocument>

#include <map>

namespace aip {

namespace {

/// One row per configuration the profilers will measure (task × model × precision × batch ×
/// device).
QString writeSweepPlan(const ConfigSet& configs, const QDir& out, JobContext& job) {
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
    const QString path = resultfiles::kSweepPlan.in(out);
    plan.save(path);
    job.log(QStringLiteral("protocol '%1': %2 models, %3 configurations, %4 cascades, %5 "
                           "workloads, %6 deadline sets, %7 replicate seeds")
                .arg(configs.protocol.name)
                .arg(configs.sweptModels().size())
                .arg(plan.rowCount())
                .arg(configs.models.cascades.size())
                .arg(configs.protocol.workloads.size())
                .arg(configs.protocol.deadlineSets.size())
                .arg(configs.protocol.replicates));
    return path;
}

QString writeEnvironment(const QDir& out, JobContext& job) {
    // As the profilers run cpu:N: all cores, on this (pool) thread, with the int8 engine chosen.
    setComputeThreads(0);
    selectQuantizedEngine();
    const RuntimeInfo info = queryRuntime();
    const QString path = resultfiles::kEnvironment.in(out);
    writeFileAtomically(path, QJsonDocument(info.toJson()).toJson(QJsonDocument::Indented));
    job.log(QStringLiteral(
                "LibTorch %1, %2 intra-op threads, BLAS %3, quantized engines [%4], allocator %5")
                .arg(info.torchVersion)
                .arg(info.intraOpThreads)
                .arg(info.blasLibrary, info.quantizedEngines.join(QStringLiteral(", ")),
                     info.allocator));
    return path;
}

QString howToGet(const QString& dataset) {
    if (officialSourceNames().contains(dataset)) {
        return QStringLiteral(
                   "get it with `anytime-planner --batch download --dataset %1`, or "
                   "name the folder that holds it with --data-dir")
            .arg(dataset);
    }
    if (dataset == u"fashion-mnist") {
        return QStringLiteral(
                   "install Debian's dataset-fashion-mnist package (it fills %1), or "
                   "name the folder that holds it with --data-dir")
            .arg(DataSearchPath::systemDatasetDirectory());
    }
    return QStringLiteral("name the folder that holds it with --data-dir");
}

struct TaskData {
    QString dataFolder;  ///< the search path folder holding the training split ("" if unused)
};

/// Checks the splits every protocol task needs: the evaluation split always, the training split
/// when a swept zoo model of the task trains or calibrates int8 on it.
std::map<QString, TaskData> checkDatasets(const ConfigSet& configs, const DataSearchPath& search,
                                          JobContext& job) {
    std::map<QString, TaskData> result;
    for (const QString& taskId : configs.protocol.tasks) {
        const TaskSpec& task = *configs.models.task(taskId);
        bool zoo = false;
        for (const ModelVariant* m : configs.sweptModels()) {
            zoo = zoo || (m->task == taskId && m->architecture != u"torchscript");
        }
        QStringList splits{task.evalSplit};
        if (zoo && task.trainSplit != task.evalSplit) {
            splits.append(task.trainSplit);
        }
        for (const QString& split : splits) {
            const QString folder = requireDatasetSplit(task.dataset, split, search);
            job.log(QStringLiteral("dataset %1 (%2 split) found in %3")
                        .arg(task.dataset, split, folder));
            if (split == task.trainSplit) {
                result[taskId].dataFolder = folder;
            }
        }
    }
    return result;
}

/// Trains `model` with the protocol's recipe into the user data folder's checkpoints/ and
/// returns the checkpoint.
QString train(const ModelVariant& model, const QString& dataFolder, const RecipeChoice& choice,
              StageContext& context, int index, int count) {
    const ConfigSet& configs = context.configs;
    TrainParams params;
    params.model = model;
    params.model.training = configs.protocol.trainingFor(model);
    params.task = *configs.models.task(model.task);
    params.dataDir = dataFolder;
    params.seed = choice.seed;
    params.purpose =
        QStringLiteral("protocol '%1', run seed %2").arg(configs.protocol.name).arg(choice.seed);
    const TrainingRecipe recipe = trainingRecipe(params);
    params.checkpointFile = defaultCheckpointFile(context.search.userDataDirectory(), recipe);
    const TrainingSpec& o = configs.protocol.training;
    const bool overridden = o.epochs > 0 || o.batchSize > 0 || o.learningRate > 0 ||
                            o.maxExamples > 0 || !o.precision.isEmpty();
    context.job.log(QStringLiteral("training %1 (%2 of %3 without a checkpoint of its recipe "
                                   "%4), seed %5%6")
                        .arg(model.id)
                        .arg(index)
                        .arg(count)
                        .arg(recipe.digest())
                        .arg(choice.seed)
                        .arg(overridden ? QStringLiteral(", with protocol '%1' training overrides")
                                              .arg(configs.protocol.name)
                                        : QString()));
    const TrainResult r = trainModel(params, context.job);
    const double lastAccuracy = r.history.empty() ? 0.0 : r.history.back().trainAccuracy;
    context.job.log(QStringLiteral("trained %1 in %2 s, %3 (train accuracy %4) → %5")
                        .arg(model.id)
                        .arg(r.seconds, 0, 'f', 1)
                        .arg(r.precision)
                        .arg(lastAccuracy, 0, 'f', 4)
                        .arg(r.checkpointFile));
    return r.checkpointFile;
}

}  // namespace

QString requireDatasetSplit(const QString& dataset, const QString& split,
                            const DataSearchPath& search) {
    if (!datasets::isBuiltIn(dataset)) {
        // An image folder: one folder per split below it (see loadImageFolder).
        const QString found = QDir::isAbsolutePath(dataset) ? dataset : search.find(dataset);
        if (found.isEmpty() || !QFileInfo(found).isDir()) {
            throw Error(QStringLiteral("dataset '%1' not found: no folder %1 in %2; %3")
                            .arg(dataset, search.describe(), howToGet(dataset)));
        }
        return QDir::isAbsolutePath(dataset) ? QFileInfo(found).absolutePath()
                                             : found.chopped(dataset.size() + 1);
    }
    const QStringList files = datasets::requiredFiles(dataset, split);
    const QString first = search.find(files.first());
    if (first.isEmpty()) {
        throw Error(QStringLiteral("dataset '%1' (%2 split) not found: no %3 in %4; %5")
                        .arg(dataset, split, files.first(), search.describe(), howToGet(dataset)));
    }
    const QString folder = first.chopped(files.first().size() + 1);
    for (const QString& file : files) {
        if (!QFileInfo::exists(QDir(folder).filePath(file))) {
            throw Error(
                QStringLiteral("dataset '%1' (%2 split) is incomplete: %3 is missing "
                               "beside %4; %5")
                    .arg(dataset, split, QDir(folder).filePath(file), first, howToGet(dataset)));
        }
    }
    return folder;
}

QStringList runDatasetsStage(StageContext& context) {
    const ConfigSet& configs = context.configs;
    const RecipeChoice choice{&configs.protocol, context.seed};
    // Everything that can be missing is checked before anything is written or trained.
    const std::map<QString, TaskData> data = checkDatasets(configs, context.search, context.job);
    std::vector<const ModelVariant*> untrained;
    for (const ModelVariant* m : configs.sweptModels()) {
        if (m->architecture == u"torchscript") {
            resolveModel(configs.models, m->id, context.search, choice);
        } else if (context.search
                       .find(choice.recipeFor(*m, *configs.models.task(m->task)).checkpointPath())
                       .isEmpty()) {
            untrained.push_back(m);
        }
    }
    QStringList written{writeSweepPlan(configs, context.results, context.job),
                        writeEnvironment(context.results, context.job)};

    for (std::size_t i = 0; i < untrained.size(); ++i) {
        context.job.throwIfCancelled();
        const ModelVariant& m = *untrained[i];
        const QString checkpoint =
            QDir::cleanPath(train(m, data.at(m.task).dataFolder, choice, context,
                                  static_cast<int>(i) + 1, static_cast<int>(untrained.size())));
        const QString found =
            context.search.find(choice.recipeFor(m, *configs.models.task(m.task)).checkpointPath());
        if (found != checkpoint) {
            throw Error(QStringLiteral("trained %1 into %2, but the data search path (%3) finds "
                                       "another or no checkpoint there")
                            .arg(m.id, checkpoint, context.search.describe()));
        }
    }

    ModelFiles files = ModelFiles::locate(configs, context.search, choice);
    for (ModelFiles::Record& r : files.records()) {
        r.sha256 = sha256OfPath(r.file);
        if (!r.recipe.isEmpty() && r.role == u"weights") {
            context.job.log(QStringLiteral("%1: recipe %2, %3").arg(r.model, r.recipe, r.file));
        }
    }
    const QString filesPath = resultfiles::kModelFiles.in(context.results);
    files.save(filesPath);
    context.job.log(QStringLiteral("%1 model files ready (%2 trained now)")
                        .arg(files.records().size())
                        .arg(untrained.size()));
    written.append(filesPath);
    return written + files.files();
}

}  // namespace aip
