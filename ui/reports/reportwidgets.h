#pragma once

#include <QString>
#include <QStringList>

class QComboBox;
class QCustomPlot;
class QToolBar;

namespace aip {

// Small pieces the report pages share.

/// A labelled combo box added to a page's toolbar.
QComboBox* addFilterBox(QToolBar* toolBar, const QString& label, const QString& objectName);

/// Fills a filter box with `values`, the first entry "(all)" (no filter) when `withAll`; the
/// entry chosen before stays chosen where it is still there, else `preferred`, else the first
/// (a box filled for the first time starts on `preferred` where it is there).
/// Emits no change signal while filling; the caller applies the filters once after.
void fillFilterBox(QComboBox* box, const QStringList& values, bool withAll,
                   const QString& preferred = QString());

/// The value a filter box holds: empty for "(all)".
QString filterValue(const QComboBox* box);

/// "pooled over every condition", or the chosen task / workload / deadline set.
QString conditionPhrase(const QComboBox* task, const QComboBox* workload,
                        const QComboBox* deadlineSet);

/// Wraps the legend of an on-screen plot to as many columns as its width holds (the builders
/// wrap at six, for a 1200-pixel figure).
void fitLegend(QCustomPlot& plot);
/// Shows what a builder drew into an on-screen plot: fitLegend(), then a replot.
void showFigure(QCustomPlot& plot);

/// Empties a plot and writes `text` in its middle (why nothing is drawn).
void clearPlot(QCustomPlot& plot, const QString& text);

}  // namespace aip
