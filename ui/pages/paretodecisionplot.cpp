#include "paretodecisionplot.h"

#include "planning/configtable.h"

#include <QVBoxLayout>

#include "plots/customplot.h"

#include <algorithm>
#include <cmath>

namespace aip {

namespace {

QCPGraph* scatter(QCustomPlot* plot, const QString& name, const QCPScatterStyle& style) {
    QCPGraph* graph = plot->addGraph();
    graph->setName(name);
    graph->setLineStyle(QCPGraph::lsNone);
    graph->setScatterStyle(style);
    return graph;
}

}  // namespace

ParetoDecisionPlot::ParetoDecisionPlot(QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)) {
    m_plot->setObjectName(QStringLiteral("paretoDecisionPlot"));
    m_plot->setMinimumSize(240, 200);
    m_plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
    // Ticks at 1, 2 and 5 of each decade (updateRange): evenly spread on a log axis.
    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    m_plot->xAxis->setLabel(tr("tail latency of one batch (ms, log scale)"));
    m_plot->yAxis->setLabel(tr("accuracy"));

    const QColor blue(70, 130, 180);
    const QColor green(60, 150, 90);
    m_singles =
        scatter(m_plot, tr("configurations"), QCPScatterStyle(QCPScatterStyle::ssCircle, blue, 6));
    m_cascades =
        scatter(m_plot, tr("cascades"), QCPScatterStyle(QCPScatterStyle::ssTriangle, green, 7));
    m_front = m_plot->addGraph();
    m_front->setName(tr("Pareto front"));
    m_front->setLineStyle(QCPGraph::lsStepLeft);
    m_front->setPen(QPen(QColor(90, 90, 90), 1.5));
    m_chosen = scatter(m_plot, tr("chosen"),
                       QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(210, 50, 40), 2.5),
                                       QColor(210, 50, 40, 90), 14));
    m_deadline = new QCPItemStraightLine(m_plot);
    m_deadline->setPen(QPen(QColor(210, 50, 40), 1.5, Qt::DashLine));
    m_deadlineLabel = new QCPItemText(m_plot);
    m_deadlineLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    m_deadlineLabel->position->setTypeX(QCPItemPosition::ptPlotCoords);
    m_deadlineLabel->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_deadlineLabel->setColor(QColor(210, 50, 40));
    // The legend below the axes, two entries a row: inside them it hid entries (and the
    // chosen one) wherever it stood.
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    m_plot->plotLayout()->addElement(1, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
    m_plot->legend->setWrap(2);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setMargins(QMargins(4, 0, 4, 4));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setTable(nullptr);
}

ParetoDecisionPlot::~ParetoDecisionPlot() = default;

void ParetoDecisionPlot::setTable(const ConfigTable* table) {
    m_table = table;
    for (QCPGraph* graph : {m_singles, m_cascades, m_front, m_chosen}) {
        graph->data()->clear();
    }
    m_deadline->setVisible(false);
    m_deadlineLabel->setVisible(false);
    if (table == nullptr || table->size() == 0) {
        m_plot->replot();
        return;
    }
    m_minTail = m_maxTail = table->entry(0).tailMs;
    m_minAccuracy = m_maxAccuracy = table->entry(0).accuracy;
    for (const ConfigEntry& e : table->entries()) {
        (e.cascade ? m_cascades : m_singles)->addData(e.tailMs, e.accuracy);
        m_minTail = std::min(m_minTail, e.tailMs);
        m_maxTail = std::max(m_maxTail, e.tailMs);
        m_minAccuracy = std::min(m_minAccuracy, e.accuracy);
        m_maxAccuracy = std::max(m_maxAccuracy, e.accuracy);
    }
    for (const int id : table->frontier()) {
        m_front->addData(table->entry(id).tailMs, table->entry(id).accuracy);
    }
    updateRange();
    m_plot->replot();
}

