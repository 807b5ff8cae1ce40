#include "engine/quantizedops.h"

#include <ATen/core/dispatch/Dispatcher.h>

namespace aip {

namespace {

c10::IValue callOperator(const char* name, const char* overload, torch::jit::Stack stack) {
    const c10::OperatorHandle op = c10::Dispatcher::singleton().findSchemaOrThrow(name, overload);
    op.callBoxed(&stack);
    return std::move(stack.front());
}

c10::List<std::int64_t> pair(std::int64_t v) {
    return c10::List<std::int64_t>({v, v});
}

}  // namespace

c10::IValue packConvWeights(const torch::Tensor& weight, const torch::Tensor& bias,
                            std::int64_t stride, std::int64_t padding, std::int64_t groups) {
    const torch::Tensor w = weight.to(torch::kFloat).contiguous();
    const torch::Tensor scales =
        (w.abs().amax({1, 2, 3}) / 127.0).clamp_min(1e-8).to(torch::kDouble);
    const torch::Tensor zeroPoints = torch::zeros({w.size(0)}, torch::kLong);
    const torch::Tensor qw = torch::quantize_per_channel(w, scales, zeroPoints, 0, torch::kQInt8);
    return callOperator(
        "quantized::conv2d_prepack", "",
        {qw, bias.to(torch::kFloat).contiguous(), pair(stride), pair(padding), pair(1), groups});
}

torch::Tensor quantizedConv(const torch::Tensor& qx, const c10::IValue& packed, bool relu,
                            double scale, std::int64_t zeroPoint) {
    static const c10::OperatorHandle conv =
        c10::Dispatcher::singleton().findSchemaOrThrow("quantized::conv2d", "new");
    static const c10::OperatorHandle convRelu =
        c10::Dispatcher::singleton().findSchemaOrThrow("quantized::conv2d_relu", "new");
    torch::jit::Stack stack{qx, packed, scale, zeroPoint};
    (relu ? convRelu : conv).callBoxed(&stack);
    return stack.front().toTensor();
}

torch::Tensor quantizedAdd(const torch::Tensor& qa, const torch::Tensor& qb, bool relu,
                           double scale, std::int64_t zeroPoint) {
    static const c10::OperatorHandle add =
        c10::Dispatcher::singleton().findSchemaOrThrow("quantized::add", "");
    static const c10::OperatorHandle addRelu =
        c10::Dispatcher::singleton().findSchemaOrThrow("quantized::add_relu", "");
    torch::jit::Stack stack{qa, qb, scale, zeroPoint};
    (relu ? addRelu : add).callBoxed(&stack);
    return stack.front().toTensor();
}

c10::IValue packLinearWeights(const torch::Tensor& weight, const torch::Tensor& bias) {
    const torch::Tensor w = weight.to(torch::kFloat).contiguous();
    const double scale = std::max(w.abs().max().item<double>() / 127.0, 1e-8);
    const torch::Tensor qw = torch::quantize_per_tensor(w, scale, 0, torch::kQInt8);
    return callOperator("quantized::linear_prepack", "", {qw, bias.to(torch::kFloat).contiguous()});
}

torch::Tensor dynamicQuantizedLinear(const torch::Tensor& x, const c10::IValue& packed) {
    static const c10::OperatorHandle linear =
        c10::Dispatcher::singleton().findSchemaOrThrow("quantized::linear_dynamic", "");
    torch::jit::Stack stack{x.to(torch::kFloat).contiguous(), packed, false};
    linear.callBoxed(&stack);
    return stack.front().toTensor();
}

}  // namespace aip
