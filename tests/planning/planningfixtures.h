#pragma once

// Hand-made and seeded random profiles for the planning and simulation tests.

#include "common/seededrng.h"
#include "planning/configtable.h"
#include "results/profiles.h"
#include "workload/request.h"

#include <QDir>
#include <QFile>
#include <QString>
#include <QTest>

#include <vector>

namespace aip::testing {

inline const QString kTask = QStringLiteral("t");

inline LatencyProfile latencyProfile(const QString& model, const QString& precision, int batch,
                                     const QString& device, std::vector<double> samples,
                                     int threads = 1) {
    LatencyProfile p;
    p.key.task = kTask;
    p.key.model = model;
    p.key.precision = precision;
    p.key.batchSize = batch;
    p.key.device = device;
    p.key.threads = threads;
    p.samplesMs = std::move(samples);
    return p;
}

inline AccuracyProfile accuracyProfile(const QString& model, const QString& precision,
                                       const std::vector<int>& correct,
                                       const std::vector<float>& confidence) {
    AccuracyProfile p;
    p.task = kTask;
    p.model = model;
    p.precision = precision;
    for (std::size_t i = 0; i < correct.size(); ++i) {
        p.index.push_back(static_cast<std::int64_t>(i));
        p.label.push_back(static_cast<int>(i % 10));
        p.predicted.push_back(correct[i] != 0 ? static_cast<int>(i % 10)
                                              : static_cast<int>((i + 1) % 10));
        p.confidence.push_back(confidence[i]);
    }
    return p;
}

struct Profiles {
    std::vector<LatencyProfile> latency;
    std::vector<AccuracyProfile> accuracy;
    ConfigTableOptions options;

