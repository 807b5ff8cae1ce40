#include "engine/zoo.h"

#include "common/error.h"
#include "engine/quantizedops.h"

#include <algorithm>
#include <cmath>

namespace aip::zoo {

namespace nn = torch::nn;

void RangeObserver::observe(const torch::Tensor& t) {
    const auto minmax = torch::aminmax(t.detach().to(torch::kFloat));
    lo = std::min(lo, std::get<0>(minmax).item<double>());
    hi = std::max(hi, std::get<1>(minmax).item<double>());
}

std::pair<double, std::int64_t> RangeObserver::qparams(double cap) const {
    const double low = std::min(lo, 0.0);
    const double high = std::max(std::min(hi, cap), 0.0);
    const double scale = std::max((high - low) / 255.0, 1e-8);
    const auto zeroPoint =
        static_cast<std::int64_t>(std::clamp(std::round(-low / scale), 0.0, 255.0));
    return {scale, zeroPoint};
}

namespace {

double param(const ModelVariant& spec, const char* name, double fallback) {
    return spec.params.value(QString::fromLatin1(name), fallback);
}

/// Channel counts rounded to a multiple of 8, as MobileNet does, never below 8.
std::int64_t roundChannels(double channels) {
    const auto rounded =
        static_cast<std::int64_t>(std::max(8.0, std::floor(channels / 8.0 + 0.5) * 8.0));
    return rounded < 0.9 * channels ? rounded + 8 : rounded;
}

enum class Activation { None, Relu, Relu6 };

/// Conv → BatchNorm → activation. In int8 the batch norm is folded into the convolution and the
/// activation into the quantized kernel (ReLU6 by capping the output range at 6).
class ConvBnImpl final : public nn::Module {
public:
    ConvBnImpl(std::int64_t in, std::int64_t out, std::int64_t kernel, std::int64_t stride,
               std::int64_t groups, Activation activation)
        : m_conv(nn::Conv2dOptions(in, out, kernel)
                     .stride(stride)
                     .padding(kernel / 2)
                     .groups(groups)
                     .bias(false)),
          m_bn(out),
          m_activation(activation),
          m_stride(stride),
          m_padding(kernel / 2),
          m_groups(groups) {
        register_module("conv", m_conv);
        register_module("bn", m_bn);
        torch::NoGradGuard noGrad;
        nn::init::kaiming_normal_(m_conv->weight, 0.0, torch::kFanOut, torch::kReLU);
    }
    /// Starts the batch norm's scale at zero: a residual branch that ends here begins as the
    /// identity, which lets the large one-cycle learning rates train from the first step.
    void zeroInitScale() {
        torch::NoGradGuard noGrad;
        m_bn->weight.zero_();
    }

    torch::Tensor forward(const torch::Tensor& x) {
        torch::Tensor y = m_bn(m_conv(x));
        if (m_activation == Activation::Relu) {
            y = torch::relu(y);
        } else if (m_activation == Activation::Relu6) {
            y = torch::clamp(y, 0.0, 6.0);
        }
        if (m_calibrating) {
            m_range.observe(y);
        }
        return y;
    }

    torch::Tensor forwardInt8(const torch::Tensor& qx) const {
        return quantizedConv(qx, m_packed, m_activation != Activation::None, m_scale, m_zeroPoint);
    }

    void setCalibrating(bool on) { m_calibrating = on; }

