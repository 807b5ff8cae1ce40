#include "engine/inferencemodel.h"

#include "common/error.h"
#include "data/dataset.h"
#include "engine/runtimeinfo.h"
#include "engine/torchsupport.h"
#include "engine/zoo.h"
#include "text/wordpiecetokenizer.h"

#include <QFileInfo>
#include <QThread>

#include <torch/script.h>

namespace aip {

QString precisionName(Precision precision) {
    switch (precision) {
        case Precision::Fp32:
            return QStringLiteral("fp32");
        case Precision::Bf16:
            return QStringLiteral("bf16");
        case Precision::Int8:
            return QStringLiteral("int8");
    }
    return {};
}

std::optional<Precision> parsePrecision(const QString& name) {
    for (const Precision p : {Precision::Fp32, Precision::Bf16, Precision::Int8}) {
        if (precisionName(p) == name) {
            return p;
        }
    }
    return std::nullopt;
}

DeviceSpec DeviceSpec::parse(const QString& name) {
    if (!isValidDeviceName(name)) {
        throw Error(
            QStringLiteral("device '%1': expected cpu:1, cpu:N, cpu:<threads> or cuda:<index>")
                .arg(name));
    }
    DeviceSpec d;
    const QString rest = name.section(u':', 1);
    if (name.startsWith(QStringLiteral("cuda"))) {
        d.cuda = true;
        d.index = rest.toInt();
    } else {
        d.threads = rest == u"N" ? 0 : rest.toInt();
    }
    return d;
}

QString DeviceSpec::name() const {
    if (cuda) {
        return QStringLiteral("cuda:%1").arg(index);
    }
    return threads == 0 ? QStringLiteral("cpu:N") : QStringLiteral("cpu:%1").arg(threads);
}

int DeviceSpec::effectiveThreads() const {
    return threads > 0 ? threads : QThread::idealThreadCount();
}

namespace {

/// Tensors of one prepared batch.
class TensorBatch final : public InputBatch {
public:
    explicit TensorBatch(zoo::NetInput input) : m_input(std::move(input)) {}
    qsizetype size() const override { return m_input.x.size(0); }
    const zoo::NetInput& input() const { return m_input; }

private:
    zoo::NetInput m_input;
};

torch::Device torchDevice(const DeviceSpec& d) {
    return d.cuda ? torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(d.index))
                  : torch::Device(torch::kCPU);
}

torch::ScalarType floatType(Precision p) {
    return p == Precision::Bf16 ? torch::kBFloat16 : torch::kFloat;
}

/// Common device/precision checks; architecture-specific ones come on top.
Support deviceSupport(Precision precision, const DeviceSpec& device) {
    if (device.cuda) {
        if (!torch::cuda::is_available()) {
            return Support::no(at::hasCUDA()
                                   ? QStringLiteral("LibTorch sees no CUDA device")
                                   : QStringLiteral("this LibTorch is built without CUDA"));
        }
        if (device.index >= static_cast<int>(torch::cuda::device_count())) {
            return Support::no(QStringLiteral("no CUDA device %1").arg(device.index));
        }
        if (precision == Precision::Int8) {
            return Support::no(QStringLiteral("LibTorch's quantized int8 kernels run on CPU only"));
        }
    }
    if (precision == Precision::Int8 && selectQuantizedEngine().isEmpty()) {
        return Support::no(QStringLiteral("this LibTorch has no quantized engine"));
    }
    return Support::yes();
}

/// Shared preprocessing and prediction for both kinds of models.
class ModelBase : public InferenceModel {
public:
    /// `file`: the checkpoint or TorchScript file the weights come from, named in errors.
    ModelBase(ModelVariant spec, TaskSpec task, QString file)
        : InferenceModel(std::move(spec), std::move(task)), m_modelFile(std::move(file)) {}

    std::unique_ptr<InputBatch> makeInput(const Dataset& data, qsizetype begin,
                                          qsizetype count) const override {
        if (begin < 0 || count <= 0 || begin + count > data.size()) {
            throw Error(QStringLiteral("%1: examples [%2, %3) are outside the %4 examples")
                            .arg(data.name())
                            .arg(begin)
                            .arg(begin + count)
                            .arg(data.size()));
        }
        zoo::NetInput input;
        if (m_task.input.kind == InputSpec::Kind::Image) {
            input.x = imageTensor(data, begin, count);
        } else {
            std::tie(input.x, input.mask) = textTensors(data, begin, count);
        }
        return std::make_unique<TensorBatch>(std::move(input));
    }

