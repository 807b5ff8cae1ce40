#include "common/error.h"
#include "config/configset.h"
#include "model/trainingrecipe.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace aip;

namespace {

const char* kModels = R"(tasks:
  - id: t
    dataset: cifar10
    eval_split: test
    num_classes: 10
    input: {kind: image, channels: 3, height: 32, width: 32}
models:
  - family: m
    task: t
    architecture: resnet18
    variants:
      - {id: m-a, width: 0.5}
      - {id: m-b, width: 1.0}
sweep:
  precisions: [fp32]
  batch_sizes: [1, 8]
  devices: ["cpu:1"]
cascades:
  - {stage1: m-a, stage2: m-b, thresholds: [0.5, 0.9]}
)";

const char* kDeadlines = R"(deadline_sets:
  tight: [2, 5]
  loose: [50, 100]
)";

const char* kProtocol = R"(protocol: test
tasks: [t]
seeds: {base: 1, replicates: 3}
latency_profiling: {min_samples: 5, max_samples: 10}
workloads:
  - {name: p, arrival: poisson, rate_rps: 10, duration_s: 5}
deadline_sets: [tight]
risk_epsilon: 0.05
alpha: 0.05
cost_per_device_hour: {cpu: 0.05}
pareto_reference: {latency_ms: 100, cost_per_1k: 1, accuracy: 0}
hypotheses:
  - {id: H1, statement: s, metric: hit_rate, policy: CascadePlanner, baseline: StaticLarge, alternative: greater}
)";

void writeText(const QString& path, const QByteArray& text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

/// Writes the three base files to `dir`, with `replace` applied to the one named `file`.
void writeConfigDir(const QString& dir, const QString& file, const QString& from,
                    const QString& to) {
    auto variant = [&](const QString& name, const char* base) {
        QString text = QString::fromUtf8(base);
        if (name == file) {
            if (!from.isEmpty()) {
                QVERIFY2(text.contains(from),
                         qPrintable("test row does not match the base file: " + from));
            }
            text = from.isEmpty() ? to : text.replace(from, to);
        }
        writeText(QDir(dir).filePath(name), text.toUtf8());
    };
    variant("models.yaml", kModels);
    variant("deadlines.yaml", kDeadlines);
    variant("experimental_protocol.yaml", kProtocol);
}

}  // namespace

class TestConfig final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shippedConfigsLoad_data();
    void shippedConfigsLoad();
    void baseFixtureLoads();
    void errors_data();
    void errors();
    void hypothesisClaims();
    void missingFile();
    void traceFileRelativeToProtocol();
    void trainingRecipe();
    void overlayAddsModels();
    void overlayErrors_data();
    void overlayErrors();
};

void TestConfig::initTestCase() {
    // The user's own models.yaml overlay stays out of these tests.
    QStandardPaths::setTestModeEnabled(true);
}

void TestConfig::shippedConfigsLoad_data() {
    QTest::addColumn<bool>("quick");
    QTest::newRow("quick") << true;
    QTest::newRow("full") << false;
}

void TestConfig::shippedConfigsLoad() {
    QFETCH(bool, quick);
    const ConfigSet set = ConfigSet::load(AIP_TEST_SOURCE_DIR "/configs", quick);
    QCOMPARE(set.protocol.name, QString(quick ? "quick" : "full"));
    QVERIFY(set.sweptModels().size() >= 3);
    QVERIFY(set.protocol.replicates >= 10);
    QVERIFY(set.protocol.workloads.size() >= 2);
    QVERIFY(!set.protocol.hypotheses.empty());
    QVERIFY(set.sweep().precisions.contains("int8"));
    QVERIFY(set.sweep().precisions.contains("bf16"));
    // The real transformer shapes are declared as written in the issue of record.
    const ModelVariant* distilbert = set.models.model("distilbert");
    QVERIFY(distilbert != nullptr);
    QCOMPARE(distilbert->params.value("layers"), 6.0);
    QCOMPARE(distilbert->params.value("hidden"), 768.0);
    QCOMPARE(distilbert->params.value("heads"), 12.0);
    QCOMPARE(distilbert->params.value("ffn"), 3072.0);
    const ModelVariant* minilm = set.models.model("minilm");
    QVERIFY(minilm != nullptr);
    QCOMPARE(minilm->params.value("hidden"), 384.0);
    QCOMPARE(minilm->params.value("ffn"), 1536.0);
    // A variant's training keys override its family's, the others are inherited.
    const ModelVariant* quarter = set.models.model("fmnist-resnet18-w0.25");
    const ModelVariant* half = set.models.model("fmnist-resnet18-w0.5");
    QVERIFY(quarter != nullptr && half != nullptr);
    QVERIFY(half->training.maxExamples > 0 && quarter->training.maxExamples == 0);
    QCOMPARE(half->training.learningRate, quarter->training.learningRate);
    // The CIFAR-10 CNN widths share one recipe, progressive resizing included.
    const ModelVariant* resnet18 = set.models.model("resnet18");
    const ModelVariant* resnet18Half = set.models.model("resnet18-w0.5");
    QVERIFY(resnet18 != nullptr && resnet18Half != nullptr);
    QVERIFY(resnet18->training.resizeFrom > 0);
    QCOMPARE(resnet18->training.resizeFrom, resnet18Half->training.resizeFrom);
    QCOMPARE(resnet18->training.resizeUntil, resnet18Half->training.resizeUntil);
    QCOMPARE(resnet18->training.maxExamples, resnet18Half->training.maxExamples);
    const ModelVariant* resnet20 = set.models.model("resnet20");
    QVERIFY(resnet20 != nullptr);
    QCOMPARE(resnet20->architecture, QString("torchscript"));
    QCOMPARE(resnet20->preprocessing.mean.size(), std::size_t(3));
    for (const CascadeSpec& c : set.models.cascades) {
        QCOMPARE(set.models.model(c.stage1)->task, set.models.model(c.stage2)->task);
    }
}

