#include "plots/reportfigures.h"

#include "analysis/reportdata.h"
#include "common/atomicfile.h"
#include "common/error.h"
#include "plots/customplot.h"
#include "plots/reportplots.h"
#include "results/resultfiles.h"
#include "results/resultstable.h"

#include <QApplication>
#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QThread>

#include <exception>
#include <functional>

namespace aip {

namespace {

/// One figure: its PNG, the input it is drawn from (relative to the results folder), and how
/// to read that input and fill a plot; `fill` returns false for an input without rows.
struct FigureSpec {
    QString png;
    QString input;
    std::function<bool(QCustomPlot&, const QString& inputPath)> fill;
    bool report = true;  ///< drawn by the figures stage; false: drawn by its own stage
};

template <typename Read, typename Build>
std::function<bool(QCustomPlot&, const QString&)> filler(Read read, Build build) {
    return [read, build](QCustomPlot& plot, const QString& path) {
        const auto rows = read(path);
        if (rows.empty()) {
            return false;
        }
        build(plot, rows);
        return true;
    };
}

std::vector<FigureSpec> figureSpecs() {
    std::vector<FigureSpec> specs;
    specs.push_back({QStringLiteral("pareto_frontiers.png"), resultfiles::kParetoAnalysis.name(),
                     filler(&readParetoAnalysis, &buildParetoPlot)});
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

RenderedFigures renderOnThisThread(const QString& resultsDir, const QStringList& figures) {
    const QDir results(resultsDir);
    const QDir plots(resultfiles::kPlots.in(results));
    if (!plots.exists() && !QDir().mkpath(plots.path())) {
        throw Error(
            QStringLiteral("%1: cannot create the folder for the figures").arg(plots.path()));
    }
    RenderedFigures rendered;
    QCustomPlot plot;
    plot.resize(kReportFigureSize);
    for (const FigureSpec& spec : figureSpecs()) {
        if (figures.isEmpty() ? !spec.report : !figures.contains(spec.png)) {
            continue;
        }
        const QString input = results.filePath(spec.input);
        if (!QFileInfo::exists(input)) {
            rendered.skipped.append(QStringLiteral("%1: %2 is absent").arg(spec.png, spec.input));
            continue;
        }
        if (!spec.fill(plot, input)) {
            rendered.skipped.append(QStringLiteral("%1: %2 has no rows").arg(spec.png, spec.input));
            continue;
        }
        const QString path = QFileInfo(plots.filePath(spec.png)).absoluteFilePath();
        savePlotPng(plot, path, reportFigureSize(plot));
        rendered.written.append(path);
    }
    return rendered;
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
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QCPPainter painter(&image);
        painter.setRenderHint(QPainter::TextAntialiasing);
        plot.toPainter(&painter, size.width(), size.height());
    }
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG")) {
        throw Error(QStringLiteral("cannot encode a %1×%2 figure as PNG")
                        .arg(size.width())
                        .arg(size.height()));
    }
    return png;
}

void savePlotPng(QCustomPlot& plot, const QString& path, QSize size) {
    writeFileAtomically(path, renderPlotPng(plot, size));
}

RenderedFigures renderAllReportFigures(const QString& resultsDir, const QStringList& figures) {
    auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
    if (app == nullptr) {
        throw Error(QStringLiteral("%1: drawing the figures needs a QApplication (run with the "
                                   "offscreen platform when there is no display)")
                        .arg(resultsDir));
    }
    if (QThread::currentThread() == app->thread()) {
        return renderOnThisThread(resultsDir, figures);
    }
    // Widgets live on the application's thread: draw there and hand the outcome back.
    RenderedFigures rendered;
    std::exception_ptr failure;
    QMetaObject::invokeMethod(
        app,
        [&] {
            try {
                rendered = renderOnThisThread(resultsDir, figures);
            } catch (...) {
                failure = std::current_exception();
            }
        },
        Qt::BlockingQueuedConnection);
    if (failure) {
        std::rethrow_exception(failure);
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