    Predictions run(const InputBatch& batch) override {
        ensureThreads();
        torch::NoGradGuard noGrad;
        torch::Tensor logits;
        try {
            logits =
                forward(static_cast<const TensorBatch&>(batch).input()).to(torch::kFloat).cpu();
        } catch (const std::exception& e) {
            // A kernel that refuses this shape at run time (oneDNN can, for some int8 batch and
            // thread combinations): a failed configuration, named, never a crash.
            throw Error(QStringLiteral("%1 (%2, %3, batch %4): LibTorch failed: %5")
                            .arg(modelName(), precisionName(m_precision), m_device.name())
                            .arg(batch.size())
                            .arg(errorSummary(e)));
        }
        if (logits.dim() != 2 || logits.size(1) != m_task.numClasses) {
            throw Error(QStringLiteral("%1 returned logits of shape %2, expected [batch, %3]")
                            .arg(modelName(), shapeText(logits))
                            .arg(m_task.numClasses));
        }
        const auto [confidence, predicted] = torch::softmax(logits, 1).max(1);
        Predictions p;
        const auto n = static_cast<std::size_t>(logits.size(0));
        p.predicted.resize(n);
        p.confidence.resize(n);
        const auto predictedAcc = predicted.accessor<std::int64_t, 1>();
        const auto confidenceAcc = confidence.accessor<float, 1>();
        for (std::size_t i = 0; i < n; ++i) {
            p.predicted[i] = static_cast<int>(predictedAcc[static_cast<std::int64_t>(i)]);
            p.confidence[i] = confidenceAcc[static_cast<std::int64_t>(i)];
        }
        return p;
    }

protected:
    virtual torch::Tensor forward(const zoo::NetInput& input) = 0;

    /// "FILE: model 'id'", or "model 'id'" without a file.
    QString modelName() const {
        const QString name = QStringLiteral("model '%1'").arg(m_spec.id);
        return m_modelFile.isEmpty() ? name : m_modelFile + QStringLiteral(": ") + name;
    }

    void setTokenizer(const QString& vocabFile) {
        m_tokenizer = std::make_unique<WordPieceTokenizer>(Vocabulary::load(vocabFile));
    }
    qint64 vocabularySize() const { return m_tokenizer ? m_tokenizer->vocabulary().size() : 0; }

    /// Refuses an unsupported combination, then records it and sets this thread's threads.
    void adopt(Precision precision, const DeviceSpec& device) {
        const Support s = supports(precision, device);
        if (!s.supported) {
            throw Error(QStringLiteral("unsupported: %1").arg(s.reason));
        }
        m_precision = precision;
        m_device = device;
        ensureThreads();
    }

    void ensureThreads() const {
        if (!m_device.cuda) {
            const int wanted = m_device.effectiveThreads();
            if (at::get_num_threads() != wanted) {
                setComputeThreads(wanted);
            }
        }
    }

    /// A batch of the task's input shape, for probing a converted model before it is used.
    zoo::NetInput probeInput(std::int64_t batch) const {
        zoo::NetInput in;
        const auto options = torch::TensorOptions().device(torchDevice(m_device));
        if (m_task.input.kind == InputSpec::Kind::Image) {
            in.x = torch::zeros({batch, m_task.input.channels, inputHeight(), inputWidth()},
                                options.dtype(floatType(m_precision)));
        } else {
            in.x = torch::zeros({batch, textLength()}, options.dtype(torch::kLong));
            in.mask = torch::ones({batch, textLength()}, options.dtype(torch::kLong));
        }
        return in;
    }

