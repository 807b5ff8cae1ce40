#include "evaluation/evaluator.h"

#include "common/csv.h"
#include "common/error.h"
#include "config/configset.h"
#include "config/modelsconfig.h"
#include "data/datasetloader.h"
#include "engine/inferencemodel.h"
#include "engine/trainer.h"
#include "evaluation/modelresolver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>

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

/// The precision and device `p` asks for, after checking the options that need no file.
std::pair<Precision, DeviceSpec> checkedTarget(const EvaluateParams& p) {
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
    return {*precision, device};
}

}  // namespace

AccuracyProfile predictExamples(InferenceModel& model, const Dataset& data, qsizetype count,
                                int batchSize, JobContext& context) {
    AccuracyProfile answers;
    answers.model = model.spec().id;
    answers.precision = precisionName(model.precision());
    const auto total = static_cast<std::size_t>(std::min(count, data.size()));
    answers.index.reserve(total);
    answers.label.reserve(total);
    answers.predicted.reserve(total);
    answers.confidence.reserve(total);
    for (qsizetype begin = 0; begin < static_cast<qsizetype>(total); begin += batchSize) {
        context.throwIfCancelled();
        const qsizetype n = std::min<qsizetype>(batchSize, static_cast<qsizetype>(total) - begin);
        const Predictions out = model.run(*model.makeInput(data, begin, n));
        for (qsizetype i = 0; i < n; ++i) {
            answers.index.push_back(begin + i);
            answers.label.push_back(data.label(begin + i));
            answers.predicted.push_back(out.predicted[static_cast<std::size_t>(i)]);
            answers.confidence.push_back(out.confidence[static_cast<std::size_t>(i)]);
        }
        context.setProgress(static_cast<double>(begin + n) / static_cast<double>(total),
                            QStringLiteral("%1 / %2 examples").arg(begin + n).arg(total));
    }
    return answers;
}

