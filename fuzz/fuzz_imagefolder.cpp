// An image folder: each part of the input (up to four, between separators) is an image file of
// class "a" or "b" in turn, loaded as stored and again converted to 7×7 grayscale.

#include "data/imagefolder.h"
#include "fuzzinput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    aip::fuzz::clearScratchFolder();
    const std::vector<QByteArray> parts = aip::fuzz::splitParts(data, size, 4);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        aip::fuzz::writeScratchFile(
            QStringLiteral("%1/%2.png").arg(QChar(i % 2 == 0 ? u'a' : u'b')).arg(i), parts[i]);
    }
    const QString folder = aip::fuzz::scratchFolder();
    aip::fuzz::expectProjectErrors([&] { aip::loadImageFolder(folder, QString()); });
    aip::ImageLoadOptions grayscale;
    grayscale.channels = 1;
    grayscale.width = 7;
    grayscale.height = 7;
    return aip::fuzz::expectProjectErrors(
        [&] { aip::loadImageFolder(folder, QString(), grayscale); });
}
