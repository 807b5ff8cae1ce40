// Single-batch latency of the zoo and the imported models per precision × batch × threads,
// and of int8 under each quantized engine, measured side by side in one process.
//
//   AIP_DATA_DIR=... build/release/bin/bench_zoo_latency [--benchmark_filter=REGEX]
//
// Zoo models use the checkpoints the train job wrote (scripts/train-zoo.sh); a model without
// one is skipped with a note. One forward pass of a preprocessed batch is one iteration.

#include "common/error.h"
#include "config/configset.h"
#include "data/datasetloader.h"
#include "engine/inferencemodel.h"
#include "engine/runtimeinfo.h"
#include "engine/trainer.h"
#include "evaluation/modelresolver.h"

#include "common/allocator.h"

#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <map>
#include <memory>

namespace {

using namespace aip;

struct Fixture {
    std::unique_ptr<InferenceModel> model;
    std::unique_ptr<Dataset> eval;
    std::unique_ptr<Dataset> calibration;
};

/// Models and datasets are loaded once per model, not once per benchmark.
std::map<QString, Fixture>& fixtures() {
    static std::map<QString, Fixture> cache;
    return cache;
}

Fixture* fixtureFor(const ModelsConfig& config, const QString& id, QString& why) {
    auto& cache = fixtures();
    if (auto it = cache.find(id); it != cache.end()) {
        return &it->second;
    }
    const ModelVariant& spec = *config.model(id);
    const TaskSpec& task = *config.task(spec.task);
    const DataSearchPath search = DataSearchPath::fromEnvironment();
    ModelLoadOptions load;
    if (spec.architecture == u"torchscript") {
        load.weightsFile = search.find(spec.file);
    } else {
        // Latency does not depend on which recipe trained the weights: the first one found.
        const std::vector<TrainedCheckpoint> trained = trainedCheckpoints(id, search);
        if (!trained.empty()) {
            load.weightsFile = trained.front().file;
            load.vocabFile = vocabFileFor(load.weightsFile);
        }
    }
    if (load.weightsFile.isEmpty()) {
        why = QStringLiteral("no weights for %1 (run scripts/train-zoo.sh)").arg(id);
        return nullptr;
    }
    Fixture f;
    f.eval = loadDataset(task.dataset, task.evalSplit, search);
    f.calibration = loadDataset(task.dataset, task.trainSplit, search);
    f.model = loadInferenceModel(spec, task, load);
    return &cache.emplace(id, std::move(f)).first->second;
}

void runLatency(benchmark::State& state, const ModelsConfig* config, QString id,
                Precision precision, int batch, int threads, QString engine) {
    QString why;
    Fixture* f = nullptr;
    try {
        f = fixtureFor(*config, id, why);
    } catch (const Error& e) {
        why = e.message();
    }
    if (f == nullptr) {
        state.SkipWithError(why.toStdString().c_str());
        return;
    }
    try {
        if (!engine.isEmpty() && !setQuantizedEngine(engine)) {
            state.SkipWithError("quantized engine not in this LibTorch");
            return;
        }
        DeviceSpec device;
        device.threads = threads;
        f->model->prepare(precision, device, f->calibration.get());
        const auto input = f->model->makeInput(*f->eval, 0, batch);
        for (auto _ : state) {
            benchmark::DoNotOptimize(f->model->run(*input));
        }
        state.counters["examples_per_s"] = benchmark::Counter(
            static_cast<double>(batch), benchmark::Counter::kIsIterationInvariantRate);
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
    }
    setQuantizedEngine(QString());
}

}  // namespace

int main(int argc, char** argv) {
    aip::configureTensorAllocator();
    QCoreApplication app(argc, argv);
    // The same identity as the application, so the user data folder (checkpoints) is the same.
    QCoreApplication::setOrganizationName(QStringLiteral("AnytimeInferencePlanner"));
    QCoreApplication::setApplicationName(QStringLiteral("anytime-planner"));
    benchmark::Initialize(&argc, argv);
    static ModelsConfig config;
    try {
        config = ModelsConfig::load(
            QDir(defaultConfigDirectory()).filePath(QStringLiteral("models.yaml")));
    } catch (const Error& e) {
        fprintf(stderr, "bench_zoo_latency: %s\n", qPrintable(e.message()));
        return 1;
    }
    const QStringList ids = {QStringLiteral("fmnist-resnet18-w0.25"),
                             QStringLiteral("fmnist-mobilenetv2-w0.5"),
                             QStringLiteral("resnet18-w0.5"),
                             QStringLiteral("resnet18"),
                             QStringLiteral("mobilenetv2-w0.5"),
                             QStringLiteral("resnet20"),
                             QStringLiteral("resnet56"),
                             QStringLiteral("minilm-small"),
                             QStringLiteral("distilbert-small"),
                             QStringLiteral("minilm"),
                             QStringLiteral("distilbert")};
    for (const QString& id : ids) {
        for (const Precision precision : {Precision::Fp32, Precision::Bf16, Precision::Int8}) {
            for (const int batch : {1, 8, 32}) {
                for (const int threads : {1, 2}) {
                    const std::string name = QStringLiteral("latency/%1/%2/b%3/t%4")
                                                 .arg(id, precisionName(precision))
                                                 .arg(batch)
                                                 .arg(threads)
                                                 .toStdString();
                    benchmark::RegisterBenchmark(name.c_str(), runLatency, &config, id, precision,
                                                 batch, threads, QString())
                        ->Unit(benchmark::kMillisecond)
                        ->MinTime(0.3);
                }
            }
        }
        // int8 under each quantized engine, batch 8 on all threads.
        for (const QString& engine :
             {QStringLiteral("onednn"), QStringLiteral("qnnpack"), QStringLiteral("fbgemm")}) {
            const std::string name =
                QStringLiteral("int8-engine/%1/%2/b8/t2").arg(id, engine).toStdString();
            benchmark::RegisterBenchmark(name.c_str(), runLatency, &config, id, Precision::Int8, 8,
                                         2, engine)
                ->Unit(benchmark::kMillisecond)
                ->MinTime(0.3);
        }
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
