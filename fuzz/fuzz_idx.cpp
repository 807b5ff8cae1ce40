// The IDX loader (Fashion-MNIST): an image file, the separator, then a label file. A part that
// starts with the gzip signature is written as a .gz file, so the loader inflates it first.

#include "data/idxfile.h"
#include "fuzzinput.h"

namespace {

QString writeIdx(const QString& name, const QByteArray& bytes) {
    const bool gzip = bytes.startsWith("\x1f\x8b");
    return aip::fuzz::writeScratchFile(gzip ? name + QStringLiteral(".gz") : name, bytes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::vector<QByteArray> parts = aip::fuzz::splitParts(data, size, 2);
    const QString images = writeIdx(QStringLiteral("images-idx3-ubyte"), parts.front());
    const QString labels = writeIdx(QStringLiteral("labels-idx1-ubyte"),
                                    parts.size() > 1 ? parts.back() : QByteArray());
    return aip::fuzz::expectProjectErrors(
        [&] { aip::loadFashionMnist(images, labels, QStringLiteral("fuzz")); });
}