void TestConfig::baseFixtureLoads() {
    QTemporaryDir dir;
    writeConfigDir(dir.path(), QString(), QString(), QString());
    const QString protocol = QDir(dir.path()).filePath("experimental_protocol.yaml");
    const ConfigSet set = ConfigSet::load(dir.path(), false);
    QCOMPARE(set.models.models.size(), std::size_t(2));
    QCOMPARE(set.models.models[0].family, QString("m"));
    QCOMPARE(set.models.models[0].params.value("width"), 0.5);
    QCOMPARE(set.models.models[0].training.epochs, 0);
    QCOMPARE(set.deadlines.sets.at("loose"), std::vector<double>({50, 100}));
    QCOMPARE(set.protocol.latency.maxSamples, 10);
    QCOMPARE(set.protocol.workloads[0].rateRps, 10.0);
    QCOMPARE(set.sweptModels().size(), std::size_t(2));
    QVERIFY(QFile::exists(protocol));
    // Without a fidelity section: the stage is optional, 10 s windows at 1× and 1.5×.
    QCOMPARE(set.protocol.fidelity.runByDefault, false);
    QCOMPARE(set.protocol.fidelity.durationS, 10.0);
    QCOMPARE(set.protocol.fidelity.rateScales, std::vector<double>({1.0, 1.5}));
    QVERIFY(set.protocol.fidelity.policies.isEmpty());
    QCOMPARE(set.protocol.fidelity.simulationDraws, 5);
    // Without cascade_gain_confidence: cascades are planned on the 95% lower bound of their gain.
    QCOMPARE(set.protocol.cascadeGainConfidence, 0.95);
    // Without decision_cost_us: decisions are charged as measured.
    QVERIFY(!set.protocol.decisionCostUs.has_value());

    QTemporaryDir other;
    writeConfigDir(other.path(), "experimental_protocol.yaml", "tasks: [t]\n",
                   "tasks: [t]\nfidelity: {run_by_default: yes, duration_s: 2.5, rate_scales: "
                   "[0.5, 2], policies: [INFaaS, CascadePlanner], simulation_draws: 3}\n");
    const FidelitySpec f = ConfigSet::load(other.path(), false).protocol.fidelity;
    QCOMPARE(f.runByDefault, true);
    QCOMPARE(f.durationS, 2.5);
    QCOMPARE(f.rateScales, std::vector<double>({0.5, 2.0}));
    QCOMPARE(f.policies, QStringList({"INFaaS", "CascadePlanner"}));
    QCOMPARE(f.simulationDraws, 3);

    // A seed past 32 bits is kept whole: 2^63 − 1 = 9223372036854775807.
    QTemporaryDir seeds;
    writeConfigDir(seeds.path(), "experimental_protocol.yaml", "base: 1",
                   "base: 9223372036854775807");
    QCOMPARE(ConfigSet::load(seeds.path(), false).protocol.baseSeed,
             std::uint64_t(9223372036854775807ULL));
}

