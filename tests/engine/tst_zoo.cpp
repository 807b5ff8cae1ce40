// The model zoo end to end on data the test writes in the real formats: training, checkpoints,
// the three precisions, TorchScript import, and the errors a user can run into.

#include "common/error.h"
#include "data/datasetloader.h"
#include "engine/inferencemodel.h"
#include "engine/runtimeinfo.h"
#include "engine/trainer.h"
#include "evaluation/evaluator.h"
#include "jobs/jobmanager.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <torch/cuda.h>
#include <torch/script.h>
#include <zlib.h>

#include <random>

using namespace aip;

namespace {

constexpr int kSide = 28;

/// Class k is a stripe texture: horizontal stripes for k < 5, vertical ones otherwise, with a
/// period of (k mod 5) + 1 pixels, over noise. Textures survive the crops and flips of training
/// augmentation and the global pooling of the CNNs, so a few epochs on a few hundred images
/// reach high accuracy, and precision effects become visible.
bool stripe(int label, int y, int x) {
    const int period = label % 5 + 1;
    return ((label < 5 ? y : x) / period) % 2 == 0;
}

std::vector<std::uint8_t> syntheticImage(int label, std::mt19937& rng) {
    std::vector<std::uint8_t> img(kSide * kSide);
    std::uniform_int_distribution<int> noise(0, 60);
    for (int y = 0; y < kSide; ++y) {
        for (int x = 0; x < kSide; ++x) {
            img[static_cast<std::size_t>(y * kSide + x)] =
                static_cast<std::uint8_t>(noise(rng) + (stripe(label, y, x) ? 170 : 0));
        }
    }
    return img;
}

void writeGz(const QString& path, const QByteArray& bytes) {
    gzFile f = gzopen(path.toLocal8Bit().constData(), "wb");
    QVERIFY(f != nullptr);
    QCOMPARE(gzwrite(f, bytes.constData(), static_cast<unsigned>(bytes.size())),
             static_cast<int>(bytes.size()));
    gzclose(f);
}

QByteArray bigEndian(quint32 v) {
    QByteArray b(4, 0);
    for (int i = 0; i < 4; ++i) {
        b[i] = static_cast<char>((v >> (24 - 8 * i)) & 0xFF);
    }
    return b;
}

/// fashion-mnist/{train,t10k}-*.gz with synthetic images, in the real IDX layout.
void writeFashionFixture(const QString& root, int trainCount, int testCount) {
    QDir().mkpath(root + "/fashion-mnist");
    std::mt19937 rng(7);
    for (const auto& [prefix, count] :
         {std::pair<QString, int>{"train", trainCount}, {"t10k", testCount}}) {
        QByteArray images =
            bigEndian(0x803) + bigEndian(count) + bigEndian(kSide) + bigEndian(kSide);
        QByteArray labels = bigEndian(0x801) + bigEndian(count);
        for (int i = 0; i < count; ++i) {
            const int label = i % 10;
            const auto img = syntheticImage(label, rng);
            images.append(reinterpret_cast<const char*>(img.data()),
                          static_cast<qsizetype>(img.size()));
            labels.append(static_cast<char>(label));
        }
        writeGz(root + "/fashion-mnist/" + prefix + "-images-idx3-ubyte.gz", images);
        writeGz(root + "/fashion-mnist/" + prefix + "-labels-idx1-ubyte.gz", labels);
    }
}

/// sst2/{train,dev}.tsv where the sentiment word decides the label.
void writeSst2Fixture(const QString& root) {
    QDir().mkpath(root + "/sst2");
    const QStringList good = {"great", "wonderful", "moving", "brilliant", "fun"};
    const QStringList bad = {"awful", "boring", "dull", "terrible", "mess"};
    const QStringList filler = {"the film is", "a truly", "this movie was", "an utterly", "what a"};
    for (const auto& [name, count] : {std::pair<QString, int>{"train", 400}, {"dev", 100}}) {
        QFile f(root + "/sst2/" + name + ".tsv");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("sentence\tlabel\n");
        for (int i = 0; i < count; ++i) {
            const int label = i % 2;
            const QString word = (label ? good : bad).at((i / 2) % 5);
            f.write(QStringLiteral("%1 %2 , %3 . \t%4\n")
                        .arg(filler.at(i % 5), word, filler.at((i / 3) % 5))
                        .arg(label)
                        .toUtf8());
        }
    }
}

TaskSpec fashionTask() {
    TaskSpec t;
    t.id = "fixture-fashion";
    t.dataset = "fashion-mnist";
    t.trainSplit = "train";
    t.evalSplit = "test";
    t.numClasses = 10;
    t.input.kind = InputSpec::Kind::Image;
    t.input.channels = 1;
    t.input.height = kSide;
    t.input.width = kSide;
    return t;
}

TaskSpec sst2Task() {
    TaskSpec t;
    t.id = "fixture-sst2";
    t.dataset = "sst2";
    t.trainSplit = "train";
    t.evalSplit = "dev";
    t.numClasses = 2;
    t.input.kind = InputSpec::Kind::Text;
    t.input.maxLength = 16;
    return t;
}

ModelVariant variant(const QString& architecture, QMap<QString, double> params) {
    ModelVariant m;
    m.id = "fixture-" + architecture;
    m.family = m.id;
    m.architecture = architecture;
    m.params = std::move(params);
    if (architecture == "distilbert" || architecture == "minilm") {
        m.task = "fixture-sst2";
        m.preprocessing.tokenizer = "wordpiece";
        m.preprocessing.maxLength = 16;
        m.training.vocabSize = 200;
    } else {
        m.task = "fixture-fashion";
        m.preprocessing.mean = {0.1};
        m.preprocessing.std = {0.25};
    }
    return m;
}

/// A tiny ResNet trained on one thread over 128 fixture images from `dataDir`.
TrainParams tinyTraining(const QString& dataDir, int epochs, int batchSize, std::uint64_t seed) {
    TrainParams train;
    train.model = variant("resnet18", {{"width", 0.125}, {"depth", 0.5}});
    train.task = fashionTask();
    train.dataDir = dataDir;
    train.epochs = epochs;
    train.batchSize = batchSize;
    train.maxExamples = 128;
    train.threads = 1;
    train.seed = seed;
    return train;
}

template <class Params, class Result, class Context>
Result runJob(Result (*work)(const Params&, Context&), const Params& params) {
    JobManager manager;
    auto* job = manager.submit<Params, Result>(
        "test", params, [work](const Params& p, JobContext& context) { return work(p, context); });
    const Job::State state = JobManager::waitFor(job);
    if (state != Job::State::Finished) {
        throw Error(job->errorMessage());
    }
    return job->result();
}

double accuracyOf(InferenceModel& model, const Dataset& data) {
    qsizetype correct = 0;
    for (qsizetype begin = 0; begin < data.size(); begin += 50) {
        const qsizetype n = std::min<qsizetype>(50, data.size() - begin);
        const Predictions p = model.run(*model.makeInput(data, begin, n));
        for (qsizetype i = 0; i < n; ++i) {
            correct += p.predicted[static_cast<std::size_t>(i)] == data.label(begin + i) ? 1 : 0;
        }
    }
    return static_cast<double>(correct) / data.size();
}

}  // namespace

