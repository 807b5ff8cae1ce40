#pragma once

// LibTorch's quantized CPU kernels, called through the operator registry (the C++ frontend has
// no wrappers for them). Private to core/engine.

#include <torch/torch.h>

namespace aip {

/// quantized::conv2d_prepack with per-output-channel symmetric int8 weights.
c10::IValue packConvWeights(const torch::Tensor& weight, const torch::Tensor& bias,
                            std::int64_t stride, std::int64_t padding, std::int64_t groups);
/// quantized::conv2d / conv2d_relu on a quint8 input; output quint8 with the given parameters.
torch::Tensor quantizedConv(const torch::Tensor& qx, const c10::IValue& packed, bool relu,
                            double scale, std::int64_t zeroPoint);
/// quantized::add / add_relu.
torch::Tensor quantizedAdd(const torch::Tensor& qa, const torch::Tensor& qb, bool relu,
                           double scale, std::int64_t zeroPoint);
/// quantized::linear_prepack with per-tensor symmetric int8 weights.
c10::IValue packLinearWeights(const torch::Tensor& weight, const torch::Tensor& bias);
/// quantized::linear_dynamic: activations quantized per call, fp32 in and out.
torch::Tensor dynamicQuantizedLinear(const torch::Tensor& x, const c10::IValue& packed);

}  // namespace aip
