// configs/experimental_protocol*.yaml: ProtocolConfig::load on its own, then, for a protocol
// that parses, against the shipped models.yaml and deadlines.yaml (the cross-checks).

#include "config/protocolconfig.h"
#include "fuzzinput.h"

#include <QDir>

namespace {

struct ShippedConfigs {
    aip::ModelsConfig models;
    aip::DeadlinesConfig deadlines;
};

const ShippedConfigs& shippedConfigs() {
    static const ShippedConfigs configs = [] {
        // The protocol goes to configs/ with a trace one folder up, where the golden case's
        // protocol names it (file: ../trace.csv); what the trace holds is the trace target's
        // business.
        aip::fuzz::writeScratchFile(QStringLiteral("trace.csv"),
                                    QByteArrayLiteral("arrival_ms,deadline_ms,example_index\n"));
        const QDir dir(QStringLiteral(AIP_FUZZ_CONFIG_DIR));
        return ShippedConfigs{
            aip::ModelsConfig::load(dir.filePath(QStringLiteral("models.yaml")), QString()),
            aip::DeadlinesConfig::load(dir.filePath(QStringLiteral("deadlines.yaml")))};
    }();
    return configs;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ShippedConfigs& shipped = shippedConfigs();
    const QString path = aip::fuzz::writeScratchFile(
        QStringLiteral("configs/experimental_protocol.yaml"), aip::fuzz::bytesOf(data, size));
    return aip::fuzz::expectProjectErrors([&] {
        aip::ProtocolConfig::load(path);
        aip::ProtocolConfig::load(path, &shipped.models, &shipped.deadlines);
    });
}