void TestConfig::errors_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("expected");

    const QString M = "models.yaml";
    const QString D = "deadlines.yaml";
    const QString P = "experimental_protocol.yaml";

    // YAML itself
    QTest::newRow("syntax") << M << "sweep:\n"
                            << "sweep: [\n"
                            << "models.yaml:16: YAML syntax error: end of sequence flow not found";
    QTest::newRow("top not map") << M << ""
                                 << "- a\n- b\n"
                                 << "models.yaml:1: expected a mapping";
    QTest::newRow("unknown top key") << M << "sweep:\n"
                                     << "sweeep:\n"
                                     << "models.yaml:14: unknown key 'sweeep'";
    // yaml-cpp keeps both pairs of a repeated key and every lookup sees the first: the second
    // would be ignored without a word.
    QTest::newRow("duplicate top key") << D << "  loose: [50, 100]\n"
                                       << "  loose: [50, 100]\ndeadline_sets:\n  x: [1]\n"
                                       << "deadlines.yaml:4: duplicate key 'deadline_sets'";
    QTest::newRow("duplicate nested key")
        << D << "  loose: [50, 100]\n"
        << "  loose: [50, 100]\n  tight: [1, 2]\n"
        << "deadlines.yaml:4: duplicate key 'tight' (a mapping names each key once)";
    QTest::newRow("duplicate key in a flow map") << M << "{id: m-b, width: 1.0}"
                                                 << "{id: m-b, width: 1.0, width: 2.0}"
                                                 << "models.yaml:13: duplicate key 'width'";
    QTest::newRow("tab indentation") << D << "  loose:"
                                     << "\tloose:"
                                     << "deadlines.yaml:3: a tab in the indentation; YAML indents "
                                        "with spaces";
    // Ten levels of ten aliases: 10^10 numbers if expanded. Refused at its first wrong value,
    // in the time its 12 lines take to read.
    QString laughs = "deadline_sets:\n  l0: &a0 [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n";
    for (int level = 1; level < 10; ++level) {
        QStringList refs;
        for (int i = 0; i < 10; ++i) {
            refs << QString("*a%1").arg(level - 1);
        }
        laughs += QString("  l%1: &a%1 [%2]\n").arg(level).arg(refs.join(", "));
    }
    QTest::newRow("billion laughs")
        << D << "" << laughs + "  tight: *a9\n"
        << "deadlines.yaml:2: deadline set 'l1' (milliseconds) must be a list of positive numbers";

    // models.yaml: tasks
    QTest::newRow("tasks not list") << M << "tasks:\n  - id: t\n"
                                    << "tasks: 3\nx:\n  - id: t\n"
                                    << "models.yaml:2: unknown key 'x'";
    QTest::newRow("task id missing") << M << "  - id: t\n"
                                     << "  - name: t\n"
                                     << "models.yaml:2: unknown key 'name' in a task";
    QTest::newRow("num_classes") << M << "num_classes: 10"
                                 << "num_classes: ten"
                                 << "models.yaml:5: num_classes must be a positive integer";
    // 2^32 + 10 wrapped to 10 when it was cast to int without a check.
    QTest::newRow("num_classes past int")
        << M << "num_classes: 10"
        << "num_classes: 4294967306"
        << "models.yaml:5: num_classes must be a positive integer of at most 2147483647";
    QTest::newRow("num_classes one") << M << "num_classes: 10"
                                     << "num_classes: 1"
                                     << "models.yaml:5: num_classes must be at least 2";
    QTest::newRow("input kind") << M << "kind: image"
                                << "kind: audio"
                                << "models.yaml:6: kind must be one of: image, text";
    QTest::newRow("input channels") << M << "channels: 3"
                                    << "channels: 0"
                                    << "models.yaml:6: channels must be a positive integer";
    // 2^31 turned negative when it was cast to int.
    QTest::newRow("input channels past int")
        << M << "channels: 3"
        << "channels: 2147483648"
        << "models.yaml:6: channels must be a positive integer of at most 2147483647";
    QTest::newRow("eval split missing") << M << "    eval_split: test\n"
                                        << ""
                                        << "models.yaml:2: missing required key 'eval_split'";
    QTest::newRow("duplicate task") << M << "models:\n"
                                    << "  - {id: t, dataset: x, eval_split: test, num_classes: 2, "
                                       "input: {kind: text, max_length: 8}}\nmodels:\n"
                                    << "models.yaml:7: task id 't' is declared twice";
    // models.yaml: models
    QTest::newRow("unknown task")
        << M << "    task: t\n"
        << "    task: nope\n"
        << "models.yaml:9: task 'nope' is not declared under tasks (declared: t)";
    QTest::newRow("architecture") << M << "architecture: resnet18"
                                  << "architecture: vgg"
                                  << "models.yaml:10: architecture must be one of: resnet18, "
                                     "mobilenetv2, distilbert, minilm, torchscript (found 'vgg')";
    QTest::newRow("arch vs input")
        << M << "architecture: resnet18"
        << "architecture: distilbert"
        << "models.yaml:10: architecture 'distilbert' does not fit the image input of task 't'";
    QTest::newRow("torchscript needs file")
        << M
        << "architecture: resnet18\n    variants:\n      - {id: m-a, width: 0.5}\n      - {id: "
           "m-b, width: 1.0}"
        << "architecture: torchscript\n    variants:\n      - {id: m-a}\n      - {id: m-b}"
        << "models.yaml:8: missing required key 'file'";
    QTest::newRow("file not torchscript")
        << M << "    architecture: resnet18\n"
        << "    architecture: resnet18\n    file: x.pt\n"
        << "models.yaml:11: file is only for architecture: torchscript";
    QTest::newRow("variant param") << M << "{id: m-a, width: 0.5}"
                                   << "{id: m-a, heads: 4}"
                                   << "models.yaml:12: unknown key 'heads' in a resnet18 variant "
                                      "(expected one of: id, width, depth, training)";
    QTest::newRow("variant width") << M << "{id: m-a, width: 0.5}"
                                   << "{id: m-a, width: -1}"
                                   << "models.yaml:12: width must be a positive number";
    QTest::newRow("duplicate model") << M << "{id: m-b, width: 1.0}"
                                     << "{id: m-a, width: 1.0}"
                                     << "models.yaml:13: model id 'm-a' is declared twice";
    QTest::newRow("variants not list")
        << M << "    variants:\n      - {id: m-a, width: 0.5}\n      - {id: m-b, width: 1.0}\n"
        << "    variants: {id: m-a}\n"
        << "models.yaml:11: variants must be a list";
    QTest::newRow("mean without std")
        << M << "    architecture: resnet18\n"
        << "    architecture: resnet18\n    preprocessing: {mean: [0.5, 0.5, 0.5]}\n"
        << "models.yaml:11: mean and std must both be given";
    QTest::newRow("mean channels")
        << M << "    architecture: resnet18\n"
        << "    architecture: resnet18\n    preprocessing: {mean: [0.5], std: [0.2]}\n"
        << "models.yaml:11: mean must have 3 values (one per channel of task 't')";
    QTest::newRow("std zero") << M << "    architecture: resnet18\n"
                              << "    architecture: resnet18\n    preprocessing: {mean: [0.5, 0.5, "
                                 "0.5], std: [0.2, 0, 0.2]}\n"
                              << "models.yaml:11: std must be a list of positive numbers";
    QTest::newRow("resize") << M << "    architecture: resnet18\n"
                            << "    architecture: resnet18\n    preprocessing: {resize: [32]}\n"
                            << "models.yaml:11: resize must be [height, width]";
    QTest::newRow("text preprocessing key")
        << M
        << "input: {kind: image, channels: 3, height: 32, width: 32}\nmodels:\n  - family: m\n    "
           "task: t\n    architecture: resnet18"
        << "input: {kind: text, max_length: 16}\nmodels:\n  - family: m\n    task: t\n    "
           "architecture: minilm\n    preprocessing: {tokenizer: bpe}"
        << "models.yaml:11: tokenizer must be one of: wordpiece";
    QTest::newRow("heads divide hidden")
        << M
        << "input: {kind: image, channels: 3, height: 32, width: 32}\nmodels:\n  - family: m\n    "
           "task: t\n    architecture: resnet18\n    variants:\n      - {id: m-a, width: 0.5}\n    "
           "  - {id: m-b, width: 1.0}"
        << "input: {kind: text, max_length: 16}\nmodels:\n  - family: m\n    task: t\n    "
           "architecture: minilm\n    variants:\n      - {id: m-a, hidden: 100, heads: 12}\n      "
           "- {id: m-b, hidden: 96, heads: 12}"
        << "models.yaml:12: hidden (100) must be a multiple of heads (12)";
    QTest::newRow("training key")
        << M << "    architecture: resnet18\n"
        << "    architecture: resnet18\n    training: {epochs: 2, steps: 9}\n"
        << "models.yaml:11: unknown key 'steps' in training";
    QTest::newRow("training epochs") << M << "{id: m-a, width: 0.5}"
                                     << "{id: m-a, width: 0.5, training: {epochs: 0}}"
                                     << "models.yaml:12: epochs must be a positive integer";
    QTest::newRow("training vocab on images")
        << M << "    architecture: resnet18\n"
        << "    architecture: resnet18\n    training: {vocab_size: 100}\n"
        << "models.yaml:11: vocab_size is only for text models";
    QTest::newRow("training precision")
        << M << "{id: m-a, width: 0.5}"
        << "{id: m-a, width: 0.5, training: {precision: fp16}}"
        << "models.yaml:12: precision must be one of: fp32, bf16 (found 'fp16')";
    QTest::newRow("progressive resize on text")
        << M
        << "input: {kind: image, channels: 3, height: 32, width: 32}\nmodels:\n  - family: m\n    "
           "task: t\n    architecture: resnet18"
        << "input: {kind: text, max_length: 16}\nmodels:\n  - family: m\n    task: t\n    "
           "architecture: minilm\n    training: {progressive_resize: {from: 16, until: 0.5}}"
        << "models.yaml:11: progressive_resize is only for image models";
    QTest::newRow("progressive resize too small")
        << M << "{id: m-a, width: 0.5}"
        << "{id: m-a, width: 0.5, training: {progressive_resize: {from: 4, until: 0.5}}}"
        << "models.yaml:12: progressive_resize from must be at least 8 pixels (the CNNs halve "
           "the size three times)";
    QTest::newRow("progressive resize until")
        << M << "{id: m-a, width: 0.5}"
        << "{id: m-a, width: 0.5, training: {progressive_resize: {from: 16, until: 1}}}"
        << "models.yaml:12: until must be a number in (0, 1)";
    QTest::newRow("progressive resize key")
        << M << "{id: m-a, width: 0.5}"
        << "{id: m-a, width: 0.5, training: {progressive_resize: {from: 16, to: 24}}}"
        << "models.yaml:12: unknown key 'to' in progressive_resize";
    // models.yaml: sweep
    QTest::newRow("batch sizes")
        << M << "batch_sizes: [1, 8]"
        << "batch_sizes: [1, -8]"
        << "models.yaml:16: batch_sizes must be a list of positive integers";
    QTest::newRow("batch sizes scalar")
        << M << "batch_sizes: [1, 8]"
        << "batch_sizes: 8"
        << "models.yaml:16: batch_sizes must be a list of positive integers";
    QTest::newRow("precision")
        << M << "precisions: [fp32]"
        << "precisions: [fp32, fp16]"
        << "models.yaml:15: precisions: 'fp16' is not one of: fp32, bf16, int8";
    QTest::newRow("device")
        << M << "devices: [\"cpu:1\"]"
        << "devices: [\"gpu\"]"
        << "models.yaml:17: devices: 'gpu' must be cpu:1, cpu:N, cpu:<threads> or cuda:<index>";
    QTest::newRow("sweep missing")
        << M << "sweep:\n  precisions: [fp32]\n  batch_sizes: [1, 8]\n  devices: [\"cpu:1\"]\n"
        << ""
        << "models.yaml:1: missing required key 'sweep'";
    QTest::newRow("sweep key") << M << "  devices: [\"cpu:1\"]\n"
                               << "  devices: [\"cpu:1\"]\n  threads: 2\n"
                               << "models.yaml:18: unknown key 'threads' in sweep";
    // models.yaml: cascades
    QTest::newRow("cascade stage") << M << "stage2: m-b"
                                   << "stage2: m-z"
                                   << "models.yaml:19: stage2 'm-z' is not a declared model";
    QTest::newRow("cascade same") << M << "stage2: m-b"
                                  << "stage2: m-a"
                                  << "models.yaml:19: a cascade needs two different models";
    QTest::newRow("cascade threshold")
        << M << "thresholds: [0.5, 0.9]"
        << "thresholds: [0.5, 1.5]"
        << "models.yaml:19: thresholds must be confidences in [0, 1]";

    // deadlines.yaml
    QTest::newRow("deadline negative") << D << "tight: [2, 5]"
                                       << "tight: [2, -5]"
                                       << "deadlines.yaml:2: deadline set 'tight' (milliseconds) "
                                          "must be a list of positive numbers";
    QTest::newRow("deadline text") << D << "tight: [2, 5]"
                                   << "tight: fast"
                                   << "deadlines.yaml:2: deadline set 'tight' (milliseconds) must "
                                      "be a list of positive numbers";
    QTest::newRow("deadline sets not map")
        << D << ""
        << "deadline_sets: [1, 2]\n"
        << "deadlines.yaml:1: deadline_sets must be a mapping of keys";
    QTest::newRow("deadline sets missing")
        << D << ""
        << "sets: {a: [1]}\n"
        << "deadlines.yaml:1: unknown key 'sets' in deadlines.yaml";

    // protocol
    QTest::newRow("protocol task") << P << "tasks: [t]"
                                   << "tasks: [t, u]"
                                   << "experimental_protocol.yaml:2: task 'u' is not declared in";
    QTest::newRow("protocol model")
        << P << "tasks: [t]\n"
        << "tasks: [t]\nmodels: [m-a, m-x]\n"
        << "experimental_protocol.yaml:3: model 'm-x' is not declared in";
    QTest::newRow("replicates")
        << P << "replicates: 3"
        << "replicates: 1"
        << "experimental_protocol.yaml:3: replicates must be at least 2 for paired statistics";
    QTest::newRow("seed base")
        << P << "base: 1"
        << "base: -4"
        << "experimental_protocol.yaml:3: base must be a non-negative integer";
    QTest::newRow("replicates past int")
        << P << "replicates: 3"
        << "replicates: 4294967299"
        << "experimental_protocol.yaml:3: replicates must be a positive integer of at most "
           "2147483647";
    // Seeds are 64-bit: 2^63 − 1 is the largest a YAML integer here can name.
    QTest::newRow("seed base past 64 bits")
        << P << "base: 1"
        << "base: 9223372036854775808"
        << "experimental_protocol.yaml:3: base must be a non-negative integer of at most "
           "9223372036854775807";
    QTest::newRow("seed base missing")
        << P << "base: 1, "
        << ""
        << "experimental_protocol.yaml:3: missing required key 'base'";
    QTest::newRow("samples order")
        << P << "max_samples: 10"
        << "max_samples: 2"
        << "experimental_protocol.yaml:4: max_samples (2) must be at least min_samples (5)";
    QTest::newRow("ci half width")
        << P << "{min_samples"
        << "{ci_half_width: 2, min_samples"
        << "experimental_protocol.yaml:4: ci_half_width must be a number in (0, 1)";
    QTest::newRow("arrival") << P << "arrival: poisson"
                             << "arrival: uniform"
                             << "experimental_protocol.yaml:6: arrival must be one of: poisson, "
                                "bursty, diurnal, spike, trace (found 'uniform')";
    QTest::newRow("rate") << P << "rate_rps: 10"
                          << "rate_rps: 0"
                          << "experimental_protocol.yaml:6: rate_rps must be a positive number";
    QTest::newRow("workload key")
        << P << "rate_rps: 10"
        << "rate: 10"
        << "experimental_protocol.yaml:6: unknown key 'rate' in a poisson workload";
    QTest::newRow("bursty missing")
        << P << "arrival: poisson, rate_rps: 10"
        << "arrival: bursty, rate_on_rps: 10"
        << "experimental_protocol.yaml:6: missing required key 'rate_off_rps'";
    QTest::newRow("diurnal amplitude")
        << P << "arrival: poisson, rate_rps: 10"
        << "arrival: diurnal, rate_rps: 10, amplitude: 1.5, period_s: 3"
        << "experimental_protocol.yaml:6: amplitude must be a number in [0, 1)";
    QTest::newRow("spike start")
        << P << "arrival: poisson, rate_rps: 10"
        << "arrival: spike, rate_rps: 10, spike_rps: 50, spike_start_s: 9, spike_duration_s: 1"
        << "experimental_protocol.yaml:6: spike_start_s must be before duration_s";
    QTest::newRow("trace file") << P << "{name: p, arrival: poisson, rate_rps: 10, duration_s: 5}"
                                << "{name: p, arrival: trace}"
                                << "experimental_protocol.yaml:6: missing required key 'file'";
    QTest::newRow("trace file missing")
        << P << "{name: p, arrival: poisson, rate_rps: 10, duration_s: 5}"
        << "{name: p, arrival: trace, file: traces/none.csv}"
        << "experimental_protocol.yaml:6: workload 'p': no trace file ";
    QTest::newRow("workload twice")
        << P << "duration_s: 5}\n"
        << "duration_s: 5}\n  - {name: p, arrival: poisson, rate_rps: 3, duration_s: 5}\n"
        << "experimental_protocol.yaml:7: workload name 'p' is used twice";
    QTest::newRow("no workloads")
        << P << "workloads:\n  - {name: p, arrival: poisson, rate_rps: 10, duration_s: 5}"
        << "workloads: []"
        << "experimental_protocol.yaml:5: workloads must list at least one workload";
    QTest::newRow("deadline set")
        << P << "deadline_sets: [tight]"
        << "deadline_sets: [tight, medium]"
        << "experimental_protocol.yaml:7: deadline set 'medium' is not declared in";
    QTest::newRow("epsilon")
        << P << "risk_epsilon: 0.05"
        << "risk_epsilon: 0"
        << "experimental_protocol.yaml:8: risk_epsilon must be a number in (0, 1)";
    QTest::newRow("cascade gain confidence")
        << P << "risk_epsilon: 0.05"
        << "risk_epsilon: 0.05\ncascade_gain_confidence: 1.5"
        << "experimental_protocol.yaml:9: cascade_gain_confidence must be a number in [0, 1)";
    QTest::newRow("decision cost")
        << P << "risk_epsilon: 0.05"
        << "risk_epsilon: 0.05\ndecision_cost_us: -1"
        << "experimental_protocol.yaml:9: decision_cost_us must not be negative";
    QTest::newRow("decision cost not a number")
        << P << "risk_epsilon: 0.05"
        << "risk_epsilon: 0.05\ndecision_cost_us: fast"
        << "experimental_protocol.yaml:9: decision_cost_us must be a number";
    QTest::newRow("alpha") << P << "alpha: 0.05"
                           << "alpha: 1"
                           << "experimental_protocol.yaml:9: alpha must be a number in (0, 1)";
    QTest::newRow("cost") << P << "{cpu: 0.05}"
                          << "{cpu: free}"
                          << "experimental_protocol.yaml:10: cpu must be a positive number";
    QTest::newRow("cost device")
        << P << "{cpu: 0.05}"
        << "{cpu: 0.05, tpu: 3}"
        << "experimental_protocol.yaml:10: unknown key 'tpu' in cost_per_device_hour";
    QTest::newRow("pareto accuracy")
        << P << "accuracy: 0}"
        << "accuracy: 2}"
        << "experimental_protocol.yaml:11: accuracy must be a number in [0, 1)";
    QTest::newRow("hypothesis metric") << P << "metric: hit_rate"
                                       << "metric: speed"
                                       << "experimental_protocol.yaml:13: metric must be one of:";
    QTest::newRow("hypothesis policy") << P << "policy: CascadePlanner"
                                       << "policy: Magic"
                                       << "experimental_protocol.yaml:13: policy must be one of:";
    QTest::newRow("hypothesis self")
        << P << "baseline: StaticLarge"
        << "baseline: CascadePlanner"
        << "experimental_protocol.yaml:13: hypothesis 'H1' compares CascadePlanner with itself";
    QTest::newRow("hypothesis alternative")
        << P << "alternative: greater"
        << "alternative: bigger"
        << "experimental_protocol.yaml:13: alternative must be one of: greater, less, two-sided";
    // Claims and dominated shares (the hypothesis is one line, 13)
    const QString greater = "alternative: greater}";
    QTest::newRow("claimed against the alternative")
        << P << greater << "alternative: greater, claimed: -0.02}"
        << "experimental_protocol.yaml:13: hypothesis 'H1': claimed must be a positive "
           "difference for alternative greater (the policy's value higher), found -0.02";
    QTest::newRow("claimed in points")
        << P << greater << "alternative: greater, claimed: 4.5}"
        << "experimental_protocol.yaml:13: hypothesis 'H1': claimed 4.5 is no difference of two "
           "rates: hit_rate is a fraction in [0, 1]";
    QTest::newRow("claimed not a number") << P << greater << "alternative: greater, claimed: lots}"
                                          << "experimental_protocol.yaml:13: claimed must be a "
                                             "number";
    QTest::newRow("space of a metric")
        << P << greater << "alternative: greater, space: latency}"
        << "experimental_protocol.yaml:13: unknown key 'space' in a hypothesis on hit_rate";
    QTest::newRow("metric against all")
        << P << "baseline: StaticLarge"
        << "baseline: all"
        << "experimental_protocol.yaml:13: baseline must be one of:";
    const QString metric =
        "metric: hit_rate, policy: CascadePlanner, baseline: StaticLarge, alternative: greater}";
    const QString share = "metric: dominated_share, policy: CascadePlanner, ";
    QTest::newRow("share with alternative")
        << P << metric
        << share + "space: latency, baseline: all, alternative: greater, claimed: 0.75}"
        << "experimental_protocol.yaml:13: hypothesis 'H1': a dominated_share hypothesis takes "
           "no alternative";
    QTest::newRow("share without claim")
        << P << metric << share + "space: latency, baseline: all}"
        << "experimental_protocol.yaml:13: hypothesis 'H1': a dominated_share hypothesis needs "
           "claimed, the claimed share in [0, 1]";
    QTest::newRow("share in percent")
        << P << metric << share + "space: latency, baseline: all, claimed: 75}"
        << "experimental_protocol.yaml:13: hypothesis 'H1': claimed must be a share in [0, 1], "
           "found 75";
    QTest::newRow("share without space")
        << P << metric << share + "baseline: all, claimed: 0.75}"
        << "experimental_protocol.yaml:13: missing required key 'space'";
    QTest::newRow("share space")
        << P << metric << share + "space: memory, baseline: all, claimed: 0.75}"
        << "experimental_protocol.yaml:13: space must be one of: latency, cost (found 'memory')";
    QTest::newRow("share against itself")
        << P << metric << share + "space: cost, baseline: [INFaaS, CascadePlanner], claimed: 0.5}"
        << "experimental_protocol.yaml:13: hypothesis 'H1': baseline lists CascadePlanner (the "
           "hypothesis's own policy)";
    QTest::newRow("share baseline twice")
        << P << metric << share + "space: cost, baseline: [INFaaS, INFaaS], claimed: 0.5}"
        << "experimental_protocol.yaml:13: hypothesis 'H1': baseline lists INFaaS twice";
    QTest::newRow("share unknown baseline")
        << P << metric << share + "space: cost, baseline: [INFaaS, Magic], claimed: 0.5}"
        << "experimental_protocol.yaml:13: baseline: 'Magic' is not one of:";
    QTest::newRow("share baseline word")
        << P << metric << share + "space: cost, baseline: everyone, claimed: 0.5}"
        << "experimental_protocol.yaml:13: baseline must be one of:";
    QTest::newRow("protocol name")
        << P << "protocol: test\n"
        << ""
        << "experimental_protocol.yaml:1: missing required key 'protocol'";
    QTest::newRow("protocol sweep")
        << P << "tasks: [t]\n"
        << "tasks: [t]\nsweep: {precisions: [fp32], batch_sizes: [0], devices: [\"cpu:N\"]}\n"
        << "experimental_protocol.yaml:3: batch_sizes must be a list of positive integers";
    // The fidelity section (line 3 when inserted after tasks)
    const QString tasks = "tasks: [t]\n";
    QTest::newRow("fidelity oracle")
        << P << tasks << tasks + "fidelity: {policies: [StaticSmall, Oracle]}\n"
        << "experimental_protocol.yaml:3: policies: 'Oracle' is not one of: CascadePlanner, "
           "StaticSmall, StaticLarge, ThroughputAutotuner, INFaaS, INFaaS-tail";
    QTest::newRow("fidelity scale")
        << P << tasks << tasks + "fidelity: {rate_scales: [1, 0]}\n"
        << "experimental_protocol.yaml:3: rate_scales must be a list of positive numbers";
    QTest::newRow("fidelity empty scales")
        << P << tasks << tasks + "fidelity: {rate_scales: []}\n"
        << "experimental_protocol.yaml:3: rate_scales must be a list of positive numbers";
    QTest::newRow("fidelity flag")
        << P << tasks << tasks + "fidelity: {run_by_default: sometimes}\n"
        << "experimental_protocol.yaml:3: run_by_default must be true or false";
    QTest::newRow("fidelity duration")
        << P << tasks << tasks + "fidelity: {duration_s: 0}\n"
        << "experimental_protocol.yaml:3: duration_s must be a positive number";
    QTest::newRow("fidelity key") << P << tasks << tasks + "fidelity: {seconds: 5}\n"
                                  << "experimental_protocol.yaml:3: unknown key 'seconds'";
}

