#pragma once

#include "analysis/pareto.h"
#include "results/resultstable.h"
#include "results/runfiles.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <limits>
#include <vector>

namespace aip {

// The replicate summary the report pages and figures draw, and the reader of
// pareto_analysis.csv (the analysis writes it). The other report files' rows and readers are in
// results/runfiles.h, with the same rules.

/// The mean of one metric over replicate runs with the half-width of its 95% Student t
/// interval, t(0.975, n−1) · s/√n. Non-finite values (a run without a value) are left out;
/// n counts the values used. n = 0: mean and half-width NaN; n = 1: the value, half-width NaN
/// (no spread to estimate); all values equal: half-width 0.
struct ReplicateSummary {
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    int n = 0;
    double mean = kNaN;
    double ci95HalfWidth = kNaN;
};
ReplicateSummary summarizeReplicates(const std::vector<double>& values);

// Each row below holds its run as a ResultRow (policy, seed, n_requests and the metrics of
// all_results.csv): the metrics the file has no column for are NaN, workload and deadline set
// are empty.

/// Reads pareto_analysis.csv as formatParetoAnalysis() writes it: `space` latency or cost,
/// `kind` point, summary or condition. Point rows leave n_points, hypervolume and
/// dominated_share empty (read as 0, NaN, NaN); summary and condition rows give n_points, and
/// hypervolume and dominated_share or leave them empty (NaN); condition rows leave x and y empty
/// (NaN). Point and summary rows have the condition all/all/all, condition rows another. A file
/// written before the condition columns (task, workload, deadline_set) existed reads as pooled.
/// (method, space, kind, condition, x) is the row key of a point row, (method, space, kind,
/// condition) that of the others.
std::vector<ParetoAnalysisRow> parseParetoAnalysis(const QByteArray& data,
                                                   const QString& sourceName);
std::vector<ParetoAnalysisRow> readParetoAnalysis(const QString& path);

}  // namespace aip
