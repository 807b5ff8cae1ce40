#pragma once

#include "config/configset.h"
#include "data/datasearchpath.h"
#include "evaluation/modelfiles.h"
#include "jobs/job.h"
#include "results/profiles.h"

#include <functional>
#include <vector>

namespace aip {

/// Receives each latency sample as soon as it is measured (on the job's thread), so a view can
/// draw a live histogram.
using LatencySampleSink = std::function<void(const ConfigKey& key, double latencyMs)>;

/// Latency profiler: every configuration of the protocol's sweep (model × precision × batch ×
/// device), in that order per model. Each model is loaded once per (precision, device); each
/// batch holds the first `batch` examples of the evaluation split, preprocessed before timing.
/// A combination this build cannot run becomes an "unsupported: <reason>" profile, a model that
/// fails to load or throws while running a "failed: <reason>" profile — never an fp32 number.
/// Then the serving pass (LatencyProfile::servingSwitchedMs, servingSteadyMs, servingIdleMs
/// with servingIdleGapMs): per task and device, all configurations loaded at once
/// and visited in seeded random rounds, each visit timing batches of random examples from their
/// input building to their answer — right after another configuration, warm, and after a
/// seeded idle gap — what a live server pays.
/// Models load the files `files` records; datasets come from `search`.
std::vector<LatencyProfile> profileLatency(const ConfigSet& configs, const ModelFiles& files,
                                           const DataSearchPath& search, JobContext& context,
                                           const LatencySampleSink& onSample = {});

/// Accuracy profiler: each (model, precision) of the sweep answers the first
/// `protocol.maxEvalExamples` examples (all when 0) of its task's evaluation split on all cores.
/// A combination that cannot run is logged and left out.
std::vector<AccuracyProfile> profileAccuracy(const ConfigSet& configs, const ModelFiles& files,
                                             const DataSearchPath& search, JobContext& context);

}  // namespace aip
