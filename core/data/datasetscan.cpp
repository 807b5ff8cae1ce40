#include "data/datasetscan.h"

#include "data/datasetloader.h"
#include "data/imagefolder.h"
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
        // A flat image folder's one split is the folder itself; any other split sits in one.
        const QString folder = s.file.isEmpty() ? QString()
                               : s.split.isEmpty() && QFileInfo(s.file).isDir()
                                   ? s.file
                                   : QFileInfo(s.file).absolutePath();
        if (!folder.isEmpty() && !result.contains(folder)) {
            result.append(folder);
        }
    }
    return result;
}

namespace {

/// Where a split's files start: a built-in's first file on the search path; an image folder's
/// split folder (the folder itself when flat). Empty when not there.
QString splitLocation(const QString& name, const QString& split, const DataSearchPath& search) {
    if (datasets::isBuiltIn(name)) {
        return search.find(datasets::requiredFiles(name, split).first());
    }
    const QString folder = split.isEmpty() ? name : name + u'/' + split;
    return QFileInfo(folder).isDir() ? QFileInfo(folder).absoluteFilePath() : QString();
}

}  // namespace

QStringList datasetSplits(const QString& name) {
    if (datasets::isBuiltIn(name)) {
        return datasets::validSplits(name);
    }
    const QStringList splits = imagefolder::splitsIn(name);
    return splits.isEmpty() ? QStringList{QString()} : splits;
}

DatasetScanResult scanDatasets(const DatasetScanParams& params, JobContext& context) {
    DatasetScanResult result;
    result.searchPath = params.searchPath.describe();
    int total = 0;
    for (const QString& name : params.datasets) {
        total += static_cast<int>(datasetSplits(name).size());
    }
    int done = 0;
    for (const QString& name : params.datasets) {
        DatasetStatus status;
        status.name = name;
        for (const QString& split : datasetSplits(name)) {
            context.throwIfCancelled();
            context.setProgress(total > 0 ? static_cast<double>(done) / total : 0.0,
                                QStringLiteral("%1/%2").arg(name, split));
            SplitStatus s;
            s.split = split;
            s.file = splitLocation(name, split, params.searchPath);
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
