#include "evaluation/evaluator.h"

#include "common/csv.h"
#include "common/error.h"
#include "config/modelsconfig.h"
#include "data/datasetloader.h"
#include "engine/inferencemodel.h"
#include "engine/trainer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

namespace aip {

namespace {

bool looksLikeFile(const QString& model) {
    return model.endsWith(QStringLiteral(".pt")) || model.endsWith(QStringLiteral(".pth")) ||
           model.contains(u'/');
}

/// A task and model description for a TorchScript file given on the command line: its input
/// is whatever the dataset holds, its classes those of the dataset.
std::pair<ModelVariant, TaskSpec> importedModel(const QString& file, const Dataset& data,
                                                const EvaluateParams& p) {
    TaskSpec task;
    task.id = data.name();
    task.dataset = p.dataset;
    task.evalSplit = p.split;
    task.numClasses = data.numClasses();
    if (const auto* images = dynamic_cast<const ImageDataset*>(&data)) {
        task.input.kind = InputSpec::Kind::Image;
        task.input.channels = images->channels();
        task.input.height = images->height();
        task.input.width = images->width();
    } else {
        throw Error(
            QStringLiteral(
                "%1: a TorchScript text model needs its vocabulary: declare it in models.yaml "
                "(architecture: torchscript, preprocessing.vocab)")
                .arg(file));
    }
    ModelVariant model;
    model.id = QFileInfo(file).completeBaseName();
    model.family = model.id;
    model.task = task.id;
    model.architecture = QStringLiteral("torchscript");
    model.file = file;
    return {model, task};
}

}  // namespace

EvaluateResult evaluateModel(const EvaluateParams& p, JobContext& context) {
    const std::optional<Precision> precision = parsePrecision(p.precision);
    if (!precision) {
        throw Error(
            QStringLiteral("--precision must be fp32, bf16 or int8, got '%1'").arg(p.precision));
    }
    const DeviceSpec device = DeviceSpec::parse(p.device);
    if (p.mean.size() != p.std.size()) {
        throw Error(
            QStringLiteral("--mean and --std must be given together, with one value per channel"));
    }
    const DataSearchPath search = DataSearchPath::fromEnvironment(p.dataDir);

    context.log(QStringLiteral("loading %1/%2").arg(p.dataset, p.split));
    const std::unique_ptr<Dataset> data = loadDataset(p.dataset, p.split, search);
    context.throwIfCancelled();

    ModelVariant spec;
    TaskSpec task;
    ModelLoadOptions load;
    if (looksLikeFile(p.model)) {
        std::tie(spec, task) = importedModel(p.model, *data, p);
        load.weightsFile = p.model;
    } else {
        const ModelsConfig models =
            ModelsConfig::load(QDir(p.configDir).filePath(QStringLiteral("models.yaml")));
        const ModelVariant* found = models.model(p.model);
        if (found == nullptr) {
            throw Error(
                QStringLiteral("unknown model '%1': not a file and not an id in %2 (ids: %3)")
                    .arg(p.model, models.sourcePath, models.modelIds().join(QStringLiteral(", "))));
        }
        spec = *found;
        task = *models.task(spec.task);
        if (spec.architecture == u"torchscript") {
            load.weightsFile = search.require(
                spec.file, QStringLiteral("TorchScript file of model '%1'").arg(spec.id));
            if (!spec.preprocessing.vocab.isEmpty()) {
                load.vocabFile = search.require(spec.preprocessing.vocab,
                                                QStringLiteral("vocabulary of '%1'").arg(spec.id));
            }
        } else {
            const QString relative = QStringLiteral("checkpoints/%1.pt").arg(spec.id);
            load.weightsFile = search.find(relative);
            if (load.weightsFile.isEmpty()) {
                throw Error(
                    QStringLiteral(
                        "model '%1' is not trained yet: no %2 in %3 (train it: anytime-planner "
                        "--batch train --model %1)")
                        .arg(spec.id, relative, search.describe()));
            }
            load.vocabFile = vocabFileFor(load.weightsFile);
        }
    }
    if (!p.mean.empty()) {
        if (task.input.kind != InputSpec::Kind::Image ||
            static_cast<int>(p.mean.size()) != task.input.channels) {
            throw Error(QStringLiteral("--mean/--std need one value per image channel (%1)")
                            .arg(task.input.channels));
        }
        spec.preprocessing.mean = p.mean;
        spec.preprocessing.std = p.std;
    }

    context.log(QStringLiteral("loading model %1 from %2").arg(spec.id, load.weightsFile));
    std::unique_ptr<InferenceModel> model = loadInferenceModel(spec, task, load);
    std::unique_ptr<Dataset> calibrationData;
    const Dataset* calibration = nullptr;
    if (*precision == Precision::Int8 && spec.architecture != u"torchscript" &&
        task.input.kind == InputSpec::Kind::Image) {
        // Activation ranges come from training examples, never from the split being scored.
        const bool hasTrain = datasets::validSplits(p.dataset).contains(QStringLiteral("train"));
        if (hasTrain && p.split != u"train") {
            calibrationData = loadDataset(p.dataset, QStringLiteral("train"), search);
            calibration = calibrationData.get();
        } else {
            calibration = data.get();
        }
    }
    model->prepare(*precision, device, calibration);

    const qsizetype total =
        p.maxExamples > 0 ? std::min<qsizetype>(p.maxExamples, data->size()) : data->size();
    CsvWriter predictions({QStringLiteral("index"), QStringLiteral("label"),
                           QStringLiteral("predicted"), QStringLiteral("confidence"),
                           QStringLiteral("correct")});
    EvaluateResult result;
    result.model = spec.id;
    result.dataset = data->name();
    result.precision = precisionName(*precision);
    result.device = device.name();
    QElapsedTimer clock;
    clock.start();
    for (qsizetype begin = 0; begin < total; begin += p.batchSize) {
        context.throwIfCancelled();
        const qsizetype count = std::min<qsizetype>(p.batchSize, total - begin);
        const Predictions out = model->run(*model->makeInput(*data, begin, count));
        for (qsizetype i = 0; i < count; ++i) {
            const int label = data->label(begin + i);
            const int predicted = out.predicted[static_cast<std::size_t>(i)];
            const bool correct = predicted == label;
            result.correct += correct ? 1 : 0;
            if (!p.predictionsFile.isEmpty()) {
                predictions.addRow(
                    {QString::number(begin + i), QString::number(label), QString::number(predicted),
                     QString::number(out.confidence[static_cast<std::size_t>(i)], 'f', 6),
                     correct ? QStringLiteral("1") : QStringLiteral("0")});
            }
        }
        context.setProgress(static_cast<double>(begin + count) / total,
                            QStringLiteral("%1 / %2 examples").arg(begin + count).arg(total));
    }
    result.seconds = clock.elapsed() / 1000.0;
    result.examples = total;
    result.accuracy = total > 0 ? static_cast<double>(result.correct) / total : 0.0;
    if (!p.predictionsFile.isEmpty()) {
        predictions.save(p.predictionsFile);
    }
    return result;
}

}  // namespace aip
