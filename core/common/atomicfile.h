#pragma once

#include <QByteArray>
#include <QSaveFile>
#include <QString>

#include <memory>

namespace aip {

/// Writes a file so that readers see either the old content or the complete new one: the data
/// goes to a temporary file in the same folder, which is renamed over the target on commit().
/// Destroying the writer without commit() (an exception, a cancelled job) discards the
/// temporary file, so a crash never leaves half a CSV behind.
class AtomicFileWriter final {
public:
    /// Opens the temporary file; creates missing parent folders. Throws aip::Error.
    explicit AtomicFileWriter(const QString& path);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    void write(const QByteArray& data);
    void write(const QString& text) { write(text.toUtf8()); }
    /// Flushes and renames the temporary file over the target. Throws aip::Error on failure.
    void commit();
    QIODevice* device();
    const QString& path() const { return m_path; }

private:
    QString m_path;
    std::unique_ptr<QSaveFile> m_file;
    bool m_committed = false;
};

/// Convenience: the whole content in one call, with the same guarantees.
void writeFileAtomically(const QString& path, const QByteArray& data);

}  // namespace aip
