#pragma once

#include "data/dataset.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace aip {

/// The IDX format of MNIST and Fashion-MNIST: a big-endian header (magic 0x00000803 then the
/// image count, rows and columns for images; magic 0x00000801 then the count for labels)
/// followed by unsigned bytes. Files ending in ".gz" are gzip-decompressed first.
namespace idx {
inline constexpr quint32 kImagesMagic = 0x00000803;
inline constexpr quint32 kLabelsMagic = 0x00000801;
}  // namespace idx

/// Fashion-MNIST: 1×28×28 grayscale, ten clothing classes.
namespace fashionmnist {
/// Folder below a data search path folder that holds the four files (Debian's layout).
inline constexpr char kFolder[] = "fashion-mnist";
/// {images file, labels file} of a split ("train" or "test"); empty for any other split.
QStringList fileNames(const QString& split);
/// T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot.
QStringList classNames();
}  // namespace fashionmnist

/// Loads an IDX image file and its IDX label file as a 1-channel ImageDataset. Throws aip::Error
/// starting with the offending file for a wrong magic number, truncated or excess data, a
/// corrupt gzip stream, differing image and label counts, or a label without a class name.
std::unique_ptr<ImageDataset> loadIdxImages(const QString& imagesFile, const QString& labelsFile,
                                            const QString& name, const QStringList& classNames);

/// loadIdxImages() with the Fashion-MNIST class names.
std::unique_ptr<ImageDataset> loadFashionMnist(const QString& imagesFile, const QString& labelsFile,
                                               const QString& name);

}  // namespace aip
