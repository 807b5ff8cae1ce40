// Stage 02's files as the later stages read them back: latency_profiles.csv, the separator, then
// latency_samples.csv (profilefiles::readLatencyProfiles, which reads both from a folder).

#include "fuzzinput.h"
#include "results/profilefiles.h"
#include "results/resultfiles.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    aip::fuzz::writeScratchFiles(
        aip::fuzz::splitParts(data, size, 2),
        {aip::resultfiles::kLatencyProfiles.name(), aip::resultfiles::kLatencySamples.name()});
    return aip::fuzz::expectProjectErrors(
        [] { aip::profilefiles::readLatencyProfiles(aip::fuzz::scratchFolder()); });
}
