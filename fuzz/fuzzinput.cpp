#include "fuzzinput.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstring>

namespace aip::fuzz {

QByteArray bytesOf(const std::uint8_t* data, std::size_t size) {
    return QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
}

std::vector<QByteArray> splitParts(const std::uint8_t* data, std::size_t size, int maxParts) {
    const std::size_t separatorSize = std::strlen(kPartSeparator);
    std::vector<QByteArray> parts;
    std::size_t begin = 0;
    while (int(parts.size()) + 1 < maxParts) {
        // memmem, not a loop of our own: libFuzzer watches its arguments and so learns the
        // separator.
        const void* found = memmem(data + begin, size - begin, kPartSeparator, separatorSize);
        if (found == nullptr) {
            break;
        }
        const auto at = std::size_t(static_cast<const std::uint8_t*>(found) - data);
        parts.push_back(bytesOf(data + begin, at - begin));
        begin = at + separatorSize;
    }
    parts.push_back(bytesOf(data + begin, size - begin));
    return parts;
}

bool printErrors() {
    static const bool print = qEnvironmentVariableIsSet("AIP_FUZZ_PRINT_ERRORS");
    return print;
}

QString scratchFolder() {
    static const QTemporaryDir folder(QDir::tempPath() + QStringLiteral("/aip-fuzz-XXXXXX"));
    if (!folder.isValid()) {
        qFatal("cannot create a scratch folder: %s", qPrintable(folder.errorString()));
    }
    return folder.path();
}

QString writeScratchFile(const QString& name, const QByteArray& bytes) {
    const QString path = QDir(scratchFolder()).filePath(name);
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(bytes) != bytes.size()) {
        qFatal("cannot write %s: %s", qPrintable(path), qPrintable(file.errorString()));
    }
    return path;
}

void writeScratchFiles(const std::vector<QByteArray>& parts, const QStringList& names) {
    for (qsizetype i = 0; i < names.size(); ++i) {
        writeScratchFile(names.at(i),
                         std::size_t(i) < parts.size() ? parts[std::size_t(i)] : QByteArray());
    }
}

void clearScratchFolder() {
    QDir folder(scratchFolder());
    for (const QString& entry :
         folder.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System)) {
        const QString path = folder.filePath(entry);
        if (QFileInfo(path).isDir()) {
            QDir(path).removeRecursively();
        } else {
            QFile::remove(path);
        }
    }
}

}  // namespace aip::fuzz