class TestZoo final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void trainAndRunEveryPrecision_data();
    void trainAndRunEveryPrecision();
    void trainingIsSeeded();
    void progressiveResizing();
    void torchScriptGolden();
    void torchScriptInt8IsUnsupported();
    void cudaIsUnsupportedWithoutGpu();
    void badInput_data();
    void badInput();

private:
    QTemporaryDir m_dir;
};

void TestZoo::initTestCase() {
    QVERIFY(m_dir.isValid());
    writeFashionFixture(m_dir.path(), 600, 200);
    writeSst2Fixture(m_dir.path());
    torch::manual_seed(0);
}

void TestZoo::trainAndRunEveryPrecision_data() {
    QTest::addColumn<QString>("architecture");
    QTest::addColumn<QVariantMap>("params");
    QTest::addColumn<int>("epochs");
    QTest::newRow("resnet18") << "resnet18" << QVariantMap{{"width", 0.25}, {"depth", 0.5}} << 8;
    QTest::newRow("mobilenetv2") << "mobilenetv2" << QVariantMap{{"width", 0.25}, {"depth", 0.34}}
                                 << 8;
    QTest::newRow("distilbert")
        << "distilbert" << QVariantMap{{"layers", 1}, {"hidden", 32}, {"heads", 4}, {"ffn", 64}}
        << 8;
    QTest::newRow("minilm") << "minilm"
                            << QVariantMap{{"layers", 1}, {"hidden", 32}, {"heads", 2}, {"ffn", 64}}
                            << 8;
}

