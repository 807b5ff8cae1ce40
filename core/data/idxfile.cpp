#include "data/idxfile.h"

#include "common/error.h"
#include "data/binaryfile.h"
#include "data/gzipfile.h"

namespace aip {

namespace {

QByteArray readIdxBytes(const QString& path) {
    return path.endsWith(QStringLiteral(".gz"), Qt::CaseInsensitive) ? readGzipFile(path)
                                                                     : readBinaryFile(path);
}

quint32 bigEndian32(const QByteArray& data, qsizetype offset) {
    const auto* p = reinterpret_cast<const unsigned char*>(data.constData()) + offset;
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
}

QString hex32(quint32 value) {
    return QStringLiteral("0x%1").arg(value, 8, 16, QLatin1Char('0'));
}

// Checks the magic number and that the whole header is there.
void checkHeader(const QByteArray& data, const QString& path, quint32 expectedMagic,
                 const char* expectedWhat, qsizetype headerBytes) {
    if (data.size() < 4) {
        throw Error(QStringLiteral("%1: truncated IDX file: %2 bytes, too short for the magic "
                                   "number")
                        .arg(path)
                        .arg(data.size()));
    }
    const quint32 magic = bigEndian32(data, 0);
    if (magic != expectedMagic) {
        throw Error(
            QStringLiteral("%1: wrong IDX magic number %2, expected %3 (%4)")
                .arg(path, hex32(magic), hex32(expectedMagic), QString::fromLatin1(expectedWhat)));
    }
    if (data.size() < headerBytes) {
        throw Error(QStringLiteral("%1: truncated IDX header: %2 bytes, the header needs %3")
                        .arg(path)
                        .arg(data.size())
                        .arg(headerBytes));
    }
}

void checkPayload(const QByteArray& data, const QString& path, qsizetype headerBytes,
                  quint64 payloadBytes, const QString& description) {
    const quint64 found = quint64(data.size() - headerBytes);
    if (found < payloadBytes) {
        throw Error(QStringLiteral("%1: truncated IDX data: the header announces %2 (%3 bytes), "
                                   "the file holds %4")
                        .arg(path, description)
                        .arg(payloadBytes)
                        .arg(found));
    }
    if (found > payloadBytes) {
        throw Error(QStringLiteral("%1: %2 unexpected bytes after the %3 the header announces")
                        .arg(path)
                        .arg(found - payloadBytes)
                        .arg(description));
    }
}

}  // namespace

namespace fashionmnist {

QStringList fileNames(const QString& split) {
    if (split == u"train") {
        return {QStringLiteral("train-images-idx3-ubyte.gz"),
                QStringLiteral("train-labels-idx1-ubyte.gz")};
    }
    if (split == u"test") {
        return {QStringLiteral("t10k-images-idx3-ubyte.gz"),
                QStringLiteral("t10k-labels-idx1-ubyte.gz")};
    }
    return {};
}

QStringList classNames() {
    return {QStringLiteral("T-shirt/top"), QStringLiteral("Trouser"), QStringLiteral("Pullover"),
            QStringLiteral("Dress"),       QStringLiteral("Coat"),    QStringLiteral("Sandal"),
            QStringLiteral("Shirt"),       QStringLiteral("Sneaker"), QStringLiteral("Bag"),
            QStringLiteral("Ankle boot")};
}

}  // namespace fashionmnist

std::unique_ptr<ImageDataset> loadIdxImages(const QString& imagesFile, const QString& labelsFile,
                                            const QString& name, const QStringList& classNames) {
    constexpr qsizetype kImagesHeader = 16;
    constexpr qsizetype kLabelsHeader = 8;

    const QByteArray images = readIdxBytes(imagesFile);
    checkHeader(images, imagesFile, idx::kImagesMagic, "unsigned-byte images, 3 dimensions",
                kImagesHeader);
    const quint32 count = bigEndian32(images, 4);
    const quint32 rows = bigEndian32(images, 8);
    const quint32 cols = bigEndian32(images, 12);
    if (rows == 0 || cols == 0 || rows > 65535 || cols > 65535) {
        throw Error(QStringLiteral("%1: implausible IDX image size %2×%3")
                        .arg(imagesFile)
                        .arg(rows)
                        .arg(cols));
    }
    checkPayload(images, imagesFile, kImagesHeader, quint64(count) * rows * cols,
                 QStringLiteral("%1 images of %2×%3").arg(count).arg(rows).arg(cols));

    const QByteArray labels = readIdxBytes(labelsFile);
    checkHeader(labels, labelsFile, idx::kLabelsMagic, "unsigned-byte labels, 1 dimension",
                kLabelsHeader);
    const quint32 labelCount = bigEndian32(labels, 4);
    checkPayload(labels, labelsFile, kLabelsHeader, labelCount,
                 QStringLiteral("%1 labels").arg(labelCount));
    if (labelCount != count) {
        throw Error(QStringLiteral("%1: %2 images, but %3 holds %4 labels; the files must belong "
                                   "to the same split")
                        .arg(imagesFile)
                        .arg(count)
                        .arg(labelsFile)
                        .arg(labelCount));
    }

    auto dataset = std::make_unique<ImageDataset>(name, 1, int(rows), int(cols), classNames);
    dataset->reserve(count);
    const auto* labelBytes =
        reinterpret_cast<const std::uint8_t*>(labels.constData()) + kLabelsHeader;
    const auto* pixelBytes =
        reinterpret_cast<const std::uint8_t*>(images.constData()) + kImagesHeader;
    const std::size_t imageBytes = dataset->imageBytes();
    for (quint32 i = 0; i < count; ++i) {
        const int label = labelBytes[i];
        if (label >= classNames.size()) {
            throw Error(QStringLiteral("%1: label %2 at index %3, but there are only %4 classes "
                                       "(labels 0 to %5)")
                            .arg(labelsFile)
                            .arg(label)
                            .arg(i)
                            .arg(classNames.size())
                            .arg(classNames.size() - 1));
        }
        dataset->append(pixelBytes + std::size_t(i) * imageBytes, label);
    }
    return dataset;
}

std::unique_ptr<ImageDataset> loadFashionMnist(const QString& imagesFile, const QString& labelsFile,
                                               const QString& name) {
    return loadIdxImages(imagesFile, labelsFile, name, fashionmnist::classNames());
}

}  // namespace aip
