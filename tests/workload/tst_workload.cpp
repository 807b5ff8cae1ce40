#include "common/error.h"
#include "config/configset.h"
#include "workload/tracefile.h"
#include "workload/workloadgenerator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

using namespace aip;

Q_DECLARE_METATYPE(aip::WorkloadSpec)
Q_DECLARE_METATYPE(std::vector<double>)

namespace {

const std::vector<double> kTight = {2, 3, 5, 8};
const std::vector<double> kLoose = {50, 100, 200};

WorkloadSpec poisson(double rate, double duration) {
    WorkloadSpec w;
    w.name = QStringLiteral("poisson");
    w.arrival = WorkloadSpec::Arrival::Poisson;
    w.rateRps = rate;
    w.durationS = duration;
    return w;
}

WorkloadSpec bursty(double duration) {
    WorkloadSpec w;
    w.name = QStringLiteral("bursty");
    w.arrival = WorkloadSpec::Arrival::Bursty;
    w.rateOnRps = 200;
    w.rateOffRps = 20;
    w.meanOnS = 1;
    w.meanOffS = 4;
    w.durationS = duration;
    return w;
}

WorkloadSpec diurnal(double duration) {
    WorkloadSpec w;
    w.name = QStringLiteral("diurnal");
    w.arrival = WorkloadSpec::Arrival::Diurnal;
    w.rateRps = 60;
    w.amplitude = 0.8;
    w.periodS = 60;
    w.durationS = duration;
    return w;
}

WorkloadSpec spike() {
    WorkloadSpec w;
    w.name = QStringLiteral("spike");
    w.arrival = WorkloadSpec::Arrival::Spike;
    w.rateRps = 40;
    w.spikeRps = 400;
    w.spikeStartS = 50;
    w.spikeDurationS = 10;
    w.durationS = 120;
    return w;
}

/// Requests per whole second of [0, durationS).
std::vector<double> countsPerSecond(const Trace& trace, double durationS) {
    std::vector<double> counts(static_cast<std::size_t>(durationS), 0.0);
    for (const Request& r : trace) {
        const auto second = static_cast<std::size_t>(r.arrivalMs / 1000.0);
        if (second < counts.size()) {
            counts[second] += 1.0;
        }
    }
    return counts;
}

double mean(const std::vector<double>& v) {
    double sum = 0;
    for (const double x : v) {
        sum += x;
    }
    return sum / static_cast<double>(v.size());
}

double variance(const std::vector<double>& v) {
    const double m = mean(v);
    double sum = 0;
    for (const double x : v) {
        sum += (x - m) * (x - m);
    }
    return sum / static_cast<double>(v.size() - 1);
}

qsizetype countIn(const Trace& trace, double fromMs, double toMs) {
    return std::count_if(trace.begin(), trace.end(), [&](const Request& r) {
        return r.arrivalMs >= fromMs && r.arrivalMs < toMs;
    });
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return f.readAll();
}

void writeText(const QString& path, const QByteArray& text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

/// Every request is well formed: ids in order, arrivals sorted inside the duration, deadlines
/// from the set, examples in range.
void checkWellFormed(const Trace& trace, double durationS, const std::vector<double>& set,
                     std::int64_t exampleCount) {
    for (std::size_t i = 0; i < trace.size(); ++i) {
        const Request& r = trace[i];
        QCOMPARE(r.id, static_cast<std::int64_t>(i));
        QVERIFY(r.arrivalMs >= 0 && r.arrivalMs <= durationS * 1000.0);
        if (i > 0) {
            QVERIFY(r.arrivalMs >= trace[i - 1].arrivalMs);
        }
        QVERIFY(std::find(set.begin(), set.end(), r.deadlineMs) != set.end());
        QVERIFY(r.example >= 0 && r.example < exampleCount);
    }
}

}  // namespace

class TestWorkload final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void poissonCountAndGaps_data();
    void poissonCountAndGaps();
    void burstyIsOverdispersed();
    void diurnalPeaksAtTheSinePeak();
    void spikeWindowIsDenser();
    void addSpikeKeepsTheBaseRequests();
    void deadlinesAndExamplesAreUniform();
    void sameSeedSameBytes_data();
    void sameSeedSameBytes();
    void deadlineSetDoesNotMoveArrivals();
    void traceRoundTrip();
    void protocolWorkloadsGenerate_data();
    void protocolWorkloadsGenerate();
    void traceWorkloadReplaysTheFile();
    void scaledRatesKeepTheShape();
    void compressedTraceAndWindow();
    void invalidWorkloads_data();
    void invalidWorkloads();
    void invalidSpikes_data();
    void invalidSpikes();
    void malformedTraceFiles_data();
    void malformedTraceFiles();
    void tooLongTraceIsRefused();
};