void TestZoo::trainAndRunEveryPrecision() {
    QFETCH(QString, architecture);
    QFETCH(QVariantMap, params);
    QFETCH(int, epochs);
    QMap<QString, double> p;
    for (auto it = params.cbegin(); it != params.cend(); ++it) {
        p.insert(it.key(), it.value().toDouble());
    }
    const bool text = architecture == "distilbert" || architecture == "minilm";
    TrainParams train;
    train.model = variant(architecture, p);
    train.task = text ? sst2Task() : fashionTask();
    train.dataDir = m_dir.path();
    train.checkpointFile = m_dir.filePath("ck/" + architecture + ".pt");
    train.epochs = epochs;
    train.batchSize = 32;
    train.learningRate = text ? 2e-3 : 0.05;
    train.seed = 3;
    const TrainResult trained = runJob(&trainModel, train);
    QVERIFY(QFile::exists(trained.checkpointFile));
    QCOMPARE(trained.vocabFile.isEmpty(), !text);
    QCOMPARE(static_cast<int>(trained.history.size()), epochs);
    QVERIFY2(trained.history.back().loss < trained.history.front().loss,
             "training loss did not fall");

    const DataSearchPath search({m_dir.path()});
    const auto eval = loadDataset(train.task.dataset, train.task.evalSplit, search);
    const auto calibration = loadDataset(train.task.dataset, train.task.trainSplit, search);
    const auto model =
        loadInferenceModel(train.model, train.task, {trained.checkpointFile, trained.vocabFile});
    QCOMPARE(model->parameterCount(), trained.parameters);

    model->prepare(Precision::Fp32, DeviceSpec::parse("cpu:N"), nullptr);
    const double fp32 = accuracyOf(*model, *eval);
    const Predictions fp32Predictions = model->run(*model->makeInput(*eval, 0, 50));
    QVERIFY2(fp32 >= 0.9, qPrintable(QString("fp32 accuracy %1").arg(fp32)));

    for (const Precision precision : {Precision::Bf16, Precision::Int8}) {
        QVERIFY(model->supports(precision, DeviceSpec::parse("cpu:1")).supported);
        model->prepare(precision, DeviceSpec::parse("cpu:1"), calibration.get());
        QCOMPARE(model->precision(), precision);
        const double acc = accuracyOf(*model, *eval);
        QVERIFY2(acc >= fp32 - 0.05, qPrintable(QString("%1 accuracy %2 vs fp32 %3")
                                                    .arg(precisionName(precision))
                                                    .arg(acc)
                                                    .arg(fp32)));
        // A real lower-precision path changes the numbers a little, never all of them to fp32's.
        const Predictions out = model->run(*model->makeInput(*eval, 0, 50));
        int identical = 0;
        for (std::size_t i = 0; i < out.confidence.size(); ++i) {
            identical += out.confidence[i] == fp32Predictions.confidence[i] ? 1 : 0;
        }
        QVERIFY2(identical < 50,
                 qPrintable(precisionName(precision) + " confidences are bit-identical to fp32"));
    }
    // Back to fp32 gives fp32's answers again (conversions never compound).
    model->prepare(Precision::Fp32, DeviceSpec::parse("cpu:N"), nullptr);
    const Predictions again = model->run(*model->makeInput(*eval, 0, 50));
    QCOMPARE(again.predicted, fp32Predictions.predicted);
}

