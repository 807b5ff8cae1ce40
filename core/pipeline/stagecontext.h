#pragma once

#include "config/configset.h"
#include "data/datasearchpath.h"
#include "jobs/job.h"
#include "profiling/profilers.h"

#include <QDir>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>

namespace aip {

/// Draws figures of a results folder into <results>/plots/ and returns the PNG files written:
/// the report figures when `figures` is empty, else exactly the PNGs it names (the fidelity
/// stage's sim_vs_live.png). The plot builders live in the GUI library, which core cannot link:
/// the application passes this in (see cli::BatchHooks); the stages that draw fail with a clear
/// message without it.
using RenderFiguresHook =
    std::function<QStringList(const QString& resultsDir, const QStringList& figures)>;

/// What a pipeline stage works with. Stages read earlier stages' files from `results` and write
/// their own there atomically; nothing else is passed between them.
struct StageContext {
    const ConfigSet& configs;
    QDir results;
    DataSearchPath search;
    /// The run seed: the protocol's base seed, or the `--seed` override. Every random stream a
    /// stage draws is derived from it (SeededRng with a named stream).
    std::uint64_t seed = 0;
    bool quick = false;
    /// Progress, log lines and cancellation of the pipeline job.
    JobContext& job;
    RenderFiguresHook renderFigures;
    /// Receives latency samples as profile-latency measures them (may be empty).
    LatencySampleSink onLatencySample;

    /// `relative` inside the results folder.
    QString resultPath(const QString& relative) const { return results.filePath(relative); }
};

}  // namespace aip
