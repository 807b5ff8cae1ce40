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
/// How many of `samples` fall in each bin of `layout` (its start, width and number of bins); a
/// sample outside counts in the nearest end bin. Two sample sets counted on one layout line up.
std::vector<int> countInBins(const HistogramBins& layout, std::span<const double> samples);

/// The running percentiles a latency view shows (type-7 quantiles, as everywhere in the project).
struct LatencyPercentiles {
    double p50 = 0.0;
    double p95 = 0.0;
    double p99 = 0.0;
};
/// The percentiles of `samples` (any order); all zero when there are none.
LatencyPercentiles latencyPercentiles(std::span<const double> samples);

/// The latency samples of one configuration as a histogram, titled with the configuration's id
/// (first line), the sample count and the running p50/p95/p99 (drawn as lines too). Fed either
/// all at once (a saved profile) or sample by sample while a profiler measures (live). A frozen
/// sample set (another configuration, or an earlier run) can be overlaid for comparison: both are
/// binned on one shared layout, the frozen one drawn as outlined bars with its own percentiles.
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
    /// some. The frozen overlay stays.
    void clear(const QString& message = QString());

    /// Overlays `samplesMs` of `configId` as the frozen comparison; clearFrozen() removes it.
    void setFrozen(const QString& configId, std::vector<double> samplesMs);
    void clearFrozen();
    bool hasFrozen() const { return !m_frozenId.isEmpty(); }
    const QString& frozenConfigId() const { return m_frozenId; }
    const std::vector<double>& frozenSamples() const { return m_frozen; }

    const QString& configId() const { return m_configId; }
    bool isLive() const { return m_live; }
    const std::vector<double>& samples() const { return m_samples; }
    /// The percentiles of samples() as shown; all zero without samples.
    LatencyPercentiles percentiles() const { return m_percentiles; }
    LatencyPercentiles frozenPercentiles() const { return m_frozenPercentiles; }
    /// What the plot draws: its title, number of bars and the sum of their heights (of the live
    /// samples; frozenBarTotal() for the overlay).
    QString title() const;
    int barCount() const;
    double barTotal() const;
    double frozenBarTotal() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void redraw();
    /// Shows `text` as the title, word-wrapped to the widget's width (title() keeps it whole).
    void setTitle(const QString& text);
    QString summary(std::size_t count, const LatencyPercentiles& p) const;

    QCustomPlot* m_plot = nullptr;
    QCPBars* m_bars = nullptr;
    QCPBars* m_frozenBars = nullptr;
    QCPItemStraightLine* m_lines[3] = {};        ///< p50, p95, p99 of the live samples
    QCPItemStraightLine* m_frozenLines[3] = {};  ///< the same of the frozen ones
    QCPTextElement* m_title = nullptr;
    QString m_titleText;
    QString m_configId;
    std::vector<double> m_samples;
    LatencyPercentiles m_percentiles;
    QString m_frozenId;
    std::vector<double> m_frozen;
    LatencyPercentiles m_frozenPercentiles;
    bool m_live = false;
};

}  // namespace aip
