#include "plots/plotexport.h"

#include "common/atomicfile.h"
#include "common/error.h"
#include "plots/customplot.h"

#include <QBuffer>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <cmath>

namespace aip {

namespace {

constexpr double kInchesPerMeter = 1.0 / 0.0254;

void paint(QCustomPlot& plot, QPaintDevice* device, QSize size) {
    QCPPainter painter(device);
    painter.setRenderHint(QPainter::TextAntialiasing);
    plot.toPainter(&painter, size.width(), size.height());
}

}  // namespace

PlotImageFormat plotImageFormatOf(const QString& path, bool* ok) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (ok != nullptr) {
        *ok = suffix == u"png" || suffix == u"svg" || suffix == u"pdf";
    }
    return suffix == u"svg"   ? PlotImageFormat::Svg
           : suffix == u"pdf" ? PlotImageFormat::Pdf
                              : PlotImageFormat::Png;
}

QStringList plotImageFilters() {
    return {QStringLiteral("PNG image (*.png)"), QStringLiteral("SVG drawing (*.svg)"),
            QStringLiteral("PDF document (*.pdf)")};
}

QImage renderPlotImage(QCustomPlot& plot, QSize size, int dpi) {
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    const int dotsPerMeter = static_cast<int>(std::lround(dpi * kInchesPerMeter));
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    paint(plot, &image, size);
    return image;
}

QByteArray renderPlotFile(QCustomPlot& plot, PlotImageFormat format, QSize size, int dpi) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    switch (format) {
        case PlotImageFormat::Png:
            if (!renderPlotImage(plot, size, dpi).save(&buffer, "PNG")) {
                throw Error(QStringLiteral("cannot encode a %1×%2 figure as PNG")
                                .arg(size.width())
                                .arg(size.height()));
            }
            break;
        case PlotImageFormat::Svg: {
            QSvgGenerator svg;
            svg.setOutputDevice(&buffer);
            svg.setSize(size);
            svg.setViewBox(QRect(QPoint(0, 0), size));
            svg.setResolution(dpi);
            svg.setTitle(plot.objectName());
            paint(plot, &svg, size);
            break;
        }
        case PlotImageFormat::Pdf: {
            QPdfWriter pdf(&buffer);
            pdf.setResolution(dpi);
            pdf.setPageSize(
                QPageSize(QSizeF(size.width() / double(dpi), size.height() / double(dpi)),
                          QPageSize::Inch, QString(), QPageSize::ExactMatch));
            pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
            paint(plot, &pdf, size);
            break;
        }
    }
    return bytes;
}

void savePlotImage(QCustomPlot& plot, const QString& path, QSize size, int dpi) {
    bool known = false;
    const PlotImageFormat format = plotImageFormatOf(path, &known);
    if (!known) {
        throw Error(QStringLiteral("%1: unknown image format (use .png, .svg or .pdf)").arg(path));
    }
    if (size.isEmpty() || dpi <= 0) {
        throw Error(QStringLiteral("%1: the size and the DPI must be positive").arg(path));
    }
    writeFileAtomically(path, renderPlotFile(plot, format, size, dpi));
}

}  // namespace aip
