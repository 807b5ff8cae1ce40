#pragma once

#include <QString>
#include <QWidget>

#include <span>
#include <vector>

class QCPBars;
class QCPItemStraightLine;
class QCPTextElement;
class QCustomPlot;

namespace aip {

/// Equal-width bins over [min, max] of a set of samples.
struct HistogramBins {
    double start = 0.0;
    double width = 1.0;
    std::vector<int> counts;

    double center(std::size_t bin) const {
        return start + (static_cast<double>(bin) + 0.5) * width;
    }
};

/// ⌈√n⌉ bins (at most `maxBins`) spanning the samples; every sample lands in exactly one bin, the
/// largest in the last. Equal samples get one bin 1% of their value wide. Empty input: no bins.
HistogramBins histogramBins(std::span<const double> samples, int maxBins = 40);

/// The latency samples of one configuration as a histogram, titled with the configuration's id
/// (first line), the sample count and the median (type-7 quantile, as everywhere in the project).
/// Fed either all at once (a saved profile) or sample by sample while a profiler measures (live).
class LatencyHistogram final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatencyHistogram)

public:
    explicit LatencyHistogram(QWidget* parent = nullptr);
    ~LatencyHistogram() override;

    /// Replaces what is shown. `live`: the samples are still coming (appendSamples()).
    void showSamples(const QString& configId, std::vector<double> samplesMs, bool live = false);
    void appendSamples(std::span<const double> samplesMs);
    /// No samples; `message` in the title (why there is nothing to show), by default how to get
    /// some.
    void clear(const QString& message = QString());

    const QString& configId() const { return m_configId; }
    bool isLive() const { return m_live; }
    const std::vector<double>& samples() const { return m_samples; }
    /// What the plot draws: its title, number of bars and the sum of their heights.
    QString title() const;
    int barCount() const;
    double barTotal() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void redraw();
    /// Shows `text` as the title, word-wrapped to the widget's width (title() keeps it whole).
    void setTitle(const QString& text);

    QCustomPlot* m_plot = nullptr;
    QCPBars* m_bars = nullptr;
    QCPItemStraightLine* m_median = nullptr;
    QCPTextElement* m_title = nullptr;
    QString m_titleText;
    QString m_configId;
    std::vector<double> m_samples;
    bool m_live = false;
};

}  // namespace aip
