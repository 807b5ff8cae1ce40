#pragma once

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>
#include <QStringList>

class QCustomPlot;

namespace aip {

/// The image formats a plot can be saved in: PNG (pixels), SVG and PDF (vector).
enum class PlotImageFormat { Png, Svg, Pdf };

/// The format a file name's suffix names (.png, .svg, .pdf, any case); nullopt-like: returns
/// false in `ok` for another suffix.
PlotImageFormat plotImageFormatOf(const QString& path, bool* ok = nullptr);
/// "PNG image (*.png)" … for a file dialog, PNG first.
QStringList plotImageFilters();

/// The plot drawn into an image of `size` pixels on white, tagged with `dpi` (what the PNG
/// records as its physical resolution).
QImage renderPlotImage(QCustomPlot& plot, QSize size, int dpi = 96);

/// The plot as a file of `format`: PNG of `size` pixels at `dpi`; SVG and PDF of `size` at
/// `dpi` (a page of size/dpi inches), vector drawings of the same layout.
QByteArray renderPlotFile(QCustomPlot& plot, PlotImageFormat format, QSize size, int dpi = 96);

/// renderPlotFile() in the format of `path`'s suffix, written atomically. Throws aip::Error
/// naming the file for an unknown suffix or a failed write.
void savePlotImage(QCustomPlot& plot, const QString& path, QSize size, int dpi = 96);

}  // namespace aip
