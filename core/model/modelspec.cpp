#include "model/modelspec.h"

#include <QRegularExpression>

namespace aip {

TrainingSpec applyTrainingOverrides(TrainingSpec preset, const TrainingSpec& overrides) {
    if (overrides.epochs > 0) {
        preset.epochs = overrides.epochs;
    }
    if (overrides.batchSize > 0) {
        preset.batchSize = overrides.batchSize;
    }
    if (overrides.learningRate > 0) {
        preset.learningRate = overrides.learningRate;
    }
    if (overrides.maxExamples > 0) {
        preset.maxExamples = overrides.maxExamples;
    }
    if (!overrides.precision.isEmpty()) {
        preset.precision = overrides.precision;
    }
    return preset;
}

bool isValidDeviceName(const QString& device) {
    static const QRegularExpression pattern(QStringLiteral("^(cpu:(N|[1-9][0-9]*)|cuda:[0-9]+)$"));
    return pattern.match(device).hasMatch();
}

}  // namespace aip
