#pragma once

#include "profiling/profilers.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <memory>

namespace aip {

/// Carries latency samples from a profiler's pool thread to the GUI thread. The sink() may be
/// called on any thread and only appends to a locked buffer; a 10 Hz timer in the feed's thread
/// hands what arrived to the signals, in measurement order. The sink stays safe to call after
/// the feed is gone (it then drops the samples).
class LiveSampleFeed final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveSampleFeed)

public:
    explicit LiveSampleFeed(QObject* parent = nullptr);
    ~LiveSampleFeed() override;

    LatencySampleSink sink() const;
    /// Forgets the previous run and starts polling.
    void start();
    /// Delivers what is still buffered, then stops polling.
    void stop();
    bool isActive() const { return m_timer.isActive(); }
    /// Delivers what arrived since the last poll (the timer calls it).
    void poll();

    static constexpr int kPollIntervalMs = 100;

Q_SIGNALS:
    /// Samples of a new configuration follow.
    void configurationStarted(const QString& configId);
    void samplesArrived(const QList<double>& samplesMs);

private:
    struct Buffer;
    std::shared_ptr<Buffer> m_buffer;
    QTimer m_timer;
    QString m_current;
};

}  // namespace aip