void TestWorkload::poissonCountAndGaps_data() {
    QTest::addColumn<quint64>("seed");
    QTest::newRow("seed 1") << quint64(1);
    QTest::newRow("seed 20261126") << quint64(20261126);
    QTest::newRow("seed 7777") << quint64(7777);
}

void TestWorkload::poissonCountAndGaps() {
    QFETCH(quint64, seed);
    const double rate = 50;
    const double duration = 200;
    const Trace trace = generateTrace(poisson(rate, duration), kTight, 1000, seed);
    checkWellFormed(trace, duration, kTight, 1000);
    // The count is Poisson(rate·duration): mean 10000, σ = 100.
    const double expected = rate * duration;
    const double n = static_cast<double>(trace.size());
    QVERIFY2(std::abs(n - expected) < 4 * std::sqrt(expected),
             qPrintable(QStringLiteral("%1 requests, expected %2 ± 400").arg(n).arg(expected)));
    std::vector<double> gaps;
    double previous = 0.0;
    for (const Request& r : trace) {
        gaps.push_back(r.arrivalMs - previous);
        previous = r.arrivalMs;
    }
    // Mean inter-arrival 1/rate = 20 ms; its standard error is 20/√n = 0.2 ms.
    QVERIFY2(std::abs(mean(gaps) - 20.0) < 1.0, qPrintable(QString::number(mean(gaps))));
    // Exponential gaps: the coefficient of variation is 1.
    const double cv = std::sqrt(variance(gaps)) / mean(gaps);
    QVERIFY2(std::abs(cv - 1.0) < 0.05, qPrintable(QString::number(cv)));
}

void TestWorkload::burstyIsOverdispersed() {
    const double duration = 600;
    const WorkloadSpec b = bursty(duration);
    QCOMPARE(meanArrivalRate(b), 56.0);  // (200·1 + 20·4) / 5
    const Trace burstyTrace = generateTrace(b, kTight, 100, 42);
    const Trace poissonTrace =
        generateTrace(poisson(meanArrivalRate(b), duration), kTight, 100, 42);
    checkWellFormed(burstyTrace, duration, kTight, 100);

    const std::vector<double> burstyCounts = countsPerSecond(burstyTrace, duration);
    const std::vector<double> poissonCounts = countsPerSecond(poissonTrace, duration);
    // Equal mean rates (the on/off mix averages out over 120 cycles)...
    QVERIFY2(std::abs(mean(burstyCounts) - 56.0) < 0.2 * 56.0,
             qPrintable(QString::number(mean(burstyCounts))));
    QVERIFY2(std::abs(mean(poissonCounts) - 56.0) < 0.05 * 56.0,
             qPrintable(QString::number(mean(poissonCounts))));
    // ...but Poisson counts have variance ≈ mean, the MMPP's are far more spread.
    const double poissonDispersion = variance(poissonCounts) / mean(poissonCounts);
    const double burstyDispersion = variance(burstyCounts) / mean(burstyCounts);
    QVERIFY2(poissonDispersion > 0.7 && poissonDispersion < 1.3,
             qPrintable(QString::number(poissonDispersion)));
    QVERIFY2(
        burstyDispersion > 10 * poissonDispersion,
        qPrintable(
            QStringLiteral("bursty %1, poisson %2").arg(burstyDispersion).arg(poissonDispersion)));
}