void TestConfig::errors() {
    QFETCH(QString, file);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    writeConfigDir(dir.path(), file, from, to);
    try {
        ConfigSet::load(dir.path(), false);
        QFAIL("no error thrown");
    } catch (const Error& e) {
        // Messages name the file (full path) and the line.
        const QString message = e.message();
        const QString expectedWithPath = QDir(dir.path()).filePath(expected);
        QVERIFY2(message.startsWith(expectedWithPath), qPrintable(message));
    }
}

void TestConfig::hypothesisClaims() {
    QTemporaryDir dir;
    const QString h1 =
        "  - {id: H1, statement: s, metric: hit_rate, policy: CascadePlanner, "
        "baseline: StaticLarge, alternative: greater}\n";
    writeConfigDir(
        dir.path(), "experimental_protocol.yaml", h1,
        h1 + "  - {id: C1, statement: s, metric: hit_rate, policy: CascadePlanner, baseline: "
             "INFaaS, alternative: greater, claimed: 0.045}\n"
             "  - {id: C2, statement: s, metric: p95_ms, policy: CascadePlanner, baseline: INFaaS, "
             "alternative: less, claimed: -12.5}\n"
             "  - {id: C3, statement: s, metric: dominated_share, space: latency, policy: "
             "CascadePlanner, baseline: all, claimed: 0.75}\n"
             "  - {id: C4, statement: s, metric: dominated_share, space: cost, policy: "
             "CascadePlanner, baseline: [StaticSmall, INFaaS], claimed: 0}\n"
             "  - {id: C5, statement: s, metric: dominated_share, space: cost, policy: "
             "CascadePlanner, baseline: INFaaS, claimed: 1}\n");
    const std::vector<HypothesisSpec> h = ConfigSet::load(dir.path(), false).protocol.hypotheses;
    QCOMPARE(h.size(), std::size_t(6));
    // Without a claim, as before.
    QVERIFY(!h[0].claimed.has_value());
    QVERIFY(!h[0].isDominatedShare());
    QCOMPARE(h[0].baseline, QString("StaticLarge"));
    QVERIFY(h[0].space.isEmpty());
    QCOMPARE(h[1].claimed, std::optional<double>(0.045));
    QCOMPARE(h[1].alternative, QString("greater"));
    QCOMPARE(h[2].claimed, std::optional<double>(-12.5));  // a latency: any size
    QVERIFY(h[3].isDominatedShare());
    QCOMPARE(h[3].metric, dominatedShareMetric());
    QCOMPARE(h[3].space, QString("latency"));
    QCOMPARE(h[3].baseline, QString("all"));
    QVERIFY(h[3].baselines.isEmpty());
    QCOMPARE(h[3].claimed, std::optional<double>(0.75));
    QVERIFY(h[3].alternative.isEmpty());
    QCOMPARE(h[4].baselines, QStringList({"StaticSmall", "INFaaS"}));
    QCOMPARE(h[4].baseline, QString("StaticSmall, INFaaS"));
    QCOMPARE(h[4].space, QString("cost"));
    QCOMPARE(h[4].claimed, std::optional<double>(0.0));
    QCOMPARE(h[5].baselines, QStringList({"INFaaS"}));
    // The shipped protocols declare the three claims against INFaaS.
    for (const bool quick : {true, false}) {
        const ProtocolConfig p = ConfigSet::load(AIP_TEST_SOURCE_DIR "/configs", quick).protocol;
        QStringList claims;
        for (const HypothesisSpec& spec : p.hypotheses) {
            if (spec.claimed) {
                claims << QStringLiteral("%1 %2 %3")
                              .arg(spec.metric, spec.baseline)
                              .arg(*spec.claimed);
            }
        }
        QCOMPARE(claims,
                 QStringList({"hit_rate INFaaS 0.045", "accuracy INFaaS 0.017",
                              "dominated_share StaticSmall, StaticLarge, ThroughputAutotuner, "
                              "INFaaS, INFaaS-tail 0.75"}));
    }
}

