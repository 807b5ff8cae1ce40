#include "livelatencyview.h"

#include "engine/runtimeinfo.h"
#include "latencyhistogram.h"

#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

namespace aip {

LiveLatencyView::LiveLatencyView(const QStringList& devices, QWidget* parent)
    : QWidget(parent),
      m_row(new QHBoxLayout),
      m_freezeButton(new QToolButton(this)),
      m_summary(new QLabel(this)) {
    setObjectName(QStringLiteral("liveLatencyView"));
    m_freezeButton->setObjectName(QStringLiteral("freezeLatencyButton"));
    m_freezeButton->setText(tr("Freeze"));
    m_freezeButton->setCheckable(true);
    m_freezeButton->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    m_freezeButton->setToolTip(
        tr("Keep what each histogram shows as a grey overlay, to compare the next configuration "
           "with it (%1); press again to drop the overlay")
            .arg(m_freezeButton->shortcut().toString(QKeySequence::NativeText)));
    m_summary->setObjectName(QStringLiteral("liveLatencySummary"));
    m_summary->setToolTip(tr("What the overlay holds"));
    connect(m_freezeButton, &QToolButton::toggled, this, &LiveLatencyView::setFrozen);

    auto* header = new QHBoxLayout;
    header->addWidget(m_freezeButton);
    header->addWidget(m_summary, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addLayout(m_row, 1);
    for (const QString& device : devices) {
        histogram(device);
    }
    m_current = m_order.isEmpty() ? histogram(QStringLiteral("cpu:1")) : m_histograms[m_order[0]];
    updateSummary();
}

LiveLatencyView::~LiveLatencyView() = default;

QStringList LiveLatencyView::defaultDevices() {
    static const bool cuda = queryRuntime().cudaAvailable;
    QStringList devices = {QStringLiteral("cpu:1"), QStringLiteral("cpu:N")};
    if (cuda) {
        devices.append(QStringLiteral("cuda:0"));
    }
    return devices;
}

QString LiveLatencyView::idleMessage(const QString& device) {
    return tr("%1: select a profile on this device, or profile latency").arg(device);
}

QString LiveLatencyView::deviceOf(const QString& configId) {
    return configId.section(u'/', -1);
}

LatencyHistogram* LiveLatencyView::histogram(const QString& device) {
    if (LatencyHistogram* existing = m_histograms.value(device)) {
        return existing;
    }
    auto* histogram = new LatencyHistogram(this);
    histogram->setObjectName(QStringLiteral("latencyHistogram_") + device);
    histogram->clear(idleMessage(device));
    m_histograms.insert(device, histogram);
    m_order.append(device);
    m_row->addWidget(histogram, 1);
    return histogram;
}

void LiveLatencyView::showSamples(const QString& configId, std::vector<double> samplesMs,
                                  bool live) {
    m_current = histogram(deviceOf(configId));
    m_current->showSamples(configId, std::move(samplesMs), live);
}

void LiveLatencyView::startConfiguration(const QString& configId) {
    showSamples(configId, {}, true);
    // "Waiting for the first sample" was meant for whichever device the run started on.
    for (auto it = m_histograms.cbegin(); it != m_histograms.cend(); ++it) {
        if (it.value() != m_current && it.value()->configId().isEmpty()) {
            it.value()->clear(idleMessage(it.key()));
        }
    }
}

void LiveLatencyView::appendSamples(std::span<const double> samplesMs) {
    m_current->appendSamples(samplesMs);
}

void LiveLatencyView::finishLive() {
    for (LatencyHistogram* h : std::as_const(m_histograms)) {
        if (h->isLive()) {
            h->showSamples(h->configId(), h->samples());
        }
    }
}

void LiveLatencyView::clear(const QString& message) {
    for (auto it = m_histograms.cbegin(); it != m_histograms.cend(); ++it) {
        it.value()->clear(it.value() == m_current && !message.isEmpty() ? message
                                                                        : idleMessage(it.key()));
    }
}

void LiveLatencyView::freeze() {
    setFrozen(true);
}

void LiveLatencyView::unfreeze() {
    setFrozen(false);
}

void LiveLatencyView::setFrozen(bool frozen) {
    for (LatencyHistogram* h : std::as_const(m_histograms)) {
        if (frozen && !h->samples().empty()) {
            h->setFrozen(h->configId(), h->samples());
        } else {
            h->clearFrozen();
        }
    }
    m_frozen = frozen;
    const QSignalBlocker quiet(m_freezeButton);
    m_freezeButton->setChecked(frozen);
    updateSummary();
    Q_EMIT frozenChanged(frozen);
}

void LiveLatencyView::updateSummary() {
    if (!m_frozen) {
        m_summary->setText(tr("Histograms per device; freeze one state to overlay the next on it"));
        return;
    }
    QStringList ids;
    for (const QString& device : m_order) {
        if (m_histograms[device]->hasFrozen()) {
            ids << m_histograms[device]->frozenConfigId();
        }
    }
    m_summary->setText(ids.isEmpty() ? tr("Frozen: nothing was shown yet")
                                     : tr("Frozen (grey): %1").arg(ids.join(QStringLiteral(", "))));
}

}  // namespace aip