void TestWorkload::diurnalPeaksAtTheSinePeak() {
    const WorkloadSpec d = diurnal(600);
    const Trace trace = generateTrace(d, kTight, 100, 3);
    checkWellFormed(trace, d.durationS, kTight, 100);
    // The mean rate holds over whole periods: 36000 expected, σ = 190.
    QVERIFY2(std::abs(static_cast<double>(trace.size()) - 36000.0) < 4 * 190.0,
             qPrintable(QString::number(trace.size())));
    // sin peaks at a quarter period and bottoms out at three quarters: count the ±5 s around each.
    qsizetype nearPeak = 0;
    qsizetype nearTrough = 0;
    for (int k = 0; k < 10; ++k) {
        const double start = k * 60.0 * 1000.0;
        nearPeak += countIn(trace, start + 10000, start + 20000);
        nearTrough += countIn(trace, start + 40000, start + 50000);
    }
    // Expected: 60·(1 ± 0.8·0.955)·100 s ≈ 10584 and 1416.
    QVERIFY2(std::abs(nearPeak - 10584) < 500, qPrintable(QString::number(nearPeak)));
    QVERIFY2(std::abs(nearTrough - 1416) < 200, qPrintable(QString::number(nearTrough)));
}

void TestWorkload::spikeWindowIsDenser() {
    const WorkloadSpec s = spike();
    QCOMPARE(meanArrivalRate(s), 40.0 + 400.0 * 10.0 / 120.0);
    const Trace trace = generateTrace(s, kTight, 100, 11);
    checkWellFormed(trace, s.durationS, kTight, 100);
    const double inside = static_cast<double>(countIn(trace, 50000, 60000)) / 10.0;
    const double outside =
        static_cast<double>(countIn(trace, 0, 50000) + countIn(trace, 60000, 120000)) / 110.0;
    // 440/s inside (σ ≈ 6.6/s over 10 s), 40/s outside (σ ≈ 0.6/s over 110 s).
    QVERIFY2(std::abs(inside - 440.0) < 30.0, qPrintable(QString::number(inside)));
    QVERIFY2(std::abs(outside - 40.0) < 3.0, qPrintable(QString::number(outside)));

    // A spike running past the end is cut at duration_s.
    WorkloadSpec late = s;
    late.spikeStartS = 115;
    const Trace lateTrace = generateTrace(late, kTight, 100, 11);
    QVERIFY(lateTrace.back().arrivalMs < 120000.0);
    QVERIFY(countIn(lateTrace, 115000, 120000) > 5 * 400 / 2);
}

void TestWorkload::addSpikeKeepsTheBaseRequests() {
    const Trace base = generateTrace(poisson(20, 60), kLoose, 50, 5);
    const SpikeSpec extra{300.0, 10.0, 5.0};
    const Trace spiked = addSpike(base, extra, kTight, 50, 5, QStringLiteral("test/spike"));
    checkWellFormed(spiked, 60, {2, 3, 5, 8, 50, 100, 200}, 50);
    // About 1500 extra requests (σ ≈ 39), all inside the window.
    const qsizetype added = static_cast<qsizetype>(spiked.size() - base.size());
    QVERIFY2(std::abs(added - 1500) < 200, qPrintable(QString::number(added)));
    // The base requests are still there, in order, unchanged but for their ids; the new ones
    // carry deadlines of their own set and lie in the window.
    std::size_t b = 0;
    for (const Request& r : spiked) {
        const bool fromBase = std::find(kLoose.begin(), kLoose.end(), r.deadlineMs) != kLoose.end();
        if (fromBase) {
            QVERIFY(b < base.size());
            QCOMPARE(r.arrivalMs, base[b].arrivalMs);
            QCOMPARE(r.deadlineMs, base[b].deadlineMs);
            QCOMPARE(r.example, base[b].example);
            ++b;
        } else {
            QVERIFY(r.arrivalMs >= 10000.0 && r.arrivalMs < 15000.0);
        }
    }
    QCOMPARE(b, base.size());
    // Seeded: the same call gives the same trace.
    const Trace again = addSpike(base, extra, kTight, 50, 5, QStringLiteral("test/spike"));
    QCOMPARE(again.size(), spiked.size());
    QCOMPARE(again.back().arrivalMs, spiked.back().arrivalMs);
}