void TestConfig::missingFile() {
    QTemporaryDir dir;
    try {
        ConfigSet::load(dir.path(), true);
        QFAIL("no error thrown");
    } catch (const Error& e) {
        QVERIFY2(e.message().startsWith(QDir(dir.path()).filePath("models.yaml: cannot open")),
                 qPrintable(e.message()));
    }
}

void TestConfig::traceFileRelativeToProtocol() {
    // A trace's file: is read from the protocol's folder, wherever the program runs, and the
    // configuration folder itself may be given relative to the working directory, with spaces.
    QTemporaryDir root;
    const QString configs = root.filePath("my configs");
    QVERIFY(QDir().mkpath(configs + "/traces"));
    QVERIFY(QDir().mkpath(root.filePath("elsewhere")));
    writeText(configs + "/traces/day one.csv", "arrival_ms,deadline_ms,example_index\n0,5,0\n");
    writeConfigDir(configs, "experimental_protocol.yaml",
                   "{name: p, arrival: poisson, rate_rps: 10, duration_s: 5}",
                   "{name: p, arrival: trace, file: traces/day one.csv}");
    const QString before = QDir::currentPath();
    QVERIFY(QDir::setCurrent(root.path()));
    const auto restore = qScopeGuard([&] { QDir::setCurrent(before); });
    for (const QString& dir : {QStringLiteral("./my configs"), QStringLiteral("my configs/"),
                               QStringLiteral("elsewhere/../my configs")}) {
        const ConfigSet set = ConfigSet::load(dir, false);
        QCOMPARE(set.protocol.workloads.front().traceFile,
                 QDir(root.path()).filePath("my configs/traces/day one.csv"));
    }
    // From another working directory, and an absolute file: as written.
    QVERIFY(QDir::setCurrent(root.filePath("elsewhere")));
    QCOMPARE(ConfigSet::load("../my configs", false).protocol.workloads.front().traceFile,
             QDir(root.path()).filePath("my configs/traces/day one.csv"));
    writeConfigDir(configs, "experimental_protocol.yaml",
                   "{name: p, arrival: poisson, rate_rps: 10, duration_s: 5}",
                   "{name: p, arrival: trace, file: '" + configs + "/traces/day one.csv'}");
    QCOMPARE(ConfigSet::load(configs, false).protocol.workloads.front().traceFile,
             configs + "/traces/day one.csv");
}

