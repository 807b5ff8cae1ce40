#pragma once

#include "engine/precision.h"
#include "model/modelspec.h"

#include <QString>

#include <memory>
#include <vector>

namespace aip {

class Dataset;

/// Preprocessed inputs of one batch (normalized image tensor, or token ids and mask), ready for
/// a forward pass: what latency profiles time. Opaque outside core/engine.
class InputBatch {
public:
    virtual ~InputBatch() = default;
    virtual qsizetype size() const = 0;
};

/// The answer for each example of a batch: predicted label and max-softmax confidence.
struct Predictions {
    std::vector<int> predicted;
    std::vector<float> confidence;
};

/// Where a model's weights come from.
struct ModelLoadOptions {
    /// Zoo models: the trained checkpoint (.pt written by the train job). TorchScript models:
    /// the module file. Must exist.
    QString weightsFile;
    /// Text models: the WordPiece vocab.txt that goes with the weights.
    QString vocabFile;
};

/// A model of the zoo or an imported TorchScript module, ready to run at one precision on one
/// device. Not thread-safe: one job drives one instance.
class InferenceModel {
public:
    virtual ~InferenceModel() = default;

    const ModelVariant& spec() const { return m_spec; }
    const TaskSpec& task() const { return m_task; }
    Precision precision() const { return m_precision; }
    const DeviceSpec& device() const { return m_device; }

    /// Whether this model can run at `precision` on `device` in this build, and why not.
    virtual Support supports(Precision precision, const DeviceSpec& device) const = 0;
    /// Converts the model (dtype, quantized kernels, device) and sets this thread's intra-op
    /// threads. int8 calibrates activation ranges on `calibration` (a few hundred training
    /// examples); it may be null for models whose int8 path needs none. Throws aip::Error
    /// "unsupported: <reason>" when supports() says no, or when the conversion fails.
    virtual void prepare(Precision precision, const DeviceSpec& device,
                         const Dataset* calibration) = 0;
    /// Preprocesses examples [begin, begin+count) of `data` on the prepared device and dtype.
    virtual std::unique_ptr<InputBatch> makeInput(const Dataset& data, qsizetype begin,
                                                  qsizetype count) const = 0;
    /// One forward pass of the whole batch; returns when the result is computed (synchronized).
    virtual Predictions run(const InputBatch& input) = 0;

    /// Number of parameters (weights), for reports.
    virtual qint64 parameterCount() const = 0;

protected:
    InferenceModel(ModelVariant spec, TaskSpec task)
        : m_spec(std::move(spec)), m_task(std::move(task)) {}

    ModelVariant m_spec;
    TaskSpec m_task;
    Precision m_precision = Precision::Fp32;
    DeviceSpec m_device;
};

/// Builds the zoo architecture and loads its weights, or loads a TorchScript module.
/// Throws aip::Error naming the file for a missing or corrupt file, or a module whose input
/// shape does not fit the task.
std::unique_ptr<InferenceModel> loadInferenceModel(const ModelVariant& spec, const TaskSpec& task,
                                                   const ModelLoadOptions& options);

}  // namespace aip
