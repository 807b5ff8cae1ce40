#include "data/datasetscan.h"

#include "data/datasetloader.h"
#include "jobs/job.h"

#include <QFileInfo>

#include <exception>

namespace aip {

bool DatasetStatus::found() const {
    for (const SplitStatus& s : splits) {
        if (!s.file.isEmpty()) {
            return true;
        }
    }
    return false;
}

QStringList DatasetStatus::folders() const {
    QStringList result;
    for (const SplitStatus& s : splits) {
        const QString folder = s.file.isEmpty() ? QString() : QFileInfo(s.file).absolutePath();
        if (!folder.isEmpty() && !result.contains(folder)) {
            result.append(folder);
        }
    }
    return result;
}

DatasetScanResult scanDatasets(const DatasetScanParams& params, JobContext& context) {
    DatasetScanResult result;
    result.searchPath = params.searchPath.describe();
    int total = 0;
    for (const QString& name : params.datasets) {
        total += static_cast<int>(datasets::validSplits(name).size());
    }
    int done = 0;
    for (const QString& name : params.datasets) {
        DatasetStatus status;
        status.name = name;
        for (const QString& split : datasets::validSplits(name)) {
            context.throwIfCancelled();
            context.setProgress(total > 0 ? static_cast<double>(done) / total : 0.0,
                                QStringLiteral("%1/%2").arg(name, split));
            SplitStatus s;
            s.split = split;
            s.file = params.searchPath.find(datasets::requiredFiles(name, split).first());
            if (!s.file.isEmpty()) {
                try {
                    s.examples = loadDataset(name, split, params.searchPath)->size();
                } catch (const std::exception& e) {
                    s.error = QString::fromUtf8(e.what());
                }
            }
            status.splits.push_back(s);
            ++done;
        }
        result.datasets.push_back(status);
    }
    return result;
}

}  // namespace aip
