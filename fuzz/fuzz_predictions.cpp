// Stage 03's files as the later stages read them back: accuracy_profiles.csv, the separator,
// then predictions.csv (profilefiles::readAccuracyProfiles, which reads both from a folder).

#include "fuzzinput.h"
#include "results/profilefiles.h"
#include "results/resultfiles.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    aip::fuzz::writeScratchFiles(
        aip::fuzz::splitParts(data, size, 2),
        {aip::resultfiles::kAccuracyProfiles.name(), aip::resultfiles::kPredictions.name()});
    return aip::fuzz::expectProjectErrors(
        [] { aip::profilefiles::readAccuracyProfiles(aip::fuzz::scratchFolder()); });
}
