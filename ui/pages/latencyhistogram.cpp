#include "latencyhistogram.h"

#include "results/latencystats.h"

#include <QFontMetrics>
#include <QResizeEvent>
#include <QVBoxLayout>

#include "plots/customplot.h"

#include <algorithm>
#include <cmath>

namespace aip {

HistogramBins histogramBins(std::span<const double> samples, int maxBins) {
    HistogramBins bins;
    if (samples.empty()) {
        return bins;
    }
    const auto [lo, hi] = std::minmax_element(samples.begin(), samples.end());
    const int count =
        std::clamp(static_cast<int>(std::ceil(std::sqrt(static_cast<double>(samples.size())))), 1,
                   std::max(maxBins, 1));
    bins.start = *lo;
    bins.width = *hi > *lo ? (*hi - *lo) / count : std::max(std::abs(*lo) * 0.01, 1e-6);
    bins.counts.assign(static_cast<std::size_t>(*hi > *lo ? count : 1), 0);
    const int last = static_cast<int>(bins.counts.size()) - 1;
    for (const double v : samples) {
        const int bin = std::clamp(static_cast<int>((v - bins.start) / bins.width), 0, last);
        ++bins.counts[static_cast<std::size_t>(bin)];
    }
    return bins;
}

LatencyHistogram::LatencyHistogram(QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)) {
    m_plot->setObjectName(QStringLiteral("latencyHistogramPlot"));
    m_plot->setMinimumSize(200, 180);
    m_plot->plotLayout()->insertRow(0);
    m_title = new QCPTextElement(m_plot, QString(), font());
    m_plot->plotLayout()->addElement(0, 0, m_title);
    m_bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_bars->setPen(QPen(QColor(40, 90, 150)));
    m_bars->setBrush(QColor(70, 130, 180, 170));
    m_bars->setWidthType(QCPBars::wtPlotCoords);
    m_median = new QCPItemStraightLine(m_plot);
    m_median->setPen(QPen(QColor(200, 60, 40), 1.5, Qt::DashLine));
    m_median->setVisible(false);
    m_plot->xAxis->setLabel(tr("latency of one batch (ms)"));
    m_plot->yAxis->setLabel(tr("samples"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    clear();
}

LatencyHistogram::~LatencyHistogram() = default;

void LatencyHistogram::showSamples(const QString& configId, std::vector<double> samplesMs,
                                   bool live) {
    m_configId = configId;
    m_samples = std::move(samplesMs);
    m_live = live;
    redraw();
}

void LatencyHistogram::appendSamples(std::span<const double> samplesMs) {
    m_samples.insert(m_samples.end(), samplesMs.begin(), samplesMs.end());
    redraw();
}

void LatencyHistogram::clear(const QString& message) {
    m_configId.clear();
    m_samples.clear();
    m_live = false;
    m_bars->data()->clear();
    m_median->setVisible(false);
    setTitle(message.isEmpty() ? tr("Select a profile, or profile latency, to see its samples")
                               : message);
    m_plot->xAxis->setRange(0, 1);
    m_plot->yAxis->setRange(0, 1);
    m_plot->replot();
}

QString LatencyHistogram::title() const {
    return m_titleText;
}

void LatencyHistogram::setTitle(const QString& text) {
    m_titleText = text;
    const QFontMetrics metrics(m_title->font());
    const int width = std::max(120, this->width() - 24);
    QStringList lines;
    for (const QString& paragraph : text.split(u'\n')) {
        QString line;
        for (const QString& word : paragraph.split(u' ')) {
            const QString longer = line.isEmpty() ? word : line + u' ' + word;
            if (!line.isEmpty() && metrics.horizontalAdvance(longer) > width) {
                lines.append(line);
                line = word;
            } else {
                line = longer;
            }
        }
        lines.append(line);
    }
    m_title->setText(lines.join(u'\n'));
}

void LatencyHistogram::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    setTitle(m_titleText);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int LatencyHistogram::barCount() const {
    return m_bars->data()->size();
}

double LatencyHistogram::barTotal() const {
    double total = 0.0;
    for (auto it = m_bars->data()->constBegin(); it != m_bars->data()->constEnd(); ++it) {
        total += it->value;
    }
    return total;
}

void LatencyHistogram::redraw() {
    const HistogramBins bins = histogramBins(m_samples);
    QVector<double> keys;
    QVector<double> values;
    int tallest = 0;
    for (std::size_t i = 0; i < bins.counts.size(); ++i) {
        keys.append(bins.center(i));
        values.append(bins.counts[i]);
        tallest = std::max(tallest, bins.counts[i]);
    }
    m_bars->setWidth(bins.width);
    m_bars->setData(keys, values, true);

    // Two lines, so that a long configuration id does not push the numbers out of view.
    const QString state = m_live ? tr("measuring: ") : QString();
    if (m_samples.empty()) {
        setTitle(tr("%1\n%2waiting for samples").arg(m_configId, state));
        m_median->setVisible(false);
    } else {
        std::vector<double> sorted = m_samples;
        std::sort(sorted.begin(), sorted.end());
        const double median = quantileSorted(sorted, 0.5);
        setTitle(tr("%1\n%2n = %3, median %4 ms")
                     .arg(m_configId, state)
                     .arg(m_samples.size())
                     .arg(QString::number(median, 'g', 4)));
        m_median->point1->setCoords(median, 0);
        m_median->point2->setCoords(median, 1);
        m_median->setVisible(true);
        const double lo = bins.start;
        const double hi = bins.start + bins.width * static_cast<double>(bins.counts.size());
        const double pad = (hi - lo) * 0.05;
        m_plot->xAxis->setRange(lo - pad, hi + pad);
        m_plot->yAxis->setRange(0, tallest * 1.1 + 0.5);
    }
    // Live updates arrive at 10 Hz; queue the repaint instead of painting synchronously.
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace aip
