// The profilers: the order-statistics stopping rule, the summaries, exact cascade accuracy, the
// result files, and both profilers end to end on real (tiny) TorchScript models and Debian's
// Fashion-MNIST.

#include "common/error.h"
#include "config/configset.h"
#include "data/datasearchpath.h"
#include "planning/policy.h"
#include "profiling/latencyprofiler.h"
#include "profiling/profilers.h"
#include "results/accuracystats.h"
#include "results/latencystats.h"
#include "results/profilefiles.h"
#include "runinjob.h"
#include "simulation/liverunner.h"
#include "simulation/servingsimulator.h"
#include "tinymodels.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

using namespace aip;
using aip::testing::runInJob;

namespace {

void writeText(const QString& path, const QByteArray& text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

/// A configuration folder for two tiny TorchScript models on Fashion-MNIST: fp32, bf16 and int8
/// (which imported TorchScript cannot run) at batches 1 and 4 on one thread.
void writeConfigs(const QString& dir) {
    writeText(QDir(dir).filePath("models.yaml"), R"(
tasks:
  - {id: fashion-mnist, dataset: fashion-mnist, train_split: train, eval_split: test,
     num_classes: 10, input: {kind: image, channels: 1, height: 28, width: 28}}
models:
  - {family: tiny-a, task: fashion-mnist, architecture: torchscript, file: models/tiny-a.pt,
     preprocessing: {mean: [0.2860], std: [0.3530]}}
  - {family: tiny-b, task: fashion-mnist, architecture: torchscript, file: models/tiny-b.pt,
     preprocessing: {mean: [0.2860], std: [0.3530]}}
sweep: {precisions: [fp32, bf16, int8], batch_sizes: [1, 4], devices: ["cpu:1"]}
cascades:
  - {stage1: tiny-a, stage2: tiny-b, thresholds: [0.5, 0.9]}
)");
    QFile::copy(QStringLiteral(AIP_TEST_SOURCE_DIR "/configs/deadlines.yaml"),
                QDir(dir).filePath("deadlines.yaml"));
    writeText(QDir(dir).filePath("experimental_protocol_quick.yaml"), R"(
protocol: quick
description: two tiny models
tasks: [fashion-mnist]
models: [tiny-a, tiny-b]
seeds: {base: 1, replicates: 2}
evaluation: {max_examples: 300}
latency_profiling: {warmup_iterations: 3, warmup_seconds: 0.01, ci_half_width: 0.02,
                    min_samples: 20, max_samples: 200, max_seconds: 0.5}
workloads:
  - {name: poisson, arrival: poisson, rate_rps: 50, duration_s: 5}
deadline_sets: [tight]
risk_epsilon: 0.05
alpha: 0.05
cost_per_device_hour: {cpu: 0.0475}
pareto_reference: {latency_ms: 200, cost_per_1k: 0.1, accuracy: 0.0}
hypotheses: []
)");
}

AccuracyProfile answers(const std::vector<int>& label, const std::vector<int>& predicted,
                        const std::vector<float>& confidence) {
    AccuracyProfile p;
    p.model = "m";
    p.label = label;
    p.predicted = predicted;
    p.confidence = confidence;
    for (std::size_t i = 0; i < label.size(); ++i) {
        p.index.push_back(static_cast<std::int64_t>(i));
    }
    return p;
}

}  // namespace

class TestProfiling final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void quantilesAreType7();
    void medianIntervalUsesOrderStatistics();
    void stoppingRuleStopsWhereTheIntervalSays();
    void stoppingRuleBudgets();
    void measureLatencyCountsAndStreamsSamples();
    void wilsonAndCalibration();
    void cascadeIsExact();
    void latencyFilesRoundTrip();
    void malformedFilesNameTheLine();
    void profilersOnTinyModels();
    void liveReplayOnTinyModels();

private:
    QTemporaryDir m_dir;
};

void TestProfiling::initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath("configs"));
    QVERIFY(QDir(m_dir.path()).mkpath("data/models"));
    writeConfigs(m_dir.filePath("configs"));
    writeLinearTorchScript(m_dir.filePath("data/models/tiny-a.pt"), 28 * 28, 10, 1, 0.05);
    writeLinearTorchScript(m_dir.filePath("data/models/tiny-b.pt"), 28 * 28, 10, 2, 0.05);
}

