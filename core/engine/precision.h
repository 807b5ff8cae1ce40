#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace aip {

/// Numeric precision of a model's execution. Each one is a real kernel path: bf16 runs the
/// whole network in bfloat16 (oneDNN on CPU), int8 runs quantized kernels (static int8
/// convolutions, dynamically quantized Linear layers) — never an fp32 run under another name.
enum class Precision { Fp32, Bf16, Int8 };

QString precisionName(Precision precision);
/// Parses fp32 | bf16 | int8; std::nullopt otherwise.
std::optional<Precision> parsePrecision(const QString& name);

/// Where a model runs: `cpu:1` (one intra-op thread), `cpu:N` (all cores), `cpu:<k>`, `cuda:<i>`.
struct DeviceSpec {
    bool cuda = false;
    int index = 0;    ///< CUDA device index
    int threads = 0;  ///< CPU intra-op threads; 0 means all cores (cpu:N)

    /// Throws aip::Error for anything else than the forms above.
    static DeviceSpec parse(const QString& name);
    QString name() const;
    /// Threads this device runs with on this machine (all cores resolved).
    int effectiveThreads() const;
};

/// Whether a model × precision × device can execute here, and why not.
struct Support {
    bool supported = true;
    QString reason;  ///< empty when supported

    static Support yes() { return {}; }
    static Support no(QString why) { return {false, std::move(why)}; }
};

}  // namespace aip
