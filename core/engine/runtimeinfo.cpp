#include "engine/runtimeinfo.h"

#include "common/allocator.h"

#include <QFile>

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QThread>
#include <atomic>

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <torch/cuda.h>
#include <torch/torch.h>
#include <torch/version.h>

namespace aip {

namespace {

QString engineName(at::QEngine engine) {
    switch (engine) {
        case at::QEngine::NoQEngine:
            return QStringLiteral("none");
        case at::QEngine::FBGEMM:
            return QStringLiteral("fbgemm");
        case at::QEngine::QNNPACK:
            return QStringLiteral("qnnpack");
        case at::QEngine::ONEDNN:
            return QStringLiteral("onednn");
        case at::QEngine::X86:
            return QStringLiteral("x86");
    }
    return QStringLiteral("unknown");
}

QString mappedBlasLibrary() {
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly)) {
        return QStringLiteral("unknown");
    }
    static const QRegularExpression blas(
        QStringLiteral("(/\\S*(libopenblas|libblas|libmkl_rt|libblis)\\S*)"));
    const QString text = QString::fromUtf8(maps.readAll());
    const QRegularExpressionMatch m = blas.match(text);
    return m.hasMatch() ? m.captured(1) : QStringLiteral("none mapped");
}

}  // namespace

QJsonObject RuntimeInfo::toJson() const {
    QJsonObject o;
    o[QStringLiteral("cpu_model")] = cpuModel;
    o[QStringLiteral("logical_cores")] = logicalCores;
    o[QStringLiteral("cpu_features")] = QJsonArray::fromStringList(cpuFeatures);
    o[QStringLiteral("torch_version")] = torchVersion;
    o[QStringLiteral("blas")] = blasLibrary;
    o[QStringLiteral("allocator")] = allocator;
    o[QStringLiteral("quantized_engines")] = QJsonArray::fromStringList(quantizedEngines);
    o[QStringLiteral("quantized_engine")] = quantizedEngine;
    o[QStringLiteral("intra_op_threads")] = intraOpThreads;
    o[QStringLiteral("inter_op_threads")] = interOpThreads;
    o[QStringLiteral("parallel_backend")] = parallelBackend;
    o[QStringLiteral("cuda_available")] = cudaAvailable;
    o[QStringLiteral("cuda_devices")] = cudaDeviceCount;
    return o;
}

RuntimeInfo queryRuntime() {
    RuntimeInfo info;
    info.logicalCores = QThread::idealThreadCount();
    QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
    if (cpuinfo.open(QIODevice::ReadOnly)) {
        const QString text = QString::fromUtf8(cpuinfo.readAll());
        static const QRegularExpression model(QStringLiteral("^model name\\s*:\\s*(.+)$"),
                                              QRegularExpression::MultilineOption);
        static const QRegularExpression flags(QStringLiteral("^flags\\s*:\\s*(.+)$"),
                                              QRegularExpression::MultilineOption);
        info.cpuModel = model.match(text).captured(1).trimmed();
        const QStringList all = flags.match(text).captured(1).split(u' ', Qt::SkipEmptyParts);
        for (const QString& f : all) {
            if (f == u"avx2" || f == u"avx512f" || f == u"avx512_vnni" || f == u"avx512_bf16" ||
                f.startsWith(QStringLiteral("amx"))) {
                info.cpuFeatures.append(f);
            }
        }
    }
    info.torchVersion = QStringLiteral("%1.%2.%3")
                            .arg(TORCH_VERSION_MAJOR)
                            .arg(TORCH_VERSION_MINOR)
                            .arg(TORCH_VERSION_PATCH);
    for (const at::QEngine e : at::globalContext().supportedQEngines()) {
        if (e != at::QEngine::NoQEngine) {
            info.quantizedEngines.append(engineName(e));
        }
    }
    info.quantizedEngine = engineName(at::globalContext().qEngine());
    info.intraOpThreads = at::get_num_threads();
    info.interOpThreads = at::get_num_interop_threads();
    static const QRegularExpression backend(QStringLiteral("ATen parallel backend:\\s*(\\S+)"));
    info.parallelBackend =
        backend.match(QString::fromStdString(at::get_parallel_info())).captured(1);
    info.cudaAvailable = torch::cuda::is_available();
    info.cudaDeviceCount = info.cudaAvailable ? static_cast<int>(torch::cuda::device_count()) : 0;
    // After at:: has run a kernel the BLAS is surely mapped; a tiny matmul makes sure.
    (void)torch::mm(torch::ones({2, 2}), torch::ones({2, 2}));
    info.blasLibrary = mappedBlasLibrary();
    info.allocator = allocatorDescription();
    return info;
}

void spinComputeThreadsUntil(std::chrono::steady_clock::time_point until) {
    const std::int64_t threads = at::get_num_threads();
    if (std::chrono::steady_clock::now() >= until) {
        return;
    }
    // One chunk per intra-op thread, each spinning until the deadline.
    at::parallel_for(0, threads, 1, [until](std::int64_t, std::int64_t) {
        while (std::chrono::steady_clock::now() < until) {
        }
    });
}

void setComputeThreads(int threads) {
    const int n = threads > 0 ? threads : QThread::idealThreadCount();
    at::set_num_threads(n);
}

namespace {
std::atomic<bool> g_engineChosen{false};
}  // namespace

QString selectQuantizedEngine() {
    if (g_engineChosen.load()) {
        return engineName(at::globalContext().qEngine());
    }
    const auto& engines = at::globalContext().supportedQEngines();
    for (const at::QEngine preferred :
         {at::QEngine::ONEDNN, at::QEngine::X86, at::QEngine::FBGEMM, at::QEngine::QNNPACK}) {
        if (std::find(engines.begin(), engines.end(), preferred) != engines.end()) {
            at::globalContext().setQEngine(preferred);
            return engineName(preferred);
        }
    }
    return QString();
}

}  // namespace aip

namespace aip {

bool setQuantizedEngine(const QString& name) {
    if (name.isEmpty()) {
        g_engineChosen.store(false);
        return !selectQuantizedEngine().isEmpty();
    }
    for (const at::QEngine e : at::globalContext().supportedQEngines()) {
        if (e != at::QEngine::NoQEngine && engineName(e) == name) {
            at::globalContext().setQEngine(e);
            g_engineChosen.store(true);
            return true;
        }
    }
    return false;
}

}  // namespace aip
