// The report of a results folder, exported into a folder of its own (export-report).

#include "cli/commands.h"

#include "common/error.h"
#include "jobs/jobmanager.h"

#include <QDir>

namespace aip::cli {

int runExportReport(const Options& p, const BatchHooks& hooks) {
    if (!hooks.exportReport) {
        throw Error(
            QStringLiteral("export-report: this build cannot draw figures (no plot "
                           "library linked)"));
    }
    const QString results = resultsDir(p);
    const QString report = requiredOption(p, QStringLiteral("to"));
    JobManager manager;
    auto* job = manager.submit<QString, QStringList>(
        QStringLiteral("export-report"), report,
        [results, export_ = hooks.exportReport](const QString& to, JobContext&) {
            return export_(results, to);
        });
    const int code = runJobToEnd(job, false);
    if (code == 0) {
        for (const QString& file : job->result()) {
            out() << file << Qt::endl;
        }
    }
    return code;
}

}  // namespace aip::cli