    int inputHeight() const {
        return m_spec.preprocessing.resizeHeight > 0 ? m_spec.preprocessing.resizeHeight
                                                     : m_task.input.height;
    }
    int inputWidth() const {
        return m_spec.preprocessing.resizeWidth > 0 ? m_spec.preprocessing.resizeWidth
                                                    : m_task.input.width;
    }
    int textLength() const {
        return m_spec.preprocessing.maxLength > 0 ? m_spec.preprocessing.maxLength
                                                  : m_task.input.maxLength;
    }

private:
    torch::Tensor imageTensor(const Dataset& data, qsizetype begin, qsizetype count) const {
        const auto* images = dynamic_cast<const ImageDataset*>(&data);
        if (images == nullptr) {
            throw Error(QStringLiteral("model '%1' takes images; dataset '%2' holds text")
                            .arg(m_spec.id, data.name()));
        }
        if (images->channels() != m_task.input.channels) {
            throw Error(
                QStringLiteral(
                    "model '%1' takes %2-channel images (task '%3'); dataset '%4' has %5×%6×%7")
                    .arg(m_spec.id)
                    .arg(m_task.input.channels)
                    .arg(m_task.id, data.name())
                    .arg(images->channels())
                    .arg(images->height())
                    .arg(images->width()));
        }
        const std::int64_t n = count;
        torch::Tensor x =
            torch::from_blob(const_cast<std::uint8_t*>(images->pixels(begin)),
                             {n, images->channels(), images->height(), images->width()},
                             torch::kUInt8)
                .to(torch::kFloat)
                .div_(255.0);
        if (images->height() != inputHeight() || images->width() != inputWidth()) {
            x = torch::nn::functional::interpolate(
                x, torch::nn::functional::InterpolateFuncOptions()
                       .size(std::vector<std::int64_t>{inputHeight(), inputWidth()})
                       .mode(torch::kBilinear)
                       .align_corners(false));
        }
        const Preprocessing& pre = m_spec.preprocessing;
        if (!pre.mean.empty()) {
            const auto channels = static_cast<std::int64_t>(pre.mean.size());
            const torch::Tensor mean = torch::tensor(std::vector<double>(pre.mean), torch::kFloat)
                                           .view({1, channels, 1, 1});
            const torch::Tensor std = torch::tensor(std::vector<double>(pre.std), torch::kFloat)
                                          .view({1, channels, 1, 1});
            x = (x - mean) / std;
        }
        return x.to(torchDevice(m_device), floatType(m_precision)).contiguous();
    }

    std::pair<torch::Tensor, torch::Tensor> textTensors(const Dataset& data, qsizetype begin,
                                                        qsizetype count) const {
        const auto* texts = dynamic_cast<const TextDataset*>(&data);
        if (texts == nullptr) {
            throw Error(QStringLiteral("model '%1' takes text; dataset '%2' holds images")
                            .arg(m_spec.id, data.name()));
        }
        if (!m_tokenizer) {
            throw Error(
                QStringLiteral("model '%1' has no vocabulary to tokenize with").arg(m_spec.id));
        }
        const EncodedBatch encoded =
            m_tokenizer->encodeBatch(texts->sentences().mid(begin, count), textLength());
        const auto device = torchDevice(m_device);
        torch::Tensor ids = torch::tensor(encoded.inputIds, torch::kLong)
                                .view({encoded.rows, encoded.maxLength})
                                .to(device);
        torch::Tensor mask = torch::tensor(encoded.attentionMask, torch::kLong)
                                 .view({encoded.rows, encoded.maxLength})
                                 .to(device);
        return {ids, mask};
    }

    std::unique_ptr<WordPieceTokenizer> m_tokenizer;
    QString m_modelFile;
};

/// A network of the zoo with weights from a checkpoint written by the train job.
class ZooModel final : public ModelBase {
public:
    ZooModel(const ModelVariant& spec, const TaskSpec& task, const ModelLoadOptions& options)
        : ModelBase(spec, task, options.weightsFile) {
        if (task.input.kind == InputSpec::Kind::Text) {
            if (options.vocabFile.isEmpty()) {
                throw Error(
                    QStringLiteral("model '%1' needs a vocab.txt beside its weights").arg(spec.id));
            }
            setTokenizer(options.vocabFile);
        }
        m_net = zoo::createNet(spec, task, vocabularySize());
        m_weightsFile = options.weightsFile;
        loadModuleWeights(*m_net, options.weightsFile, zoo::describeNet(spec));
        m_net->eval();
    }

    Support supports(Precision precision, const DeviceSpec& device) const override {
        return deviceSupport(precision, device);
    }

