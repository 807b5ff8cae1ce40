#pragma once

#include "pipeline/stagecontext.h"

#include <QStringList>

namespace aip {

// The bodies of pipeline stages 04–12. Each reads the earlier stages' files from
// context.results, writes its own there atomically, and returns the files it wrote.

/// 04 baselines: StaticSmall, StaticLarge, ThroughputAutotuner, INFaaS-style (mean and tail
/// latency models) and the bounds BestFixedInHindsight and Oracle on every workload × deadline
/// set × replicate seed; best_fixed_in_hindsight.csv names the entry that bound fixed per trace.
QStringList runBaselinesStage(StageContext& context);
/// 05 planner: the CascadePlanner on the same traces; all_results.csv with every policy.
QStringList runPlannerStage(StageContext& context);
/// 06 statistical-tests: paired tests per (policy pair, metric), per condition and pooled,
/// Holm-corrected over all of them; summary.md with the hypotheses, claimed against measured.
QStringList runStatisticalTestsStage(StageContext& context);
/// 07 pareto: frontiers and hypervolume per method; per baseline the share of its runs that the
/// planner's run on the same trace dominates, per condition and pooled.
QStringList runParetoStage(StageContext& context);
/// 08 ablations: one dimension at a time (batch size, model size, quantization, device,
/// cascade threshold).
QStringList runAblationsStage(StageContext& context);
/// 09 workloads: every policy across the arrival processes and a deadline sweep.
QStringList runWorkloadsStage(StageContext& context);
/// 10 failure-analysis: impossible deadlines, model crashes and load spikes, handler on/off.
QStringList runFailureAnalysisStage(StageContext& context);
/// 11 figures: the report PNGs under plots/, drawn by context.renderFigures.
QStringList runFiguresStage(StageContext& context);
/// 12 fidelity (optional): each workload's trace window replayed live for every policy beside
/// its simulation; fidelity.csv and plots/sim_vs_live.png.
QStringList runFidelityStage(StageContext& context);

}  // namespace aip
