// configs/models.yaml: ModelsConfig::load without the user's overlay.

#include "config/modelsconfig.h"
#include "fuzzinput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QString path =
        aip::fuzz::writeScratchFile(QStringLiteral("models.yaml"), aip::fuzz::bytesOf(data, size));
    return aip::fuzz::expectProjectErrors([&] { aip::ModelsConfig::load(path, QString()); });
}
