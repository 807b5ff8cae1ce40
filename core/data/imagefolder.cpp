#include "data/imagefolder.h"

#include "common/error.h"
#include "data/binaryfile.h"

#include <QDir>
#include <QFileInfo>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace aip {

namespace {

QStringList sortedEntries(const QString& folder, QDir::Filters filters,
                          const QStringList& nameFilters = {}) {
    QStringList entries = QDir(folder).entryList(nameFilters, filters | QDir::NoDotAndDotDot);
    // Code-point order, not the locale's: labels must not depend on where the planner runs.
    std::sort(entries.begin(), entries.end());
    return entries;
}

QStringList imageNameFilters() {
    QStringList filters;
    for (const QString& suffix : imagefolder::imageSuffixes()) {
        filters.append(QStringLiteral("*.") + suffix);
    }
    return filters;
}

QStringList imagesIn(const QString& folder) {
    return sortedEntries(folder, QDir::Files, imageNameFilters());
}

QString describeShape(int channels, int height, int width) {
    return QStringLiteral("%1×%2 %3")
        .arg(width)
        .arg(height)
        .arg(channels == 1 ? QStringLiteral("grayscale") : QStringLiteral("RGB"));
}

// Converts to the requested channel count and size; `image` is 8-bit, 1-channel or RGB.
cv::Mat shapeImage(const cv::Mat& image, const ImageLoadOptions& options) {
    cv::Mat shaped = image;
    if (options.channels == 1 && shaped.channels() == 3) {
        cv::cvtColor(shaped, shaped, cv::COLOR_RGB2GRAY);
    } else if (options.channels == 3 && shaped.channels() == 1) {
        cv::cvtColor(shaped, shaped, cv::COLOR_GRAY2RGB);
    }
    if (options.width > 0 && (shaped.cols != options.width || shaped.rows != options.height)) {
        cv::Mat resized;
        cv::resize(shaped, resized, cv::Size(options.width, options.height), 0, 0, cv::INTER_AREA);
        shaped = resized;
    }
    return shaped;
}

// OpenCV keeps pixels interleaved (HWC); the dataset wants one plane per channel (CHW).
void appendAsChw(ImageDataset& dataset, const cv::Mat& hwc, int label,
                 std::vector<std::uint8_t>& buffer) {
    buffer.resize(dataset.imageBytes());
    const std::size_t planeBytes = std::size_t(hwc.rows) * std::size_t(hwc.cols);
    if (hwc.channels() == 1) {
        const cv::Mat plane = hwc.isContinuous() ? hwc : hwc.clone();
        std::memcpy(buffer.data(), plane.data, planeBytes);
    } else {
        std::vector<cv::Mat> planes;
        cv::split(hwc, planes);
        for (std::size_t c = 0; c < planes.size(); ++c) {
            std::memcpy(buffer.data() + c * planeBytes, planes[c].data, planeBytes);
        }
    }
    dataset.append(buffer.data(), label);
}

cv::Mat chwToMat(const std::uint8_t* chw, int channels, int height, int width) {
    std::vector<cv::Mat> planes;
    planes.reserve(static_cast<std::size_t>(std::max(channels, 0)));
    const std::size_t planeBytes = std::size_t(height) * std::size_t(width);
    for (int c = 0; c < channels; ++c) {
        planes.emplace_back(height, width, CV_8UC1,
                            const_cast<std::uint8_t*>(chw + std::size_t(c) * planeBytes));
    }
    cv::Mat hwc;
    cv::merge(planes, hwc);
    return hwc;
}

/// The most pixels an image may have (8192 × 8192). A decoder allocates the whole image its
/// header declares before it reads any pixel, so a file of a few bytes could otherwise ask for
/// gigabytes.
constexpr qint64 kMaxImagePixels = qint64(8192) * 8192;

struct ImageHeader {
    const char* format = nullptr;  ///< "PNG", "JPEG" or "BMP"; null for any other content
    /// The size the header declares; 0×0 when the header is cut short or malformed (then the
    /// decoder refuses the file).
    qint64 width = 0;
    qint64 height = 0;
};

qint64 bigEndian(const uchar* p, int bytes) {
    qint64 value = 0;
    for (int i = 0; i < bytes; ++i) {
        value = (value << 8) | p[i];
    }
    return value;
}

qint64 littleEndian(const uchar* p, int bytes) {
    qint64 value = 0;
    for (int i = bytes - 1; i >= 0; --i) {
        value = (value << 8) | p[i];
    }
    return value;
}

/// The size in a JPEG's frame header (SOFn), markers read the way libjpeg reads them: bytes
/// between markers and 0xFF fill bytes are skipped, FF 00 is no marker, and a segment's length
/// counts its two length bytes.
void readJpegSize(const uchar* p, qsizetype size, ImageHeader& header) {
    qsizetype at = 2;  // after SOI
    while (at < size) {
        while (at < size && p[at] != 0xFF) {
            ++at;
        }
        while (at < size && p[at] == 0xFF) {
            ++at;
        }
        if (at >= size) {
            return;
        }
        const uchar marker = p[at++];
        if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            continue;  // no marker, TEM, RSTn: no segment follows
        }
        if (marker >= 0xD8 && marker <= 0xDA) {
            return;  // SOI again, EOI, or a scan before any frame header: libjpeg refuses it
        }
        const bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 &&
                           marker != 0xCC;  // not DHT, JPG or DAC
        if (frame) {
            if (at + 7 <= size) {  // length, precision, height, width
                header.height = bigEndian(p + at + 3, 2);
                header.width = bigEndian(p + at + 5, 2);
            }
            return;
        }
        if (at + 2 > size) {
            return;
        }
        at += std::max<qint64>(bigEndian(p + at, 2), 2);
    }
}

