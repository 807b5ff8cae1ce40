#pragma once

#include "data/datasearchpath.h"
#include "jobs/job.h"
#include "results/profiles.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <optional>

#include <vector>

namespace aip {

/// Parameters of `--batch evaluate`: one model on one split of one dataset.
struct EvaluateParams {
    QString configDir;  ///< where models.yaml is (for zoo ids)
    QString model;      ///< a models.yaml id, a zoo checkpoint, or a TorchScript .pt file
    /// Which checkpoint of a zoo id: "preset" (the models.yaml preset, what `--batch train`
    /// writes), or "quick" / "full" (what that protocol's pipeline trained).
    QString recipe = QStringLiteral("preset");
    /// The recipe's training seed; unset: 1 for the preset, the protocol's seeds.base otherwise.
    std::optional<std::uint64_t> seed;
    QString dataset;  ///< cifar10 | sst2 | fashion-mnist | an image folder
    QString split;
    QString dataDir;  ///< --data-dir
    QString precision = QStringLiteral("fp32");
    QString device = QStringLiteral("cpu:N");
    std::vector<double> mean;  ///< overrides the normalization of an image model
    std::vector<double> std;
    QString predictionsFile;  ///< optional CSV: index,label,predicted,confidence,correct
    int batchSize = 64;
    int maxExamples = 0;  ///< 0: the whole split
};

struct EvaluateResult {
    QString model;
    QString dataset;  ///< "cifar10/test"
    QString precision;
    QString device;
    qsizetype examples = 0;
    qsizetype correct = 0;
    double accuracy = 0.0;
    double seconds = 0.0;  ///< preprocessing and forward passes, loading excluded
};

class Dataset;
class InferenceModel;

/// Runs a prepared model over the first `count` examples of `data` in batches and returns its
/// answer for each (model and precision filled in; task, dataset and split left to the caller).
/// Progress goes to `context`; honours cancellation.
AccuracyProfile predictExamples(InferenceModel& model, const Dataset& data, qsizetype count,
                                int batchSize, JobContext& context);

/// The model `p` names (a models.yaml id with p.recipe/p.seed, a zoo checkpoint file, or a
/// TorchScript file whose task is taken from `dataset`), loaded and prepared at p.precision on
/// p.device (int8 calibrated on the training split), with p.mean/p.std applied. What
/// evaluateModel scores; the dataset browser's predictions use it too.
std::unique_ptr<InferenceModel> loadModelToEvaluate(const EvaluateParams& p, const Dataset& dataset,
                                                    const DataSearchPath& search,
                                                    JobContext& context);

/// Loads the dataset and the model, runs it over the split in batches, and returns the accuracy;
/// writes the per-example predictions atomically when asked. Throws aip::Error naming the file
/// and the problem for bad input (unknown id, corrupt .pt, shapes that do not fit).
EvaluateResult evaluateModel(const EvaluateParams& params, JobContext& context);

/// One precision's outcome of evaluatePrecisions().
struct PrecisionAccuracy {
    QString precision;
    bool supported = false;
    QString reason;  ///< why it could not run ("unsupported: …"); empty when it ran
    qsizetype examples = 0;
    qsizetype correct = 0;
    double accuracy = 0.0;
};

/// Scores `base`'s model once per precision of `precisions` (each with evaluateModel, the
/// job's progress split evenly between them). A precision the model or build cannot run gets
/// its reason instead of an accuracy, never another precision's number; any other failure
/// (a missing checkpoint, a corrupt file) fails the whole job.
std::vector<PrecisionAccuracy> evaluatePrecisions(const EvaluateParams& base,
                                                  const QStringList& precisions,
                                                  JobContext& context);

}  // namespace aip
