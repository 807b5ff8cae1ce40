// results/run_manifest.json: RunManifest::load, then the stages as the stage runner looks them
// up.

#include "fuzzinput.h"
#include "pipeline/runmanifest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QString path =
        aip::fuzz::writeScratchFile(aip::RunManifest::fileName(), aip::fuzz::bytesOf(data, size));
    return aip::fuzz::expectProjectErrors([&] {
        const aip::RunManifest manifest = aip::RunManifest::load(path);
        for (const aip::StageRecord& stage : manifest.stages()) {
            manifest.stage(stage.name);
        }
    });
}