void TestZoo::trainingIsSeeded() {
    TrainParams train = tinyTraining(m_dir.path(), 1, 64, 11);
    train.checkpointFile = m_dir.filePath("seed/a.pt");
    const TrainResult a = runJob(&trainModel, train);
    train.checkpointFile = m_dir.filePath("seed/b.pt");
    const TrainResult b = runJob(&trainModel, train);
    QCOMPARE(a.history.back().loss, b.history.back().loss);
    train.seed = 12;
    train.checkpointFile = m_dir.filePath("seed/c.pt");
    const TrainResult c = runJob(&trainModel, train);
    QVERIFY(a.history.back().loss != c.history.back().loss);

    // The precision: automatic is bf16 exactly where the CPU has native bfloat16; an explicit
    // one is honoured and changes the arithmetic, and each is seeded on its own.
    const QStringList features = queryRuntime().cpuFeatures;
    const bool native = features.contains("avx512_bf16") || features.contains("amx_bf16");
    QCOMPARE(resolveTrainingPrecision(QString()), native ? QString("bf16") : QString("fp32"));
    QCOMPARE(a.precision, resolveTrainingPrecision(QString()));
    QVERIFY_THROWS_EXCEPTION(Error, resolveTrainingPrecision("fp16"));
    train.seed = 11;
    train.precision = "fp32";
    train.checkpointFile = m_dir.filePath("seed/fp32-a.pt");
    const TrainResult f1 = runJob(&trainModel, train);
    train.checkpointFile = m_dir.filePath("seed/fp32-b.pt");
    const TrainResult f2 = runJob(&trainModel, train);
    QCOMPARE(f1.precision, QString("fp32"));
    QCOMPARE(f1.history.back().loss, f2.history.back().loss);
    train.precision = "bf16";
    train.checkpointFile = m_dir.filePath("seed/bf16.pt");
    const TrainResult h = runJob(&trainModel, train);
    QCOMPARE(h.precision, QString("bf16"));
    QVERIFY2(h.history.back().loss != f1.history.back().loss,
             "bf16 training gave fp32's loss to the last bit");
    QVERIFY(std::abs(h.history.back().loss - f1.history.back().loss) < 0.5);
}

void TestZoo::progressiveResizing() {
    // The schedule: from `from` up to the full side by `until`, multiples of 4, full after.
    QCOMPARE(progressiveSide(0, 100, 32, 16, 0.5), 16);
    QCOMPARE(progressiveSide(25, 100, 32, 16, 0.5), 24);
    QCOMPARE(progressiveSide(49, 100, 32, 16, 0.5), 28);
    QCOMPARE(progressiveSide(50, 100, 32, 16, 0.5), 32);
    QCOMPARE(progressiveSide(99, 100, 32, 16, 0.5), 32);
    QCOMPARE(progressiveSide(25, 100, 28, 16, 0.5), 20);
    QCOMPARE(progressiveSide(0, 100, 32, 0, 0.5), 32);   // off
    QCOMPARE(progressiveSide(0, 100, 32, 32, 0.5), 32);  // not smaller than the images
    QCOMPARE(progressiveSide(0, 100, 32, 48, 0.5), 32);

    // Training on smaller images early is another computation, seeded like the rest.
    TrainParams train = tinyTraining(m_dir.path(), 2, 32, 5);
    train.checkpointFile = m_dir.filePath("resize/full.pt");
    const TrainResult full = runJob(&trainModel, train);
    train.model.training.resizeFrom = 12;
    train.model.training.resizeUntil = 0.5;
    train.checkpointFile = m_dir.filePath("resize/a.pt");
    const TrainResult a = runJob(&trainModel, train);
    train.checkpointFile = m_dir.filePath("resize/b.pt");
    const TrainResult b = runJob(&trainModel, train);
    QCOMPARE(a.history.front().loss, b.history.front().loss);
    QCOMPARE(a.history.back().loss, b.history.back().loss);
    QVERIFY2(a.history.front().loss != full.history.front().loss,
             "the first epoch on 12-20 px images gave the 28 px loss");
    // The checkpoint is the same network: it scores the 28 px test images like any other.
    const DataSearchPath search({m_dir.path()});
    const auto eval = loadDataset(train.task.dataset, train.task.evalSplit, search);
    const auto model = loadInferenceModel(train.model, train.task, {a.checkpointFile, {}});
    model->prepare(Precision::Fp32, DeviceSpec::parse("cpu:1"), nullptr);
    const Predictions predictions = model->run(*model->makeInput(*eval, 0, 16));
    QCOMPARE(predictions.predicted.size(), std::size_t(16));
    for (const float confidence : predictions.confidence) {
        QVERIFY(confidence >= 0.1f && confidence <= 1.0f);  // a softmax over 10 classes
    }
}

