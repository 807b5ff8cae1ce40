#pragma once

#include "analysis/pareto.h"
#include "analysis/reportdata.h"
#include "results/resultstable.h"
#include "simulation/simulationresult.h"

#include <QColor>

#include <QList>
#include <QString>

#include <vector>

class QCPAxisRect;
class QCustomPlot;

namespace aip {

/// The QObject property on a QCustomPlot that holds how many rows of panels the builder that
/// last drew it laid out (reportFigureSize reads it).
inline constexpr char kPanelRowsProperty[] = "aipPanelRows";

// One builder per report figure. Each clears the plot it is given (plottables, items, layout)
// and fills it from the rows of one result file, so a report page on screen and the PNG
// export (renderReportFigures) draw the same picture. Every figure has a title, a caption
// saying what is averaged and what the error bars are, one panel per view, axis labels with
// units and a legend in a row of its own below the panels. Policies keep their colour
// (policyColor) and their order (orderedPolicies) across figures. Means are over replicate
// seeds; error bars are the 95% Student t interval of the mean (summarizeReplicates), drawn
// only where there are two seeds or more.

/// The panels of a figure the builders below drew, row by row (QCustomPlot::axisRects() walks
/// the layout in another order); empty for a plot no builder filled.
QList<QCPAxisRect*> reportPanels(QCustomPlot& plot);

/// pareto_analysis.csv: two panels, effective accuracy vs p95 latency and vs cost per 1,000
/// requests (log x axes). Per method one graph, its frontier points as a step line with
/// markers (the edge of the region it dominates), named after the method and present in both
/// panels (the legend lists the first panel's); per panel one more graph holding the summary
/// rows' reference point, drawn as a black cross.
/// `spaces` chooses the panels: both (the PNG), or the latency or the cost space alone.
enum class ParetoPanels { Both, Latency, Cost };
void buildParetoPlot(QCustomPlot& plot, const std::vector<ParetoAnalysisRow>& rows,
                     ParetoPanels spaces = ParetoPanels::Both);

/// Which rate of deadline_sweep.csv a deadline figure shows.
enum class DeadlineMetric { HitRate, EffectiveAccuracy };

/// deadline_sweep.csv: the metric vs the deadline (ms, log x axis, ticks at the swept
/// deadlines); per policy one graph of the means over seeds (one point per deadline) and one
/// QCPErrorBars on it. Policies are spread by a few percent along x around each deadline so
/// their error bars do not hide each other.
void buildDeadlinePlot(QCustomPlot& plot, const std::vector<DeadlineSweepRow>& rows,
                       DeadlineMetric metric);

/// ablation/<dimension>.csv: two panels, effective accuracy and hit rate vs the dimension's
/// values on a categorical x axis (the values as tick labels; numeric values in ascending
/// order, others in the file's order). Per policy and panel one graph (points joined by lines
/// only when the values are numeric) and one QCPErrorBars; policies are spread a little
/// around each category.
void buildAblationPlot(QCustomPlot& plot, const QString& dimension,
                       const std::vector<AblationRow>& rows);

/// all_results.csv: grouped bars of effective accuracy per workload (x, the file's order) and
/// policy, one panel per deadline set; per policy and panel one QCPBars with one bar per
/// workload and one QCPErrorBars. Means are over the seeds of each (policy, workload,
/// deadline set).
void buildWorkloadComparisonPlot(QCustomPlot& plot, const std::vector<ResultRow>& rows);

/// failure_analysis.csv: a row of panels per scenario (failureScenarios() order, only those
/// present), a column per metric (hit rate, effective accuracy). In each panel the policies
/// are the x categories, with two bars each: handler on (solid, the policy's colour) and
/// handler off (hatched). Per policy, handler and panel one QCPBars with one bar and one
/// QCPErrorBars; two empty grey QCPBars in the first panel give the legend its "handler on" /
/// "handler off" entries.
void buildFailureAnalysisPlot(QCustomPlot& plot, const std::vector<FailureAnalysisRow>& rows);

/// fidelity.csv: two panels, hit rate and effective accuracy, the simulated value on x and the
/// live one on y (both 0–1). Per policy and rate scale one graph of points (the policy's
/// colour; a filled circle at the protocol's rates, another marker per other scale), the line
/// y = x and, dashed, the band of ±2 percentage points around it.
void buildFidelityPlot(QCustomPlot& plot, const std::vector<FidelityRow>& rows);

/// all_results.csv (or any rows of runs): one bar per policy (orderedPolicies) holding the mean
/// of `metric` (a resultMetrics() name) over the given runs, with its 95% t interval as an
/// error bar; the x axis names the policies (no legend). A rate metric gets the 0–1 axis, a latency
/// or cost a linear one from 0.
void buildPolicyMetricPlot(QCustomPlot& plot, const std::vector<ResultRow>& rows,
                           const QString& metric, const QString& subtitle = QString());

/// A stretch of a run's time to shade behind its requests (a failure window, a load spike).
struct TimelineWindow {
    double fromMs = 0.0;
    double toMs = 0.0;
    QString label;
    QColor color;
};

/// The requests of one run (requests.csv) as points of latency (ms, log scale when every
/// latency is positive) against arrival time (s): one graph each for hits, misses (answered
/// late), fallbacks (answered by a substitute model, on time or not) and unanswered requests,
/// the last drawn in a row above the highest latency. Each window is a shaded band over the
/// panel's height, named in the legend.
void buildRequestTimelinePlot(QCustomPlot& plot, const SimulationResult& run,
                              const std::vector<TimelineWindow>& windows);

}  // namespace aip
