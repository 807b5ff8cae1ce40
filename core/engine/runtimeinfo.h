#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <chrono>

namespace aip {

/// The environment a measurement was taken in, recorded beside every profile so that numbers
/// from different machines or builds are never mixed up silently.
struct RuntimeInfo {
    QString cpuModel;
    int logicalCores = 0;
    QStringList cpuFeatures;  ///< the ones that matter for precisions: avx512f, avx512_bf16, amx_*
    QString torchVersion;
    QString blasLibrary;           ///< the libblas/libopenblas actually mapped into the process
    QString allocator;             ///< how freed tensor memory is kept (common/allocator.h)
    QStringList quantizedEngines;  ///< what this LibTorch supports
    QString quantizedEngine;       ///< the one in use
    int intraOpThreads = 0;
    int interOpThreads = 0;
    QString parallelBackend;  ///< ATen's intra-op backend (OpenMP here)
    bool cudaAvailable = false;
    int cudaDeviceCount = 0;

    QJsonObject toJson() const;
};

/// Reads the running process's environment (loads LibTorch's context on first call). Thread
/// counts are those of the calling thread.
RuntimeInfo queryRuntime();

/// Sets LibTorch's intra-op threads. With the OpenMP build of OpenBLAS this also bounds the BLAS
/// threads (both use the same OpenMP runtime), so the two never oversubscribe the cores.
/// The setting is per thread (an OpenMP ICV), so every thread that runs a model calls this
/// first: a pool thread does not inherit the GUI thread's value. threads <= 0: all cores.
void setComputeThreads(int threads);

/// Keeps this thread's intra-op worker threads busy-waiting until `until` (a steady_clock
/// time), as OMP_WAIT_POLICY=active would: a server that idles between requests would otherwise
/// let its OpenMP workers fall asleep, and waking them adds milliseconds that back-to-back
/// latency profiles never see. Returns at `until` (or at once when it has passed).
void spinComputeThreadsUntil(std::chrono::steady_clock::time_point until);

/// The quantized engine int8 kernels are packed for: the one setQuantizedEngine() named, else
/// the preferred one this LibTorch has: oneDNN (VNNI/AMX kernels), then x86/FBGEMM, QNNPACK last
/// (mobile-oriented, measured slowest here). Returns its name, or an empty string when
/// LibTorch has no quantized engine at all.
QString selectQuantizedEngine();
/// Uses the named quantized engine (onednn, x86, fbgemm, qnnpack) for int8 kernels packed from
/// now on; an empty name returns to the automatic choice. False when this LibTorch lacks it.
bool setQuantizedEngine(const QString& name);

}  // namespace aip
