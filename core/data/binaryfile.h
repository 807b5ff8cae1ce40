#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

#include <cstdint>

namespace aip {

/// Reads a whole file in one call (loaders parse from memory, never byte by byte from disk).
/// Throws aip::Error starting with `path` when it is missing or unreadable.
QByteArray readBinaryFile(const QString& path);

/// A whole file's bytes, read-only, memory-mapped where the system allows so that a large batch
/// is copied once (into the dataset) rather than twice; falls back to reading it into memory.
/// Throws aip::Error starting with `path` when it is missing or unreadable.
class MappedFile final {
public:
    explicit MappedFile(const QString& path);
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const std::uint8_t* data() const { return m_data; }
    qsizetype size() const { return m_size; }

private:
    QFile m_file;
    QByteArray m_copy;  // used only when mapping fails
    const std::uint8_t* m_data = nullptr;
    qsizetype m_size = 0;
};

}  // namespace aip
