#pragma once

#include "analysis/hypotheses.h"
#include "analysis/pareto.h"
#include "analysis/statisticaltests.h"
#include "reports/reporttablemodel.h"
#include "results/runfiles.h"

#include <vector>

namespace aip {

// The tables of the report pages, built from the rows of the result files. Column names are the
// files' own where a column repeats one; a mean over replicate seeds comes with n and the
// half-width of its 95% Student t interval (summarizeReplicates), as the figures draw it.

/// statistical_tests.csv: its columns in file order (the condition as task, workload,
/// deadline_set), then the verdict summary.md gives the row.
ReportTable statisticalTestsTable(const std::vector<StatisticalTestRow>& rows);

/// The protocol's claims and hypotheses, pooled: id, claimed, measured (mean difference or
/// share), ci95_low, ci95_high, p_holm, result ("supported", "not supported" or why it was not
/// tested), metric, policy, baseline, statement.
ReportTable claimsTable(const std::vector<HypothesisOutcome>& outcomes);

/// pareto_analysis.csv's summary and condition rows: method, space, task, workload,
/// deadline_set, n_points, hypervolume, dominated_share.
ReportTable hypervolumeTable(const std::vector<ParetoAnalysisRow>& rows);

/// Per policy: n, then mean and ci95_half_width of `metric` over the runs given.
ReportTable policyMetricTable(const std::vector<ResultRow>& rows, const QString& metric);

/// ablation/<dimension>.csv: per (value, policy) n and the mean and half-width of effective
/// accuracy and hit rate (the two panels of its figure).
ReportTable ablationTable(const std::vector<AblationRow>& rows);

/// failure_analysis.csv: per (scenario, policy, handler) n and the mean and half-width of hit
/// rate, effective accuracy and recovery_ms, and the mean failures and fallbacks.
ReportTable failureTable(const std::vector<FailureAnalysisRow>& rows);

/// workload_results.csv: per (workload, deadline_set, policy) n and the mean and half-width of
/// effective accuracy and hit rate.
ReportTable workloadTable(const std::vector<ResultRow>& rows);

}  // namespace aip