/// The format and declared size of a PNG, JPEG or BMP file, from its first bytes as OpenCV's
/// decoders read them.
ImageHeader readImageHeader(const QByteArray& bytes) {
    const auto* p = reinterpret_cast<const uchar*>(bytes.constData());
    const qsizetype size = bytes.size();
    ImageHeader header;
    if (bytes.startsWith("\x89PNG\r\n\x1a\n")) {
        header.format = "PNG";
        if (size >= 24 && bytes.mid(12, 4) == "IHDR") {  // the first chunk
            header.width = bigEndian(p + 16, 4);
            header.height = bigEndian(p + 20, 4);
        }
    } else if (bytes.startsWith("\xff\xd8\xff")) {
        header.format = "JPEG";
        readJpegSize(p, size, header);
    } else if (bytes.startsWith("BM")) {
        header.format = "BMP";
        const qint64 infoSize = size >= 18 ? littleEndian(p + 14, 4) : 0;
        if (infoSize == 12 && size >= 22) {  // OS/2: 16-bit width and height
            header.width = littleEndian(p + 18, 2);
            header.height = littleEndian(p + 20, 2);
        } else if (infoSize >= 36 && size >= 26) {  // signed; a negative height is top-down
            header.width = std::abs(qint64(qint32(littleEndian(p + 18, 4))));
            header.height = std::abs(qint64(qint32(littleEndian(p + 22, 4))));
        }
    }
    return header;
}

cv::Mat decodeImage(const QString& path) {
    const QByteArray bytes = readBinaryFile(path);
    // OpenCV picks its decoder by the content, whatever the name: only the three formats an
    // image folder holds reach it, and only at a size the loader can hold.
    const ImageHeader header = readImageHeader(bytes);
    if (header.format == nullptr) {
        throw Error(QStringLiteral("%1: not a PNG, JPEG or BMP file").arg(path));
    }
    if (header.width > kMaxImagePixels || header.height > kMaxImagePixels ||
        header.width * header.height > kMaxImagePixels) {
        throw Error(QStringLiteral("%1: a %2 image of %3×%4 pixels; images of more than %5 "
                                   "pixels (8192×8192) are not read")
                        .arg(path, QString::fromLatin1(header.format))
                        .arg(header.width)
                        .arg(header.height)
                        .arg(kMaxImagePixels));
    }
    cv::Mat decoded;
    try {
        const cv::Mat buffer(1, int(bytes.size()), CV_8UC1, const_cast<char*>(bytes.constData()));
        // ANYCOLOR keeps grayscale as one channel and drops alpha; without ANYDEPTH every image
        // comes back 8-bit.
        decoded = cv::imdecode(buffer, cv::IMREAD_ANYCOLOR);
    } catch (const cv::Exception& e) {
        throw Error(QStringLiteral("%1: cannot decode the image: %2")
                        .arg(path, QString::fromStdString(e.what()).trimmed()));
    }
    if (decoded.empty()) {
        throw Error(QStringLiteral("%1: cannot decode the image (a corrupt or truncated %2 file)")
                        .arg(path, QString::fromLatin1(header.format)));
    }
    if (decoded.channels() == 3) {
        cv::cvtColor(decoded, decoded, cv::COLOR_BGR2RGB);
    }
    return decoded;
}

struct LabelledFile {
    QString path;
    int label;
};

}  // namespace

void ImageLoadOptions::validate() const {
    if (channels != 0 && channels != 1 && channels != 3) {
        throw Error(QStringLiteral("image load options: channels must be 0 (as stored), 1 or 3, "
                                   "not %1")
                        .arg(channels));
    }
    if (width < 0 || height < 0 || (width == 0) != (height == 0)) {
        throw Error(QStringLiteral("image load options: give both a positive width and height, "
                                   "or neither (found %1×%2)")
                        .arg(width)
                        .arg(height));
    }
}

