#include "engine/trainer.h"

#include "common/atomicfile.h"
#include "common/error.h"
#include "common/seededrng.h"
#include "data/datasetloader.h"
#include "engine/runtimeinfo.h"
#include "engine/torchsupport.h"
#include "engine/zoo.h"
#include "text/vocabularybuilder.h"
#include "text/wordpiecetokenizer.h"

#include <ATen/autocast_mode.h>

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace aip {

TrainingSpec effectiveTraining(const TrainParams& params) {
    TrainingSpec overrides;
    overrides.epochs = params.epochs;
    overrides.batchSize = params.batchSize;
    overrides.learningRate = params.learningRate;
    overrides.maxExamples = params.maxExamples;
    overrides.precision = params.precision;
    return applyTrainingOverrides(params.model.training, overrides);
}

namespace {

/// Beside the checkpoint, what it was trained from and how the training went, so that a user (and
/// an error message) can tell the checkpoints of one model apart.
void writeRecipeDescription(const TrainingRecipe& recipe, const TrainParams& params,
                            const TrainResult& result) {
    QJsonObject trained{
        {QStringLiteral("for"), params.purpose},
        {QStringLiteral("finished"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QStringLiteral("seconds"), result.seconds},
        {QStringLiteral("compute_precision"), result.precision},
        {QStringLiteral("epochs"), result.epochs},
        {QStringLiteral("batch_size"), result.batchSize},
        {QStringLiteral("learning_rate"), result.learningRate},
        {QStringLiteral("examples_per_epoch"), result.trainExamples},
        {QStringLiteral("final_train_accuracy"),
         result.history.empty() ? 0.0 : result.history.back().trainAccuracy}};
    const QJsonObject description{{QStringLiteral("digest"), recipe.digest()},
                                  {QStringLiteral("recipe"), recipe.json()},
                                  {QStringLiteral("trained"), trained}};
    writeFileAtomically(TrainingRecipe::descriptionFileFor(result.checkpointFile),
                        QJsonDocument(description).toJson(QJsonDocument::Indented));
}

}  // namespace

TrainingRecipe trainingRecipe(const TrainParams& params) {
    ModelVariant model = params.model;
    model.training = effectiveTraining(params);
    return TrainingRecipe(model, params.task, params.seed);
}

QString defaultCheckpointFile(const QString& userDataDirectory, const TrainingRecipe& recipe) {
    return QDir(userDataDirectory).filePath(recipe.checkpointPath());
}

QString vocabFileFor(const QString& checkpointFile) {
    QString base = checkpointFile;
    if (base.endsWith(QStringLiteral(".pt"))) {
        base.chop(3);
    }
    return base + QStringLiteral(".vocab.txt");
}

QString resolveTrainingPrecision(const QString& requested) {
    if (!requested.isEmpty()) {
        if (requested != u"fp32" && requested != u"bf16") {
            throw Error(QStringLiteral("training precision must be fp32 or bf16 (found '%1')")
                            .arg(requested));
        }
        return requested;
    }
    const QStringList features = queryRuntime().cpuFeatures;
    const bool nativeBf16 = features.contains(QStringLiteral("avx512_bf16")) ||
                            features.contains(QStringLiteral("amx_bf16"));
    return nativeBf16 ? QStringLiteral("bf16") : QStringLiteral("fp32");
}

namespace {

/// Mixed precision for one forward pass: while alive, ops on autocast's lower-precision list
/// (convolutions, linear, matmul) run in bfloat16; everything else keeps its dtype.
class Bf16Autocast final {
public:
    explicit Bf16Autocast(bool on) : m_on(on) {
        if (m_on) {
            at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
            at::autocast::set_cpu_enabled(true);
        }
    }
    ~Bf16Autocast() {
        if (m_on) {
            at::autocast::set_cpu_enabled(false);
            at::autocast::clear_cache();  // the cached bf16 weights go stale at the next step
        }
    }
    Bf16Autocast(const Bf16Autocast&) = delete;
    Bf16Autocast& operator=(const Bf16Autocast&) = delete;

private:
    bool m_on;
};

/// Puts every 4-d parameter (convolution kernels) into channels-last layout, or back.
void setConvolutionLayout(torch::nn::Module& net, torch::MemoryFormat format) {
    torch::NoGradGuard noGrad;
    for (torch::Tensor& p : net.parameters()) {
        if (p.dim() == 4) {
            p.set_data(p.contiguous(format));
        }
    }
}

struct Hyper {
    int epochs;
    int batchSize;
    double learningRate;
};

Hyper hyperparameters(const TaskSpec& task, const TrainingSpec& t) {
    const bool text = task.input.kind == InputSpec::Kind::Text;
    Hyper h{2, text ? 32 : 128, text ? 5e-4 : 0.1};
    if (t.epochs > 0)
        h.epochs = t.epochs;
    if (t.batchSize > 0)
        h.batchSize = t.batchSize;
    if (t.learningRate > 0)
        h.learningRate = t.learningRate;
    return h;
}

/// Learning-rate factor at step/total: linear warm-up over the first `warmup` share, then
/// cosine (CNNs) or linear (encoders) decay to zero.
double schedule(qint64 step, qint64 total, double warmup, bool cosine) {
    const double t = static_cast<double>(step) / std::max<qint64>(1, total);
    if (t < warmup) {
        return (t + 1.0 / std::max<qint64>(1, total)) / warmup;
    }
    const double progress = (t - warmup) / std::max(1e-9, 1.0 - warmup);
    return cosine ? 0.5 * (1.0 + std::cos(M_PI * progress)) : std::max(0.0, 1.0 - progress);
}

void setLearningRate(torch::optim::Optimizer& optimizer, double lr) {
    for (auto& group : optimizer.param_groups()) {
        group.options().set_lr(lr);
    }
}

/// Normalized image batch with random crop (padding 1/8 of the side) and horizontal flip.
torch::Tensor augmentedImages(const ImageDataset& data, const std::vector<qint64>& indices,
                              const Preprocessing& pre, SeededRng& rng) {
    const auto n = static_cast<std::int64_t>(indices.size());
    const std::int64_t c = data.channels(), h = data.height(), w = data.width();
    torch::Tensor batch = torch::empty({n, c, h, w}, torch::kUInt8);
    auto* dst = batch.data_ptr<std::uint8_t>();
    for (std::int64_t i = 0; i < n; ++i) {
        std::memcpy(dst + i * data.imageBytes(), data.pixels(indices[static_cast<std::size_t>(i)]),
                    data.imageBytes());
    }
    torch::Tensor x = batch.to(torch::kFloat).div_(255.0);
    const std::int64_t pad = std::max<std::int64_t>(1, h / 8);
    const torch::Tensor padded = torch::constant_pad_nd(x, {pad, pad, pad, pad}, 0.0);
    torch::Tensor out = torch::empty_like(x);
    for (std::int64_t i = 0; i < n; ++i) {
        const auto dy = rng.uniformInt(0, 2 * pad);
        const auto dx = rng.uniformInt(0, 2 * pad);
        torch::Tensor crop = padded[i].narrow(1, dy, h).narrow(2, dx, w);
        if (rng.uniform01() < 0.5) {
            crop = crop.flip({2});
        }
        out[i].copy_(crop);
    }
    if (!pre.mean.empty()) {
        const auto ch = static_cast<std::int64_t>(pre.mean.size());
        out = (out -
               torch::tensor(std::vector<double>(pre.mean), torch::kFloat).view({1, ch, 1, 1})) /
              torch::tensor(std::vector<double>(pre.std), torch::kFloat).view({1, ch, 1, 1});
    }
    return out;
}

}  // namespace

int progressiveSide(qint64 step, qint64 totalSteps, int fullSide, int from, double until) {
    if (from <= 0 || from >= fullSide || until <= 0.0 || totalSteps <= 0) {
        return fullSide;
    }
    const double t = static_cast<double>(step) / static_cast<double>(totalSteps);
    if (t >= until) {
        return fullSide;
    }
    const int side = from + static_cast<int>((fullSide - from) * (t / until));
    return std::min(fullSide, std::max(4, side / 4 * 4));
}

namespace {

/// Checks that the dataset holds what the model takes; for a text model, builds the WordPiece
/// vocabulary from its sentences (else returns null).
std::unique_ptr<WordPieceTokenizer> checkInputsAndBuildTokenizer(const TrainParams& params,
                                                                 const TrainingSpec& spec,
                                                                 const Dataset& data,
                                                                 WorkContext& context) {
    const auto* texts = dynamic_cast<const TextDataset*>(&data);
    const auto* images = dynamic_cast<const ImageDataset*>(&data);
    if (params.task.input.kind != InputSpec::Kind::Text) {
        if (images == nullptr || images->channels() != params.task.input.channels) {
            throw Error(
                QStringLiteral("model '%1' takes %2-channel images; dataset '%3' does not fit")
                    .arg(params.model.id)
                    .arg(params.task.input.channels)
                    .arg(data.name()));
        }
        return nullptr;
    }
    if (texts == nullptr) {
        throw Error(QStringLiteral("model '%1' is a text model; dataset '%2' holds images")
                        .arg(params.model.id, data.name()));
    }
    VocabularyBuildOptions options;
    if (spec.vocabSize > 0) {
        options.targetSize = spec.vocabSize;
    }
    VocabularyBuilder builder(options);
    builder.addSentences(texts->sentences());
    auto tokenizer = std::make_unique<WordPieceTokenizer>(builder.build());
    context.log(
        QStringLiteral("vocabulary: %1 WordPiece tokens").arg(tokenizer->vocabulary().size()));
    return tokenizer;
}

/// AdamW with weight decay for the text encoders; SGD with Nesterov momentum for the CNNs.
std::unique_ptr<torch::optim::Optimizer> makeOptimizer(zoo::ZooNetImpl& net, const Hyper& hyper,
                                                       bool text) {
    if (text) {
        return std::make_unique<torch::optim::AdamW>(
            net.parameters(), torch::optim::AdamWOptions(hyper.learningRate).weight_decay(0.01));
    }
    return std::make_unique<torch::optim::SGD>(net.parameters(),
                                               torch::optim::SGDOptions(hyper.learningRate)
                                                   .momentum(0.9)
                                                   .nesterov(true)
                                                   .weight_decay(5e-4));
}

/// One training batch's input: a text model's sentences tokenized, the padding beyond the
/// longest cut; an image model's images augmented and, while progressive resizing lasts at
/// `step` of `totalSteps`, shrunk.
zoo::NetInput batchInput(const Dataset& data, const std::vector<qint64>& indices,
                         const WordPieceTokenizer* tokenizer, int maxLength,
                         const TrainParams& params, const TrainingSpec& spec, SeededRng& rng,
                         qint64 step, qint64 totalSteps) {
    zoo::NetInput input;
    if (tokenizer != nullptr) {
        const auto& texts = dynamic_cast<const TextDataset&>(data);
        QStringList sentences;
        for (const qint64 i : indices) {
            sentences.append(texts.sentence(i));
        }
        const EncodedBatch encoded = tokenizer->encodeBatch(sentences, maxLength);
        input.x =
            torch::tensor(encoded.inputIds, torch::kLong).view({encoded.rows, encoded.maxLength});
        input.mask = torch::tensor(encoded.attentionMask, torch::kLong)
                         .view({encoded.rows, encoded.maxLength});
        // Padding beyond the batch's longest sentence changes nothing under the attention
        // mask; cutting it makes training on short SST-2 phrases several times faster.
        const std::int64_t longest =
            std::max<std::int64_t>(2, input.mask.sum(1).max().item<std::int64_t>());
        input.x = input.x.narrow(1, 0, longest);
        input.mask = input.mask.narrow(1, 0, longest);
        return input;
    }
    const auto& images = dynamic_cast<const ImageDataset&>(data);
    const int fullSide = static_cast<int>(images.height());
    input.x = augmentedImages(images, indices, params.model.preprocessing, rng);
    const int side = progressiveSide(step, totalSteps, fullSide, spec.resizeFrom, spec.resizeUntil);
    if (side < fullSide) {
        // Area averaging: every source pixel counts once, no aliasing.
        const auto width = std::max<std::int64_t>(
            4, std::int64_t{images.width()} * side / std::max<std::int64_t>(1, fullSide));
        input.x = torch::adaptive_avg_pool2d(input.x, {side, width});
    }
    input.x = input.x.contiguous(torch::MemoryFormat::ChannelsLast);
    return input;
}

}  // namespace

TrainResult trainModel(const TrainParams& params, WorkContext& context) {
    if (params.model.architecture == u"torchscript") {
        throw Error(
            QStringLiteral(
                "model '%1' is an imported TorchScript module; only zoo models are trained here")
                .arg(params.model.id));
    }
    QElapsedTimer clock;
    clock.start();
    setComputeThreads(params.threads);
    torch::manual_seed(params.seed);
    SeededRng rng(params.seed, QStringLiteral("train/") + params.model.id);

    const DataSearchPath search = DataSearchPath::fromEnvironment(params.dataDir);
    context.log(QStringLiteral("loading %1/%2").arg(params.task.dataset, params.task.trainSplit));
    const std::unique_ptr<Dataset> data =
        loadDataset(params.task.dataset, params.task.trainSplit, search);
    context.throwIfCancelled();

    const TrainingRecipe recipe = trainingRecipe(params);
    const TrainingSpec spec = effectiveTraining(params);
    TrainResult result;
    result.recipe = recipe.digest();
    result.checkpointFile = params.checkpointFile.isEmpty()
                                ? defaultCheckpointFile(search.userDataDirectory(), recipe)
                                : params.checkpointFile;
    const Hyper hyper = hyperparameters(params.task, spec);
    result.epochs = hyper.epochs;
    result.batchSize = hyper.batchSize;
    result.learningRate = hyper.learningRate;

    const bool text = params.task.input.kind == InputSpec::Kind::Text;
    const auto* images = dynamic_cast<const ImageDataset*>(data.get());
    const std::unique_ptr<WordPieceTokenizer> tokenizer =
        checkInputsAndBuildTokenizer(params, spec, *data, context);
    const int maxLength = params.model.preprocessing.maxLength > 0
                              ? params.model.preprocessing.maxLength
                              : params.task.input.maxLength;

    auto net =
        zoo::createNet(params.model, params.task, tokenizer ? tokenizer->vocabulary().size() : 0);
    net->train();
    result.parameters = countParameters(*net);
    result.precision = resolveTrainingPrecision(spec.precision);
    const bool bf16 = result.precision == u"bf16";
    if (!text) {
        setConvolutionLayout(*net, torch::MemoryFormat::ChannelsLast);
    }

    std::vector<qint64> order(static_cast<std::size_t>(data->size()));
    std::iota(order.begin(), order.end(), 0);
    const int maxExamples = spec.maxExamples;
    const qint64 perEpoch =
        maxExamples > 0 ? std::min<qint64>(maxExamples, data->size()) : data->size();
    result.trainExamples = perEpoch;
    const qint64 stepsPerEpoch = (perEpoch + hyper.batchSize - 1) / hyper.batchSize;
    const qint64 totalSteps = stepsPerEpoch * hyper.epochs;

    const std::unique_ptr<torch::optim::Optimizer> optimizer = makeOptimizer(*net, hyper, text);
    const int fullSide = text ? 0 : static_cast<int>(images->height());
    const bool progressive = !text && spec.resizeFrom > 0 && spec.resizeFrom < fullSide;
    context.log(
        QStringLiteral("%1: %2 parameters, %3 epochs × %4 examples, batch %5, lr %6, %7, %8 "
                       "threads%9")
            .arg(params.model.id)
            .arg(result.parameters)
            .arg(hyper.epochs)
            .arg(perEpoch)
            .arg(hyper.batchSize)
            .arg(hyper.learningRate)
            .arg(bf16 ? QStringLiteral("mixed precision bf16") : QStringLiteral("fp32"))
            .arg(at::get_num_threads())
            .arg(progressive ? QStringLiteral(", images %1→%2 px over the first %3% of steps")
                                   .arg(spec.resizeFrom)
                                   .arg(fullSide)
                                   .arg(100.0 * spec.resizeUntil, 0, 'f', 0)
                             : QString()));

    qint64 step = 0;
    for (int epoch = 1; epoch <= hyper.epochs; ++epoch) {
        QElapsedTimer epochClock;
        epochClock.start();
        // A seeded Fisher–Yates shuffle: the same on every platform, unlike std::shuffle.
        for (qint64 i = static_cast<qint64>(order.size()) - 1; i > 0; --i) {
            std::swap(order[static_cast<std::size_t>(i)],
                      order[static_cast<std::size_t>(rng.uniformInt(0, i))]);
        }
        double lossSum = 0.0;
        qint64 correct = 0, seen = 0;
        for (qint64 begin = 0; begin < perEpoch; begin += hyper.batchSize) {
            context.throwIfCancelled();
            const qint64 end = std::min<qint64>(perEpoch, begin + hyper.batchSize);
            const std::vector<qint64> indices(order.begin() + begin, order.begin() + end);
            std::vector<std::int64_t> labels;
            labels.reserve(indices.size());
            for (const qint64 i : indices) {
                labels.push_back(data->label(i));
            }
            const zoo::NetInput input = batchInput(*data, indices, tokenizer.get(), maxLength,
                                                   params, spec, rng, step, totalSteps);
            const torch::Tensor target = torch::tensor(labels, torch::kLong);
            setLearningRate(*optimizer, hyper.learningRate *
                                            schedule(step, totalSteps, text ? 0.1 : 0.15, !text));
            optimizer->zero_grad();
            torch::Tensor logits;
            {
                const Bf16Autocast autocast(bf16);
                logits = net->forwardFloat(input);
            }
            logits = logits.to(torch::kFloat);
            const torch::Tensor loss = torch::nn::functional::cross_entropy(logits, target);
            loss.backward();
            if (text) {
                torch::nn::utils::clip_grad_norm_(net->parameters(), 1.0);
            }
            optimizer->step();
            ++step;
            const double l = loss.item<double>();
            if (!std::isfinite(l)) {
                throw Error(QStringLiteral("model '%1': training diverged at step %2 (loss %3); "
                                           "lower the learning rate")
                                .arg(params.model.id)
                                .arg(step)
                                .arg(l));
            }
            lossSum += l * static_cast<double>(indices.size());
            correct += logits.argmax(1).eq(target).sum().item<std::int64_t>();
            seen += static_cast<qint64>(indices.size());
            context.setProgress(static_cast<double>(step) / totalSteps,
                                QStringLiteral("epoch %1/%2, loss %3")
                                    .arg(epoch)
                                    .arg(hyper.epochs)
                                    .arg(lossSum / seen, 0, 'f', 4));
        }
        EpochStats stats{epoch, lossSum / std::max<qint64>(1, seen),
                         static_cast<double>(correct) / std::max<qint64>(1, seen),
                         epochClock.elapsed() / 1000.0};
        result.history.push_back(stats);
        context.log(QStringLiteral("epoch %1: loss %2, train accuracy %3, %4 s")
                        .arg(epoch)
                        .arg(stats.loss, 0, 'f', 4)
                        .arg(stats.trainAccuracy, 0, 'f', 4)
                        .arg(stats.seconds, 0, 'f', 1));
    }
    context.throwIfCancelled();
    net->eval();
    if (!text) {
        setConvolutionLayout(*net, torch::MemoryFormat::Contiguous);
    }
    if (tokenizer) {
        result.vocabFile = vocabFileFor(result.checkpointFile);
        tokenizer->vocabulary().save(result.vocabFile);
    }
    saveModuleWeights(*net, result.checkpointFile);
    result.seconds = clock.elapsed() / 1000.0;
    writeRecipeDescription(recipe, params, result);
    return result;
}

}  // namespace aip