    ConfigTable table() const { return ConfigTable::build(latency, accuracy, options); }
};

/// The golden scenario's table: S (2 ms, 7/10 right), L (5 ms, 8/10 right), both fp32 at batch 1
/// on cpu:1 with constant samples, and the cascade S > L at θ = 0.8 (escalates 5 of 10, 9/10
/// right, planning tail 2 + 5 = 7 ms). Price 3.6 per core-hour: 1e-6 per busy millisecond.
inline Profiles goldenProfiles() {
    Profiles p;
    p.latency.push_back(latencyProfile("S", "fp32", 1, "cpu:1", {2.0, 2.0, 2.0}));
    p.latency.push_back(latencyProfile("L", "fp32", 1, "cpu:1", {5.0, 5.0, 5.0}));
    p.accuracy.push_back(
        accuracyProfile("S", "fp32", {1, 1, 0, 1, 0, 1, 1, 0, 1, 1},
                        {0.9f, 0.95f, 0.5f, 0.85f, 0.6f, 0.99f, 0.7f, 0.4f, 0.9f, 0.3f}));
    p.accuracy.push_back(
        accuracyProfile("L", "fp32", {1, 1, 1, 0, 1, 1, 0, 1, 1, 1}, std::vector<float>(10, 0.9f)));
    p.options.task = kTask;
    p.options.riskEpsilon = 0.05;
    p.options.costPerDeviceHour.insert(QStringLiteral("cpu"), 3.6);
    p.options.cascades.push_back(CascadeSpec{"S", "L", {0.8}});
    return p;
}

/// Seeded random profiles: `models` models × {fp32, int8} × batch {1, 4} × {cpu:1, cpu:2},
/// larger models slower and more accurate, 20 noisy samples each, two cascades.
inline Profiles randomProfiles(std::uint64_t seed, int models = 5, int examples = 200) {
    SeededRng rng(seed, QStringLiteral("test/profiles"));
    Profiles p;
    const QStringList precisions = {QStringLiteral("fp32"), QStringLiteral("int8")};
    for (int m = 0; m < models; ++m) {
        const QString model = QStringLiteral("m%1").arg(m);
        for (const QString& precision : precisions) {
            const bool int8 = precision == u"int8";
            const double skill = 0.45 + 0.09 * m - (int8 ? 0.03 : 0.0) + rng.uniform(-0.03, 0.03);
            std::vector<int> correct;
            std::vector<float> confidence;
            for (int e = 0; e < examples; ++e) {
                const bool ok = rng.uniform01() < skill;
                correct.push_back(ok ? 1 : 0);
                confidence.push_back(
                    static_cast<float>(ok ? rng.uniform(0.45, 1.0) : rng.uniform(0.1, 0.9)));
            }
            p.accuracy.push_back(accuracyProfile(model, precision, correct, confidence));
            for (const int batch : {1, 4}) {
                for (const int threads : {1, 2}) {
                    const double base = (1.0 + 1.5 * m) * (int8 ? 0.7 : 1.0) *
                                        (threads == 2 ? 0.6 : 1.0) * (batch == 1 ? 1.0 : 2.5);
                    std::vector<double> samples;
                    for (int s = 0; s < 20; ++s) {
                        samples.push_back(base * rng.uniform(0.9, 1.5));
                    }
                    p.latency.push_back(latencyProfile(model, precision, batch,
                                                       QStringLiteral("cpu:%1").arg(threads),
                                                       samples, threads));
                }
            }
        }
    }
    p.options.task = kTask;
    p.options.riskEpsilon = 0.05;
    p.options.costPerDeviceHour.insert(QStringLiteral("cpu"), 0.05);
    if (models >= 5) {
        p.options.cascades.push_back(CascadeSpec{"m0", "m3", {0.0, 0.5, 0.8, 0.95, 1.5}});
        p.options.cascades.push_back(CascadeSpec{"m1", "m4", {0.0, 0.7, 0.9, 1.5}});
    }
    return p;
}

/// Poisson arrivals at `ratePerMs`, deadlines drawn from `deadlines`, uniform examples.
inline Trace randomTrace(std::uint64_t seed, int requests, double ratePerMs,
                         const std::vector<double>& deadlines, int examples) {
    SeededRng rng(seed, QStringLiteral("test/trace"));
    Trace trace;
    double t = 0.0;
    for (int i = 0; i < requests; ++i) {
        t += rng.exponential(ratePerMs);
        Request r;
        r.id = i;
        r.arrivalMs = t;
        r.deadlineMs = deadlines[static_cast<std::size_t>(
            rng.uniformInt(0, static_cast<std::int64_t>(deadlines.size()) - 1))];
        r.example = rng.uniformInt(0, examples - 1);
        trace.push_back(r);
    }
    return trace;
}

/// What varies between the configuration sets written by writeFixtureConfigs().
struct FixtureConfigs {
    int models = 5;    ///< m0 … m<models-1>, as randomProfiles(seed, models) names them
    QString cascades;  ///< a YAML flow list of cascades
    QString tight = QStringLiteral("[2, 4]");  ///< the deadline sets, YAML flow lists (ms)
    QString loose = QStringLiteral("[10, 30]");
    double durationS = 4.0;                     ///< of each workload
    QString hypotheses = QStringLiteral("[]");  ///< a YAML flow list
};

/// models.yaml, deadlines.yaml and experimental_protocol_quick.yaml in `dir` (created if need
/// be) for the random
/// profiles: every model of task "t" swept in fp32/int8, batches 1 and 4, cpu:1 and cpu:2;
/// Poisson and bursty workloads; deadline sets tight and loose; three seeds from 7.
inline void writeFixtureConfigs(const QString& dir, const FixtureConfigs& c) {
    QVERIFY2(QDir().mkpath(dir), qPrintable(dir));
    const auto write = [&](const QString& name, const QString& text) {
        QFile f(QDir(dir).filePath(name));
        QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(f.fileName()));
        f.write(text.toUtf8());
    };
    QString models = QStringLiteral(
        "tasks:\n"
        "  - {id: t, dataset: fashion-mnist, train_split: train, eval_split: test, num_classes: "
        "10,\n     input: {kind: image, channels: 1, height: 28, width: 28}}\nmodels:\n");
    for (int m = 0; m < c.models; ++m) {
        models +=
            QStringLiteral(
                "  - {family: m%1, task: t, architecture: torchscript, file: models/m%1.pt}\n")
                .arg(m);
    }
    models += QStringLiteral(
                  "sweep: {precisions: [fp32, int8], batch_sizes: [1, 4], devices: [\"cpu:1\", "
                  "\"cpu:2\"]}\ncascades: %1\n")
                  .arg(c.cascades);
    write(QStringLiteral("models.yaml"), models);
    write(QStringLiteral("deadlines.yaml"),
          QStringLiteral("deadline_sets:\n  tight: %1\n  loose: %2\n").arg(c.tight, c.loose));
    write(QStringLiteral("experimental_protocol_quick.yaml"),
          QStringLiteral("protocol: quick\n"
                         "description: seeded random profiles\n"
                         "tasks: [t]\n"
                         "seeds: {base: 7, replicates: 3}\n"
                         "workloads:\n"
                         "  - {name: poisson, arrival: poisson, rate_rps: 150, duration_s: %1}\n"
                         "  - {name: bursty, arrival: bursty, rate_on_rps: 400, rate_off_rps: 40, "
                         "mean_on_s: 0.5, mean_off_s: 1, duration_s: %1}\n"
                         "deadline_sets: [tight, loose]\n"
                         "risk_epsilon: 0.05\n"
                         "alpha: 0.05\n"
                         "cost_per_device_hour: {cpu: 0.05}\n"
                         "pareto_reference: {latency_ms: 200, cost_per_1k: 0.1, accuracy: 0.0}\n"
                         "hypotheses: %2\n")
              .arg(c.durationS)
              .arg(c.hypotheses));
}

}  // namespace aip::testing