    void convertToInt8() {
        if (!m_range.seen()) {
            throw Error(QStringLiteral("int8: layer saw no calibration data"));
        }
        torch::NoGradGuard noGrad;
        const torch::Tensor w = m_conv->weight.detach().to(torch::kFloat);
        const torch::Tensor invStd =
            torch::rsqrt(m_bn->running_var.to(torch::kFloat) + m_bn->options.eps());
        const torch::Tensor gamma = m_bn->weight.detach().to(torch::kFloat);
        const torch::Tensor beta = m_bn->bias.detach().to(torch::kFloat);
        const torch::Tensor foldedW = w * (gamma * invStd).reshape({-1, 1, 1, 1});
        const torch::Tensor foldedB = beta - m_bn->running_mean.to(torch::kFloat) * gamma * invStd;
        m_packed = packConvWeights(foldedW, foldedB, m_stride, m_padding, m_groups);
        const double cap =
            m_activation == Activation::Relu6 ? 6.0 : std::numeric_limits<double>::infinity();
        std::tie(m_scale, m_zeroPoint) = m_range.qparams(cap);
    }

private:
    nn::Conv2d m_conv;
    nn::BatchNorm2d m_bn;
    Activation m_activation;
    std::int64_t m_stride;
    std::int64_t m_padding;
    std::int64_t m_groups;
    bool m_calibrating = false;
    RangeObserver m_range;
    c10::IValue m_packed;
    double m_scale = 1.0;
    std::int64_t m_zeroPoint = 0;
};
TORCH_MODULE(ConvBn);

/// A residual sum with its own observed range, for quantized::add / add_relu.
struct ResidualAdd {
    RangeObserver range;
    bool calibrating = false;
    double scale = 1.0;
    std::int64_t zeroPoint = 0;

    torch::Tensor forward(const torch::Tensor& a, const torch::Tensor& b, bool relu) {
        torch::Tensor y = relu ? torch::relu(a + b) : a + b;
        if (calibrating) {
            range.observe(y);
        }
        return y;
    }
    void convert() { std::tie(scale, zeroPoint) = range.qparams(); }
    torch::Tensor forwardInt8(const torch::Tensor& qa, const torch::Tensor& qb, bool relu) const {
        return quantizedAdd(qa, qb, relu, scale, zeroPoint);
    }
};

/// ResNet basic block (two 3×3 convolutions, identity or 1×1 projection shortcut).
class BasicBlockImpl final : public nn::Module {
public:
    BasicBlockImpl(std::int64_t in, std::int64_t out, std::int64_t stride)
        : m_c1(in, out, 3, stride, 1, Activation::Relu), m_c2(out, out, 3, 1, 1, Activation::None) {
        register_module("c1", m_c1);
        register_module("c2", m_c2);
        m_c2->zeroInitScale();
        if (stride != 1 || in != out) {
            m_shortcut =
                register_module("shortcut", ConvBn(in, out, 1, stride, 1, Activation::None));
        }
    }
    torch::Tensor forward(const torch::Tensor& x) {
        const torch::Tensor s = m_shortcut ? m_shortcut->forward(x) : x;
        return m_add.forward(m_c2->forward(m_c1->forward(x)), s, true);
    }
    torch::Tensor forwardInt8(const torch::Tensor& qx) {
        const torch::Tensor s = m_shortcut ? m_shortcut->forwardInt8(qx) : qx;
        return m_add.forwardInt8(m_c2->forwardInt8(m_c1->forwardInt8(qx)), s, true);
    }
    void setCalibrating(bool on) {
        m_c1->setCalibrating(on);
        m_c2->setCalibrating(on);
        if (m_shortcut) {
            m_shortcut->setCalibrating(on);
        }
        m_add.calibrating = on;
    }
    void convertToInt8() {
        m_c1->convertToInt8();
        m_c2->convertToInt8();
        if (m_shortcut) {
            m_shortcut->convertToInt8();
        }
        m_add.convert();
    }

private:
    ConvBn m_c1;
    ConvBn m_c2;
    ConvBn m_shortcut{nullptr};
    ResidualAdd m_add;
};
TORCH_MODULE(BasicBlock);

/// MobileNetV2 inverted residual: 1×1 expand, 3×3 depthwise, 1×1 linear projection.
class InvertedResidualImpl final : public nn::Module {
public:
    InvertedResidualImpl(std::int64_t in, std::int64_t out, std::int64_t stride,
                         std::int64_t expansion)
        : m_residual(stride == 1 && in == out) {
        const std::int64_t hidden = in * expansion;
        if (expansion != 1) {
            m_expand = register_module("expand", ConvBn(in, hidden, 1, 1, 1, Activation::Relu6));
        }
        m_depthwise = register_module("depthwise",
                                      ConvBn(hidden, hidden, 3, stride, hidden, Activation::Relu6));
        m_project = register_module("project", ConvBn(hidden, out, 1, 1, 1, Activation::None));
        if (m_residual) {
            m_project->zeroInitScale();
        }
    }
    torch::Tensor forward(const torch::Tensor& x) {
        torch::Tensor y = m_expand ? m_expand->forward(x) : x;
        y = m_project->forward(m_depthwise->forward(y));
        return m_residual ? m_add.forward(y, x, false) : y;
    }
    torch::Tensor forwardInt8(const torch::Tensor& qx) {
        torch::Tensor y = m_expand ? m_expand->forwardInt8(qx) : qx;
        y = m_project->forwardInt8(m_depthwise->forwardInt8(y));
        return m_residual ? m_add.forwardInt8(y, qx, false) : y;
    }
    void setCalibrating(bool on) {
        if (m_expand) {
            m_expand->setCalibrating(on);
        }
        m_depthwise->setCalibrating(on);
        m_project->setCalibrating(on);
        m_add.calibrating = on;
    }
    void convertToInt8() {
        if (m_expand) {
            m_expand->convertToInt8();
        }
        m_depthwise->convertToInt8();
        m_project->convertToInt8();
        if (m_residual) {
            m_add.convert();
        }
    }

private:
    bool m_residual;
    ConvBn m_expand{nullptr};
    ConvBn m_depthwise{nullptr};
    ConvBn m_project{nullptr};
    ResidualAdd m_add;
};
TORCH_MODULE(InvertedResidual);

/// Shared stem/head plumbing of the two CNNs: input quantization, pooling, classifier.
class ConvNetBase : public ZooNetImpl {
protected:
    torch::Tensor quantizeInput(const torch::Tensor& x) const {
        return torch::quantize_per_tensor(x.to(torch::kFloat), m_inputScale, m_inputZeroPoint,
                                          torch::kQUInt8);
    }
    void observeInput(const torch::Tensor& x) {
        if (m_calibrating) {
            m_inputRange.observe(x);
        }
    }
    torch::Tensor classify(const torch::Tensor& features) {
        torch::Tensor pooled = torch::adaptive_avg_pool2d(features, {1, 1});
        if (pooled.is_quantized()) {
            pooled = pooled.dequantize();
        }
        return m_fc->forward(pooled.flatten(1));
    }
    void convertInput() { std::tie(m_inputScale, m_inputZeroPoint) = m_inputRange.qparams(); }
    bool isText() const override { return false; }

