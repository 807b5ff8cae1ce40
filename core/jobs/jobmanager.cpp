#include "jobs/jobmanager.h"

#include "jobs/queuedcall.h"

#include <QEventLoop>
#include <QRunnable>
#include <QThread>

#include <algorithm>

namespace aip {

/// One job's turn on the pool. Handed over as a whole object (not a functor Qt moves after the
/// hand-over is announced), so the pool thread reads only what was written before it.
class JobRunnable final : public QRunnable {
public:
    explicit JobRunnable(Job* job) : m_job(job) {}

    void run() override {
        acceptHandOver(this);
        if (m_job) {
            m_job->runOnPool();
        }
    }

private:
    QPointer<Job> m_job;
};

JobManager::JobManager(int maxThreads, QObject* parent) : QObject(parent) {
    const int threads = maxThreads > 0 ? maxThreads : std::max(2, QThread::idealThreadCount());
    m_pool.setMaxThreadCount(threads);
}

JobManager::~JobManager() {
    cancelAll();
    m_pool.waitForDone();
}

void JobManager::start(Job* job) {
    job->setParent(this);
    m_jobs.append(job);
    connect(job, &Job::done, this, [this, job] { Q_EMIT jobDone(job); });
    Q_EMIT jobStarted(job);
    auto* runnable = new JobRunnable(job);  // the pool deletes it after run()
    announceHandOver(runnable);
    m_pool.start(runnable);
}

QList<Job*> JobManager::jobs() const {
    QList<Job*> result;
    for (const QPointer<Job>& j : m_jobs) {
        if (j) {
            result.append(j.data());
        }
    }
    return result;
}

void JobManager::cancelAll() {
    for (const QPointer<Job>& j : m_jobs) {
        if (j) {
            j->cancel();
        }
    }
}

bool JobManager::waitForDone(int msecs) {
    return m_pool.waitForDone(msecs);
}

Job::State JobManager::waitFor(Job* job) {
    if (job->hasSignalledDone()) {
        return job->state();
    }
    QEventLoop loop;
    QObject::connect(job, &Job::done, &loop, &QEventLoop::quit);
    loop.exec();
    return job->state();
}

}  // namespace aip
