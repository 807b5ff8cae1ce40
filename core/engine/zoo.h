#pragma once

// The zoo's own architectures (private to core/engine). Every network has an fp32/bf16 path
// and a real int8 path: static per-channel int8 convolutions with folded batch norm for the
// CNNs, dynamically quantized Linear layers for the encoders.

#include "model/modelspec.h"

#include <torch/torch.h>

#include <limits>
#include <memory>
#include <vector>

namespace aip::zoo {

/// One batch as the zoo networks take it: images [B,C,H,W], or token ids [B,L] with mask [B,L].
struct NetInput {
    torch::Tensor x;
    torch::Tensor mask;
};

/// Running min/max of a tensor, turned into uint8 affine quantization parameters.
struct RangeObserver {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    void observe(const torch::Tensor& t);
    bool seen() const { return lo <= hi; }
    /// scale and zero point for quint8 over [min(lo,0), max(hi,0)], upper end capped at `cap`.
    std::pair<double, std::int64_t> qparams(
        double cap = std::numeric_limits<double>::infinity()) const;
};

/// Base of the zoo networks: the common forward, calibration and int8 switch.
class ZooNetImpl : public torch::nn::Module {
public:
    virtual torch::Tensor forwardFloat(const NetInput& input) = 0;
    virtual torch::Tensor forwardInt8(const NetInput& input) = 0;
    /// Records activation ranges during the next forwardFloat() calls.
    virtual void setCalibrating(bool on) = 0;
    /// Packs int8 weights from the current fp32 weights and the observed ranges.
    virtual void convertToInt8() = 0;
    virtual bool isText() const = 0;

    torch::Tensor forward(const NetInput& input) {
        return m_int8 ? forwardInt8(input) : forwardFloat(input);
    }
    void setInt8(bool on) { m_int8 = on; }
    bool int8() const { return m_int8; }

private:
    bool m_int8 = false;
};

/// Builds the architecture a models.yaml variant declares (resnet18, mobilenetv2, distilbert,
/// minilm) for its task; vocabSize matters for the encoders only.
std::shared_ptr<ZooNetImpl> createNet(const ModelVariant& spec, const TaskSpec& task,
                                      std::int64_t vocabSize);

/// The resolved size parameters, with their defaults, for reports and checkpoint checks.
QString describeNet(const ModelVariant& spec);

}  // namespace aip::zoo