    nn::Linear m_fc{nullptr};
    bool m_calibrating = false;

private:
    RangeObserver m_inputRange;
    double m_inputScale = 1.0;
    std::int64_t m_inputZeroPoint = 0;
};

/// ResNet18, CIFAR variant: 3×3 stem with stride 1 and no max-pool; four stages of basic
/// blocks. width scales the channels (64·w … 512·w), depth the blocks per stage (2·depth).
class ResNet18Net final : public ConvNetBase {
public:
    ResNet18Net(std::int64_t inChannels, std::int64_t classes, double width, double depth) {
        const auto c = [&](double base) {
            return std::max<std::int64_t>(8, std::llround(base * width));
        };
        const std::int64_t blocks = std::max<std::int64_t>(1, std::llround(2 * depth));
        m_stem = register_module("stem", ConvBn(inChannels, c(64), 3, 1, 1, Activation::Relu));
        std::int64_t in = c(64);
        const double widths[] = {64, 128, 256, 512};
        for (int stage = 0; stage < 4; ++stage) {
            const std::int64_t out = c(widths[stage]);
            for (std::int64_t b = 0; b < blocks; ++b) {
                const std::int64_t stride = (stage > 0 && b == 0) ? 2 : 1;
                m_blocks.emplace_back(
                    register_module("layer" + std::to_string(stage + 1) + "_" + std::to_string(b),
                                    BasicBlock(in, out, stride)));
                in = out;
            }
        }
        m_fc = register_module("fc", nn::Linear(in, classes));
    }
    torch::Tensor forwardFloat(const NetInput& input) override {
        observeInput(input.x);
        torch::Tensor y = m_stem->forward(input.x);
        for (auto& block : m_blocks) {
            y = block->forward(y);
        }
        return classify(y);
    }
    torch::Tensor forwardInt8(const NetInput& input) override {
        torch::Tensor q = m_stem->forwardInt8(quantizeInput(input.x));
        for (auto& block : m_blocks) {
            q = block->forwardInt8(q);
        }
        return classify(q);
    }
    void setCalibrating(bool on) override {
        m_calibrating = on;
        m_stem->setCalibrating(on);
        for (auto& block : m_blocks) {
            block->setCalibrating(on);
        }
    }
    void convertToInt8() override {
        convertInput();
        m_stem->convertToInt8();
        for (auto& block : m_blocks) {
            block->convertToInt8();
        }
    }

private:
    ConvBn m_stem{nullptr};
    std::vector<BasicBlock> m_blocks;
};

/// MobileNetV2, CIFAR variant: stride-1 stem and first strided stage at stride 1 (32×32 input).
/// width scales channels (rounded to multiples of 8), depth the blocks per stage.
class MobileNetV2Net final : public ConvNetBase {
public:
    MobileNetV2Net(std::int64_t inChannels, std::int64_t classes, double width, double depth) {
        struct Stage {
            std::int64_t expansion, channels, blocks, stride;
        };
        const Stage stages[] = {{1, 16, 1, 1}, {6, 24, 2, 1},  {6, 32, 3, 2}, {6, 64, 4, 2},
                                {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
        std::int64_t in = roundChannels(32 * width);
        m_stem = register_module("stem", ConvBn(inChannels, in, 3, 1, 1, Activation::Relu6));
        int index = 0;
        for (const Stage& s : stages) {
            const std::int64_t out = roundChannels(static_cast<double>(s.channels) * width);
            const auto blocks =
                std::max<std::int64_t>(1, std::llround(static_cast<double>(s.blocks) * depth));
            for (std::int64_t b = 0; b < blocks; ++b) {
                m_blocks.emplace_back(
                    register_module("block" + std::to_string(index++),
                                    InvertedResidual(in, out, b == 0 ? s.stride : 1, s.expansion)));
                in = out;
            }
        }
        const std::int64_t last = roundChannels(1280 * std::max(1.0, width));
        m_head = register_module("head", ConvBn(in, last, 1, 1, 1, Activation::Relu6));
        m_fc = register_module("fc", nn::Linear(last, classes));
    }
    torch::Tensor forwardFloat(const NetInput& input) override {
        observeInput(input.x);
        torch::Tensor y = m_stem->forward(input.x);
        for (auto& block : m_blocks) {
            y = block->forward(y);
        }
        return classify(m_head->forward(y));
    }
    torch::Tensor forwardInt8(const NetInput& input) override {
        torch::Tensor q = m_stem->forwardInt8(quantizeInput(input.x));
        for (auto& block : m_blocks) {
            q = block->forwardInt8(q);
        }
        return classify(m_head->forwardInt8(q));
    }
    void setCalibrating(bool on) override {
        m_calibrating = on;
        m_stem->setCalibrating(on);
        for (auto& block : m_blocks) {
            block->setCalibrating(on);
        }
        m_head->setCalibrating(on);
    }
    void convertToInt8() override {
        convertInput();
        m_stem->convertToInt8();
        for (auto& block : m_blocks) {
            block->convertToInt8();
        }
        m_head->convertToInt8();
    }

private:
    ConvBn m_stem{nullptr};
    std::vector<InvertedResidual> m_blocks;
    ConvBn m_head{nullptr};
};

/// A Linear layer that runs fp32/bf16 as usual and, in int8, through the dynamically quantized
/// kernel (int8 weights per tensor, activations quantized per batch), as PyTorch's dynamic
/// quantization does.
class DynLinearImpl final : public nn::Module {
public:
    DynLinearImpl(std::int64_t in, std::int64_t out) : m_linear(in, out) {
        register_module("linear", m_linear);
    }
    torch::Tensor forward(const torch::Tensor& x) {
        return m_packed.isNone() ? m_linear->forward(x) : dynamicQuantizedLinear(x, m_packed);
    }
    void convertToInt8() {
        m_packed = packLinearWeights(m_linear->weight.detach(), m_linear->bias.detach());
    }

private:
    nn::Linear m_linear;
    c10::IValue m_packed;
};
TORCH_MODULE(DynLinear);

/// Post-LN transformer layer: self-attention and GELU feed-forward, each with residual and
/// LayerNorm (BERT/DistilBERT layout).
class EncoderLayerImpl final : public nn::Module {
public:
    EncoderLayerImpl(std::int64_t hidden, std::int64_t heads, std::int64_t ffn, double dropout)
        : m_heads(heads),
          m_q(hidden, hidden),
          m_k(hidden, hidden),
          m_v(hidden, hidden),
          m_o(hidden, hidden),
          m_ln1(nn::LayerNormOptions({hidden}).eps(1e-12)),
          m_ff1(hidden, ffn),
          m_ff2(ffn, hidden),
          m_ln2(nn::LayerNormOptions({hidden}).eps(1e-12)),
          m_dropout(dropout) {
        register_module("q", m_q);
        register_module("k", m_k);
        register_module("v", m_v);
        register_module("o", m_o);
        register_module("ln1", m_ln1);
        register_module("ff1", m_ff1);
        register_module("ff2", m_ff2);
        register_module("ln2", m_ln2);
        register_module("dropout", m_dropout);
    }
    /// x [B,L,H]; additiveMask [B,1,1,L] with 0 for tokens and a large negative for padding.
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& additiveMask) {
        const auto b = x.size(0);
        const auto l = x.size(1);
        const auto h = x.size(2);
        const auto d = h / m_heads;
        const auto split = [&](const torch::Tensor& t) {
            return t.view({b, l, m_heads, d}).transpose(1, 2);
        };
        const torch::Tensor q = split(m_q->forward(x));
        const torch::Tensor k = split(m_k->forward(x));
        const torch::Tensor v = split(m_v->forward(x));
        torch::Tensor scores =
            torch::matmul(q, k.transpose(-2, -1)) / std::sqrt(static_cast<double>(d));
        scores = torch::softmax(scores + additiveMask, -1);
        const torch::Tensor context =
            torch::matmul(m_dropout(scores), v).transpose(1, 2).reshape({b, l, h});
        const torch::Tensor a = m_ln1(x + m_dropout(m_o->forward(context)));
        const torch::Tensor f = m_ff2->forward(torch::gelu(m_ff1->forward(a)));
        return m_ln2(a + m_dropout(f));
    }
    void convertToInt8() {
        for (DynLinear* layer : {&m_q, &m_k, &m_v, &m_o, &m_ff1, &m_ff2}) {
            (*layer)->convertToInt8();
        }
    }

private:
    std::int64_t m_heads;
    DynLinear m_q, m_k, m_v, m_o;
    nn::LayerNorm m_ln1;
    DynLinear m_ff1, m_ff2;
    nn::LayerNorm m_ln2;
    nn::Dropout m_dropout;
};
TORCH_MODULE(EncoderLayer);

/// Sentence classifier on a transformer encoder. DistilBERT style: word + position embeddings,
/// classifier on [CLS] through pre_classifier + ReLU. MiniLM (BERT) style: adds a token-type
/// embedding and classifies through the tanh pooler.
class EncoderClassifierNet final : public ZooNetImpl {
public:
    EncoderClassifierNet(bool bertStyle, std::int64_t vocab, std::int64_t maxLength,
                         std::int64_t classes, std::int64_t layers, std::int64_t hidden,
                         std::int64_t heads, std::int64_t ffn)
        : m_bertStyle(bertStyle),
          m_words(vocab, hidden),
          m_positions(maxLength, hidden),
          m_embedNorm(nn::LayerNormOptions({hidden}).eps(1e-12)),
          m_dropout(0.1),
          m_pre(hidden, hidden),
          m_classifier(hidden, classes) {
        register_module("words", m_words);
        register_module("positions", m_positions);
        if (bertStyle) {
            m_tokenTypes = register_module("token_types", nn::Embedding(2, hidden));
        }
        register_module("embed_norm", m_embedNorm);
        register_module("dropout", m_dropout);
        for (std::int64_t i = 0; i < layers; ++i) {
            m_layers.emplace_back(register_module("layer" + std::to_string(i),
                                                  EncoderLayer(hidden, heads, ffn, 0.1)));
        }
        register_module("pre_classifier", m_pre);
        register_module("classifier", m_classifier);
        // BERT's initialization: weight matrices and embeddings N(0, 0.02), biases zero. The
        // default (Kaiming-uniform linears, N(0, 1) embeddings) leaves a deep post-LN encoder
        // stuck at chance.
        torch::NoGradGuard noGrad;
        for (auto& item : named_parameters()) {
            torch::Tensor& p = item.value();
            if (p.dim() == 2) {
                p.normal_(0.0, 0.02);
            } else if (item.key().ends_with("bias")) {
                p.zero_();
            }
        }
    }
    torch::Tensor forwardFloat(const NetInput& input) override { return run(input); }
    torch::Tensor forwardInt8(const NetInput& input) override { return run(input); }
    void setCalibrating(bool) override {}
    void convertToInt8() override {
        for (auto& layer : m_layers) {
            layer->convertToInt8();
        }
        m_pre->convertToInt8();
        m_classifier->convertToInt8();
    }
    bool isText() const override { return true; }

private:
    torch::Tensor run(const NetInput& input) {
        const auto length = input.x.size(1);
        const torch::Tensor positions = torch::arange(length, input.x.options()).unsqueeze(0);
        torch::Tensor h = m_words(input.x) + m_positions(positions);
        if (m_tokenTypes) {
            h = h + m_tokenTypes(torch::zeros_like(input.x));
        }
        h = m_dropout(m_embedNorm(h));
        const torch::Tensor additive =
            ((1.0 - input.mask.to(h.scalar_type())) * -10000.0).unsqueeze(1).unsqueeze(2);
        for (auto& layer : m_layers) {
            h = layer->forward(h, additive);
        }
        const torch::Tensor cls = h.select(1, 0);
        const torch::Tensor pooled =
            m_bertStyle ? torch::tanh(m_pre->forward(cls)) : torch::relu(m_pre->forward(cls));
        return m_classifier->forward(m_dropout(pooled));
    }