void ParetoDecisionPlot::setDecision(double deadlineMs, int chosenEntry) {
    m_deadlineMs = deadlineMs;
    m_chosen->data()->clear();
    if (m_table == nullptr) {
        return;
    }
    if (chosenEntry >= 0 && chosenEntry < m_table->size()) {
        const ConfigEntry& e = m_table->entry(chosenEntry);
        m_chosen->addData(e.tailMs, e.accuracy);
    }
    m_deadline->point1->setCoords(deadlineMs, 0.0);
    m_deadline->point2->setCoords(deadlineMs, 1.0);
    m_deadline->setVisible(true);
    m_deadlineLabel->position->setCoords(deadlineMs, 0.98);
    m_deadlineLabel->setText(tr(" deadline %1 ms").arg(QString::number(deadlineMs, 'g', 4)));
    m_deadlineLabel->setVisible(true);
    updateRange();
    // In the right half the label goes left of the line, so the plot's edge does not cut it.
    const QCPRange x = m_plot->xAxis->range();
    const bool right =
        x.lower > 0.0 && std::log(deadlineMs / x.lower) > 0.5 * std::log(x.upper / x.lower);
    m_deadlineLabel->setPositionAlignment((right ? Qt::AlignRight : Qt::AlignLeft) |
                                          Qt::AlignBottom);
    m_deadlineLabel->setText(right
                                 ? tr("deadline %1 ms ").arg(QString::number(deadlineMs, 'g', 4))
                                 : tr(" deadline %1 ms").arg(QString::number(deadlineMs, 'g', 4)));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ParetoDecisionPlot::updateRange() {
    // The deadline stays in view, so the line shows where it falls among the entries.
    const double lo = m_deadlineMs > 0.0 ? std::min(m_minTail, m_deadlineMs) : m_minTail;
    const double hi = std::max(m_maxTail, m_deadlineMs);
    m_plot->xAxis->setRange(lo / 1.4, hi * 1.4);
    auto ticker = m_plot->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
    if (ticker && lo > 0.0) {
        ticker->clear();
        for (double decade = std::pow(10.0, std::floor(std::log10(lo / 1.4))); decade <= hi * 1.4;
             decade *= 10.0) {
            for (const double step : {1.0, 2.0, 5.0}) {
                const double at = step * decade;
                if (at >= lo / 1.4 && at <= hi * 1.4) {
                    ticker->addTick(at, QString::number(at, 'g', 3));
                }
            }
        }
    }
    const double spread = std::max(m_maxAccuracy - m_minAccuracy, 0.02);
    m_plot->yAxis->setRange(std::max(0.0, m_minAccuracy - 0.1 * spread),
                            std::min(1.0, m_maxAccuracy + 0.1 * spread));
    // The front's last step runs on to the right edge: that accuracy is reachable beyond it.
    if (m_table != nullptr && !m_table->frontier().empty()) {
        const ConfigEntry& best = m_table->entry(m_table->frontier().back());
        m_front->data()->removeAfter(best.tailMs);
        m_front->addData(hi * 1.4, best.accuracy);
    }
}

int ParetoDecisionPlot::singlePointCount() const {
    return m_singles->data()->size();
}

int ParetoDecisionPlot::cascadePointCount() const {
    return m_cascades->data()->size();
}

int ParetoDecisionPlot::frontPointCount() const {
    // Without the point that carries the last step on to the right edge.
    return std::max(m_front->data()->size() - 1, 0);
}

std::optional<double> ParetoDecisionPlot::deadlineLine() const {
    if (!m_deadline->visible()) {
        return std::nullopt;
    }
    return m_deadline->point1->coords().x();
}

std::optional<QPointF> ParetoDecisionPlot::highlighted() const {
    if (m_chosen->data()->isEmpty()) {
        return std::nullopt;
    }
    const auto it = m_chosen->data()->constBegin();
    return QPointF(it->key, it->value);
}

bool ParetoDecisionPlot::legendBelowAxes() const {
    return m_plot->legend->layout() == m_plot->plotLayout() &&
           m_plot->plotLayout()->elementAt(m_plot->plotLayout()->rowColToIndex(1, 0)) ==
               m_plot->legend;
}

}  // namespace aip
