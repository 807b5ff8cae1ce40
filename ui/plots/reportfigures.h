#pragma once

#include <QByteArray>
#include <QSize>
#include <QString>
#include <QStringList>

class QCustomPlot;

namespace aip {

/// The size of a report PNG, in pixels: a figure of up to three rows of panels.
inline constexpr QSize kReportFigureSize{1200, 800};

/// The size to draw the figure `plot` holds: kReportFigureSize, taller by a third of its height
/// for each row of panels past three (a full run's failure analysis: a row per scenario and
/// task).
QSize reportFigureSize(const QCustomPlot& plot);

/// The report figures of a results folder: what was written and what was left out.
struct RenderedFigures {
    QStringList written;  ///< absolute paths of the PNGs, in drawing order
    QStringList skipped;  ///< one line per figure not drawn: "FILE.png: INPUT is absent" or
                          ///< "FILE.png: INPUT has no rows"
};

/// Draws every report figure whose input file exists in `resultsDir` into
/// `<resultsDir>/plots/` (created when missing), each with the builder of reportplots.h:
/// pareto_frontiers.png (pareto_analysis.csv), deadline_hit_rate.png and
/// accuracy_vs_deadline.png (deadline_sweep.csv), ablation_<dimension>.png
/// (ablation/<dimension>.csv, ablationDimensions() order), workload_comparison.png
/// (all_results.csv) and failure_analysis.png (failure_analysis.csv); with `figures`, exactly
/// the PNGs it names, among them sim_vs_live.png (fidelity.csv), which only the fidelity stage
/// draws. A figure whose input is
/// absent or has only a header is skipped and listed; a malformed input throws aip::Error
/// naming the file and the line, after the figures drawn before it were written. Every PNG is
/// reportFigureSize() and is written atomically.
///
/// Needs a QApplication (the `offscreen` platform without a display). Called from another
/// thread, it reads the input files there and draws each figure on the application's thread in
/// turn, waiting for it, so that thread's event loop must be running (as it is while the GUI or
/// `--batch` waits for a job); between two figures it is free.
/// With `plotsDir`, the PNGs go there instead (an exported report's folder).
RenderedFigures renderAllReportFigures(const QString& resultsDir, const QStringList& figures = {},
                                       const QString& plotsDir = QString());

/// renderAllReportFigures(), reporting each skipped figure with qInfo(); returns the PNGs
/// written. The pipeline's figures stage calls this.
QStringList renderReportFigures(const QString& resultsDir, const QStringList& figures = {});

/// The plot as PNG bytes of `size` pixels, drawn into an image (no window needed).
QByteArray renderPlotPng(QCustomPlot& plot, QSize size = kReportFigureSize);
/// renderPlotPng() written atomically to `path`. Throws aip::Error.
void savePlotPng(QCustomPlot& plot, const QString& path, QSize size = kReportFigureSize);

}  // namespace aip