void TestZoo::torchScriptGolden() {
    // A matched filter: logits[k] correlates the image with class k's zero-mean stripe
    // template, so the module's predictions on the synthetic test split are exactly the labels.
    torch::jit::Module module("Golden");
    torch::Tensor weights = torch::zeros({10, kSide * kSide});
    for (int k = 0; k < 10; ++k) {
        for (int y = 0; y < kSide; ++y) {
            for (int x = 0; x < kSide; ++x) {
                weights[k][y * kSide + x] = stripe(k, y, x) ? 1.0 : 0.0;
            }
        }
        weights[k] -= weights[k].mean();
        weights[k] /= weights[k].norm();
    }
    module.register_parameter("weight", weights, false);
    module.define(R"(
        def forward(self, x):
            return torch.matmul(x.flatten(1), self.weight.t())
    )");
    const QString file = m_dir.filePath("golden.pt");
    module.save(file.toStdString());

    EvaluateParams params;
    params.model = file;
    params.dataset = "fashion-mnist";
    params.split = "test";
    params.dataDir = m_dir.path();
    params.batchSize = 32;
    params.predictionsFile = m_dir.filePath("golden-predictions.csv");
    const EvaluateResult result = runJob(&evaluateModel, params);
    QCOMPARE(result.examples, qsizetype(200));
    QCOMPARE(result.correct, qsizetype(200));
    QCOMPARE(result.accuracy, 1.0);

    QFile csv(params.predictionsFile);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 201);
    QCOMPARE(lines.at(0), QString("index,label,predicted,confidence,correct"));
    for (int i = 1; i <= 200; ++i) {
        const QStringList f = lines.at(i).split(',');
        QCOMPARE(f.at(0).toInt(), i - 1);
        QCOMPARE(f.at(1).toInt(), (i - 1) % 10);
        QCOMPARE(f.at(2).toInt(), (i - 1) % 10);
    }

    // --mean/--std reach the model: the templates are zero-mean, so the mean cancels, and
    // dividing by a std of 20 shrinks the logits 20-fold: the same answers, far less confident.
    const auto meanConfidence = [](const QString& path) {
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        const QStringList rows =
            QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts).mid(1);
        double sum = 0.0;
        for (const QString& row : rows) {
            sum += row.split(',').at(3).toDouble();
        }
        return sum / rows.size();
    };
    const double plain = meanConfidence(params.predictionsFile);
    params.mean = {0.5};
    params.std = {20.0};
    params.predictionsFile = m_dir.filePath("golden-normalized.csv");
    const EvaluateResult normalized = runJob(&evaluateModel, params);
    QCOMPARE(normalized.correct, qsizetype(200));
    const double soft = meanConfidence(params.predictionsFile);
    QVERIFY2(soft < plain - 0.2, qPrintable(QString("confidence %1 vs %2").arg(soft).arg(plain)));
}

void TestZoo::torchScriptInt8IsUnsupported() {
    EvaluateParams params;
    params.model = m_dir.filePath("golden.pt");
    params.dataset = "fashion-mnist";
    params.split = "test";
    params.dataDir = m_dir.path();
    params.precision = "int8";
    try {
        runJob(&evaluateModel, params);
        QFAIL("int8 on a TorchScript module was not refused");
    } catch (const Error& e) {
        QVERIFY2(e.message().startsWith("unsupported: "), qPrintable(e.message()));
    }
}

void TestZoo::cudaIsUnsupportedWithoutGpu() {
    if (torch::cuda::is_available()) {
        QSKIP("a CUDA device is present");
    }
    const auto model = loadInferenceModel(variant("resnet18", {{"width", 0.125}, {"depth", 0.5}}),
                                          fashionTask(), {m_dir.filePath("ck/resnet18.pt"), {}});
    const Support s = model->supports(Precision::Fp32, DeviceSpec::parse("cuda:0"));
    QVERIFY(!s.supported);
    QVERIFY(!s.reason.isEmpty());
    QVERIFY_THROWS_EXCEPTION(Error,
                             model->prepare(Precision::Fp32, DeviceSpec::parse("cuda:0"), nullptr));
}

