// A GLUE SST-2 TSV file: loadSst2Tsv.

#include "data/sst2tsv.h"
#include "fuzzinput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QString path =
        aip::fuzz::writeScratchFile(QStringLiteral("dev.tsv"), aip::fuzz::bytesOf(data, size));
    return aip::fuzz::expectProjectErrors([&] { aip::loadSst2Tsv(path, QStringLiteral("fuzz")); });
}