void TestWorkload::deadlinesAndExamplesAreUniform() {
    const Trace trace = generateTrace(poisson(100, 200), kTight, 4, 9);
    std::map<double, int> deadlines;
    std::map<std::int64_t, int> examples;
    for (const Request& r : trace) {
        ++deadlines[r.deadlineMs];
        ++examples[r.example];
    }
    const double n = static_cast<double>(trace.size());
    QCOMPARE(deadlines.size(), std::size_t(4));
    QCOMPARE(examples.size(), std::size_t(4));
    // Each of 4 values has probability 1/4: σ of the share ≈ √(3/16/n) ≈ 0.003.
    for (const auto& [value, count] : deadlines) {
        QVERIFY2(std::abs(count / n - 0.25) < 0.015, qPrintable(QString::number(value)));
    }
    for (const auto& [value, count] : examples) {
        QVERIFY2(std::abs(count / n - 0.25) < 0.015, qPrintable(QString::number(value)));
    }
}

void TestWorkload::sameSeedSameBytes_data() {
    QTest::addColumn<int>("kind");
    QTest::newRow("poisson") << 0;
    QTest::newRow("bursty") << 1;
    QTest::newRow("diurnal") << 2;
    QTest::newRow("spike") << 3;
}

void TestWorkload::sameSeedSameBytes() {
    QFETCH(int, kind);
    const WorkloadSpec specs[] = {poisson(30, 20), bursty(20), diurnal(20), spike()};
    const WorkloadSpec& spec = specs[kind];
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString a = dir.filePath("a.csv");
    const QString b = dir.filePath("b.csv");
    const QString c = dir.filePath("c.csv");
    saveTrace(generateTrace(spec, kTight, 500, 1234), a);
    saveTrace(generateTrace(spec, kTight, 500, 1234), b);
    saveTrace(generateTrace(spec, kTight, 500, 1235), c);
    const QByteArray bytesA = readAll(a);
    QVERIFY(bytesA.count('\n') > 100);
    QCOMPARE(readAll(b), bytesA);
    QVERIFY(readAll(c) != bytesA);
    // The stream is named after the workload: another name, another trace.
    WorkloadSpec renamed = spec;
    renamed.name += QStringLiteral("-2");
    saveTrace(generateTrace(renamed, kTight, 500, 1234), c);
    QVERIFY(readAll(c) != bytesA);
}

void TestWorkload::deadlineSetDoesNotMoveArrivals() {
    for (const WorkloadSpec& spec : {poisson(30, 30), bursty(30), diurnal(30), spike()}) {
        const Trace tight = generateTrace(spec, kTight, 500, 99);
        const Trace loose = generateTrace(spec, kLoose, 500, 99);
        QCOMPARE(tight.size(), loose.size());
        for (std::size_t i = 0; i < tight.size(); ++i) {
            QCOMPARE(tight[i].arrivalMs, loose[i].arrivalMs);
            QCOMPARE(tight[i].example, loose[i].example);
            QVERIFY(tight[i].deadlineMs <= 8 && loose[i].deadlineMs >= 50);
        }
    }
}

void TestWorkload::traceRoundTrip() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString first = dir.filePath("nested/first.csv");
    const QString second = dir.filePath("second.csv");
    const Trace trace = generateTrace(bursty(60), kTight, 10000, 77);
    QVERIFY(trace.size() > 100);
    saveTrace(trace, first);
    QVERIFY(readAll(first).startsWith("arrival_ms,deadline_ms,example_index\n"));
    const Trace loaded = loadTrace(first, 10000);
    QCOMPARE(loaded.size(), trace.size());
    for (std::size_t i = 0; i < trace.size(); ++i) {
        QCOMPARE(loaded[i].id, trace[i].id);
        QCOMPARE(loaded[i].arrivalMs, trace[i].arrivalMs);  // exact, not approximate
        QCOMPARE(loaded[i].deadlineMs, trace[i].deadlineMs);
        QCOMPARE(loaded[i].example, trace[i].example);
    }
    saveTrace(loaded, second);
    QCOMPARE(readAll(second), readAll(first));
    // No temporary file is left beside the trace.
    QCOMPARE(QDir(dir.filePath("nested")).entryList(QDir::Files), QStringList({"first.csv"}));
}

