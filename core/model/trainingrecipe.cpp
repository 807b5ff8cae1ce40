#include "model/trainingrecipe.h"

#include "model/modeljson.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace aip {

TrainingRecipe::TrainingRecipe(const ModelVariant& model, const TaskSpec& task, std::uint64_t seed)
    : m_modelId(model.id) {
    m_json = {{QStringLiteral("model"), model.id},
              {QStringLiteral("architecture"), model.architecture},
              {QStringLiteral("params"), modeljson::modelParameters(model)},
              {QStringLiteral("preprocessing"), modeljson::preprocessing(model.preprocessing)},
              {QStringLiteral("task"), modeljson::task(task)},
              {QStringLiteral("training"), modeljson::training(model.training)},
              // A string: 64-bit seeds do not fit a JSON number.
              {QStringLiteral("seed"), QString::number(seed)}};
    const QByteArray compact = QJsonDocument(m_json).toJson(QJsonDocument::Compact);
    m_digest = QString::fromLatin1(
        QCryptographicHash::hash(compact, QCryptographicHash::Sha256).toHex().left(12));
}

QString TrainingRecipe::checkpointFolder(const QString& modelId) {
    return QStringLiteral("checkpoints/") + modelId;
}

QString TrainingRecipe::checkpointPath() const {
    return QStringLiteral("%1/recipe-%2.pt").arg(checkpointFolder(m_modelId), m_digest);
}

QString TrainingRecipe::descriptionPath() const {
    return descriptionFileFor(checkpointPath());
}

QString TrainingRecipe::descriptionFileFor(const QString& checkpointFile) {
    QString base = checkpointFile;
    if (base.endsWith(QStringLiteral(".pt"))) {
        base.chop(3);
    }
    return base + QStringLiteral(".json");
}

}  // namespace aip
