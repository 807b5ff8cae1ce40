#pragma once

#include "common/error.h"

#include <QString>

namespace aip {

/// What long work reports to and asks of whoever runs it: progress, log lines, and whether to
/// stop. A job's context (jobs/JobContext) is one; code below the jobs layer (the engine's
/// trainer) takes this, so it needs no job to run.
class WorkContext {
public:
    virtual ~WorkContext() = default;
    virtual bool isCancelled() const = 0;
    /// Throws aip::CancelledError when cancellation was requested; call between work units.
    void throwIfCancelled() const {
        if (isCancelled()) {
            throw CancelledError();
        }
    }
    /// fraction in [0, 1]; `step` names the current work unit ("resnet18 fp32 b8").
    virtual void setProgress(double fraction, const QString& step = QString()) = 0;
    virtual void log(const QString& line) = 0;

protected:
    WorkContext() = default;
    WorkContext(const WorkContext&) = default;
    WorkContext& operator=(const WorkContext&) = default;
};

}  // namespace aip