    bool m_bertStyle;
    nn::Embedding m_words;
    nn::Embedding m_positions;
    nn::Embedding m_tokenTypes{nullptr};
    nn::LayerNorm m_embedNorm;
    nn::Dropout m_dropout;
    std::vector<EncoderLayer> m_layers;
    DynLinear m_pre;
    DynLinear m_classifier;
};

}  // namespace

std::shared_ptr<ZooNetImpl> createNet(const ModelVariant& spec, const TaskSpec& task,
                                      std::int64_t vocabSize) {
    const std::int64_t classes = task.numClasses;
    if (spec.architecture == u"resnet18") {
        return std::make_shared<ResNet18Net>(task.input.channels, classes,
                                             param(spec, "width", 1.0), param(spec, "depth", 1.0));
    }
    if (spec.architecture == u"mobilenetv2") {
        return std::make_shared<MobileNetV2Net>(
            task.input.channels, classes, param(spec, "width", 1.0), param(spec, "depth", 1.0));
    }
    const bool distil = spec.architecture == u"distilbert";
    if (distil || spec.architecture == u"minilm") {
        // Defaults are the real models' shapes: DistilBERT 6×768×12 (FFN 3072), MiniLM-L6-H384.
        const auto layers = static_cast<std::int64_t>(param(spec, "layers", 6));
        const auto hidden = static_cast<std::int64_t>(param(spec, "hidden", distil ? 768 : 384));
        const auto heads = static_cast<std::int64_t>(param(spec, "heads", 12));
        const auto ffn = static_cast<std::int64_t>(param(spec, "ffn", distil ? 3072 : 1536));
        const int maxLength =
            spec.preprocessing.maxLength > 0 ? spec.preprocessing.maxLength : task.input.maxLength;
        return std::make_shared<EncoderClassifierNet>(!distil, vocabSize, maxLength, classes,
                                                      layers, hidden, heads, ffn);
    }
    throw Error(QStringLiteral("model '%1': architecture '%2' is not a zoo architecture")
                    .arg(spec.id, spec.architecture));
}

QString describeNet(const ModelVariant& spec) {
    QStringList parts;
    for (auto it = spec.params.cbegin(); it != spec.params.cend(); ++it) {
        parts.append(QStringLiteral("%1=%2").arg(it.key()).arg(it.value()));
    }
    return QStringLiteral("%1(%2)").arg(spec.architecture, parts.join(QStringLiteral(", ")));
}

}  // namespace aip::zoo
