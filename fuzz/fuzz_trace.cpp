// The trace CSV a workload replays (arrival: trace): loadTrace with a split of 10,000 examples
// and a limit of 1,000 requests, low enough for the fuzzer to reach.

#include "fuzzinput.h"
#include "workload/tracefile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QString path =
        aip::fuzz::writeScratchFile(QStringLiteral("trace.csv"), aip::fuzz::bytesOf(data, size));
    return aip::fuzz::expectProjectErrors([&] { aip::loadTrace(path, 10'000, 1'000); });
}