std::unique_ptr<InferenceModel> loadModelToEvaluate(const EvaluateParams& p, const Dataset& dataset,
                                                    const DataSearchPath& search,
                                                    JobContext& context) {
    const auto [precision, device] = checkedTarget(p);
    ModelVariant spec;
    TaskSpec task;
    ModelLoadOptions load;
    const auto zooModels = [&p] {
        return ModelsConfig::load(QDir(p.configDir).filePath(QStringLiteral("models.yaml")));
    };
    if (looksLikeFile(p.model)) {
        if (const std::optional<TrainedCheckpoint> zoo = describeCheckpointFile(p.model)) {
            // A zoo checkpoint named by its file: the model its recipe description names.
            const ModelsConfig models = zooModels();
            const ModelVariant* variant = models.model(zoo->model);
            if (variant == nullptr) {
                throw Error(QStringLiteral("%1 is a checkpoint of model '%2', which %3 does not "
                                           "declare")
                                .arg(p.model, zoo->model, models.sourcePath));
            }
            spec = *variant;
            task = *models.task(variant->task);
            load.weightsFile = p.model;
            load.vocabFile = vocabFileFor(p.model);
        } else {
            std::tie(spec, task) = importedModel(p.model, dataset, p);
            load.weightsFile = p.model;
        }
    } else {
        const ModelsConfig models = zooModels();
        std::optional<ConfigSet> protocol;
        RecipeChoice choice;
        if (p.recipe == u"quick" || p.recipe == u"full") {
            protocol = ConfigSet::load(p.configDir, p.recipe == u"quick");
            choice = {&protocol->protocol, p.seed.value_or(protocol->protocol.baseSeed)};
        } else if (p.recipe == u"preset") {
            choice.seed = p.seed.value_or(kDefaultTrainingSeed);
        } else {
            throw Error(
                QStringLiteral("--recipe must be preset, quick or full, got '%1'").arg(p.recipe));
        }
        ResolvedModel resolved = resolveModel(models, p.model, search, choice);
        spec = std::move(resolved.spec);
        task = std::move(resolved.task);
        load = std::move(resolved.load);
        if (!resolved.recipe.isEmpty()) {
            context.log(QStringLiteral("checkpoint of recipe %1 (%2)")
                            .arg(resolved.recipe, choice.describe()));
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
    if (precision == Precision::Int8) {
        calibrationData = loadCalibrationData({spec, task, load}, p.dataset, p.split, search);
    }
    const Dataset* calibration = calibrationData.get();
    model->prepare(precision, device, calibration);
    return model;
}

EvaluateResult evaluateModel(const EvaluateParams& p, JobContext& context) {
    const auto [precision, device] = checkedTarget(p);
    const DataSearchPath search = DataSearchPath::fromEnvironment(p.dataDir);

    context.log(QStringLiteral("loading %1/%2").arg(p.dataset, p.split));
    const std::unique_ptr<Dataset> data = loadDataset(p.dataset, p.split, search);
    context.throwIfCancelled();

    std::unique_ptr<InferenceModel> model = loadModelToEvaluate(p, *data, search, context);
    const ModelVariant& spec = model->spec();

    const qsizetype total =
        p.maxExamples > 0 ? std::min<qsizetype>(p.maxExamples, data->size()) : data->size();
    EvaluateResult result;
    result.model = spec.id;
    result.dataset = data->name();
    result.precision = precisionName(precision);
    result.device = device.name();
    QElapsedTimer clock;
    clock.start();
    const AccuracyProfile answers = predictExamples(*model, *data, total, p.batchSize, context);
    result.seconds = clock.elapsed() / 1000.0;
    result.examples = total;
    for (std::size_t i = 0; i < answers.size(); ++i) {
        result.correct += answers.correct(i) ? 1 : 0;
    }
    result.accuracy = total > 0 ? static_cast<double>(result.correct) / total : 0.0;
    if (!p.predictionsFile.isEmpty()) {
        CsvWriter predictions({QStringLiteral("index"), QStringLiteral("label"),
                               QStringLiteral("predicted"), QStringLiteral("confidence"),
                               QStringLiteral("correct")});
        for (std::size_t i = 0; i < answers.size(); ++i) {
            predictions.addRow({QString::number(answers.index[i]),
                                QString::number(answers.label[i]),
                                QString::number(answers.predicted[i]),
                                QString::number(answers.confidence[i], 'f', 6),
                                answers.correct(i) ? QStringLiteral("1") : QStringLiteral("0")});
        }
        predictions.save(p.predictionsFile);
    }
    return result;
}

std::vector<PrecisionAccuracy> evaluatePrecisions(const EvaluateParams& base,
                                                  const QStringList& precisions,
                                                  JobContext& context) {
    std::vector<PrecisionAccuracy> results;
    const auto n = static_cast<double>(std::max<qsizetype>(1, precisions.size()));
    for (qsizetype i = 0; i < precisions.size(); ++i) {
        context.setProgressWindow(static_cast<double>(i) / n, 1.0 / n);
        EvaluateParams params = base;
        params.precision = precisions[i];
        PrecisionAccuracy row;
        row.precision = precisions[i];
        try {
            const EvaluateResult r = evaluateModel(params, context);
            row.supported = true;
            row.examples = r.examples;
            row.correct = r.correct;
            row.accuracy = r.accuracy;
        } catch (const Error& e) {
            // prepare() says "unsupported: <reason>" for a combination that cannot run.
            if (!e.message().startsWith(QStringLiteral("unsupported"))) {
                throw;
            }
            row.reason = e.message();
        }
        context.log(row.supported ? QStringLiteral("%1: accuracy %2 on %3 examples")
                                        .arg(row.precision)
                                        .arg(row.accuracy, 0, 'f', 4)
                                        .arg(row.examples)
                                  : QStringLiteral("%1: %2").arg(row.precision, row.reason));
        results.push_back(row);
    }
    context.setProgressWindow(0.0, 1.0);
    context.setProgress(1.0);
    return results;
}

}  // namespace aip