void TestConfig::trainingRecipe() {
    ModelVariant model;
    model.id = "m";
    model.family = "m";
    model.task = "t";
    model.architecture = "resnet18";
    model.params.insert("width", 0.5);
    model.preprocessing.mean = {0.5};
    model.preprocessing.std = {0.25};
    model.training.epochs = 2;
    model.training.batchSize = 64;
    model.training.learningRate = 0.1;
    model.training.maxExamples = 8000;
    model.training.resizeFrom = 16;
    model.training.resizeUntil = 0.5;
    TaskSpec task;
    task.id = "t";
    task.dataset = "fashion-mnist";
    task.trainSplit = "train";
    task.evalSplit = "test";
    task.numClasses = 10;
    task.input = {InputSpec::Kind::Image, 1, 28, 28, 0};

    // The canonical form, written by hand; its digest is the first 12 hex digits of its SHA-256
    // as Python's hashlib computes it (hashlib.sha256(text.encode()).hexdigest()[:12]).
    const TrainingRecipe recipe(model, task, 7);
    QCOMPARE(QJsonDocument(recipe.json()).toJson(QJsonDocument::Compact),
             QByteArray(R"({"architecture":"resnet18","model":"m","params":{"width":0.5},)"
                        R"("preprocessing":{"max_length":0,"mean":[0.5],"resize":[0,0],)"
                        R"("std":[0.25],"tokenizer":"","vocab":""},"seed":"7","task":{)"
                        R"("dataset":"fashion-mnist","eval_split":"test","id":"t","input":{)"
                        R"("channels":1,"height":28,"kind":"image","max_length":0,"width":28},)"
                        R"("num_classes":10,"train_split":"train"},"training":{"batch_size":64,)"
                        R"("epochs":2,"learning_rate":0.1,"max_examples":8000,"precision":"",)"
                        R"("progressive_resize":[16,0.5],"vocab_size":0}})"));
    QCOMPARE(recipe.digest(), QString("96373b16cd94"));
    QCOMPARE(recipe.checkpointPath(), QString("checkpoints/m/recipe-96373b16cd94.pt"));
    QCOMPARE(recipe.descriptionPath(), QString("checkpoints/m/recipe-96373b16cd94.json"));

    // Whatever shapes the weights names another checkpoint: the seed, a training override, the
    // dataset; the same inputs give the same name.
    QCOMPARE(TrainingRecipe(model, task, 7).digest(), recipe.digest());
    QVERIFY(TrainingRecipe(model, task, 8).digest() != recipe.digest());
    TrainingSpec quick;
    quick.epochs = 1;
    ModelVariant overridden = model;
    overridden.training = applyTrainingOverrides(model.training, quick);
    QCOMPARE(overridden.training.epochs, 1);
    QCOMPARE(overridden.training.batchSize, 64);  // not overridden: the preset's
    QCOMPARE(overridden.training.resizeFrom, 16);
    QVERIFY(TrainingRecipe(overridden, task, 7).digest() != recipe.digest());
    TaskSpec other = task;
    other.dataset = "my-images";
    QVERIFY(TrainingRecipe(model, other, 7).digest() != recipe.digest());
}

