#pragma once

#include "common/workcontext.h"
#include "model/modelspec.h"
#include "model/trainingrecipe.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace aip {

class Dataset;

/// Parameters of the train job: one zoo model on its task's training split, on the CPU.
struct TrainParams {
    ModelVariant model;
    TaskSpec task;
    QString dataDir;  ///< --data-dir (may be empty: the standard search path)
    /// Empty: the recipe's file below the user data folder (defaultCheckpointFile).
    QString checkpointFile;
    /// What the weights are for ("protocol 'quick'", "--batch train"), recorded beside them.
    QString purpose;
    int epochs = 0;  ///< overrides of model.training; 0 / empty: keep the preset's
    int batchSize = 0;
    double learningRate = 0.0;
    int maxExamples = 0;
    QString precision;  ///< fp32 | bf16; empty: models.yaml `training.precision`, else automatic
    std::uint64_t seed = kDefaultTrainingSeed;
    int threads = 0;  ///< 0: all cores
};

struct EpochStats {
    int epoch = 0;
    double loss = 0.0;           ///< mean training loss
    double trainAccuracy = 0.0;  ///< on the (augmented) training batches
    double seconds = 0.0;
};

struct TrainResult {
    QString checkpointFile;
    QString recipe;     ///< TrainingRecipe::digest() of what was trained
    QString vocabFile;  ///< text models: the vocabulary built from the training split
    int epochs = 0;
    int batchSize = 0;
    double learningRate = 0.0;
    qint64 trainExamples = 0;
    QString precision;  ///< the compute precision it trained in: fp32 or bf16 (mixed)
    qint64 parameters = 0;
    double seconds = 0.0;
    std::vector<EpochStats> history;
};

/// Trains a zoo model, seeded: the same seed, data, precision and thread count give the same
/// weights. bf16 is mixed precision: convolutions and matmuls run in bfloat16 through oneDNN
/// (AMX / AVX-512-BF16 here) while weights, loss and optimizer state stay fp32; the CNNs train
/// in channels-last layout, the one oneDNN's convolutions take without reorders.
/// CNNs: SGD with Nesterov momentum, weight decay, a one-cycle schedule (linear warm-up, cosine
/// decay) and random-crop + horizontal-flip augmentation. Encoders: AdamW with linear warm-up and
/// decay over a WordPiece vocabulary built from the training split. Writes the checkpoint (and
/// vocab.txt) atomically; progress per batch, cancellation between batches.
TrainResult trainModel(const TrainParams& params, WorkContext& context);

/// The image height a training step uses under progressive resizing (TrainingSpec::resizeFrom
/// and resizeUntil): `fullSide` when resizing is off or past `until` of `totalSteps`, else
/// from + (full − from)·(step/total)/until, rounded down to a multiple of 4 and never above full.
int progressiveSide(qint64 step, qint64 totalSteps, int fullSide, int from, double until);

/// The compute precision training uses: `requested` (fp32 | bf16) when set, else bf16 where the
/// CPU has native bfloat16 arithmetic (avx512_bf16 or amx_bf16), fp32 elsewhere.
QString resolveTrainingPrecision(const QString& requested);

/// The training settings the job runs: the model's preset with the job's overrides.
TrainingSpec effectiveTraining(const TrainParams& params);
/// The recipe the job trains: model, task, effective training settings and seed.
TrainingRecipe trainingRecipe(const TrainParams& params);
/// <user data>/checkpoints/<model>/recipe-<digest>.pt, where the train job writes by default;
/// the job writes the recipe's description (recipe-<digest>.json) beside every checkpoint.
QString defaultCheckpointFile(const QString& userDataDirectory, const TrainingRecipe& recipe);
/// The vocab.txt that belongs to a checkpoint: <checkpoint without .pt>.vocab.txt.
QString vocabFileFor(const QString& checkpointFile);

}  // namespace aip
