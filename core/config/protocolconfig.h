#pragma once

#include "config/deadlinesconfig.h"
#include "config/modelsconfig.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace aip {

/// One seeded arrival process of the protocol.
struct WorkloadSpec {
    enum class Arrival { Poisson, Bursty, Diurnal, Spike, Trace };
    QString name;
    Arrival arrival = Arrival::Poisson;
    double durationS = 0.0;
    double rateRps = 0.0;    ///< poisson, spike (base rate), diurnal (mean rate)
    double rateOnRps = 0.0;  ///< bursty: two-state MMPP
    double rateOffRps = 0.0;
    double meanOnS = 0.0;
    double meanOffS = 0.0;
    double amplitude = 0.0;  ///< diurnal: rate = mean·(1 + amplitude·sin(2πt/period))
    double periodS = 0.0;
    double spikeRps = 0.0;  ///< spike: extra rate during [spikeStartS, spikeStartS+spikeDurationS)
    double spikeStartS = 0.0;
    double spikeDurationS = 0.0;
    QString traceFile;  ///< trace: CSV arrival_ms,deadline_ms,example_index
};

/// How latencies are measured: warm-up, then repeat until the 95% CI of the median is within
/// ciHalfWidth (a fraction of the median), or maxSamples / maxSeconds is reached.
struct LatencyProfilingSpec {
    int warmupIterations = 5;
    double warmupSeconds = 0.2;
    double ciHalfWidth = 0.02;
    int minSamples = 20;
    int maxSamples = 400;
    double maxSeconds = 5.0;
};

/// The optional `fidelity` stage: each workload's trace replayed live on the real models, for
/// every policy, beside its simulation (docs/fidelity.md).
struct FidelitySpec {
    /// False: the stage runs only when named (`--stage fidelity`); true: in every full run.
    bool runByDefault = false;
    double durationS = 10.0;                   ///< the window of each trace that is replayed
    std::vector<double> rateScales{1.0, 1.5};  ///< each workload's rates times these factors
    QStringList policies;                      ///< empty: the planner and every deployable baseline
    int simulationDraws = 5;                   ///< simulated service-time draws averaged per replay
};

/// A hypothesis declared before anything runs. Either a metric comparison, `policy` beats
/// `baseline` on `metric` in the direction `alternative`, or (metric "dominated_share") a share:
/// the runs of the baselines that the policy's run on the same trace dominates in `space`.
struct HypothesisSpec {
    QString id;
    QString statement;
    QString metric;  ///< one of knownMetrics(), or dominatedShareMetric()
    QString policy;
    /// A metric comparison: the baseline policy. A dominated share: "all", or the names of
    /// `baselines` joined with ", " (for display).
    QString baseline;
    QString alternative;  ///< greater | less | two-sided; empty for a dominated share
    /// The value claimed for the hypothesis, where one was: a mean difference policy − baseline
    /// in the metric's units (rates are fractions: 4.5 points is 0.045), or a share in [0, 1].
    std::optional<double> claimed;
    QString space;          ///< a dominated share: latency | cost (paretoSpaceName())
    QStringList baselines;  ///< a dominated share: the baselines listed; empty for "all"

    bool isDominatedShare() const;
};

/// The metric name of a dominated-share hypothesis: "dominated_share".
QString dominatedShareMetric();

/// configs/experimental_protocol*.yaml
struct ProtocolConfig {
    QString sourcePath;
    QString name;
    QString description;
    QStringList tasks;
    QStringList models;              ///< subset of models.yaml ids; empty: all of the tasks'
    std::optional<SweepSpec> sweep;  ///< overrides models.yaml's sweep where given
    std::uint64_t baseSeed = 0;
    int replicates = 0;
    int maxEvalExamples = 0;  ///< 0: the whole evaluation split
    /// `training:` overrides the pipeline applies on top of each swept zoo model's models.yaml
    /// preset when it trains a model that has no checkpoint yet (the quick protocol trains
    /// briefly); zeros keep the preset's value. vocab_size is never overridden.
    TrainingSpec training;
    LatencyProfilingSpec latency;
    std::vector<WorkloadSpec> workloads;
    QStringList deadlineSets;
    double riskEpsilon = 0.05;
    double alpha = 0.05;
    /// `cascade_gain_confidence`: a cascade is planned on the one-sided lower confidence bound,
    /// at this level, of its accuracy gain over stage 1 on the calibration half (paired per
    /// example); 0 plans on the point estimate.
    double cascadeGainConfidence = 0.95;
    /// `decision_cost_us`: every simulated decision is charged this many microseconds instead
    /// of the policy's measured decide() time, so that the results do not depend on the machine
    /// or its load. Absent: measured.
    std::optional<double> decisionCostUs;
    QMap<QString, double> costPerDeviceHour;  ///< "cpu" (per core-hour), "cuda" (per GPU-hour)
    double paretoReferenceLatencyMs = 0.0;
    double paretoReferenceCostPer1k = 0.0;
    double paretoReferenceAccuracy = 0.0;
    std::vector<HypothesisSpec> hypotheses;
    FidelitySpec fidelity;

    /// The training settings for `model`: its models.yaml preset with `training` on top.
    TrainingSpec trainingFor(const ModelVariant& model) const;

    /// Parses and validates; where `models`/`deadlines` are given, every task, model and deadline
    /// set the protocol names must exist there (errors point at the protocol's line).
    static ProtocolConfig load(const QString& path, const ModelsConfig* models = nullptr,
                               const DeadlinesConfig* deadlines = nullptr);
};

QStringList knownMetrics();
/// The metrics of knownMetrics() that are fractions of all requests, in [0, 1].
QStringList knownRateMetrics();
/// Every policy and bound the experiments report, in the order the figures list them.
QStringList knownPolicies();
/// The hindsight bounds among knownPolicies(): BestFixedInHindsight and the Oracle. They make
/// no decisions (nothing to replay live) and are no baseline to beat.
QStringList knownBounds();
QString arrivalName(WorkloadSpec::Arrival arrival);

}  // namespace aip
