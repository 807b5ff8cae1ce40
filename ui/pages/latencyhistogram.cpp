#include "latencyhistogram.h"

#include "results/latencystats.h"

#include <QFontMetrics>
#include <QResizeEvent>
#include <QVBoxLayout>

#include "plots/customplot.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace aip {

namespace {

const QColor kLiveColor(40, 90, 150);
const QColor kFrozenColor(110, 110, 110);
/// p50, p95, p99: one pen style each, so the lines are told apart without a legend.
constexpr std::array<Qt::PenStyle, 3> kLineStyles = {Qt::DashLine, Qt::DashDotLine, Qt::DotLine};

QCPItemStraightLine* createLine(QCustomPlot* plot, const QColor& color, Qt::PenStyle style) {
    auto* line = new QCPItemStraightLine(plot);
    line->setPen(QPen(color, 1.5, style));
    line->setVisible(false);
    return line;
}

void placeLines(QCPItemStraightLine* (&lines)[3], const LatencyPercentiles& p, bool visible) {
    const std::array<double, 3> at = {p.p50, p.p95, p.p99};
    for (std::size_t i = 0; i < at.size(); ++i) {
        lines[i]->point1->setCoords(at[i], 0);
        lines[i]->point2->setCoords(at[i], 1);
        lines[i]->setVisible(visible);
    }
}

void setBars(QCPBars* bars, const HistogramBins& layout, const std::vector<int>& counts) {
    QVector<double> keys;
    QVector<double> values;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        keys.append(layout.center(i));
        values.append(counts[i]);
    }
    bars->setWidth(layout.width);
    bars->setData(keys, values, true);
}

double total(const QCPBars* bars) {
    double sum = 0.0;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) {
        sum += it->value;
    }
    return sum;
}

}  // namespace

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
    bins.counts = countInBins(bins, samples);
    return bins;
}

std::vector<int> countInBins(const HistogramBins& layout, std::span<const double> samples) {
    std::vector<int> counts(layout.counts.size(), 0);
    if (counts.empty()) {
        return counts;
    }
    const int last = static_cast<int>(counts.size()) - 1;
    for (const double v : samples) {
        const int bin = std::clamp(static_cast<int>((v - layout.start) / layout.width), 0, last);
        ++counts[static_cast<std::size_t>(bin)];
    }
    return counts;
}

LatencyPercentiles latencyPercentiles(std::span<const double> samples) {
    if (samples.empty()) {
        return {};
    }
    std::vector<double> sorted(samples.begin(), samples.end());
    std::sort(sorted.begin(), sorted.end());
    return {quantileSorted(sorted, 0.50), quantileSorted(sorted, 0.95),
            quantileSorted(sorted, 0.99)};
}

LatencyHistogram::LatencyHistogram(QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)) {
    m_plot->setObjectName(QStringLiteral("latencyHistogramPlot"));
    m_plot->setMinimumSize(200, 180);
    m_plot->plotLayout()->insertRow(0);
    m_title = new QCPTextElement(m_plot, QString(), font());
    m_plot->plotLayout()->addElement(0, 0, m_title);
    m_frozenBars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_frozenBars->setPen(QPen(kFrozenColor, 1.5));
    m_frozenBars->setBrush(QColor(160, 160, 160, 60));
    m_frozenBars->setWidthType(QCPBars::wtPlotCoords);
    m_bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_bars->setPen(QPen(kLiveColor));
    m_bars->setBrush(QColor(70, 130, 180, 150));
    m_bars->setWidthType(QCPBars::wtPlotCoords);
    for (std::size_t i = 0; i < kLineStyles.size(); ++i) {
        m_lines[i] = createLine(m_plot, QColor(200, 60, 40), kLineStyles[i]);
        m_frozenLines[i] = createLine(m_plot, kFrozenColor, kLineStyles[i]);
    }
    m_plot->xAxis->setLabel(tr("latency of one batch (ms)"));
    m_plot->yAxis->setLabel(tr("samples"));
    setToolTip(
        tr("Latency samples of one configuration: red lines at p50 (dashed), p95 "
           "(dash-dot) and p99 (dotted); a frozen comparison in grey outline"));

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
    redraw();
    if (!hasFrozen()) {
        setTitle(message.isEmpty() ? tr("Select a profile, or profile latency, to see its samples")
                                   : message);
    } else if (!message.isEmpty()) {
        setTitle(message + u'\n' + m_titleText);
    }
}

void LatencyHistogram::setFrozen(const QString& configId, std::vector<double> samplesMs) {
    m_frozenId = configId;
    m_frozen = std::move(samplesMs);
    m_frozenPercentiles = latencyPercentiles(m_frozen);
    redraw();
}

void LatencyHistogram::clearFrozen() {
    m_frozenId.clear();
    m_frozen.clear();
    m_frozenPercentiles = {};
    redraw();
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
    return total(m_bars);
}

double LatencyHistogram::frozenBarTotal() const {
    return total(m_frozenBars);
}

QString LatencyHistogram::summary(std::size_t count, const LatencyPercentiles& p) const {
    const auto ms = [](double v) { return QString::number(v, 'g', 4); };
    return tr("n = %1, p50 %2 ms, p95 %3 ms, p99 %4 ms")
        .arg(count)
        .arg(ms(p.p50), ms(p.p95), ms(p.p99));
}

void LatencyHistogram::redraw() {
    m_percentiles = latencyPercentiles(m_samples);
    // One layout for both sets, so that their bars line up.
    std::vector<double> both = m_samples;
    both.insert(both.end(), m_frozen.begin(), m_frozen.end());
    HistogramBins layout = histogramBins(both);
    const std::vector<int> live = countInBins(layout, m_samples);
    const std::vector<int> frozen = countInBins(layout, m_frozen);
    setBars(m_bars, layout, m_samples.empty() ? std::vector<int>{} : live);
    setBars(m_frozenBars, layout, m_frozen.empty() ? std::vector<int>{} : frozen);
    placeLines(m_lines, m_percentiles, !m_samples.empty());
    placeLines(m_frozenLines, m_frozenPercentiles, !m_frozen.empty());

    // Two lines, so that a long configuration id does not push the numbers out of view.
    const QString state = m_live ? tr("measuring: ") : QString();
    QString text;
    if (m_samples.empty()) {
        text = m_configId.isEmpty() ? QString()
                                    : tr("%1\n%2waiting for samples").arg(m_configId, state);
    } else {
        text = tr("%1\n%2%3").arg(m_configId, state, summary(m_samples.size(), m_percentiles));
    }
    if (hasFrozen()) {
        const QString frozenLine =
            tr("frozen %1: %2").arg(m_frozenId, summary(m_frozen.size(), m_frozenPercentiles));
        text = text.isEmpty() ? frozenLine : text + u'\n' + frozenLine;
    }
    setTitle(text);
    if (both.empty()) {
        m_plot->xAxis->setRange(0, 1);
        m_plot->yAxis->setRange(0, 1);
    } else {
        const int tallest =
            std::max(live.empty() ? 0 : *std::max_element(live.begin(), live.end()),
                     frozen.empty() ? 0 : *std::max_element(frozen.begin(), frozen.end()));
        const double lo = layout.start;
        const double hi = layout.start + layout.width * static_cast<double>(layout.counts.size());
        const double pad = (hi - lo) * 0.05;
        m_plot->xAxis->setRange(lo - pad, hi + pad);
        m_plot->yAxis->setRange(0, tallest * 1.1 + 0.5);
    }
    // Live updates arrive at 10 Hz; queue the repaint instead of painting synchronously.
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace aip