void TestConfig::overlayAddsModels() {
    QTemporaryDir dir;
    writeConfigDir(dir.path(), {}, {}, {});
    const QString overlay =
        QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + "/models.yaml";
    QCOMPARE(userModelsOverlayFile(), overlay);
    QFile::remove(overlay);
    auto removeOverlay = qScopeGuard([&] { QFile::remove(overlay); });
    QVERIFY(ConfigSet::load(dir.path(), false).models.overlayPath.isEmpty());

    // What Import TorchScript writes: a torchscript family with its file and normalization.
    ModelVariant imported;
    imported.id = "my-net";
    imported.task = "t";
    imported.architecture = "torchscript";
    imported.file = "/models/my net.pt";
    imported.preprocessing.mean = {0.5, 0.25, 0.125};
    imported.preprocessing.std = {0.2, 0.3, 0.4};
    addModelToOverlay(overlay, imported);
    ModelVariant second = imported;
    second.id = "my-other-net";
    second.preprocessing = {};
    addModelToOverlay(overlay, second);

    // Read by every loader of models.yaml: the config set a pipeline loads, after the shipped
    // models, the shipped file untouched.
    const ConfigSet set = ConfigSet::load(dir.path(), false);
    QCOMPARE(set.models.overlayPath, overlay);
    QCOMPARE(set.models.modelIds(), (QStringList{"m-a", "m-b", "my-net", "my-other-net"}));
    const ModelVariant* net = set.models.model("my-net");
    QCOMPARE(net->task, QString("t"));
    QCOMPARE(net->architecture, QString("torchscript"));
    QCOMPARE(net->file, QString("/models/my net.pt"));
    QCOMPARE(net->preprocessing.mean, (std::vector<double>{0.5, 0.25, 0.125}));
    QCOMPARE(net->preprocessing.std, (std::vector<double>{0.2, 0.3, 0.4}));
    QVERIFY(set.models.model("my-other-net")->preprocessing.mean.empty());
    QFile shipped(QDir(dir.path()).filePath("models.yaml"));
    QVERIFY(shipped.open(QIODevice::ReadOnly));
    QCOMPARE(shipped.readAll(), QByteArray(kModels));
    // An explicit empty overlay reads the shipped file alone.
    const ModelsConfig alone = ModelsConfig::load(QDir(dir.path()).filePath("models.yaml"), {});
    QCOMPARE(alone.modelIds(), (QStringList{"m-a", "m-b"}));
}

