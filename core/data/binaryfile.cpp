#include "data/binaryfile.h"

#include "common/error.h"

#include <QFileInfo>

namespace aip {

namespace {

void openForReading(QFile& file) {
    if (!file.open(QIODevice::ReadOnly)) {
        const QString why = QFileInfo::exists(file.fileName()) ? file.errorString()
                                                               : QStringLiteral("no such file");
        throw Error(QStringLiteral("%1: cannot open: %2").arg(file.fileName(), why));
    }
}

QByteArray readAllOrThrow(QFile& file) {
    QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        throw Error(QStringLiteral("%1: cannot read: %2").arg(file.fileName(), file.errorString()));
    }
    return data;
}

}  // namespace

QByteArray readBinaryFile(const QString& path) {
    QFile file(path);
    openForReading(file);
    return readAllOrThrow(file);
}

MappedFile::MappedFile(const QString& path) : m_file(path) {
    openForReading(m_file);
    const qint64 size = m_file.size();
    if (size > 0) {
        if (uchar* mapped = m_file.map(0, size)) {
            m_data = mapped;
            m_size = size;
            return;
        }
    }
    m_copy = readAllOrThrow(m_file);
    m_data = reinterpret_cast<const std::uint8_t*>(m_copy.constData());
    m_size = m_copy.size();
}

}  // namespace aip
