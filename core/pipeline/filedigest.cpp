#include "pipeline/filedigest.h"

#include "common/error.h"
#include "evaluation/modelfiles.h"
#include "results/resultfiles.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace aip {

namespace {

QString fileDigest(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        throw Error(QStringLiteral("%1: cannot read (%2)").arg(path, file.errorString()));
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file)) {
        throw Error(QStringLiteral("%1: cannot read (%2)").arg(path, file.errorString()));
    }
    return QString::fromLatin1(hash.result().toHex());
}

QString folderDigest(const QString& path) {
    QStringList files;
    QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        files.append(QDir(path).relativeFilePath(it.next()));
    }
    std::sort(files.begin(), files.end());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString& relative : files) {
        hash.addData(relative.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(fileDigest(QDir(path).filePath(relative)).toLatin1());
        hash.addData(QByteArrayView("\n", 1));
    }
    return QString::fromLatin1(hash.result().toHex());
}

}  // namespace

QString sha256OfPath(const QString& path) {
    const QFileInfo info(path);
    if (!info.exists()) {
        throw Error(QStringLiteral("%1: does not exist").arg(path));
    }
    return info.isDir() ? folderDigest(path) : fileDigest(path);
}

QString sha256OfBytes(const QByteArray& data) {
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

void requireProfiledWeights(const ModelFiles& files, const QString& recordPath) {
    for (const ModelFiles::Record& r : files.records()) {
        if (QFileInfo::exists(r.file) && sha256OfPath(r.file) != r.sha256) {
            throw Error(QStringLiteral("%1 of model '%2' changed since it was profiled (its "
                                       "sha256 differs from %3): run the pipeline again to "
                                       "profile it before replaying live")
                            .arg(r.file, r.model, recordPath));
        }
    }
}

ModelFiles loadProfiledModelFiles(const QString& resultsDir) {
    const QString path = resultfiles::kModelFiles.in(resultsDir);
    ModelFiles files = ModelFiles::load(path);
    requireProfiledWeights(files, path);
    return files;
}

}  // namespace aip
