#pragma once

#include "analysis/runselection.h"
#include "results/analysisfiles.h"
#include "results/resultstable.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <map>
#include <vector>

namespace aip {

struct ProtocolConfig;

/// A point of a 2-D trade-off: x is minimized (latency or cost), y is maximized (accuracy).
struct ParetoPoint {
    double x = 0.0;
    double y = 0.0;
    bool operator==(const ParetoPoint&) const = default;
};

/// a dominates b: a.x ≤ b.x and a.y ≥ b.y with at least one strict. Equal points do not
/// dominate each other.
bool dominates(const ParetoPoint& a, const ParetoPoint& b);

/// The non-dominated points, sorted by x ascending (y is then strictly ascending). Duplicates
/// of a frontier point appear once; of several points with the same x only the highest y
/// survives, of several with the same y only the lowest x. Collinear non-dominated points all
/// stay. Throws aip::Error for a NaN or infinite coordinate.
std::vector<ParetoPoint> paretoFrontier(const std::vector<ParetoPoint>& points);

/// The area dominated by the frontier of `points` relative to `reference`: the union of the
/// rectangles [x, x_ref] × [y_ref, y] over frontier points with x < x_ref and y > y_ref;
/// 0 when there is none. Throws aip::Error for a non-finite coordinate.
double hypervolume(const std::vector<ParetoPoint>& points, const ParetoPoint& reference);

/// The share of `points` that some point of `frontier` dominates (dominates() above, so a
/// point equal to a frontier point is not dominated). NaN when `points` is empty. This sets
/// every point against a whole frontier; pareto_analysis.csv compares run by run, on the same
/// trace (dominanceByCondition()).
double dominatedShare(const std::vector<ParetoPoint>& points,
                      const std::vector<ParetoPoint>& frontier);

/// The point of a run in `space` (paretoSpaceName(), results/analysisfiles.h).
ParetoPoint paretoPointOf(const ResultRow& row, ParetoSpace space);

/// How many of a baseline's runs were dominated by the policy's run on the same trace.
struct DominanceCount {
    int runs = 0;
    int dominated = 0;
    /// dominated / runs; NaN without runs.
    double share() const;
    DominanceCount& operator+=(const DominanceCount& other);
};

/// Per condition: each run of `baseline` against the run of `policy` on the same trace (same
/// task, workload, deadline set and seed, as pairRuns() pairs them), counted as dominated when
/// the policy's point dominates the baseline's in `space`. A run is never compared with a run
/// of another condition or seed. Throws aip::Error (naming `sourceName`) for pairing errors and
/// for a run without a finite point.
std::map<RunCondition, DominanceCount> dominanceByCondition(const std::vector<ResultRow>& rows,
                                                            const QString& policy,
                                                            const QString& baseline,
                                                            ParetoSpace space,
                                                            const QString& sourceName = QString());
/// The counts of every condition added up: the pooled share is dominated runs / all runs.
DominanceCount pooledDominance(const std::map<RunCondition, DominanceCount>& byCondition);

/// The reference point of the hypervolume: the worst latency, cost and accuracy that still
/// count (from the protocol's pareto_reference).
struct ParetoReference {
    double latencyMs = 0.0;
    double costPer1k = 0.0;
    double accuracy = 0.0;
    static ParetoReference fromProtocol(const ProtocolConfig& protocol);
    ParetoPoint in(ParetoSpace space) const;
};

/// Rows for `policy` and then each baseline in the given order; per method the latency space,
/// then the cost space; per space the frontier points by x, then the summary, then (baselines)
/// one condition row per condition in RunCondition order. Each run of all_results is one point.
/// Throws aip::Error (naming `sourceName`) for a method without runs, a repeated method, or a run
/// with a non-finite coordinate.
std::vector<ParetoAnalysisRow> computeParetoAnalysis(const std::vector<ResultRow>& rows,
                                                     const QString& policy,
                                                     const QStringList& baselines,
                                                     const ParetoReference& reference,
                                                     const QString& sourceName = QString());

}  // namespace aip
