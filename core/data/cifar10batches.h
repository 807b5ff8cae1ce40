#pragma once

#include "data/dataset.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace aip {

/// The CIFAR-10 binary version: each record is 1 label byte then 3,072 pixel bytes (the red,
/// green and blue 32×32 planes, rows top to bottom), no header, no padding.
namespace cifar10 {
inline constexpr int kChannels = 3;
inline constexpr int kHeight = 32;
inline constexpr int kWidth = 32;
inline constexpr int kNumClasses = 10;
inline constexpr qsizetype kImageBytes = qsizetype(kChannels) * kHeight * kWidth;
inline constexpr qsizetype kRecordBytes = 1 + kImageBytes;

/// Folder below a data search path folder that holds the batches.
inline constexpr char kFolder[] = "cifar-10-batches-bin";
/// File names of a split ("train": data_batch_1..5.bin, "test": test_batch.bin); empty for
/// any other split.
QStringList batchFileNames(const QString& split);
inline constexpr char kMetaFileName[] = "batches.meta.txt";

/// airplane, automobile, …, truck: the names in the official batches.meta.txt.
QStringList defaultClassNames();
/// Reads batches.meta.txt (one class name per line, blank lines ignored); there must be 10.
QStringList readClassNames(const QString& metaFile);
}  // namespace cifar10

/// Loads CIFAR-10 binary batches in the given order into one 3×32×32 ImageDataset. Class names
/// come from `metaFile`, or are the standard ten when it is empty. Throws aip::Error naming the
/// file for a size that is not a whole number of records or a label outside 0–9.
std::unique_ptr<ImageDataset> loadCifar10Batches(const QStringList& batchFiles,
                                                 const QString& metaFile, const QString& name);

}  // namespace aip
