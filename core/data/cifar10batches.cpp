#include "data/cifar10batches.h"

#include "common/error.h"
#include "data/binaryfile.h"

#include <QFileInfo>

namespace aip {

namespace cifar10 {

QStringList batchFileNames(const QString& split) {
    if (split == u"train") {
        return {QStringLiteral("data_batch_1.bin"), QStringLiteral("data_batch_2.bin"),
                QStringLiteral("data_batch_3.bin"), QStringLiteral("data_batch_4.bin"),
                QStringLiteral("data_batch_5.bin")};
    }
    if (split == u"test") {
        return {QStringLiteral("test_batch.bin")};
    }
    return {};
}

QStringList defaultClassNames() {
    return {QStringLiteral("airplane"), QStringLiteral("automobile"), QStringLiteral("bird"),
            QStringLiteral("cat"),      QStringLiteral("deer"),       QStringLiteral("dog"),
            QStringLiteral("frog"),     QStringLiteral("horse"),      QStringLiteral("ship"),
            QStringLiteral("truck")};
}

QStringList readClassNames(const QString& metaFile) {
    const QString text = QString::fromUtf8(readBinaryFile(metaFile));
    QStringList names;
    for (const QString& line : text.split(u'\n')) {
        const QString name = line.trimmed();
        if (!name.isEmpty()) {
            names.append(name);
        }
    }
    if (names.size() != kNumClasses) {
        throw Error(QStringLiteral("%1: expected %2 class names, one per line, found %3")
                        .arg(metaFile)
                        .arg(kNumClasses)
                        .arg(names.size()));
    }
    return names;
}

}  // namespace cifar10

std::unique_ptr<ImageDataset> loadCifar10Batches(const QStringList& batchFiles,
                                                 const QString& metaFile, const QString& name) {
    if (batchFiles.isEmpty()) {
        throw Error(QStringLiteral("%1: no CIFAR-10 batch files given").arg(name));
    }
    const QStringList classNames =
        metaFile.isEmpty() ? cifar10::defaultClassNames() : cifar10::readClassNames(metaFile);
    auto dataset = std::make_unique<ImageDataset>(name, cifar10::kChannels, cifar10::kHeight,
                                                  cifar10::kWidth, classNames);

    qsizetype expectedRecords = 0;
    for (const QString& file : batchFiles) {
        expectedRecords += QFileInfo(file).size() / cifar10::kRecordBytes;
    }
    dataset->reserve(expectedRecords);

    for (const QString& file : batchFiles) {
        const MappedFile data(file);
        const qsizetype records = data.size() / cifar10::kRecordBytes;
        const qsizetype leftover = data.size() % cifar10::kRecordBytes;
        if (leftover != 0) {
            throw Error(QStringLiteral("%1: truncated or malformed CIFAR-10 batch: %2 bytes is not "
                                       "a whole number of %3-byte records (%4 complete records, "
                                       "then %5 stray bytes)")
                            .arg(file)
                            .arg(data.size())
                            .arg(cifar10::kRecordBytes)
                            .arg(records)
                            .arg(leftover));
        }
        if (records == 0) {
            throw Error(QStringLiteral("%1: empty CIFAR-10 batch (0 records)").arg(file));
        }
        for (qsizetype r = 0; r < records; ++r) {
            const std::uint8_t* record = data.data() + r * cifar10::kRecordBytes;
            const int label = record[0];
            if (label >= cifar10::kNumClasses) {
                throw Error(QStringLiteral("%1: record %2 (byte offset %3) has label %4; CIFAR-10 "
                                           "labels are 0 to %5")
                                .arg(file)
                                .arg(r)
                                .arg(r * cifar10::kRecordBytes)
                                .arg(label)
                                .arg(cifar10::kNumClasses - 1));
            }
            // The record's planes are already channel-major (R, G, B), the dataset's layout.
            dataset->append(record + 1, label);
        }
    }
    return dataset;
}

}  // namespace aip
