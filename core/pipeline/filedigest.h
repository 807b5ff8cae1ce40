#pragma once

#include <QString>

namespace aip {

/// SHA-256 of a file's content as lowercase hex. For a folder: the digest of every file below
/// it (relative path and content digest, in sorted path order), so a stage can depend on a whole
/// output folder such as ablation/. Throws aip::Error naming the path when it cannot be read or
/// does not exist.
QString sha256OfPath(const QString& path);

/// SHA-256 of bytes as lowercase hex.
QString sha256OfBytes(const QByteArray& data);

}  // namespace aip
