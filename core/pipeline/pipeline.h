#pragma once

#include "jobs/job.h"
#include "pipeline/stagecontext.h"
#include "pipeline/stagerunner.h"
#include "profiling/profilers.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace aip {

/// Parameters of one pipeline run (`--batch`, or the GUI's Run button).
struct PipelineParams {
    QString configDir;
    QString outDir;
    bool quick = false;
    QStringList stages;                 ///< empty: every stage, in order
    QString dataDir;                    ///< --data-dir: first folder of the data search path
    std::optional<std::uint64_t> seed;  ///< --seed: replaces the protocol's base seed
    bool force = false;                 ///< --force: rerun whatever the manifest says
    /// Receives each latency sample as it is measured (profile-latency), on the job's thread.
    LatencySampleSink onLatencySample;
    /// Draws the figures (stage `figures`); provided by the application, see RenderFiguresHook.
    RenderFiguresHook renderFigures;
    /// Stage started / skipped / finished, on the job's thread (progress displays).
    StageStatusSink onStageStatus;
};

struct PipelineResult {
    QStringList stagesRun;
    QStringList stagesSkipped;
    QStringList filesWritten;
};

/// The pipeline's stage names in run order (what `--stage` takes).
QStringList pipelineStageNames();
/// What stage `name` does, as the CLI and the stage list show it; empty for an unknown name.
QString pipelineStageDescription(const QString& name);

/// The stage registry for a configuration: every stage in run order with its number,
/// description, inputs, parameters (the protocol subsection it depends on) and run function.
std::vector<StageDefinition> pipelineStages(const ConfigSet& configs);

/// Loads the configuration and runs the requested stages in order with runStages(): each
/// stage reads the earlier stages' files in `outDir` and writes its own atomically; a stage
/// whose inputs, parameters and seed are unchanged and whose outputs are intact is skipped.
/// Throws aip::Error; honours cancellation.
PipelineResult runPipeline(const PipelineParams& params, JobContext& context);

}  // namespace aip
