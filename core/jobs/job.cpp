#include "jobs/job.h"

#include "common/error.h"
#include "common/faultpoint.h"
#include "jobs/queuedcall.h"

#include <algorithm>
#include <exception>

namespace aip {

bool JobContext::isCancelled() const {
    return m_job.isCancelRequested();
}

void JobContext::setProgress(double fraction, const QString& step) {
    faultPoint("progress", step);
    m_job.postProgress(m_windowStart + m_windowSpan * std::clamp(fraction, 0.0, 1.0), step);
}

void JobContext::setProgressWindow(double start, double span) {
    m_windowStart = start;
    m_windowSpan = span;
}

void JobContext::log(const QString& line) {
    m_job.postLog(line);
}

Job::Job(QString name, QObject* parent) : QObject(parent), m_name(std::move(name)) {}

Job::~Job() = default;

bool Job::isDone() const {
    const State s = m_state.load();
    return s == State::Finished || s == State::Failed || s == State::Cancelled;
}

QString Job::errorMessage() const {
    std::lock_guard lock(m_mutex);
    return m_error;
}

void Job::cancel() {
    m_cancelRequested.store(true);
}

void Job::postProgress(double fraction, const QString& step) {
    m_progress.store(std::clamp(fraction, 0.0, 1.0));
    {
        std::lock_guard lock(m_mutex);
        m_step = step;
    }
    // Coalesce: a fast loop reporting every item posts one event until the GUI has taken it.
    if (m_progressPosted.exchange(true)) {
        return;
    }
    postToApplicationThread(this, [this] {
        m_progressPosted.store(false);
        QString step;
        {
            std::lock_guard lock(m_mutex);
            step = m_step;
        }
        Q_EMIT progressChanged(m_progress.load(), step);
    });
}

void Job::postLog(const QString& line) {
    postToApplicationThread(this, [this, line] { Q_EMIT logged(line); });
}

void Job::runOnPool() {
    if (m_cancelRequested.load()) {
        finish(State::Cancelled, QString());
        return;
    }
    m_state.store(State::Running);
    postToApplicationThread(this, [this] { Q_EMIT started(); });
    JobContext context(*this);
    try {
        execute(context);
        if (m_cancelRequested.load()) {
            // The work noticed the request and returned early: its result is partial.
            finish(State::Cancelled, QString());
        } else {
            m_progress.store(1.0);
            finish(State::Finished, QString());
        }
    } catch (const CancelledError&) {
        finish(State::Cancelled, QString());
    } catch (const std::exception& e) {
        finish(State::Failed, QString::fromUtf8(e.what()));
    } catch (...) {
        finish(State::Failed, QStringLiteral("%1: unknown error").arg(m_name));
    }
}

void Job::finish(State state, const QString& message) {
    {
        std::lock_guard lock(m_mutex);
        m_error = message;
    }
    m_state.store(state);
    postToApplicationThread(this, [this, state, message] {
        switch (state) {
            case State::Finished:
                Q_EMIT progressChanged(1.0, QString());
                Q_EMIT finished();
                break;
            case State::Failed:
                Q_EMIT failed(message);
                break;
            case State::Cancelled:
                Q_EMIT cancelled();
                break;
            default:
                break;
        }
        m_signalledDone = true;
        Q_EMIT done(state);
    });
}

}  // namespace aip
