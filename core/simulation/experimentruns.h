#pragma once

#include "config/configset.h"
#include "jobs/job.h"
#include "results/resultstable.h"
#include "results/runfiles.h"
#include "simulation/experiment.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace aip {

/// The experiments of the pipeline, all simulated over the profiles (PlannerTables) with the
/// protocol's seeded traces; every policy sees the same trace for a (workload, deadline set,
/// seed). With several tasks, workloads are labelled "<task>:<workload>".
class ExperimentRunner final {
public:
    /// Replicate r runs with seed baseSeed + r (the protocol's base seed unless overridden).
    ExperimentRunner(const ConfigSet& configs, const PlannerTables& data, std::uint64_t baseSeed,
                     JobContext& context);

    /// The baselines of the comparison, and the policy under test.
    /// StaticSmall … INFaaS, INFaaS-tail, and the bounds BestFixedInHindsight and Oracle.
    static QStringList baselinePolicies();
    static QString plannerPolicy() { return QStringLiteral("CascadePlanner"); }
    /// The planners every experiment runs: the policy under test, then MDPPlanner.
    static QStringList plannerPolicies() { return {plannerPolicy(), QStringLiteral("MDPPlanner")}; }

    /// Every (workload, deadline set, replicate seed) of the protocol for each policy, in that
    /// order. The records of the first seed's runs are appended to requests.csv at
    /// `requestsFile` when it is not empty; which entry BestFixedInHindsight fixed on each
    /// trace is written to `bestFixedFile` (best_fixed_in_hindsight.csv) when it is not empty.
    std::vector<ResultRow> runPolicies(const QStringList& policies,
                                       const QString& requestsFile = QString(),
                                       const QString& bestFixedFile = QString());

    /// ablation/<dimension>.csv for batch_size, model_size, quantization, device and
    /// cascade_threshold: the planner on tables restricted to one value of the dimension (the
    /// other dimensions keep every swept value), on the protocol's first workload and deadline
    /// set, every seed. Returns the files written.
    QStringList runAblations(const QString& directory);

    /// workload_results.csv: every policy on Poisson, bursty, diurnal and spike traces (the
    /// protocol's own where declared, else derived from its first workload's mean rate), on
    /// every deadline set of the protocol; and deadline_sweep.csv: every policy at each single
    /// deadline of the protocol's deadline sets on the first workload. Returns the files written.
    QStringList runWorkloadExperiments(const QString& directory);

    /// failure_analysis.csv: (a) deadlines below every configuration's latency, (b) the
    /// planner's favourite model throwing for the middle third of the trace, (c) a 5× load
    /// spike for a tenth of the trace — each with the failure handler on and off.
    QStringList runFailureAnalysis(const QString& directory);

private:
    const ConfigSet& m_configs;
    const PlannerTables& m_data;
    std::uint64_t m_baseSeed;
    JobContext& m_context;
};

}  // namespace aip
