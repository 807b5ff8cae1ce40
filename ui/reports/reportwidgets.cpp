#include "reports/reportwidgets.h"

#include "plots/customplot.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QLabel>
#include <QSignalBlocker>
#include <QToolBar>

#include <algorithm>

namespace aip {

QComboBox* addFilterBox(QToolBar* toolBar, const QString& label, const QString& objectName) {
    auto* text = new QLabel(label + QStringLiteral(": "), toolBar);
    text->setContentsMargins(8, 0, 0, 0);
    toolBar->addWidget(text);
    auto* box = new QComboBox(toolBar);
    box->setObjectName(objectName);
    box->setToolTip(
        QCoreApplication::translate("aip::ReportPage", "Show only the rows of the chosen %1")
            .arg(label.toLower()));
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    toolBar->addWidget(box);
    return box;
}

void fillFilterBox(QComboBox* box, const QStringList& values, bool withAll,
                   const QString& preferred) {
    // An empty box (filled for the first time) takes `preferred`, not "(all)".
    const QString chosen = box->count() == 0 ? preferred : box->currentData().toString();
    const QSignalBlocker block(box);
    box->clear();
    if (withAll) {
        box->addItem(QObject::tr("(all)"), QString());
    }
    for (const QString& value : values) {
        if (!value.isEmpty()) {  // a file of one task leaves the task empty: nothing to choose
            box->addItem(value, value);
        }
    }
    int index = box->findData(chosen);
    if (index < 0 || (chosen.isEmpty() && !withAll)) {
        index = box->findData(preferred);
    }
    box->setCurrentIndex(std::max(index, 0));
}

QString filterValue(const QComboBox* box) {
    return box->currentData().toString();
}

QString conditionPhrase(const QComboBox* task, const QComboBox* workload,
                        const QComboBox* deadlineSet) {
    QStringList parts;
    for (const QComboBox* box : {task, workload, deadlineSet}) {
        const QString value = filterValue(box);
        if (!value.isEmpty() && value != u"all") {
            parts << value;
        }
    }
    return parts.isEmpty() ? QObject::tr("pooled over every condition")
                           : parts.join(QStringLiteral(" / "));
}

void fitLegend(QCustomPlot& plot) {
    if (plot.legend != nullptr) {
        constexpr int kColumnWidth = 190;  // a policy's name with its icon
        const int columns = std::clamp(plot.width() / kColumnWidth, 2, 6);
        if (plot.legend->wrap() != columns) {
            plot.legend->setWrap(columns);
            plot.legend->setFillOrder(plot.legend->fillOrder(), true);  // flows the items anew
        }
    }
}

void showFigure(QCustomPlot& plot) {
    fitLegend(plot);
    plot.replot();
}

void clearPlot(QCustomPlot& plot, const QString& text) {
    plot.clearItems();
    plot.clearPlottables();
    plot.plotLayout()->clear();  // deletes the legend too
    plot.legend = nullptr;
    plot.plotLayout()->addElement(0, 0, new QCPTextElement(&plot, text));
    plot.replot();
}

}  // namespace aip