void TestWorkload::protocolWorkloadsGenerate_data() {
    QTest::addColumn<bool>("quick");
    QTest::newRow("full") << false;
    QTest::newRow("quick") << true;
}

void TestWorkload::protocolWorkloadsGenerate() {
    QFETCH(bool, quick);
    const ConfigSet configs = ConfigSet::load(AIP_TEST_SOURCE_DIR "/configs", quick);
    QVERIFY(!configs.protocol.workloads.empty());
    for (const WorkloadSpec& spec : configs.protocol.workloads) {
        const double expected = meanArrivalRate(spec) * spec.durationS;
        for (const QString& set : configs.protocol.deadlineSets) {
            const std::vector<double>& deadlines = configs.deadlines.sets.at(set);
            const Trace trace = generateTrace(spec, deadlines, 10000, configs.protocol.baseSeed);
            checkWellFormed(trace, spec.durationS, deadlines, 10000);
            // Loose: a 120 s bursty trace sees only a dozen on/off cycles.
            const double n = static_cast<double>(trace.size());
            QVERIFY2(n > 0.5 * expected && n < 1.5 * expected,
                     qPrintable(QStringLiteral("%1/%2: %3 requests, %4 expected")
                                    .arg(spec.name, set)
                                    .arg(n)
                                    .arg(expected)));
        }
    }
}

void TestWorkload::traceWorkloadReplaysTheFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("replay.csv");
    writeText(path,
              "arrival_ms,deadline_ms,example_index\n0,5,3\n0,10,0\n12.5,2.5,9\n\n1000,100,1\n");
    WorkloadSpec spec;
    spec.name = QStringLiteral("replay");
    spec.arrival = WorkloadSpec::Arrival::Trace;
    spec.traceFile = path;
    // The file decides everything: seed and deadline set play no part.
    const Trace trace = generateTrace(spec, kTight, 10, 1);
    QCOMPARE(trace.size(), std::size_t(4));
    QCOMPARE(trace[2].id, std::int64_t(2));
    QCOMPARE(trace[2].arrivalMs, 12.5);
    QCOMPARE(trace[2].deadlineMs, 2.5);
    QCOMPARE(trace[2].example, std::int64_t(9));
    QCOMPARE(trace[3].arrivalMs, 1000.0);
    QCOMPARE(generateTrace(spec, {}, 10, 2).size(), trace.size());
    QVERIFY_THROWS_EXCEPTION(Error, meanArrivalRate(spec));
}

void TestWorkload::scaledRatesKeepTheShape() {
    // Every rate times 1.5, every duration as it was (hand-written expectations).
    const WorkloadSpec b = scaleWorkloadRates(bursty(30), 1.5);
    QCOMPARE(b.rateOnRps, 300.0);
    QCOMPARE(b.rateOffRps, 30.0);
    QCOMPARE(b.meanOnS, 1.0);
    QCOMPARE(b.meanOffS, 4.0);
    QCOMPARE(b.durationS, 30.0);
    const WorkloadSpec s = scaleWorkloadRates(spike(), 1.5);
    QCOMPARE(s.rateRps, 60.0);
    QCOMPARE(s.spikeRps, 600.0);
    QCOMPARE(s.spikeStartS, 50.0);
    QCOMPARE(s.spikeDurationS, 10.0);
    // Mean rate of the bursty workload: (1·200 + 4·20)/5 = 56 req/s, so 84 at 1.5×.
    QCOMPARE(meanArrivalRate(b), 84.0);
    // A Poisson trace at 1.5× holds about 1.5× the requests: 3000 expected over 20 s at 150/s,
    // ±5 standard deviations (√3000 ≈ 55).
    const Trace scaled = generateTrace(scaleWorkloadRates(poisson(100, 20), 1.5), kTight, 10, 7);
    QVERIFY2(std::abs(static_cast<double>(scaled.size()) - 3000.0) < 5 * 55.0,
             qPrintable(QString::number(scaled.size())));
    QVERIFY_THROWS_EXCEPTION(Error, scaleWorkloadRates(poisson(10, 10), 0.0));
    QVERIFY_THROWS_EXCEPTION(Error, scaleWorkloadRates(poisson(10, 10), -2.0));
}