void TestProfiling::quantilesAreType7() {
    const std::vector<double> x{1.0, 2.0, 3.0, 4.0, 10.0};
    QCOMPARE(quantileSorted(x, 0.0), 1.0);
    QCOMPARE(quantileSorted(x, 0.5), 3.0);
    QCOMPARE(quantileSorted(x, 1.0), 10.0);
    QCOMPARE(quantileSorted(x, 0.9), 7.6);  // h = 3.6: 4 + 0.6·(10 − 4)
    QCOMPARE(quantileSorted({5.0}, 0.99), 5.0);
    QVERIFY_THROWS_EXCEPTION(Error, quantileSorted({}, 0.5));
    QVERIFY_THROWS_EXCEPTION(Error, quantileSorted(x, 1.5));
}

void TestProfiling::medianIntervalUsesOrderStatistics() {
    // n = 20: j = ⌊10 − 1.96·√20/2⌋ = ⌊5.617⌋ = 5, k = ⌈11 + 4.383⌉ = 16 (1-based ranks).
    std::vector<double> x(20);
    std::iota(x.begin(), x.end(), 1.0);
    MedianInterval ci = medianCi95(x);
    QCOMPARE(ci.low, 5.0);
    QCOMPARE(ci.high, 16.0);
    // n = 100: j = ⌊50 − 9.8⌋ = 40, k = ⌈51 + 9.8⌉ = 61.
    x.resize(100);
    std::iota(x.begin(), x.end(), 1.0);
    ci = medianCi95(x);
    QCOMPARE(ci.low, 40.0);
    QCOMPARE(ci.high, 61.0);
    // Tiny samples clamp to the extremes.
    ci = medianCi95({3.0, 7.0});
    QCOMPARE(ci.low, 3.0);
    QCOMPARE(ci.high, 7.0);
}

void TestProfiling::stoppingRuleStopsWhereTheIntervalSays() {
    // A noisy sequence whose spread shrinks: the rule must stop at the first n ≥ min_samples
    // where the order-statistics half-width is within 2% of the median — computed here
    // independently from the ranks.
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::vector<double> stream;
    for (int i = 0; i < 400; ++i) {
        stream.push_back(10.0 + noise(rng) * 3.0 / std::sqrt(1.0 + i / 10.0));
    }
    LatencyProfilingSpec spec;
    spec.minSamples = 20;
    spec.maxSamples = 400;
    spec.maxSeconds = 1e9;
    spec.ciHalfWidth = 0.02;

    int expected = -1;
    for (int n = 1; n <= 400 && expected < 0; ++n) {
        std::vector<double> sorted(stream.begin(), stream.begin() + n);
        std::sort(sorted.begin(), sorted.end());
        if (n < spec.minSamples) {
            continue;
        }
        const double nn = n;
        const int j = std::clamp(
            static_cast<int>(std::floor(nn / 2 - 1.959963984540054 * std::sqrt(nn) / 2)), 1, n);
        const int k = std::clamp(
            static_cast<int>(std::ceil(1 + nn / 2 + 1.959963984540054 * std::sqrt(nn) / 2)), 1, n);
        const double median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        if ((sorted[k - 1] - sorted[j - 1]) / 2 <= 0.02 * median) {
            expected = n;
        }
    }
    QVERIFY2(expected > spec.minSamples, "the sequence must need more than the minimum");
    QVERIFY(expected < 400);

    int stoppedAt = -1;
    StopReason reason = StopReason::MaxSamples;
    for (int n = 1; n <= 400; ++n) {
        const std::vector<double> prefix(stream.begin(), stream.begin() + n);
        if (shouldStopMeasuring(prefix, 0.0, spec, &reason)) {
            stoppedAt = n;
            break;
        }
    }
    QCOMPARE(stoppedAt, expected);
    QCOMPARE(reason, StopReason::ConfidenceInterval);

    // Identical samples stop as soon as the minimum count is reached, not before.
    const std::vector<double> flat(19, 4.0);
    QVERIFY(!shouldStopMeasuring(flat, 0.0, spec));
    QVERIFY(shouldStopMeasuring(std::vector<double>(20, 4.0), 0.0, spec, &reason));
    QCOMPARE(reason, StopReason::ConfidenceInterval);
}

