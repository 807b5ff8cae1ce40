// The CIFAR-10 binary batches: batches.meta.txt (empty: the standard class names), the
// separator, then up to two batch files, each separated by it too.

#include "data/cifar10batches.h"
#include "fuzzinput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::vector<QByteArray> parts = aip::fuzz::splitParts(data, size, 3);
    const QString meta =
        parts.front().isEmpty()
            ? QString()
            : aip::fuzz::writeScratchFile(QStringLiteral("batches.meta.txt"), parts.front());
    QStringList batches;
    for (std::size_t i = 1; i < parts.size(); ++i) {
        batches << aip::fuzz::writeScratchFile(QStringLiteral("data_batch_%1.bin").arg(i),
                                               parts[i]);
    }
    return aip::fuzz::expectProjectErrors(
        [&] { aip::loadCifar10Batches(batches, meta, QStringLiteral("fuzz")); });
}
