#include "evaluation/modelimport.h"

#include "common/error.h"
#include "config/modelsconfig.h"
#include "engine/inferencemodel.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace aip {

ImportResult importTorchScriptModel(const ImportParams& p, JobContext& context) {
    const QString file = QDir::cleanPath(QDir::current().absoluteFilePath(p.file));
    if (!QFileInfo(file).isFile()) {
        throw Error(QStringLiteral("%1: no such file").arg(file));
    }
    const ModelsConfig models = ModelsConfig::load(
        QDir(p.configDir).filePath(QStringLiteral("models.yaml")), p.overlayFile);
    const TaskSpec* task = models.task(p.task);
    if (task == nullptr) {
        QStringList ids;
        for (const TaskSpec& t : models.tasks) {
            ids.append(t.id);
        }
        throw Error(QStringLiteral("unknown task '%1' (tasks: %2)")
                        .arg(p.task, ids.join(QStringLiteral(", "))));
    }
    if (task->input.kind != InputSpec::Kind::Image) {
        throw Error(QStringLiteral("%1: task '%2' takes text; a TorchScript text model needs its "
                                   "vocabulary, declared in models.yaml (preprocessing.vocab)")
                        .arg(file, task->id));
    }
    ModelVariant spec;
    // The default id is the file's name, its spaces made dashes ("resnet 20.pt": resnet-20).
    spec.id = p.id.trimmed().isEmpty()
                  ? QFileInfo(file).completeBaseName().replace(
                        QRegularExpression(QStringLiteral("\\s+")), QStringLiteral("-"))
                  : p.id.trimmed();
    if (spec.id.isEmpty() || spec.id.contains(QRegularExpression(QStringLiteral("[\\s/]")))) {
        throw Error(QStringLiteral("'%1' is not a model id: no spaces or slashes").arg(spec.id));
    }
    if (models.model(spec.id) != nullptr) {
        throw Error(QStringLiteral("model id '%1' is already declared (%2); choose another")
                        .arg(spec.id, models.overlayPath.isEmpty()
                                          ? models.sourcePath
                                          : models.sourcePath + QStringLiteral(" or ") +
                                                models.overlayPath));
    }
    if (p.mean.size() != p.std.size() ||
        (!p.mean.empty() && static_cast<int>(p.mean.size()) != task->input.channels)) {
        throw Error(QStringLiteral("mean and std need one value per image channel (%1)")
                        .arg(task->input.channels));
    }
    for (const double s : p.std) {
        if (!(s > 0.0)) {
            throw Error(QStringLiteral("std values must be positive"));
        }
    }
    spec.family = spec.id;
    spec.task = task->id;
    spec.architecture = QStringLiteral("torchscript");
    spec.file = file;
    spec.preprocessing.mean = p.mean;
    spec.preprocessing.std = p.std;

    context.setProgress(0.1, QStringLiteral("loading %1").arg(QFileInfo(file).fileName()));
    const std::unique_ptr<InferenceModel> model = loadInferenceModel(spec, *task, {file, {}});
    context.throwIfCancelled();
    context.setProgress(0.5, QStringLiteral("checking its output on %1").arg(task->id));
    model->prepare(Precision::Fp32, DeviceSpec::parse(QStringLiteral("cpu:1")), nullptr);
    context.throwIfCancelled();

    addModelToOverlay(p.overlayFile, spec);
    context.log(QStringLiteral("added %1 (%2) to %3").arg(spec.id, file, p.overlayFile));
    context.setProgress(1.0);
    return {spec.id, file, p.overlayFile, model->parameterCount()};
}

}  // namespace aip
