// all_results.csv and the files of the same columns (baseline_results.csv,
// workload_results.csv): parseResults on the bytes.

#include "fuzzinput.h"
#include "results/resultstable.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return aip::fuzz::expectProjectErrors([&] {
        for (const aip::ResultRow& row :
             aip::parseResults(aip::fuzz::bytesOf(data, size), QStringLiteral("all_results.csv"))) {
            aip::runCondition(row).describe();
        }
    });
}