void TestWorkload::compressedTraceAndWindow() {
    Trace trace;
    for (const double at : {0.0, 10.0, 999.998, 1500.0, 3000.0}) {
        trace.push_back({static_cast<std::int64_t>(trace.size()), at, 5.0, 7});
    }
    // Twice the rate: every arrival halved, rounded to the microsecond.
    const Trace fast = compressTrace(trace, 2.0);
    QCOMPARE(fast.size(), trace.size());
    QCOMPARE(fast[1].arrivalMs, 5.0);
    QCOMPARE(fast[2].arrivalMs, 499.999);
    QCOMPARE(fast[4].arrivalMs, 1500.0);
    QCOMPARE(fast[4].deadlineMs, 5.0);
    QCOMPARE(fast[4].example, std::int64_t(7));
    QVERIFY_THROWS_EXCEPTION(Error, compressTrace(trace, 0.0));
    // The window [0.01 s, 1.51 s): three requests, shifted by 10 ms and renumbered.
    const Trace window = traceWindow(trace, 0.01, 1.5);
    QCOMPARE(window.size(), std::size_t(3));
    QCOMPARE(window[0].id, std::int64_t(0));
    QCOMPARE(window[0].arrivalMs, 0.0);
    QCOMPARE(window[1].arrivalMs, 989.998);
    QCOMPARE(window[2].id, std::int64_t(2));
    QCOMPARE(window[2].arrivalMs, 1490.0);
    QVERIFY(traceWindow(trace, 4.0, 1.0).empty());
}

void TestWorkload::invalidWorkloads_data() {
    QTest::addColumn<WorkloadSpec>("spec");
    QTest::addColumn<std::vector<double>>("deadlines");
    QTest::addColumn<qint64>("examples");
    QTest::addColumn<QString>("expected");

    WorkloadSpec w = poisson(0, 10);
    QTest::newRow("rate 0") << w << kTight << qint64(10)
                            << "workload 'poisson' (poisson): rate_rps must be a positive number, "
                               "got 0";
    w = poisson(-5, 10);
    QTest::newRow("negative rate") << w << kTight << qint64(10) << "rate_rps must be a positive";
    w = poisson(std::numeric_limits<double>::infinity(), 10);
    QTest::newRow("infinite rate") << w << kTight << qint64(10) << "rate_rps must be a positive";
    w = poisson(10, 0);
    QTest::newRow("duration 0") << w << kTight << qint64(10) << "duration_s must be a positive";
    QTest::newRow("empty deadline set") << poisson(10, 10) << std::vector<double>{} << qint64(10)
                                        << "workload 'poisson' (poisson): the deadline set is "
                                           "empty";
    QTest::newRow("zero deadline") << poisson(10, 10) << std::vector<double>{5, 0} << qint64(10)
                                   << "every deadline (ms) must be a positive number, got 0";
    QTest::newRow("no examples") << poisson(10, 10) << kTight << qint64(0)
                                 << "the example count must be positive, got 0";
    QTest::newRow("negative examples")
        << poisson(10, 10) << kTight << qint64(-3) << "the example count must be positive, got -3";
    w = bursty(10);
    w.meanOnS = 0;
    QTest::newRow("bursty mean_on 0")
        << w << kTight << qint64(10) << "workload 'bursty' (bursty): mean_on_s must be a positive";
    w = bursty(10);
    w.rateOffRps = -1;
    QTest::newRow("bursty rate_off") << w << kTight << qint64(10) << "rate_off_rps must be a";
    w = diurnal(10);
    w.amplitude = 1.5;
    QTest::newRow("diurnal amplitude")
        << w << kTight << qint64(10) << "amplitude must be in [0, 1]";
    w = diurnal(10);
    w.periodS = 0;
    QTest::newRow("diurnal period") << w << kTight << qint64(10) << "period_s must be a positive";
    w = spike();
    w.spikeDurationS = 0;
    QTest::newRow("spike duration")
        << w << kTight << qint64(10) << "spike_duration_s must be a positive";
    w = spike();
    w.spikeStartS = -1;
    QTest::newRow("spike start") << w << kTight << qint64(10)
                                 << "spike_start_s must be a non-negative";
    w = poisson(1e6, 1e6);
    QTest::newRow("too many requests")
        << w << kTight << qint64(10) << "more than the 50000000 a trace may hold";
    w = WorkloadSpec();
    w.name = QStringLiteral("replay");
    w.arrival = WorkloadSpec::Arrival::Trace;
    w.traceFile = QStringLiteral("/nonexistent/trace.csv");
    QTest::newRow("missing trace file")
        << w << kTight << qint64(10) << "/nonexistent/trace.csv: cannot open";
}

