#pragma once

#include "config/configset.h"
#include "data/datasearchpath.h"
#include "evaluation/modelfiles.h"
#include "jobs/job.h"
#include "planning/policy.h"
#include "simulation/simulationresult.h"
#include "workload/request.h"

#include <map>
#include <memory>

namespace aip {

class Dataset;
class InferenceModel;

/// The real models behind a ConfigTable: one loaded and prepared InferenceModel per (model,
/// precision, device) its entries use, and the evaluation split requests draw examples from.
class LiveModels final {
public:
    /// Loads, prepares and warms up (a few forward passes per batch size the table uses) every
    /// model of the table's entries on the calling thread, which must be the one that runs them.
    /// The models load the files `files` records (model_files.csv of the profiled run), the
    /// evaluation split comes from `search`. Throws aip::Error naming the model for a missing
    /// file or a failed conversion.
    static std::unique_ptr<LiveModels> load(const ConfigTable& table, const ConfigSet& configs,
                                            const ModelFiles& files, const DataSearchPath& search,
                                            JobContext& context);
    ~LiveModels();

    InferenceModel& model(const ConfigKey& key) const;
    const Dataset& evaluation() const { return *m_evaluation; }

    /// How fast the machine serves now against the profiles: for each single entry of the
    /// table, `repeats` batches of seeded random examples served as a replay serves them (input
    /// built, then the forward pass) after two warm-up batches, and the median of their times
    /// over the median of its profiled steady samples; the median of those ratios. Above 1 the
    /// machine is slower than when it was profiled. Runs on the calling thread.
    double servingSpeedRatio(const ConfigTable& table, int repeats, std::uint64_t seed) const;

private:
    LiveModels() = default;
    std::map<QString, std::unique_ptr<InferenceModel>> m_models;  ///< by "model/precision/device"
    std::unique_ptr<Dataset> m_evaluation;
    std::unique_ptr<Dataset> m_calibration;
};

/// Parameters of one live replay.
struct LiveOptions {
    RunLabels labels;
    double retryAfterMs = 1000.0;  ///< a model that threw is unhealthy this long
    int maxAttempts = 3;           ///< as SimulationOptions::maxAttempts
};

/// Replays `trace` in real time through the real models on one worker (the calling thread), with
/// the decisions of `policy` and the simulator's rules (DESIGN.md): the planner's decision time
/// is measured and spent on the timeline, each batch is padded to its entry's batch size, a
/// cascade escalates the items with conf₁ < θ whose slack after stage 1 covers stage 2's tail,
/// a model that throws is marked unhealthy and its batch goes back to the head of the queue.
/// Correctness is the real model's answer against the label. Produces the same records and
/// metrics as ServingSimulator::run. Honours cancellation between batches.
SimulationResult runLive(const Trace& trace, const Policy& policy, const LiveModels& models,
                         const LiveOptions& options, JobContext& context);

}  // namespace aip
