#pragma once

// Runs a piece of core work as a job, the way the pipeline and the profilers expect to be run
// (they take a JobContext), and waits for it.

#include "common/error.h"
#include "jobs/jobmanager.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace aip::testing {

/// Runs `work` as a job and returns its result, collecting its log lines in `log` when given;
/// a failure is rethrown as aip::Error with the job's message.
template <class Result>
Result runInJob(const std::function<Result(JobContext&)>& work, QStringList* log = nullptr) {
    JobManager manager;
    auto* job = manager.submit<int, Result>(
        QStringLiteral("test"), 0, [&](const int&, JobContext& context) { return work(context); });
    if (log != nullptr) {
        QObject::connect(job, &Job::logged, job, [log](const QString& line) { log->append(line); });
    }
    if (JobManager::waitFor(job) != Job::State::Finished) {
        throw Error(job->errorMessage());
    }
    return job->result();
}

}  // namespace aip::testing