void TestZoo::badInput_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("dataset");
    QTest::addColumn<QString>("expected");
    QTest::newRow("corrupt pt") << "corrupt.pt"
                                << "fashion-mnist"
                                << "corrupt.pt: not a TorchScript module";
    QTest::newRow("shape does not fit") << "rgb.pt"
                                        << "fashion-mnist"
                                        << "rgb.pt: does not accept the task's input [2, 1, 28, "
                                           "28]: RuntimeError: mat1 and mat2 shapes";
    QTest::newRow("wrong class count") << "three.pt"
                                       << "fashion-mnist"
                                       << "three.pt: returns [2, 3]";
    // Loads, then throws in forward: always (the load's probe meets it), or only for batches
    // other than the probe's two images (the evaluation meets it, half-way).
    QTest::newRow("throws in forward")
        << "throws.pt"
        << "fashion-mnist"
        << "throws.pt: does not accept the task's input [2, 1, 28, "
           "28]: RuntimeError: AssertionError: this module always fails";
    QTest::newRow("throws on a later batch")
        << "later.pt"
        << "fashion-mnist"
        << "later.pt: model 'later' (fp32, cpu:N, batch 64): LibTorch failed: RuntimeError: "
           "AssertionError: this module serves batches of 2 only";
    QTest::newRow("unknown zoo id") << "no-such-model"
                                    << "fashion-mnist"
                                    << "unknown model 'no-such-model'";
    QTest::newRow("missing file") << "absent.pt"
                                  << "fashion-mnist"
                                  << "absent.pt: model 'absent' has no weights file";
}

void TestZoo::badInput() {
    QFETCH(QString, model);
    QFETCH(QString, dataset);
    QFETCH(QString, expected);
    {
        QFile corrupt(m_dir.filePath("corrupt.pt"));
        QVERIFY(corrupt.open(QIODevice::WriteOnly));
        corrupt.write("PK\x03\x04 this is not a zip archive of a module");
    }
    {
        torch::jit::Module rgb("Rgb");
        rgb.register_parameter("weight", torch::ones({10, 3 * kSide * kSide}), false);
        rgb.define(
            "def forward(self, x):\n    return torch.matmul(x.flatten(1), self.weight.t())\n");
        rgb.save(m_dir.filePath("rgb.pt").toStdString());
        torch::jit::Module three("Three");
        three.register_parameter("weight", torch::ones({3, kSide * kSide}), false);
        three.define(
            "def forward(self, x):\n    return torch.matmul(x.flatten(1), self.weight.t())\n");
        three.save(m_dir.filePath("three.pt").toStdString());
        torch::jit::Module throws("Throws");
        throws.define(
            "def forward(self, x):\n"
            "    assert x.size(0) < 0, 'this module always fails'\n"
            "    return x.flatten(1)\n");
        throws.save(m_dir.filePath("throws.pt").toStdString());
        torch::jit::Module later("Later");
        later.register_parameter("weight", torch::ones({10, kSide * kSide}), false);
        later.define(
            "def forward(self, x):\n"
            "    assert x.size(0) == 2, 'this module serves batches of 2 only'\n"
            "    return torch.matmul(x.flatten(1), self.weight.t())\n");
        later.save(m_dir.filePath("later.pt").toStdString());
    }
    EvaluateParams params;
    params.configDir = AIP_TEST_SOURCE_DIR "/configs";
    params.model = model.endsWith(".pt") ? m_dir.filePath(model) : model;
    params.dataset = dataset;
    params.split = "test";
    params.dataDir = m_dir.path();
    try {
        runJob(&evaluateModel, params);
        QFAIL("no error");
    } catch (const Error& e) {
        const QString wanted = model.endsWith(".pt") ? m_dir.filePath(expected) : expected;
        QVERIFY2(e.message().startsWith(wanted), qPrintable(e.message()));
    }
}

QTEST_GUILESS_MAIN(TestZoo)
#include "tst_zoo.moc"
