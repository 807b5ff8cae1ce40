#include "jobs/jobmanager.h"

#include <QEventLoop>
#include <QThread>

#include <algorithm>

namespace aip {

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
    QPointer<Job> guard(job);
    m_pool.start([guard] {
        if (guard) {
            guard->runOnPool();
        }
    });
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
