#pragma once

#include <QMap>
#include <QStringList>
#include <QWidget>

#include <span>
#include <vector>

class QHBoxLayout;
class QLabel;
class QToolButton;

namespace aip {

class LatencyHistogram;

/// The Profiles page's latency view: one histogram per device, side by side (cpu:1 and cpu:N,
/// and cuda:0 when LibTorch sees a GPU), each showing the last configuration measured or
/// selected on that device with its running p50/p95/p99. Freezing keeps what every histogram
/// shows as a grey overlay, so that the next configuration (another run, another selection) is
/// compared with it on the same bins.
class LiveLatencyView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveLatencyView)

public:
    /// `devices`: the histograms shown from the start, in order; a configuration on another
    /// device adds one.
    explicit LiveLatencyView(const QStringList& devices, QWidget* parent = nullptr);
    ~LiveLatencyView() override;

    /// The devices the profiler sweeps on this machine: cpu:1, cpu:N, and cuda:0 when the
    /// engine's runtime sees a GPU.
    static QStringList defaultDevices();
    /// The device of a configuration id ("model/precision/b<batch>/<device>").
    static QString deviceOf(const QString& configId);

    QStringList devices() const { return m_order; }
    /// The histogram of `device` (created when missing).
    LatencyHistogram* histogram(const QString& device);
    /// The histogram the last configuration went to (the first device's before any).
    LatencyHistogram* current() const { return m_current; }

    /// Shows `samplesMs` of `configId` on its device's histogram, which becomes current().
    void showSamples(const QString& configId, std::vector<double> samplesMs, bool live = false);
    /// A live configuration starts: its device's histogram waits for its samples.
    void startConfiguration(const QString& configId);
    /// Samples of the configuration started last.
    void appendSamples(std::span<const double> samplesMs);
    /// The live histogram keeps its samples, no longer marked as measuring.
    void finishLive();
    /// Every histogram empty; `message` on the current one. A frozen overlay stays.
    void clear(const QString& message = QString());

    /// Keeps what each histogram shows as its overlay (histograms without samples get none).
    void freeze();
    void unfreeze();
    /// freeze() or unfreeze(), as the Freeze button does.
    void setFrozen(bool frozen);
    bool isFrozen() const { return m_frozen; }
    QToolButton* freezeButton() const { return m_freezeButton; }

Q_SIGNALS:
    void frozenChanged(bool frozen);

private:
    void updateSummary();
    /// What an empty histogram of `device` says.
    static QString idleMessage(const QString& device);

    QHBoxLayout* m_row = nullptr;
    QToolButton* m_freezeButton = nullptr;
    QLabel* m_summary = nullptr;
    QMap<QString, LatencyHistogram*> m_histograms;
    QStringList m_order;
    LatencyHistogram* m_current = nullptr;
    bool m_frozen = false;
};

}  // namespace aip
