#pragma once

#include "common/workcontext.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>

namespace aip {

class Job;

/// What a job's work function sees: cooperative cancellation and thread-safe reporting.
/// Progress and log lines are delivered as the Job's signals in the Job's own (GUI) thread.
class JobContext final : public WorkContext {
public:
    explicit JobContext(Job& job) : m_job(job) {}
    bool isCancelled() const override;
    /// fraction in [0, 1]; `step` names the current work unit ("resnet18 fp32 b8").
    void setProgress(double fraction, const QString& step = QString()) override;
    /// From now on every fraction reported is mapped into [start, start + span] of the job's
    /// progress: a unit of work reports 0–1 and the job shows that unit's share.
    /// setProgressWindow(0, 1) restores the identity.
    void setProgressWindow(double start, double span);
    void log(const QString& line) override;

private:
    Job& m_job;
    double m_windowStart = 0.0;
    double m_windowSpan = 1.0;
};

/// A unit of long work (download, train, profile, evaluate, a pipeline stage) run on the
/// JobManager's pool, never on the GUI thread. Signals are always emitted in the thread the Job
/// lives in, so widgets and QSignalSpy can connect to them directly.
class Job : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Job)

public:
    enum class State { Queued, Running, Finished, Failed, Cancelled };
    Q_ENUM(State)

    ~Job() override;

    const QString& name() const { return m_name; }
    State state() const { return m_state.load(); }
    bool isDone() const;
    /// The failure message (state Failed), otherwise empty.
    QString errorMessage() const;
    double progress() const { return m_progress.load(); }

    /// True once done() has been emitted (owner thread only).
    bool hasSignalledDone() const { return m_signalledDone; }

    /// Thread-safe; the work stops at its next cancellation check.
    void cancel();
    bool isCancelRequested() const { return m_cancelRequested.load(); }

Q_SIGNALS:
    void started();
    void progressChanged(double fraction, const QString& step);
    void logged(const QString& line);
    void finished();                      ///< the work returned normally; the result is ready
    void failed(const QString& message);  ///< the work threw; message names file and problem
    void cancelled();
    void done(aip::Job::State state);  ///< always last, whatever the outcome

protected:
    Job(QString name, QObject* parent);
    /// The work; runs on a pool thread. Throw aip::Error (or any std::exception) to fail.
    virtual void execute(JobContext& context) = 0;

private:
    friend class JobContext;
    friend class JobManager;
    friend class JobRunnable;
    void runOnPool();  ///< called on a pool thread by the JobRunnable that JobManager::start()
                       ///< hands over
    void postProgress(double fraction, const QString& step);
    void postLog(const QString& line);
    void finish(State state, const QString& message);

    QString m_name;
    std::atomic<State> m_state{State::Queued};
    std::atomic<bool> m_cancelRequested{false};
    std::atomic<double> m_progress{0.0};
    std::atomic<bool> m_progressPosted{false};
    mutable std::mutex m_mutex;
    QString m_step;
    QString m_error;
    bool m_signalledDone = false;
};

/// A job with a parameter struct in and a result struct out.
template <class Params, class Result>
class TypedJob final : public Job {
public:
    using Work = std::function<Result(const Params&, JobContext&)>;

    TypedJob(QString name, Params params, Work work, QObject* parent = nullptr)
        : Job(std::move(name), parent), m_params(std::move(params)), m_work(std::move(work)) {}

    const Params& params() const { return m_params; }
    /// Valid once finished() was emitted.
    const Result& result() const { return *m_result; }
    bool hasResult() const { return m_result.has_value(); }

protected:
    void execute(JobContext& context) override { m_result = m_work(m_params, context); }

private:
    Params m_params;
    Work m_work;
    std::optional<Result> m_result;
};

}  // namespace aip
