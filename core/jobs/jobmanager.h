#pragma once

#include "jobs/job.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

namespace aip {

/// Owns the thread pool every job runs on, and the jobs themselves. The GUI and --batch both
/// submit through it. Destroying the manager cancels what still runs and waits for it.
class JobManager final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobManager)

public:
    /// maxThreads 0: one thread per core, at least two (one job may wait on another's result).
    explicit JobManager(int maxThreads = 0, QObject* parent = nullptr);
    ~JobManager() override;

    /// Creates a job owned by the manager and queues it on the pool.
    template <class Params, class Result>
    TypedJob<Params, Result>* submit(QString name, Params params,
                                     typename TypedJob<Params, Result>::Work work) {
        auto* job =
            new TypedJob<Params, Result>(std::move(name), std::move(params), std::move(work), this);
        start(job);
        return job;
    }

    /// Queues an already created job (the manager takes ownership).
    void start(Job* job);
    QList<Job*> jobs() const;
    void cancelAll();
    /// Waits for the pool (not for queued signal delivery). -1: forever.
    bool waitForDone(int msecs = -1);
    int maxThreads() const { return m_pool.maxThreadCount(); }

    /// Runs a local event loop until `job` is done and returns its final state. For --batch and
    /// tests; never call it from a GUI slot (it would re-enter the event loop).
    static Job::State waitFor(Job* job);

Q_SIGNALS:
    void jobStarted(aip::Job* job);
    void jobDone(aip::Job* job);

private:
    QThreadPool m_pool;
    QList<QPointer<Job>> m_jobs;
};

}  // namespace aip