void TestProfiling::stoppingRuleBudgets() {
    LatencyProfilingSpec spec;
    spec.minSamples = 5;
    spec.maxSamples = 30;
    spec.maxSeconds = 2.0;
    // Alternating 1 and 100: the interval never narrows.
    std::vector<double> wide;
    for (int i = 0; i < 29; ++i) {
        wide.push_back(i % 2 ? 1.0 : 100.0);
    }
    StopReason reason = StopReason::ConfidenceInterval;
    QVERIFY(!shouldStopMeasuring(wide, 1.0, spec, &reason));
    QVERIFY(shouldStopMeasuring(wide, 2.0, spec, &reason));
    QCOMPARE(reason, StopReason::MaxSeconds);
    wide.push_back(1.0);
    QVERIFY(shouldStopMeasuring(wide, 0.0, spec, &reason));
    QCOMPARE(reason, StopReason::MaxSamples);
    QCOMPARE(stopReasonName(StopReason::MaxSamples), QString("max_samples"));
    QCOMPARE(stopReasonName(StopReason::ConfidenceInterval), QString("ci"));
    QCOMPARE(stopReasonName(StopReason::MaxSeconds), QString("max_seconds"));
}

void TestProfiling::measureLatencyCountsAndStreamsSamples() {
    // A forward pass that busy-waits 200 µs: every sample is at least that long.
    const auto forward = [] {
        const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(200);
        while (std::chrono::steady_clock::now() < until) {
        }
    };
    LatencyProfilingSpec spec;
    spec.warmupIterations = 4;
    spec.warmupSeconds = 0.0;
    spec.minSamples = 10;
    spec.maxSamples = 50;
    spec.maxSeconds = 5.0;
    int calls = 0;
    std::vector<double> streamed;
    const LatencyMeasurement m = measureLatency(
        [&] {
            ++calls;
            forward();
        },
        spec, [&](double ms) { streamed.push_back(ms); });
    QCOMPARE(m.warmupRuns, 4);
    QVERIFY(m.samplesMs.size() >= 10 && m.samplesMs.size() <= 50);
    QCOMPARE(calls, m.warmupRuns + static_cast<int>(m.samplesMs.size()));
    QCOMPARE(streamed, m.samplesMs);
    for (const double ms : m.samplesMs) {
        QVERIFY2(ms >= 0.2 && ms < 1000.0, qPrintable(QString::number(ms)));
    }
    StopReason again = StopReason::MaxSeconds;
    QVERIFY(shouldStopMeasuring(m.samplesMs, m.measuringSeconds, spec, &again));
    QCOMPARE(again, m.stop);

    // Cancellation between runs.
    QVERIFY_THROWS_EXCEPTION(CancelledError,
                             measureLatency(forward, spec, {}, [&] { return true; }));
}

void TestProfiling::wilsonAndCalibration() {
    // Wilson 95% for 8/10: centre (0.8 + 1.92/10)/(1.384) … reference 0.4902, 0.9433.
    const auto [low, high] = wilsonInterval95(8, 10);
    QVERIFY(std::abs(low - 0.49016) < 1e-4);
    QVERIFY(std::abs(high - 0.94332) < 1e-4);
    QCOMPARE(wilsonInterval95(0, 0), std::make_pair(0.0, 0.0));

    // Two bins used: conf 0.95 (bin 15) with 1 of 2 right, conf 0.30 (bin 5) with 2 of 2 right.
    // ECE = 2/4·|0.5 − 0.95| + 2/4·|1 − 0.3| = 0.225 + 0.35.
    const AccuracyProfile p = answers({0, 1, 2, 3}, {0, 0, 2, 3}, {0.95f, 0.95f, 0.30f, 0.30f});
    QVERIFY(std::abs(expectedCalibrationError(p) - 0.575) < 1e-6);
    const AccuracySummary s = summarizeAccuracy(p);
    QCOMPARE(s.n, std::int64_t(4));
    QCOMPARE(s.accuracy, 0.75);
    QVERIFY(std::abs(s.meanConfidence - 0.625) < 1e-6);
}

