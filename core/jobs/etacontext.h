#pragma once

#include "jobs/job.h"

#include <QElapsedTimer>

namespace aip {

/// Passes a job's progress on with the time left appended to the step ("epoch 1/3, loss 0.41,
/// 1:05 left"), estimated from the time taken so far at the rate seen so far. For work whose
/// units take about the same time (training batches).
class EtaContext final : public WorkContext {
public:
    explicit EtaContext(JobContext& job) : m_job(job) { m_clock.start(); }

    bool isCancelled() const override { return m_job.isCancelled(); }
    void log(const QString& line) override { m_job.log(line); }
    void setProgress(double fraction, const QString& step = QString()) override {
        // Below 1% the rate is mostly start-up cost: no estimate yet.
        if (fraction < 0.01 || fraction >= 1.0) {
            m_job.setProgress(fraction, step);
            return;
        }
        const auto left = static_cast<qint64>(static_cast<double>(m_clock.elapsed()) / 1000.0 *
                                              (1.0 - fraction) / fraction);
        const QString eta =
            QStringLiteral("%1:%2 left").arg(left / 60).arg(left % 60, 2, 10, QLatin1Char('0'));
        m_job.setProgress(fraction, step.isEmpty() ? eta : step + QStringLiteral(", ") + eta);
    }

private:
    JobContext& m_job;
    QElapsedTimer m_clock;
};

}  // namespace aip
