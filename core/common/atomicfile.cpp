#include "common/atomicfile.h"

#include "common/error.h"
#include "common/faultpoint.h"

#include <QDir>
#include <QFileInfo>

#include <cerrno>

namespace aip {

namespace {

/// Why `file`'s last operation failed. QSaveFile reports a full disk as "Unknown error"; the
/// system's words for errno (captured right after the failing call) say what happened.
QString failure(const QFileDevice& file, int systemError) {
    const QString qt = file.errorString();
    if (systemError != 0 && (qt.isEmpty() || qt == QLatin1String("Unknown error"))) {
        return qt_error_string(systemError);
    }
    return qt;
}

}  // namespace

AtomicFileWriter::AtomicFileWriter(const QString& path)
    : m_path(path), m_file(std::make_unique<QSaveFile>(path)) {
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        throw Error(QStringLiteral("%1: cannot create folder %2").arg(path, info.absolutePath()));
    }
    if (!m_file->open(QIODevice::WriteOnly)) {
        throw Error(
            QStringLiteral("%1: cannot open for writing: %2").arg(path, m_file->errorString()));
    }
}

AtomicFileWriter::~AtomicFileWriter() {
    if (!m_committed) {
        m_file->cancelWriting();
    }
}

void AtomicFileWriter::write(const QByteArray& data) {
    errno = 0;
    if (m_file->write(data) != data.size()) {
        const int systemError = errno;
        throw Error(
            QStringLiteral("%1: write failed: %2").arg(m_path, failure(*m_file, systemError)));
    }
    faultPoint("wrote part of", m_path);
}

void AtomicFileWriter::commit() {
    if (m_committed) {
        return;
    }
    faultPoint("saving", m_path);
    errno = 0;
    if (!m_file->commit()) {
        const int systemError = errno;
        throw Error(
            QStringLiteral("%1: cannot save: %2").arg(m_path, failure(*m_file, systemError)));
    }
    m_committed = true;
    faultPoint("saved", m_path);
}

QIODevice* AtomicFileWriter::device() {
    return m_file.get();
}

void writeFileAtomically(const QString& path, const QByteArray& data) {
    AtomicFileWriter writer(path);
    writer.write(data);
    writer.commit();
}

}  // namespace aip