    void prepare(Precision precision, const DeviceSpec& device,
                 const Dataset* calibration) override {
        adopt(precision, device);
        torch::NoGradGuard noGrad;
        // Start from the fp32 weights every time, so precisions never compound.
        if (m_net->int8() || m_converted) {
            m_net = zoo::createNet(m_spec, m_task, vocabularySize());
            loadModuleWeights(*m_net, m_weightsFile, zoo::describeNet(m_spec));
            m_net->eval();
        }
        m_converted = true;
        if (precision == Precision::Int8) {
            if (!m_net->isText()) {
                calibrate(calibration);
            }
            m_net->convertToInt8();
            m_net->setInt8(true);
        } else {
            m_net->to(torchDevice(device), floatType(precision));
        }
        const zoo::NetInput in = probeInput(2);
        probe([&] { return forward(in); }, precision, QStringLiteral("model '%1'").arg(m_spec.id),
              shapeText(in.x), m_task.numClasses);
    }

    qint64 parameterCount() const override { return countParameters(*m_net); }

protected:
    torch::Tensor forward(const zoo::NetInput& input) override { return m_net->forward(input); }

private:
    void calibrate(const Dataset* calibration) {
        if (calibration == nullptr || calibration->size() == 0) {
            throw Error(
                QStringLiteral("int8: model '%1' needs calibration examples").arg(m_spec.id));
        }
        const qsizetype total = std::min<qsizetype>(calibration->size(), 512);
        m_net->setCalibrating(true);
        for (qsizetype begin = 0; begin < total; begin += 64) {
            const auto batch =
                makeInput(*calibration, begin, std::min<qsizetype>(64, total - begin));
            m_net->forwardFloat(static_cast<const TensorBatch&>(*batch).input());
        }
        m_net->setCalibrating(false);
    }

    std::shared_ptr<zoo::ZooNetImpl> m_net;
    QString m_weightsFile;
    bool m_converted = false;
};

/// An imported TorchScript module, run as exported.
class ScriptModel final : public ModelBase {
public:
    ScriptModel(const ModelVariant& spec, const TaskSpec& task, const ModelLoadOptions& options)
        : ModelBase(spec, task, options.weightsFile), m_file(options.weightsFile) {
        if (task.input.kind == InputSpec::Kind::Text) {
            if (options.vocabFile.isEmpty()) {
                throw Error(
                    QStringLiteral(
                        "%1: a text model needs its vocab.txt (models.yaml preprocessing.vocab)")
                        .arg(options.weightsFile));
            }
            setTokenizer(options.vocabFile);
        }
        load();
    }

    Support supports(Precision precision, const DeviceSpec& device) const override {
        if (precision == Precision::Int8) {
            return Support::no(
                QStringLiteral("a TorchScript module runs as exported; int8 needs a module "
                               "exported already quantized"));
        }
        return deviceSupport(precision, device);
    }

    void prepare(Precision precision, const DeviceSpec& device, const Dataset*) override {
        adopt(precision, device);
        load();
        m_module.to(torchDevice(device), floatType(precision));
        const zoo::NetInput in = probeInput(2);
        probe([&] { return forward(in); }, precision, m_file, shapeText(in.x), m_task.numClasses);
    }

    qint64 parameterCount() const override {
        qint64 n = 0;
        for (const torch::Tensor& p : m_module.parameters()) {
            n += p.numel();
        }
        return n;
    }

protected:
    torch::Tensor forward(const zoo::NetInput& input) override {
        std::vector<torch::jit::IValue> args{input.x};
        if (input.mask.defined()) {
            args.emplace_back(input.mask);
        }
        return logitsOf(m_module.forward(args), m_file);
    }

private:
    void load() {
        m_module = loadScriptModule(m_file);
        m_module.eval();
    }

    QString m_file;
    torch::jit::script::Module m_module;
};

}  // namespace

std::unique_ptr<InferenceModel> loadInferenceModel(const ModelVariant& spec, const TaskSpec& task,
                                                   const ModelLoadOptions& options) {
    if (options.weightsFile.isEmpty() || !QFileInfo::exists(options.weightsFile)) {
        throw Error(QStringLiteral("%1: model '%2' has no weights file here%3")
                        .arg(options.weightsFile.isEmpty() ? spec.id : options.weightsFile, spec.id,
                             spec.architecture == u"torchscript"
                                 ? QString()
                                 : QStringLiteral(" (train it first: --batch train --model %1)")
                                       .arg(spec.id)));
    }
    if (spec.architecture == u"torchscript") {
        return std::make_unique<ScriptModel>(spec, task, options);
    }
    return std::make_unique<ZooModel>(spec, task, options);
}

}  // namespace aip