void TestProfiling::cascadeIsExact() {
    //            example:   0     1     2     3     4
    // stage 1 correct:      y     n     y     n     y      conf 0.9 0.4 0.6 0.95 0.2
    // stage 2 correct:      n     y     y     y     n
    const AccuracyProfile s1 =
        answers({0, 1, 2, 3, 4}, {0, 9, 2, 9, 4}, {0.9f, 0.4f, 0.6f, 0.95f, 0.2f});
    const AccuracyProfile s2 =
        answers({0, 1, 2, 3, 4}, {9, 1, 2, 3, 9}, {0.5f, 0.5f, 0.5f, 0.5f, 0.5f});
    // θ = 0: stage 1 alone (3/5), no escalation; θ = 1: stage 2 alone (3/5), all escalate.
    CascadeOutcome c = evaluateCascade(s1, s2, 0.0);
    QCOMPARE(c.accuracy, 0.6);
    QCOMPARE(c.escalationRate, 0.0);
    c = evaluateCascade(s1, s2, 1.0);
    QCOMPARE(c.accuracy, 0.6);
    QCOMPARE(c.escalationRate, 1.0);
    // θ = 0.5: escalate 1 and 4 → answers y (s1), y (s2), y, n, n → 3/5.
    c = evaluateCascade(s1, s2, 0.5);
    QCOMPARE(c.escalationRate, 0.4);
    QCOMPARE(c.accuracy, 0.6);
    // θ = 0.92: escalate 0,1,2,4 → n, y, y, (s1 3: n), n → 2/5.
    c = evaluateCascade(s1, s2, 0.92);
    QCOMPARE(c.escalationRate, 0.8);
    QCOMPARE(c.accuracy, 0.4);

    LatencyProfile l1;
    l1.meanMs = 2.0;
    LatencyProfile l2;
    l2.meanMs = 10.0;
    QCOMPARE(expectedCascadeLatencyMs(l1, l2, 0.4), 6.0);
    l2.status = "unsupported: no int8";
    QVERIFY_THROWS_EXCEPTION(Error, expectedCascadeLatencyMs(l1, l2, 0.4));

    AccuracyProfile shorter = s2;
    shorter.index.pop_back();
    QVERIFY_THROWS_EXCEPTION(Error, evaluateCascade(s1, shorter, 0.5));
}

