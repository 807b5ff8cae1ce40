#pragma once

#include <QDir>
#include <QString>
#include <QStringList>

#include <initializer_list>
#include <span>

namespace aip {

/// One file (or folder) of a results folder: where it lies, relative to the folder, and the
/// pipeline stage that writes it. Every reader and writer of the folder names its files through
/// the constants of `resultfiles`, so "who writes X and who reads it" is one search for the
/// constant. The file's rows, columns, reader and writer are named beside each constant.
struct ResultFile {
    const char* relativePath;
    /// The stage that writes the file (a name of pipelineStageNames()); empty for the stage
    /// runner's own manifest.
    const char* writtenBy;

    QString name() const { return QString::fromLatin1(relativePath); }
    /// The file's path in the results folder `results`.
    QString in(const QDir& results) const { return results.filePath(name()); }
    QString in(const QString& resultsDir) const { return in(QDir(resultsDir)); }
    /// The file's name without its folder (a figure's name in plots/).
    QString fileName() const { return name().section(u'/', -1); }
};

namespace resultfiles {

/// Stage 01 `datasets` (pipeline/datasetsstage.h): one row per configuration to profile
/// (SweepPlan, evaluation/sweepplan.h).
inline constexpr ResultFile kSweepPlan{"sweep_plan.csv", "datasets"};
/// Stage 01: the runtime fingerprint (pipeline/environment.h).
inline constexpr ResultFile kEnvironment{"environment.json", "datasets"};
/// Stage 01: model, file, SHA-256 of every swept model's weights (ModelFiles).
inline constexpr ResultFile kModelFiles{"model_files.csv", "datasets"};

/// Stage 02 `profile-latency`: per configuration summaries (LatencyProfile, profilefiles.h).
inline constexpr ResultFile kLatencyProfiles{"latency_profiles.csv", "profile-latency"};
/// Stage 02: every raw latency sample (profilefiles.h).
inline constexpr ResultFile kLatencySamples{"latency_samples.csv", "profile-latency"};
/// Stage 02: the machine the latencies were measured on (pipeline/profilestages.cpp).
inline constexpr ResultFile kLatencyEnvironment{"latency_environment.json", "profile-latency"};

/// Stage 03 `profile-accuracy`: per (model, precision) summaries (AccuracyProfile).
inline constexpr ResultFile kAccuracyProfiles{"accuracy_profiles.csv", "profile-accuracy"};
/// Stage 03: every evaluated example's label, prediction and confidence (profilefiles.h).
inline constexpr ResultFile kPredictions{"predictions.csv", "profile-accuracy"};

/// Stage 04 `baselines`: one ResultRow per baseline run (resultstable.h).
inline constexpr ResultFile kBaselineResults{"baseline_results.csv", "baselines"};
/// Stage 04: which entry won each trace in hindsight (simulation/experimentruns.cpp).
inline constexpr ResultFile kBestFixedInHindsight{"best_fixed_in_hindsight.csv", "baselines"};

/// Stage 05 `planner`: the baselines' rows plus the planners' (resultstable.h).
inline constexpr ResultFile kAllResults{"all_results.csv", "planner"};
/// Stage 05: every request of the planners' runs (simulation/requestscsv.h).
inline constexpr ResultFile kRequests{"requests.csv", "planner"};

/// Stage 06 `statistical-tests`: paired tests (analysis/statisticaltests.h).
inline constexpr ResultFile kStatisticalTests{"statistical_tests.csv", "statistical-tests"};
/// Stage 06: the hypotheses, claimed against measured (analysis/summary.h).
inline constexpr ResultFile kSummary{"summary.md", "statistical-tests"};

/// Stage 07 `pareto`: frontiers, hypervolume and dominance (analysis/pareto.h).
inline constexpr ResultFile kParetoAnalysis{"pareto_analysis.csv", "pareto"};

/// Stage 08 `ablations`: a folder of ablation/<dimension>.csv (runfiles.h, ablationFile()).
inline constexpr ResultFile kAblationFolder{"ablation", "ablations"};

/// Stage 09 `workloads`: every policy per arrival process (resultstable.h).
inline constexpr ResultFile kWorkloadResults{"workload_results.csv", "workloads"};
/// Stage 09: every policy at fixed deadlines (runfiles.h).
inline constexpr ResultFile kDeadlineSweep{"deadline_sweep.csv", "workloads"};

/// Stage 10 `failure-analysis`: injected failures, handler on and off (runfiles.h).
inline constexpr ResultFile kFailureAnalysis{"failure_analysis.csv", "failure-analysis"};

/// Stage 11 `figures`: the report figures, plots/<figure>.png (plotFile()).
inline constexpr ResultFile kPlots{"plots", "figures"};

/// Stage 12 `fidelity`: simulated against live replays (runfiles.h); its figure is
/// plots/sim_vs_live.png.
inline constexpr ResultFile kFidelity{"fidelity.csv", "fidelity"};
/// Stage 12's figure (the figures stage draws the others); figureName() is its name in plots/.
inline constexpr ResultFile kFidelityFigure{"plots/sim_vs_live.png", "fidelity"};

/// The stage runner's record of every completed stage (pipeline/runmanifest.h).
inline constexpr ResultFile kRunManifest{"run_manifest.json", ""};
/// The lock a run holds while it writes the folder (one writer per folder); gone afterwards.
inline constexpr ResultFile kRunLock{".run.lock", ""};

/// Every file above, in stage order.
std::span<const ResultFile> all();

/// The files and folders stage `stage` writes, in the order above, as paths relative to the
/// results folder: what a later stage may take as its inputs.
QStringList writtenBy(const QString& stage);

/// The files' relative paths, in the order given.
QStringList names(std::initializer_list<ResultFile> files);

/// ablation/<dimension>.csv, relative to the results folder.
QString ablationFile(const QString& dimension);
/// plots/<figure>, relative to the results folder.
QString plotFile(const QString& figure);

}  // namespace resultfiles

}  // namespace aip
