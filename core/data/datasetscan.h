#pragma once

#include "data/datasearchpath.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace aip {

class JobContext;

/// One split of a dataset as found on the data search path.
struct SplitStatus {
    QString split;
    QString file;             ///< the split's first file where found, else empty
    qsizetype examples = -1;  ///< -1: not counted (missing, or it failed to load)
    QString error;            ///< the loader's message when the split is there but does not load
};

/// What the Datasets dock shows for one dataset (built-in, or an image folder).
struct DatasetStatus {
    QString name;
    std::vector<SplitStatus> splits;

    bool found() const;  ///< at least one split's files are on the search path
    /// The folders the found splits were read from, without repeats.
    QStringList folders() const;
};

struct DatasetScanParams {
    DataSearchPath searchPath;
    /// Built-in names to look for, and image folders (absolute paths; see imagefolders::).
    QStringList datasets;
};

struct DatasetScanResult {
    std::vector<DatasetStatus> datasets;  ///< in the order of DatasetScanParams::datasets
    QString searchPath;                   ///< DataSearchPath::describe(), for "not found" tooltips
};

/// A built-in dataset's splits; an image folder's split subfolders, or one unnamed split ("")
/// for a flat folder (and for a folder that is gone, so it shows as missing).
QStringList datasetSplits(const QString& name);

/// A job's work: finds each dataset's splits on the search path and counts their examples by
/// loading them (seconds for CIFAR-10's training batches, hence a job). A split that fails to
/// load is reported with its message instead of failing the whole scan. Cancellable between
/// splits.
DatasetScanResult scanDatasets(const DatasetScanParams& params, JobContext& context);

}  // namespace aip
