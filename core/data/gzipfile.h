#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace aip {

/// Reads a whole gzip file (one or more concatenated members) into memory. Throws aip::Error
/// starting with `path` when the file cannot be read, is not gzip, is corrupt or is truncated.
QByteArray readGzipFile(const QString& path);

/// Decompresses `size` bytes of gzip data held in memory; `sourceName` names it in error
/// messages.
QByteArray gunzip(const std::uint8_t* data, qsizetype size, const QString& sourceName);

}  // namespace aip
