#include "plots/reportfigures.h"

#include "analysis/reportdata.h"
#include "common/atomicfile.h"
#include "common/error.h"
#include "jobs/queuedcall.h"
#include "plots/customplot.h"
#include "plots/plotexport.h"
#include "plots/reportplots.h"
#include "results/resultfiles.h"
#include "results/resultstable.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>

#include <functional>

namespace aip {

namespace {

/// How to draw one figure into a plot, once its input has been read.
using DrawFigure = std::function<void(QCustomPlot&)>;

/// One figure: its PNG, the input it is drawn from (relative to the results folder), and how
/// to read that input; `read` returns an empty DrawFigure for an input without rows. Reading
/// is separate from drawing so that the files are read on the caller's thread and only the
/// drawing needs the application's.
struct FigureSpec {
    QString png;
    QString input;
    std::function<DrawFigure(const QString& inputPath)> read;
    bool report = true;  ///< drawn by the figures stage; false: drawn by its own stage
};

template <typename Read, typename Build>
std::function<DrawFigure(const QString&)> filler(Read read, Build build) {
    return [read, build](const QString& path) -> DrawFigure {
        auto rows = read(path);
        if (rows.empty()) {
            return {};
        }
        return [build, rows = std::move(rows)](QCustomPlot& plot) { build(plot, rows); };
    };
}

std::vector<FigureSpec> figureSpecs() {
    std::vector<FigureSpec> specs;
    specs.push_back({QStringLiteral("pareto_frontiers.png"), resultfiles::kParetoAnalysis.name(),
                     filler(&readParetoAnalysis, [](QCustomPlot& plot, const auto& rows) {
                         buildParetoPlot(plot, rows);
                     })});
    for (const auto& [png, metric] :
         {std::pair{QStringLiteral("deadline_hit_rate.png"), DeadlineMetric::HitRate},
          std::pair{QStringLiteral("accuracy_vs_deadline.png"),
                    DeadlineMetric::EffectiveAccuracy}}) {
        specs.push_back(
            {png, resultfiles::kDeadlineSweep.name(),
             filler(&readDeadlineSweep, [metric = metric](QCustomPlot& plot, const auto& rows) {
                 buildDeadlinePlot(plot, rows, metric);
             })});
    }
    for (const QString& dimension : ablationDimensions()) {
        specs.push_back(
            {QStringLiteral("ablation_%1.png").arg(dimension), resultfiles::ablationFile(dimension),
             filler([dimension](const QString& path) { return readAblation(path, dimension); },
                    [dimension](QCustomPlot& plot, const auto& rows) {
                        buildAblationPlot(plot, dimension, rows);
                    })});
    }
    specs.push_back({QStringLiteral("workload_comparison.png"),
                     resultfiles::kWorkloadResults.name(),
                     filler(&readResults, &buildWorkloadComparisonPlot)});
    specs.push_back({QStringLiteral("failure_analysis.png"), resultfiles::kFailureAnalysis.name(),
                     filler(&readFailureAnalysis, &buildFailureAnalysisPlot)});
    specs.push_back({resultfiles::kFidelityFigure.fileName(), resultfiles::kFidelity.name(),
                     filler(&readFidelity, &buildFidelityPlot), false});
    return specs;
}

}  // namespace

QSize reportFigureSize(const QCustomPlot& plot) {
    const int rows = plot.property(kPanelRowsProperty).toInt();
    constexpr int kRowsThatFit = 3;
    return rows <= kRowsThatFit
               ? kReportFigureSize
               : QSize(kReportFigureSize.width(), kReportFigureSize.height() * rows / kRowsThatFit);
}

QByteArray renderPlotPng(QCustomPlot& plot, QSize size) {
    return renderPlotFile(plot, PlotImageFormat::Png, size);
}

void savePlotPng(QCustomPlot& plot, const QString& path, QSize size) {
    writeFileAtomically(path, renderPlotPng(plot, size));
}

RenderedFigures renderAllReportFigures(const QString& resultsDir, const QStringList& figures,
                                       const QString& plotsDir) {
    auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
    if (app == nullptr) {
        throw Error(QStringLiteral("%1: drawing the figures needs a QApplication (run with the "
                                   "offscreen platform when there is no display)")
                        .arg(resultsDir));
    }
    const QDir results(resultsDir);
    const QDir plots(plotsDir.isEmpty() ? resultfiles::kPlots.in(results) : plotsDir);
    if (!plots.exists() && !QDir().mkpath(plots.path())) {
        throw Error(
            QStringLiteral("%1: cannot create the folder for the figures").arg(plots.path()));
    }
    RenderedFigures rendered;
    for (const FigureSpec& spec : figureSpecs()) {
        if (figures.isEmpty() ? !spec.report : !figures.contains(spec.png)) {
            continue;
        }
        const QString input = results.filePath(spec.input);
        if (!QFileInfo::exists(input)) {
            rendered.skipped.append(QStringLiteral("%1: %2 is absent").arg(spec.png, spec.input));
            continue;
        }
        const DrawFigure draw = spec.read(input);
        if (!draw) {
            rendered.skipped.append(QStringLiteral("%1: %2 has no rows").arg(spec.png, spec.input));
            continue;
        }
        // One figure at a time on the application's thread: from a job, the GUI's event loop
        // runs between two figures rather than waiting for all of them.
        QByteArray png;
        runOnApplicationThread([&] {
            QCustomPlot plot;
            plot.resize(kReportFigureSize);
            draw(plot);
            png = renderPlotPng(plot, reportFigureSize(plot));
        });
        const QString path = QFileInfo(plots.filePath(spec.png)).absoluteFilePath();
        writeFileAtomically(path, png);
        rendered.written.append(path);
    }
    return rendered;
}

QStringList renderReportFigures(const QString& resultsDir, const QStringList& figures) {
    const RenderedFigures rendered = renderAllReportFigures(resultsDir, figures);
    for (const QString& line : rendered.skipped) {
        qInfo().noquote() << QStringLiteral("figure skipped: %1").arg(line);
    }
    return rendered.written;
}

}  // namespace aip
