#pragma once

#include "jobs/job.h"
#include "profiling/profilers.h"

#include <QString>
#include <QStringList>

namespace aip {

/// Parameters of one pipeline run (`--batch`, or the GUI's Run button).
struct PipelineParams {
    QString configDir;
    QString outDir;
    bool quick = false;
    QStringList stages;  ///< empty: every stage, in order
    QString dataDir;     ///< --data-dir: first folder of the data search path
    /// Receives each latency sample as it is measured (profile-latency), on the job's thread.
    LatencySampleSink onLatencySample;
};

struct PipelineResult {
    QStringList stagesRun;
    QStringList filesWritten;
};

/// The stages this build implements, in run order.
QStringList pipelineStageNames();

/// Runs the requested stages in order; each stage reads the previous stage's files in
/// `outDir` and writes its own atomically. Throws aip::Error; honours cancellation.
PipelineResult runPipeline(const PipelineParams& params, JobContext& context);

}  // namespace aip
