#include "data/gzipfile.h"

#include "common/error.h"
#include "data/binaryfile.h"

#include <zlib.h>

#include <algorithm>
#include <limits>

namespace aip {

namespace {

constexpr unsigned char kGzipMagic0 = 0x1f;
constexpr unsigned char kGzipMagic1 = 0x8b;

bool startsWithGzipMagic(const std::uint8_t* data, qsizetype size) {
    return size >= 2 && data[0] == kGzipMagic0 && data[1] == kGzipMagic1;
}

// The gzip trailer stores the uncompressed size modulo 2^32: a good first guess for the output
// buffer, so large files inflate without repeated reallocation.
qsizetype sizeHint(const std::uint8_t* compressed, qsizetype size) {
    if (size < 18) {
        return 0;
    }
    const std::uint8_t* tail = compressed + size - 4;
    const quint32 isize = quint32(tail[0]) | (quint32(tail[1]) << 8) | (quint32(tail[2]) << 16) |
                          (quint32(tail[3]) << 24);
    // A corrupt trailer must not make us allocate gigabytes up front.
    return std::min<qsizetype>(isize, size * qsizetype(64));
}

class Inflater final {
public:
    Inflater() {
        // 16 + MAX_WBITS: expect a gzip wrapper (header and CRC-32 trailer), not raw zlib.
        m_status = inflateInit2(&m_stream, 16 + MAX_WBITS);
    }
    ~Inflater() {
        if (m_status == Z_OK) {
            inflateEnd(&m_stream);
        }
    }
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;

    bool ok() const { return m_status == Z_OK; }
    z_stream& stream() { return m_stream; }

private:
    z_stream m_stream{};
    int m_status = Z_STREAM_ERROR;
};

}  // namespace

QByteArray gunzip(const std::uint8_t* input, qsizetype total, const QString& sourceName) {
    if (!startsWithGzipMagic(input, total)) {
        throw Error(QStringLiteral("%1: not a gzip file (it does not start with the gzip "
                                   "signature 1f 8b)")
                        .arg(sourceName));
    }
    Inflater inflater;
    if (!inflater.ok()) {
        throw Error(QStringLiteral("%1: cannot start the gzip decoder").arg(sourceName));
    }
    z_stream& z = inflater.stream();

    QByteArray output;
    output.resize(std::max<qsizetype>(sizeHint(input, total), qsizetype{64} * 1024));
    qsizetype produced = 0;
    qsizetype consumed = 0;
    constexpr qsizetype kMaxChunk = std::numeric_limits<uInt>::max();

    for (;;) {
        if (produced == output.size()) {
            output.resize(output.size() * 2);
        }
        const qsizetype inChunk = std::min(total - consumed, kMaxChunk);
        const qsizetype outChunk = std::min(output.size() - produced, kMaxChunk);
        z.next_in = const_cast<Bytef*>(input + consumed);
        z.avail_in = static_cast<uInt>(inChunk);
        z.next_out = reinterpret_cast<Bytef*>(output.data() + produced);
        z.avail_out = static_cast<uInt>(outChunk);

        const int status = inflate(&z, Z_NO_FLUSH);
        consumed += inChunk - z.avail_in;
        produced += outChunk - z.avail_out;

        if (status == Z_STREAM_END) {
            // Concatenated members are one valid gzip file; anything else after the end is junk.
            if (consumed < total && startsWithGzipMagic(input + consumed, total - consumed)) {
                inflateReset(&z);
                continue;
            }
            if (consumed < total) {
                throw Error(QStringLiteral("%1: %2 unexpected bytes after the end of the gzip "
                                           "stream")
                                .arg(sourceName)
                                .arg(total - consumed));
            }
            break;
        }
        if (status == Z_DATA_ERROR || status == Z_NEED_DICT) {
            throw Error(QStringLiteral("%1: corrupt gzip stream (%2) after %3 of %4 compressed "
                                       "bytes")
                            .arg(sourceName,
                                 z.msg ? QString::fromLatin1(z.msg) : QStringLiteral("bad data"))
                            .arg(consumed)
                            .arg(total));
        }
        if (status == Z_MEM_ERROR) {
            throw Error(QStringLiteral("%1: out of memory while decompressing").arg(sourceName));
        }
        const bool inputExhausted = consumed == total;
        if (inputExhausted && (status == Z_BUF_ERROR || z.avail_out > 0)) {
            throw Error(QStringLiteral("%1: truncated gzip stream: the compressed data ends after "
                                       "%2 bytes, before the end of the stream (%3 bytes "
                                       "decompressed so far)")
                            .arg(sourceName)
                            .arg(total)
                            .arg(produced));
        }
    }
    output.resize(produced);
    return output;
}

QByteArray readGzipFile(const QString& path) {
    const MappedFile file(path);
    return gunzip(file.data(), file.size(), path);
}

}  // namespace aip
