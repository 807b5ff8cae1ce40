#include "model/modeljson.h"

namespace aip::modeljson {

QJsonArray numbers(const std::vector<double>& values) {
    QJsonArray array;
    for (const double v : values) {
        array.append(v);
    }
    return array;
}

QJsonObject task(const TaskSpec& t) {
    return {{QStringLiteral("id"), t.id},
            {QStringLiteral("dataset"), t.dataset},
            {QStringLiteral("train_split"), t.trainSplit},
            {QStringLiteral("eval_split"), t.evalSplit},
            {QStringLiteral("num_classes"), t.numClasses},
            {QStringLiteral("input"),
             QJsonObject{{QStringLiteral("kind"), t.input.kind == InputSpec::Kind::Image
                                                      ? QStringLiteral("image")
                                                      : QStringLiteral("text")},
                         {QStringLiteral("channels"), t.input.channels},
                         {QStringLiteral("height"), t.input.height},
                         {QStringLiteral("width"), t.input.width},
                         {QStringLiteral("max_length"), t.input.maxLength}}}};
}

QJsonObject preprocessing(const Preprocessing& p) {
    return {{QStringLiteral("mean"), numbers(p.mean)},
            {QStringLiteral("std"), numbers(p.std)},
            {QStringLiteral("resize"), QJsonArray{p.resizeHeight, p.resizeWidth}},
            {QStringLiteral("tokenizer"), p.tokenizer},
            {QStringLiteral("vocab"), p.vocab},
            {QStringLiteral("max_length"), p.maxLength}};
}

QJsonObject training(const TrainingSpec& training) {
    return {{QStringLiteral("epochs"), training.epochs},
            {QStringLiteral("batch_size"), training.batchSize},
            {QStringLiteral("learning_rate"), training.learningRate},
            {QStringLiteral("max_examples"), training.maxExamples},
            {QStringLiteral("vocab_size"), training.vocabSize},
            {QStringLiteral("precision"), training.precision},
            {QStringLiteral("progressive_resize"),
             QJsonArray{training.resizeFrom, training.resizeUntil}}};
}

QJsonObject modelParameters(const ModelVariant& model) {
    QJsonObject params;
    for (auto it = model.params.cbegin(); it != model.params.cend(); ++it) {
        params.insert(it.key(), it.value());
    }
    return params;
}

}  // namespace aip::modeljson