void TestConfig::overlayErrors_data() {
    QTest::addColumn<QString>("overlay");
    QTest::addColumn<QString>("expected");
    QTest::newRow("tasks")
        << "tasks: []\n"
        << ":1: unknown key 'tasks' in a models.yaml overlay (it adds models only)";
    QTest::newRow("duplicate id") << "models:\n  - {family: m-a, task: t, architecture: "
                                     "torchscript, file: x.pt}\n"
                                  << ":2: model id 'm-a' is declared twice";
    QTest::newRow("unknown task") << "models:\n  - {family: n, task: nope, architecture: "
                                     "torchscript, file: x.pt}\n"
                                  << ":2: task 'nope' is not declared under tasks";
}

void TestConfig::overlayErrors() {
    QFETCH(QString, overlay);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    writeConfigDir(dir.path(), {}, {}, {});
    const QString file = dir.filePath("user overlay/models.yaml");
    QVERIFY(QDir().mkpath(dir.filePath("user overlay")));
    writeText(file, overlay.toUtf8());
    try {
        ModelsConfig::load(dir.filePath("models.yaml"), file);
        QFAIL("no error thrown");
    } catch (const Error& e) {
        // The overlay's own file and line, not the shipped file's.
        QVERIFY2(e.message().startsWith(file + expected), qPrintable(e.message()));
    }
}

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