void TestWorkload::invalidWorkloads() {
    QFETCH(WorkloadSpec, spec);
    QFETCH(std::vector<double>, deadlines);
    QFETCH(qint64, examples);
    QFETCH(QString, expected);
    try {
        generateTrace(spec, deadlines, examples, 1);
        QFAIL("no error");
    } catch (const Error& e) {
        QVERIFY2(e.message().contains(expected), qPrintable(e.message()));
    }
}

void TestWorkload::invalidSpikes_data() {
    QTest::addColumn<double>("rate");
    QTest::addColumn<double>("start");
    QTest::addColumn<double>("duration");
    QTest::addColumn<bool>("sorted");
    QTest::addColumn<QString>("expected");
    QTest::newRow("rate 0") << 0.0 << 1.0 << 1.0 << true
                            << "spike 'workload/spike': spike_rps must be a positive number";
    QTest::newRow("negative start")
        << 10.0 << -2.0 << 1.0 << true << "spike_start_s must be a non-negative number, got -2";
    QTest::newRow("duration 0") << 10.0 << 1.0 << 0.0 << true
                                << "spike_duration_s must be a positive number, got 0";
    QTest::newRow("unsorted trace") << 10.0 << 1.0 << 1.0 << false
                                    << "the trace is not sorted by arrival (request 1 arrives at "
                                       "5 ms";
}

void TestWorkload::invalidSpikes() {
    QFETCH(double, rate);
    QFETCH(double, start);
    QFETCH(double, duration);
    QFETCH(bool, sorted);
    QFETCH(QString, expected);
    Trace trace = {{0, 10.0, 5.0, 0}, {1, 20.0, 5.0, 1}};
    if (!sorted) {
        trace[1].arrivalMs = 5.0;
    }
    try {
        addSpike(trace, SpikeSpec{rate, start, duration}, kTight, 10, 1);
        QFAIL("no error");
    } catch (const Error& e) {
        QVERIFY2(e.message().contains(expected), qPrintable(e.message()));
    }
}

