#pragma once

#include <QString>

namespace aip {
class ModelFiles;
}

namespace aip {

/// SHA-256 of a file's content as lowercase hex. For a folder: the digest of every file below
/// it (relative path and content digest, in sorted path order), so a stage can depend on a whole
/// output folder such as ablation/. Throws aip::Error naming the path when it cannot be read or
/// does not exist.
QString sha256OfPath(const QString& path);

/// Throws aip::Error naming the file, the model and `recordPath` when a file of `files` that still
/// exists differs from the sha256 recorded when its run profiled it: a live replay must run the
/// weights the profiles measured.
void requireProfiledWeights(const ModelFiles& files, const QString& recordPath);

/// model_files.csv of the results folder `resultsDir`, checked by requireProfiledWeights(): the
/// weights a live replay of that folder's profiles must run.
ModelFiles loadProfiledModelFiles(const QString& resultsDir);

/// SHA-256 of bytes as lowercase hex.
QString sha256OfBytes(const QByteArray& data);

}  // namespace aip
