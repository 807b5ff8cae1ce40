#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

#include <vector>

namespace aip {

// The vocabulary of a model as the engine builds, trains and runs it. configs/models.yaml is
// parsed into these (config/modelsconfig.h); the engine and the trainer take them as they are.

/// What a model consumes: images (channels × height × width) or token ids (max_length).
struct InputSpec {
    enum class Kind { Image, Text };
    Kind kind = Kind::Image;
    int channels = 0;
    int height = 0;
    int width = 0;
    int maxLength = 0;
};

/// Per-model preprocessing: images are scaled to [0,1], resized, then (x-mean)/std per channel;
/// text is tokenized (WordPiece with `vocab`) and truncated/padded to maxLength.
struct Preprocessing {
    std::vector<double> mean;
    std::vector<double> std;
    int resizeHeight = 0;  ///< 0: keep the dataset's size
    int resizeWidth = 0;
    QString tokenizer;  ///< "wordpiece" for text models
    QString vocab;      ///< vocab.txt path, relative to the data search path; empty: built here
    int maxLength = 0;
};

/// A learning task: a dataset with its evaluation split and label count.
struct TaskSpec {
    QString id;
    QString dataset;  ///< cifar10 | sst2 | fashion-mnist | a folder name on the data path
    QString trainSplit;
    QString evalSplit;
    int numClasses = 0;
    InputSpec input;
    int line = 0;  ///< where it was declared, for later cross-checks
};

/// How the train job trains a zoo model on a 2-core CPU (models.yaml `training`); zeros take
/// the architecture's defaults.
struct TrainingSpec {
    int epochs = 0;
    int batchSize = 0;
    double learningRate = 0.0;
    int maxExamples = 0;  ///< 0: the whole training split
    int vocabSize = 0;    ///< text models: WordPiece vocabulary built from the training split
    /// Compute precision of the forward and backward passes: "bf16" (mixed precision: bfloat16
    /// matmuls and convolutions, fp32 weights, loss and optimizer), "fp32", or empty: bf16 where
    /// the CPU has native bfloat16 (AVX-512-BF16 or AMX-BF16), fp32 elsewhere.
    QString precision;
    /// Image models, progressive resizing: training batches start downscaled to `resizeFrom`
    /// pixels on the height (the width in proportion) and grow linearly to the full size at the
    /// `resizeUntil` share of the steps (0 < resizeUntil < 1); the rest trains at full size.
    /// 0: always full size. Convolutions cost in proportion to the pixels, so the early, coarse
    /// steps are cheap; the CNNs pool globally, so any size fits them.
    int resizeFrom = 0;
    double resizeUntil = 0.0;
};

/// One runnable model: a zoo architecture with its size parameters, or an imported TorchScript.
struct ModelVariant {
    QString id;      ///< unique across models.yaml, e.g. "resnet18-w0.5"
    QString family;  ///< the models.yaml entry it belongs to, e.g. "resnet18"
    QString task;
    QString architecture;  ///< resnet18 | mobilenetv2 | distilbert | minilm | torchscript
    QString file;          ///< for torchscript: the .pt path (relative: on the data search path)
    QMap<QString, double> params;  ///< width, depth, layers, hidden, heads, ffn
    Preprocessing preprocessing;
    TrainingSpec training;
    int line = 0;
};

/// `preset` with every value `overrides` sets (a positive number, a non-empty precision).
TrainingSpec applyTrainingOverrides(TrainingSpec preset, const TrainingSpec& overrides);

/// True for cpu:1, cpu:N, cpu:<k>, cuda:<k>.
bool isValidDeviceName(const QString& device);

}  // namespace aip