void TestWorkload::malformedTraceFiles_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<qint64>("examples");
    QTest::addColumn<QString>("expected");
    const QByteArray header = "arrival_ms,deadline_ms,example_index\n";
    QTest::newRow("no header") << QByteArray("0,5,1\n3,5,2\n") << qint64(10)
                               << "trace.csv:1: expected the header "
                                  "arrival_ms,deadline_ms,example_index, found '0,5,1'";
    QTest::newRow("empty file") << QByteArray() << qint64(10) << "trace.csv: empty CSV";
    QTest::newRow("header only") << header << qint64(10)
                                 << "trace.csv: the trace holds no requests";
    QTest::newRow("non-numeric arrival")
        << header + "0,5,1\nsoon,5,2\n"
        << qint64(10) << "trace.csv:3: arrival_ms 'soon' is not a number";
    QTest::newRow("non-numeric deadline")
        << header + "0,5ms,1\n"
        << qint64(10) << "trace.csv:2: deadline_ms '5ms' is not a number";
    QTest::newRow("negative arrival")
        << header + "-1,5,1\n"
        << qint64(10) << "trace.csv:2: arrival_ms must be non-negative, got -1";
    QTest::newRow("negative deadline")
        << header + "0,-5,1\n"
        << qint64(10) << "trace.csv:2: deadline_ms must be positive, got -5";
    QTest::newRow("zero deadline")
        << header + "0,0,1\n"
        << qint64(10) << "trace.csv:2: deadline_ms must be positive, got 0";
    QTest::newRow("unsorted") << header + "0,5,1\n10,5,1\n\n4,5,1\n"
                              << qint64(10)
                              << "trace.csv:5: arrival_ms 4 is earlier than the previous row's 10";
    QTest::newRow("example too large")
        << header + "0,5,1\n1,5,10\n"
        << qint64(10) << "trace.csv:3: example_index 10 is out of range [0, 10)";
    QTest::newRow("negative example")
        << header + "0,5,-1\n"
        << qint64(10) << "trace.csv:2: example_index -1 is out of range [0, 10)";
    QTest::newRow("fractional example")
        << header + "0,5,1.5\n"
        << qint64(10) << "trace.csv:2: example_index '1.5' is not an integer";
    QTest::newRow("short row") << header + "0,5\n"
                               << qint64(10)
                               << "trace.csv:2: expected 3 fields like the header, found 2";
    QTest::newRow("no examples") << header + "0,5,0\n"
                                 << qint64(0)
                                 << "trace.csv: the example count must be positive, got 0";
}

void TestWorkload::malformedTraceFiles() {
    QFETCH(QByteArray, content);
    QFETCH(qint64, examples);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("trace.csv");
    writeText(path, content);
    try {
        loadTrace(path, examples);
        QFAIL("no error");
    } catch (const Error& e) {
        QVERIFY2(e.message().contains(expected), qPrintable(e.message()));
        QVERIFY2(e.message().startsWith(path), qPrintable(e.message()));
    }
}

void TestWorkload::tooLongTraceIsRefused() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("long trace.csv");
    const QByteArray rows = "arrival_ms,deadline_ms,example_index\n0,5,0\n1,5,1\n2,5,2\n3,5,3\n";
    // Four requests with a limit of four: read. Five, with or without the last line end, or a
    // limit of three: refused before any row is used, naming the file and the limit.
    writeText(path, rows);
    QCOMPARE(loadTrace(path, 10, 4).size(), std::size_t{4});
    const QString expected = path + ": the trace holds more than %1 requests";
    for (const auto& [content, limit] :
         {std::pair{rows + "4,5,4\n", 4}, std::pair{rows + "4,5,4", 4}, std::pair{rows, 3}}) {
        writeText(path, content);
        try {
            loadTrace(path, 10, limit);
            QFAIL("a trace longer than the limit was read");
        } catch (const Error& e) {
            QVERIFY2(e.message().startsWith(expected.arg(limit)), qPrintable(e.message()));
        }
    }
    QCOMPARE(kMaxTraceRequests, std::int64_t{10'000'000});

    // A real trace of 50 million rows (300 MB) against the default limit: refused after the
    // first 10 million lines are counted, before any row is parsed.
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("arrival_ms,deadline_ms,example_index\n");
        QByteArray block;
        for (int i = 0; i < 100'000; ++i) {
            block += "1,5,0\n";
        }
        for (int i = 0; i < 500; ++i) {
            QCOMPARE(f.write(block), block.size());
        }
    }
    QCOMPARE(QFileInfo(path).size(), qint64{37} + qint64{50'000'000} * 6);
    try {
        loadTrace(path, 10);
        QFAIL("a trace of 50 million rows was read");
    } catch (const Error& e) {
        QVERIFY2(e.message().startsWith(expected.arg(kMaxTraceRequests)), qPrintable(e.message()));
    }
}

QTEST_GUILESS_MAIN(TestWorkload)
#include "tst_workload.moc"
