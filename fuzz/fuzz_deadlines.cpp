// configs/deadlines.yaml: DeadlinesConfig::load.

#include "config/deadlinesconfig.h"
#include "fuzzinput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QString path = aip::fuzz::writeScratchFile(QStringLiteral("deadlines.yaml"),
                                                     aip::fuzz::bytesOf(data, size));
    return aip::fuzz::expectProjectErrors([&] { aip::DeadlinesConfig::load(path); });
}