void TestProfiling::latencyFilesRoundTrip() {
    LatencyProfile ok;
    ok.key = {"t", "m", "fp32", 8, "cpu:1", 1};
    ok.samplesMs = {1.25, 1.5, 1.125, 9.0, 1.375};
    ok.stopReason = "max_samples";
    summarizeLatency(ok);
    LatencyProfile unsupported;
    unsupported.key = {"t", "m", "int8", 8, "cpu:1", 1};
    unsupported.status = "unsupported: imported TorchScript has no int8 path, here, yet";
    const QString dir = m_dir.filePath("roundtrip");
    QVERIFY(QDir().mkpath(dir));
    profilefiles::writeLatencyProfiles({ok, unsupported}, dir);
    const std::vector<LatencyProfile> back = profilefiles::readLatencyProfiles(dir);
    QCOMPARE(back.size(), std::size_t(2));
    QCOMPARE(back[0].key, ok.key);
    QCOMPARE(back[0].samplesMs, ok.samplesMs);
    QCOMPARE(back[0].p50Ms, 1.375);
    QCOMPARE(back[0].stopReason, QString("max_samples"));
    QCOMPARE(back[1].status, unsupported.status);
    QVERIFY(back[1].samplesMs.empty());

    QFile summary(QDir(dir).filePath("latency_profiles.csv"));
    QVERIFY(summary.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = summary.readAll().split('\n');
    QCOMPARE(lines[0],
             QByteArray("task,model,precision,batch_size,device,threads,n,mean_ms,std_ms,p50_ms,"
                        "p90_ms,p95_ms,p99_ms,min_ms,max_ms,ci95_low_ms,ci95_high_ms,status,"
                        "stop_reason"));
    QCOMPARE(lines[1], QByteArray("t,m,fp32,8,cpu:1,1,5,2.85,3.440793876,1.375,6,7.5,8.7,"
                                  "1.125,9,1.125,9,ok,max_samples"));
    QCOMPARE(lines[2], QByteArray("t,m,int8,8,cpu:1,1,0,,,,,,,,,,,\"unsupported: imported "
                                  "TorchScript has no int8 path, here, yet\","));
}

void TestProfiling::malformedFilesNameTheLine() {
    const QString dir = m_dir.filePath("malformed");
    QVERIFY(QDir().mkpath(dir));
    const QByteArray summaryHeader =
        "task,model,precision,batch_size,device,threads,n,mean_ms,std_ms,p50_ms,p90_ms,"
        "p95_ms,p99_ms,min_ms,max_ms,ci95_low_ms,ci95_high_ms,status,stop_reason\n";
    const QByteArray samplesHeader =
        "task,model,precision,batch_size,device,sample_index,latency_ms\n";
    const auto readError = [&] {
        try {
            profilefiles::readLatencyProfiles(dir);
        } catch (const Error& e) {
            return e.message();
        }
        return QString("no error");
    };
    writeText(QDir(dir).filePath("latency_profiles.csv"),
              summaryHeader + "t,m,fp32,1,cpu:1,1,2,,,,,,,,,,,ok,ci\n");
    writeText(QDir(dir).filePath("latency_samples.csv"),
              samplesHeader + "t,m,fp32,1,cpu:1,0,1.5\nt,m,fp32,1,cpu:1,1,fast\n");
    // A sample that is not a number.
    QString message = readError();
    QVERIFY2(message.contains("latency_samples.csv:3") && message.contains("latency_ms"),
             qPrintable(message));
    // A count that does not match the samples.
    writeText(QDir(dir).filePath("latency_samples.csv"),
              samplesHeader + "t,m,fp32,1,cpu:1,0,1.5\n");
    message = readError();
    QVERIFY2(message.contains("latency_profiles.csv:2"), qPrintable(message));
    // A batch size of 2^32 + 1 wrapped to 1 when it was cast to int without a check.
    writeText(QDir(dir).filePath("latency_profiles.csv"),
              summaryHeader + "t,m,fp32,4294967297,cpu:1,1,1,,,,,,,,,,,ok,ci\n");
    message = readError();
    QVERIFY2(message.contains("latency_profiles.csv:2: column batch_size must be an integer "
                              "between -2147483648 and 2147483647"),
             qPrintable(message));
}

void TestProfiling::profilersOnTinyModels() {
    const ConfigSet configs = ConfigSet::load(m_dir.filePath("configs"), true);
    const DataSearchPath search = DataSearchPath::fromEnvironment(m_dir.filePath("data"));
    const ModelFiles files = ModelFiles::locate(configs, search, RecipeChoice{});

    std::size_t streamed = 0;
    const auto latency = runInJob<std::vector<LatencyProfile>>([&](JobContext& context) {
        return profileLatency(configs, files, search, context,
                              [&](const ConfigKey&, double ms) { streamed += ms > 0.0 ? 1 : 0; });
    });
    QCOMPARE(latency.size(), std::size_t(2 * 3 * 2));
    std::size_t samples = 0;
    for (const LatencyProfile& p : latency) {
        QCOMPARE(p.key.threads, 1);
        if (p.key.precision == u"int8") {
            QVERIFY2(p.status.startsWith("unsupported: "), qPrintable(p.status));
            QVERIFY(p.samplesMs.empty());
            continue;
        }
        QVERIFY2(p.ok(), qPrintable(p.status));
        QVERIFY(!p.samplesMs.empty());
        for (const double ms : p.samplesMs) {
            QVERIFY(ms > 0.0);
        }
        QVERIFY(p.minMs <= p.p50Ms && p.p50Ms <= p.p99Ms && p.p99Ms <= p.maxMs);
        QVERIFY(p.ci95LowMs <= p.p50Ms && p.p50Ms <= p.ci95HighMs);
        if (p.stopReason == u"ci") {
            QVERIFY(p.samplesMs.size() >= 20);
            QVERIFY(p.ci95HighMs - p.ci95LowMs <= 2 * 0.02 * p.p50Ms + 1e-12);
        } else {
            QVERIFY2(p.stopReason == u"max_samples" || p.stopReason == u"max_seconds",
                     qPrintable(p.stopReason));
        }
        samples += p.samplesMs.size();
        // The serving pass: the four configurations that run, each served once after another
        // one, twice warm and once after idling per round (min_samples rounds at most), input
        // building included.
        QVERIFY(!p.servingSwitchedMs.empty());
        QCOMPARE(p.servingSteadyMs.size(), 2 * p.servingSwitchedMs.size());
        QCOMPARE(p.servingIdleMs.size(), p.servingSwitchedMs.size());
        // Each idle sample with its gap, seeded in [0.5, 100] ms.
        QCOMPARE(p.servingIdleGapMs.size(), p.servingIdleMs.size());
        for (const double gap : p.servingIdleGapMs) {
            QVERIFY2(gap >= 0.5 && gap <= 100.0, qPrintable(QString::number(gap)));
        }
        QVERIFY(static_cast<int>(p.servingSwitchedMs.size()) <=
                configs.protocol.latency.minSamples);
        for (const double ms : p.servingSteadyMs) {
            QVERIFY(ms > 0.0);
        }
    }
    QCOMPARE(streamed, samples);
    // Written and read back: every kind of sample, in measurement order.
    const QString latencyDir = m_dir.filePath("latency-files");
    QVERIFY(QDir().mkpath(latencyDir));
    profilefiles::writeLatencyProfiles(latency, latencyDir);
    const std::vector<LatencyProfile> latencyBack = profilefiles::readLatencyProfiles(latencyDir);
    QCOMPARE(latencyBack.size(), latency.size());
    for (std::size_t i = 0; i < latency.size(); ++i) {
        QCOMPARE(latencyBack[i].samplesMs.size(), latency[i].samplesMs.size());
        QCOMPARE(latencyBack[i].servingSteadyMs.size(), latency[i].servingSteadyMs.size());
        QCOMPARE(latencyBack[i].servingSwitchedMs.size(), latency[i].servingSwitchedMs.size());
        QCOMPARE(latencyBack[i].servingIdleMs.size(), latency[i].servingIdleMs.size());
        QCOMPARE(latencyBack[i].servingIdleGapMs.size(), latency[i].servingIdleGapMs.size());
        for (std::size_t k = 0; k < latency[i].servingIdleGapMs.size(); ++k) {
            QVERIFY(
                qFuzzyCompare(latencyBack[i].servingIdleGapMs[k], latency[i].servingIdleGapMs[k]));
        }
        for (std::size_t k = 0; k < latency[i].servingSwitchedMs.size(); ++k) {
            QVERIFY(qFuzzyCompare(latencyBack[i].servingSwitchedMs[k],
                                  latency[i].servingSwitchedMs[k]));
        }
    }

    const auto accuracy = runInJob<std::vector<AccuracyProfile>>(
        [&](JobContext& context) { return profileAccuracy(configs, files, search, context); });
    QCOMPARE(accuracy.size(), std::size_t(4));  // 2 models × (fp32, bf16); int8 is unsupported
    for (const AccuracyProfile& p : accuracy) {
        QCOMPARE(p.size(), std::size_t(300));
        QCOMPARE(p.dataset, QString("fashion-mnist"));
        QCOMPARE(p.split, QString("test"));
        QCOMPARE(p.label[0], 9);  // the first Fashion-MNIST test image is an ankle boot
        for (const float c : p.confidence) {
            QVERIFY(c > 0.1f && c < 1.0f);
        }
    }
    // bf16 runs real bfloat16 kernels: the same model answers some examples differently or
    // with different confidences than fp32.
    QVERIFY(accuracy[0].precision == u"fp32" && accuracy[1].precision == u"bf16");
    QVERIFY(accuracy[0].confidence != accuracy[1].confidence);
    // The two seeds are two different models.
    QVERIFY(accuracy[0].predicted != accuracy[2].predicted);

    const CascadeOutcome first = evaluateCascade(accuracy[0], accuracy[2], 0.0);
    const CascadeOutcome second = evaluateCascade(accuracy[0], accuracy[2], 1.0);
    QCOMPARE(first.accuracy, summarizeAccuracy(accuracy[0]).accuracy);
    QCOMPARE(second.accuracy, summarizeAccuracy(accuracy[2]).accuracy);

    // Files: written, read back, identical profiles.
    const QString dir = m_dir.filePath("results");
    QVERIFY(QDir().mkpath(dir));
    profilefiles::writeAccuracyProfiles(accuracy, dir);
    const std::vector<AccuracyProfile> back = profilefiles::readAccuracyProfiles(dir);
    QCOMPARE(back.size(), accuracy.size());
    for (std::size_t i = 0; i < back.size(); ++i) {
        QCOMPARE(back[i].predicted, accuracy[i].predicted);
        QCOMPARE(back[i].confidence, accuracy[i].confidence);
        QCOMPARE(back[i].split, QString("test"));
    }
}

void TestProfiling::liveReplayOnTinyModels() {
    // Profiles of the two tiny models, the table over them, and a trace with loose deadlines:
    // the live replay must answer every request in time, with the real models' answers.
    const ConfigSet configs = ConfigSet::load(m_dir.filePath("configs"), true);
    const DataSearchPath search = DataSearchPath::fromEnvironment(m_dir.filePath("data"));
    const ModelFiles files = ModelFiles::locate(configs, search, RecipeChoice{});
    const auto result = runInJob<SimulationResult>([&](JobContext& context) {
        const auto latency = profileLatency(configs, files, search, context);
        const auto accuracy = profileAccuracy(configs, files, search, context);
        const ConfigTable table = ConfigTable::build(
            latency, accuracy,
            ConfigTableOptions::from(configs.models, configs.protocol, "fashion-mnist"));
        const auto policy = makePolicy("CascadePlanner", table);
        Trace trace;
        for (int i = 0; i < 40; ++i) {
            trace.push_back({i, 5.0 * i, 1000.0, (37 * i) % 300});
        }
        const auto models = LiveModels::load(table, configs, files, search, context);
        // The machine's speed against the profiles: a positive, finite ratio of medians.
        const double speed = models->servingSpeedRatio(table, 3, 1);
        if (!(speed > 0.0 && std::isfinite(speed))) {
            throw Error(QString("serving speed ratio %1").arg(speed));
        }
        SimulationResult live = runLive(trace, *policy, *models, {}, context);
        const SimulationResult simulated = ServingSimulator::run(trace, *policy);
        if (simulated.metrics.hitRate != 1.0) {
            throw Error("the simulation misses loose deadlines");
        }
        // Answers of single fp32 models come from the same kernels the accuracy profile ran.
        int compared = 0;
        int mismatches = 0;
        for (const RequestRecord& r : live.records) {
            const ConfigEntry& e = table.entry(r.entry);
            if (!e.cascade && e.stage1.precision == "fp32") {
                ++compared;
                mismatches +=
                    r.correct != table.correct(e.variant1, table.exampleSlot(r.example)) ? 1 : 0;
            }
        }
        if (mismatches > 1) {
            throw Error(QString("%1 of %2 live answers differ from the profile")
                            .arg(mismatches)
                            .arg(compared));
        }
        return live;
    });
    QCOMPARE(result.records.size(), std::size_t(40));
    for (const RequestRecord& r : result.records) {
        QVERIFY(r.answered);
        QVERIFY2(r.hit,
                 qPrintable(QString("request %1 took %2 ms").arg(r.requestId).arg(r.latencyMs())));
        QVERIFY(r.startMs >= r.arrivalMs);
        QVERIFY(r.finishMs > r.startMs);
    }
    QCOMPARE(result.metrics.hitRate, 1.0);
    QCOMPARE(result.metrics.decisions > 0, true);
}

QTEST_GUILESS_MAIN(TestProfiling)
#include "tst_profiling.moc"
