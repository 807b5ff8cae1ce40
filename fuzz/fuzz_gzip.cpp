// The gzip decoder of the IDX loader: gunzip on the bytes.

#include "data/gzipfile.h"
#include "fuzzinput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return aip::fuzz::expectProjectErrors(
        [&] { aip::gunzip(data, qsizetype(size), QStringLiteral("fuzz.gz")); });
}
