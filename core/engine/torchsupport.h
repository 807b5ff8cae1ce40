#pragma once

// Small LibTorch helpers shared by the engine's translation units (private to core/engine).

#include "engine/precision.h"

#include <QString>

#include <torch/script.h>
#include <torch/torch.h>

#include <functional>

namespace aip {

/// "[2, 10]"
QString shapeText(const torch::Tensor& t);
/// The informative line of a LibTorch error: its messages carry C++ backtraces after the first
/// line, and TorchScript interpreter errors put the cause ("RuntimeError: …") last.
QString errorSummary(const std::exception& e);

/// torch::load into `module`; a missing, corrupt or mismatching file becomes aip::Error naming
/// the file and what it should have held.
void loadModuleWeights(torch::nn::Module& module, const QString& file, const QString& architecture);
/// Saves module weights atomically (temporary file, then rename).
void saveModuleWeights(const torch::nn::Module& module, const QString& file);
/// torch::jit::load with a clear error naming the file.
torch::jit::script::Module loadScriptModule(const QString& file);
qint64 countParameters(const torch::nn::Module& module);

/// The logits of a module's output: a tensor, the first element of a tuple, or the "logits"
/// entry of a dict (Hugging Face exports).
torch::Tensor logitsOf(const torch::jit::IValue& output, const QString& source);

/// Runs `forward` once on a converted model with a batch of the task's input shape. In fp32 a
/// failure means the model does not fit the task (wrong input or output shape): aip::Error
/// naming `what`. In bf16/int8 a kernel this LibTorch lacks becomes
/// aip::Error("unsupported: <precision>: <first line of LibTorch's message>").
void probe(const std::function<torch::Tensor()>& forward, Precision precision, const QString& what,
           const QString& inputShape, std::int64_t classes);

}  // namespace aip
