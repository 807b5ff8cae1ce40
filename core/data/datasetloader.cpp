#include "data/datasetloader.h"

#include "common/error.h"
#include "data/cifar10batches.h"
#include "data/idxfile.h"
#include "data/sst2tsv.h"

#include <QDir>
#include <QFileInfo>

namespace aip {

namespace {

const QString kCifar10 = QStringLiteral("cifar10");
const QString kFashionMnist = QStringLiteral("fashion-mnist");
const QString kSst2 = QStringLiteral("sst2");

QStringList prefixed(const QString& folder, const QStringList& names) {
    QStringList paths;
    for (const QString& name : names) {
        paths.append(folder + u'/' + name);
    }
    return paths;
}

void checkSplit(const QString& dataset, const QString& split) {
    const QStringList splits = datasets::validSplits(dataset);
    if (!splits.contains(split)) {
        throw Error(QStringLiteral("%1: unknown split \"%2\"; valid splits: %3")
                        .arg(dataset, split, splits.join(QStringLiteral(", "))));
    }
}

// Resolves the first required file on the search path, then takes every other file of the
// split from that same folder.
QStringList locate(const QString& dataset, const QString& split, const DataSearchPath& path) {
    const QStringList relative = datasets::requiredFiles(dataset, split);
    const QString what = QStringLiteral("dataset %1 (split %2)").arg(dataset, split);
    const QString first = path.require(relative.first(), what);
    const QString base = first.left(first.size() - relative.first().size());
    QStringList absolute;
    for (const QString& file : relative) {
        const QString candidate = base + file;
        if (!QFileInfo::exists(candidate)) {
            throw Error(
                QStringLiteral("%1: missing; %2 needs it next to %3").arg(candidate, what, first));
        }
        absolute.append(candidate);
    }
    return absolute;
}

std::unique_ptr<ImageDataset> loadImageFolderDataset(const QString& dataset, const QString& split,
                                                     const DataSearchPath& path,
                                                     const ImageLoadOptions& options) {
    QString folder;
    if (QFileInfo(dataset).isDir()) {
        folder = dataset;
    } else if (!QDir::isAbsolutePath(dataset)) {
        const QString found = path.find(dataset);
        if (!found.isEmpty() && QFileInfo(found).isDir()) {
            folder = found;
        }
    }
    if (folder.isEmpty()) {
        throw Error(QStringLiteral("%1: dataset not found; it is not one of %2, nor an image "
                                   "folder in the current folder (%3) or on the data search path "
                                   "(%4)")
                        .arg(dataset, datasets::builtInNames().join(QStringLiteral(", ")),
                             QDir::currentPath(), path.describe()));
    }
    return loadImageFolder(folder, split, options);
}

}  // namespace

namespace datasets {

QStringList builtInNames() {
    return {kCifar10, kFashionMnist, kSst2};
}

bool isBuiltIn(const QString& dataset) {
    return builtInNames().contains(dataset);
}

QStringList validSplits(const QString& dataset) {
    if (dataset == kCifar10 || dataset == kFashionMnist) {
        return {QStringLiteral("train"), QStringLiteral("test")};
    }
    if (dataset == kSst2) {
        return {QStringLiteral("train"), QStringLiteral("dev")};
    }
    return {};
}

QStringList requiredFiles(const QString& dataset, const QString& split) {
    if (!isBuiltIn(dataset)) {
        throw Error(QStringLiteral("%1: not a built-in dataset (%2)")
                        .arg(dataset, builtInNames().join(QStringLiteral(", "))));
    }
    checkSplit(dataset, split);
    if (dataset == kCifar10) {
        const QString folder = QString::fromLatin1(cifar10::kFolder);
        return prefixed(folder, cifar10::batchFileNames(split) +
                                    QStringList{QString::fromLatin1(cifar10::kMetaFileName)});
    }
    if (dataset == kFashionMnist) {
        return prefixed(QString::fromLatin1(fashionmnist::kFolder), fashionmnist::fileNames(split));
    }
    return prefixed(QString::fromLatin1(sst2::kFolder), {sst2::fileName(split)});
}

}  // namespace datasets

std::unique_ptr<Dataset> loadDataset(const QString& dataset, const QString& split,
                                     const DataSearchPath& path, const ImageLoadOptions& options) {
    options.validate();
    const QString name = dataset + u'/' + split;
    if (dataset == kCifar10) {
        QStringList files = locate(dataset, split, path);
        const QString metaFile = files.takeLast();
        return applyImageLoadOptions(loadCifar10Batches(files, metaFile, name), options);
    }
    if (dataset == kFashionMnist) {
        const QStringList files = locate(dataset, split, path);
        return applyImageLoadOptions(loadFashionMnist(files.at(0), files.at(1), name), options);
    }
    if (dataset == kSst2) {
        return loadSst2Tsv(locate(dataset, split, path).first(), name);
    }
    return loadImageFolderDataset(dataset, split, path, options);
}

}  // namespace aip