namespace imagefolder {

QStringList imageSuffixes() {
    return {QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"),
            QStringLiteral("bmp")};
}

QStringList splitsIn(const QString& folder) {
    QStringList splits;
    for (const QString& sub : sortedEntries(folder, QDir::Dirs)) {
        const QString path = folder + u'/' + sub;
        if (!imagesIn(path).isEmpty()) {
            return {};  // a class folder: the layout is flat
        }
        if (!sortedEntries(path, QDir::Dirs).isEmpty()) {
            splits.append(sub);
        }
    }
    return splits;
}

bool holdsImages(const QString& folder) {
    const QStringList splits = splitsIn(folder);
    const QString classRoot = splits.isEmpty() ? folder : folder + u'/' + splits.first();
    const QStringList classes = sortedEntries(classRoot, QDir::Dirs);
    return std::any_of(classes.begin(), classes.end(), [&](const QString& cls) {
        return !imagesIn(classRoot + u'/' + cls).isEmpty();
    });
}

}  // namespace imagefolder

std::unique_ptr<ImageDataset> loadImageFolder(const QString& folder, const QString& split,
                                              const ImageLoadOptions& options) {
    options.validate();
    const QString root = QDir::cleanPath(folder);
    if (const QFileInfo info(root); info.isSymLink() && !info.exists()) {
        throw Error(QStringLiteral("%1: a symbolic link that leads nowhere (a loop, or a missing "
                                   "target); expected an image folder <folder>/[<split>/]<class>/"
                                   "*.png")
                        .arg(root));
    }
    if (!QFileInfo(root).isDir()) {
        throw Error(QStringLiteral("%1: not a folder; expected an image folder "
                                   "<folder>/[<split>/]<class>/*.png")
                        .arg(root));
    }
    QString classRoot = root;
    if (!split.isEmpty() && QFileInfo(root + u'/' + split).isDir()) {
        classRoot = root + u'/' + split;
    } else {
        const QStringList splits = imagefolder::splitsIn(root);
        if (!splits.isEmpty()) {
            throw Error(QStringLiteral("%1: no split \"%2\"; valid splits: %3")
                            .arg(root, split, splits.join(QStringLiteral(", "))));
        }
    }
    const QString name = split.isEmpty() ? root : root + u'/' + split;

    const QStringList classNames = sortedEntries(classRoot, QDir::Dirs);
    if (classNames.isEmpty()) {
        throw Error(QStringLiteral("%1: no class folders; expected %1/<class>/*.png (or .jpg, "
                                   ".jpeg, .bmp)")
                        .arg(classRoot));
    }
    std::vector<LabelledFile> files;
    for (int label = 0; label < classNames.size(); ++label) {
        const QString classFolder = classRoot + u'/' + classNames.at(label);
        for (const QString& file : imagesIn(classFolder)) {
            files.push_back({classFolder + u'/' + file, label});
        }
    }
    if (files.empty()) {
        throw Error(QStringLiteral("%1: no images in the class folders (%2); expected .png, .jpg, "
                                   ".jpeg or .bmp files")
                        .arg(classRoot, classNames.join(QStringLiteral(", "))));
    }

    std::unique_ptr<ImageDataset> dataset;
    QString firstFile;
    std::vector<std::uint8_t> buffer;
    for (const LabelledFile& file : files) {
        const cv::Mat image = shapeImage(decodeImage(file.path), options);
        if (!dataset) {
            dataset = std::make_unique<ImageDataset>(name, image.channels(), image.rows, image.cols,
                                                     classNames);
            dataset->reserve(qsizetype(files.size()));
            firstFile = file.path;
        } else if (image.channels() != dataset->channels() || image.rows != dataset->height() ||
                   image.cols != dataset->width()) {
            throw Error(
                QStringLiteral("%1: %2 image, but %3 is %4; all images must share one "
                               "shape unless a target size and channel count are given")
                    .arg(file.path, describeShape(image.channels(), image.rows, image.cols),
                         firstFile,
                         describeShape(dataset->channels(), dataset->height(), dataset->width())));
        }
        appendAsChw(*dataset, image, file.label, buffer);
    }
    return dataset;
}

std::unique_ptr<ImageDataset> applyImageLoadOptions(std::unique_ptr<ImageDataset> dataset,
                                                    const ImageLoadOptions& options) {
    options.validate();
    const int channels = options.channels == 0 ? dataset->channels() : options.channels;
    const int height = options.height == 0 ? dataset->height() : options.height;
    const int width = options.width == 0 ? dataset->width() : options.width;
    if (channels == dataset->channels() && height == dataset->height() &&
        width == dataset->width()) {
        return dataset;
    }
    if (dataset->channels() != 1 && dataset->channels() != 3) {
        throw Error(QStringLiteral("%1: cannot convert %2-channel images; only grayscale and RGB")
                        .arg(dataset->name())
                        .arg(dataset->channels()));
    }
    auto converted = std::make_unique<ImageDataset>(dataset->name(), channels, height, width,
                                                    dataset->classNames());
    converted->reserve(dataset->size());
    std::vector<std::uint8_t> buffer;
    for (qsizetype i = 0; i < dataset->size(); ++i) {
        const cv::Mat image =
            chwToMat(dataset->pixels(i), dataset->channels(), dataset->height(), dataset->width());
        appendAsChw(*converted, shapeImage(image, options), dataset->label(i), buffer);
    }
    return converted;
}

}  // namespace aip
