#include "livesamplefeed.h"

#include <mutex>
#include <utility>
#include <vector>

namespace aip {

struct LiveSampleFeed::Buffer {
    std::mutex mutex;
    std::vector<std::pair<QString, double>> pending;  ///< (configuration id, ms)
};

LiveSampleFeed::LiveSampleFeed(QObject* parent)
    : QObject(parent), m_buffer(std::make_shared<Buffer>()) {
    m_timer.setInterval(kPollIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &LiveSampleFeed::poll);
}

LiveSampleFeed::~LiveSampleFeed() = default;

LatencySampleSink LiveSampleFeed::sink() const {
    return [buffer = m_buffer](const ConfigKey& key, double latencyMs) {
        const QString id = key.id();
        const std::lock_guard lock(buffer->mutex);
        buffer->pending.emplace_back(id, latencyMs);
    };
}

void LiveSampleFeed::start() {
    {
        const std::lock_guard lock(m_buffer->mutex);
        m_buffer->pending.clear();
    }
    m_current.clear();
    m_timer.start();
}

void LiveSampleFeed::stop() {
    poll();
    m_timer.stop();
}

void LiveSampleFeed::poll() {
    std::vector<std::pair<QString, double>> arrived;
    {
        const std::lock_guard lock(m_buffer->mutex);
        arrived.swap(m_buffer->pending);
    }
    QList<double> run;
    for (const auto& [id, ms] : arrived) {
        if (id != m_current) {
            if (!run.isEmpty()) {
                Q_EMIT samplesArrived(run);
                run.clear();
            }
            m_current = id;
            Q_EMIT configurationStarted(id);
        }
        run.append(ms);
    }
    if (!run.isEmpty()) {
        Q_EMIT samplesArrived(run);
    }
}

}  // namespace aip
