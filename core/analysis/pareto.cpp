#include "analysis/pareto.h"

#include "analysis/runselection.h"
#include "analysis/statisticaltests.h"
#include "common/csv.h"
#include "common/error.h"
#include "config/protocolconfig.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace aip {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void checkFinite(const ParetoPoint& p) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
        throw Error(QStringLiteral("Pareto point (%1, %2) has a coordinate that is not finite")
                        .arg(p.x)
                        .arg(p.y));
    }
}

const QString kPointKind = paretoRowKind(ParetoRowKind::Point);
const QString kSummaryKind = paretoRowKind(ParetoRowKind::Summary);
const QString kConditionKind = paretoRowKind(ParetoRowKind::Condition);

/// The point of a run in `space`; throws naming the run when a coordinate is not finite.
ParetoPoint finitePointOf(const ResultRow& run, ParetoSpace space, const QString& sourceName) {
    const ParetoPoint p = paretoPointOf(run, space);
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
        throw Error(
            QStringLiteral("%1: the run of %2 for %3 has no finite %4 point (%5, %6)")
                .arg(resultsLabel(sourceName), run.policy, describeRun(run), paretoSpaceName(space))
                .arg(p.x)
                .arg(p.y));
    }
    return p;
}

/// The condition rows of one baseline in one space.
void appendConditionRows(std::vector<ParetoAnalysisRow>& out, const QString& baseline,
                         ParetoSpace space,
                         const std::map<RunCondition, DominanceCount>& byCondition) {
    for (const auto& [condition, count] : byCondition) {
        ParetoAnalysisRow row{
            baseline, paretoSpaceName(space), kConditionKind, kNaN, kNaN, count.runs,
            kNaN,     count.share()};
        row.condition = condition;
        out.push_back(row);
    }
}

}  // namespace

bool dominates(const ParetoPoint& a, const ParetoPoint& b) {
    return a.x <= b.x && a.y >= b.y && (a.x < b.x || a.y > b.y);
}

std::vector<ParetoPoint> paretoFrontier(const std::vector<ParetoPoint>& points) {
    std::vector<ParetoPoint> sorted = points;
    for (const ParetoPoint& p : sorted) {
        checkFinite(p);
    }
    // By x ascending, then y descending: a point survives only if it beats the best y seen at
    // a lower or equal x, which drops dominated points and repeated copies alike.
    std::sort(sorted.begin(), sorted.end(), [](const ParetoPoint& a, const ParetoPoint& b) {
        return a.x != b.x ? a.x < b.x : a.y > b.y;
    });
    std::vector<ParetoPoint> frontier;
    for (const ParetoPoint& p : sorted) {
        if (frontier.empty() || p.y > frontier.back().y) {
            frontier.push_back(p);
        }
    }
    return frontier;
}

double hypervolume(const std::vector<ParetoPoint>& points, const ParetoPoint& reference) {
    checkFinite(reference);
    std::vector<ParetoPoint> inside;
    for (const ParetoPoint& p : paretoFrontier(points)) {
        if (p.x < reference.x && p.y > reference.y) {
            inside.push_back(p);
        }
    }
    // Along the frontier y rises with x, so between two consecutive points the union's height
    // is that of the left one.
    double area = 0.0;
    for (size_t i = 0; i < inside.size(); ++i) {
        const double right = i + 1 < inside.size() ? inside[i + 1].x : reference.x;
        area += (right - inside[i].x) * (inside[i].y - reference.y);
    }
    return area;
}

double dominatedShare(const std::vector<ParetoPoint>& points,
                      const std::vector<ParetoPoint>& frontier) {
    if (points.empty()) {
        return kNaN;
    }
    const auto dominated = std::count_if(points.begin(), points.end(), [&](const ParetoPoint& p) {
        return std::any_of(frontier.begin(), frontier.end(),
                           [&](const ParetoPoint& f) { return dominates(f, p); });
    });
    return static_cast<double>(dominated) / static_cast<double>(points.size());
}

double DominanceCount::share() const {
    return runs > 0 ? static_cast<double>(dominated) / static_cast<double>(runs) : kNaN;
}

DominanceCount& DominanceCount::operator+=(const DominanceCount& other) {
    runs += other.runs;
    dominated += other.dominated;
    return *this;
}

std::map<RunCondition, DominanceCount> dominanceByCondition(const std::vector<ResultRow>& rows,
                                                            const QString& policy,
                                                            const QString& baseline,
                                                            ParetoSpace space,
                                                            const QString& sourceName) {
    std::map<RunCondition, DominanceCount> counts;
    for (const RunPair& pair : pairRuns(rows, policy, baseline, sourceName)) {
        const ParetoPoint planned = finitePointOf(pair.policy, space, sourceName);
        const ParetoPoint other = finitePointOf(pair.baseline, space, sourceName);
        DominanceCount& count = counts[runCondition(pair.baseline)];
        ++count.runs;
        count.dominated += dominates(planned, other) ? 1 : 0;
    }
    return counts;
}

DominanceCount pooledDominance(const std::map<RunCondition, DominanceCount>& byCondition) {
    DominanceCount total;
    for (const auto& [condition, count] : byCondition) {
        total += count;
    }
    return total;
}

ParetoPoint paretoPointOf(const ResultRow& row, ParetoSpace space) {
    return {space == ParetoSpace::Latency ? row.p95Ms : row.costPer1k, row.effectiveAccuracy};
}

ParetoReference ParetoReference::fromProtocol(const ProtocolConfig& protocol) {
    return {protocol.paretoReferenceLatencyMs, protocol.paretoReferenceCostPer1k,
            protocol.paretoReferenceAccuracy};
}

ParetoPoint ParetoReference::in(ParetoSpace space) const {
    return {space == ParetoSpace::Latency ? latencyMs : costPer1k, accuracy};
}

std::vector<ParetoAnalysisRow> computeParetoAnalysis(const std::vector<ResultRow>& rows,
                                                     const QString& policy,
                                                     const QStringList& baselines,
                                                     const ParetoReference& reference,
                                                     const QString& sourceName) {
    const QStringList methods = QStringList{policy} + baselines;
    requireDistinct(methods, QStringLiteral("method"));
    const auto pointsOf = [&](const QString& method, ParetoSpace space) {
        std::vector<ParetoPoint> points;
        for (const ResultRow& run : runsOfPolicy(rows, method, sourceName)) {
            points.push_back(finitePointOf(run, space, sourceName));
        }
        return points;
    };

    std::vector<ParetoAnalysisRow> out;
    for (const QString& method : methods) {
        for (const ParetoSpace space : {ParetoSpace::Latency, ParetoSpace::Cost}) {
            const std::vector<ParetoPoint> points = pointsOf(method, space);
            for (const ParetoPoint& p : paretoFrontier(points)) {
                out.push_back(
                    {method, paretoSpaceName(space), kPointKind, p.x, p.y, 0, kNaN, kNaN});
            }
            const ParetoPoint ref = reference.in(space);
            std::map<RunCondition, DominanceCount> byCondition;
            if (method != policy) {
                byCondition = dominanceByCondition(rows, policy, method, space, sourceName);
            }
            const double share = method == policy ? kNaN : pooledDominance(byCondition).share();
            out.push_back({method, paretoSpaceName(space), kSummaryKind, ref.x, ref.y,
                           static_cast<int>(points.size()), hypervolume(points, ref), share});
            appendConditionRows(out, method, space, byCondition);
        }
    }
    return out;
}

}  // namespace aip
