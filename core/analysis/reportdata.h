#pragma once

#include "analysis/pareto.h"
#include "results/analysisfiles.h"
#include "results/resultstable.h"
#include "results/runfiles.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <limits>
#include <vector>

namespace aip {

// The replicate summary the report pages and figures draw. The report files' rows and readers
// are in results/ (runfiles.h, analysisfiles.h).

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

}  // namespace aip
