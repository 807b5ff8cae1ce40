// requests.csv: readRequestsCsvRun picks the rows of one run by their first four fields. The
// run asked for is the one the first data line names, so the fuzzer reaches the rows' parser.

#include "fuzzinput.h"
#include "simulation/requestscsv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArray bytes = aip::fuzz::bytesOf(data, size);
    const QString path = aip::fuzz::writeScratchFile(QStringLiteral("requests.csv"), bytes);
    const qsizetype lineStart = bytes.indexOf('\n') + 1;
    const qsizetype lineEnd = bytes.indexOf('\n', lineStart);
    const QList<QByteArray> key =
        bytes.mid(lineStart, lineEnd < 0 ? -1 : lineEnd - lineStart).split(',');
    const auto field = [&](qsizetype i) {
        return i < key.size() ? QString::fromUtf8(key.at(i)) : QString();
    };
    const aip::RunLabels labels{field(1), field(2), field(3).toULongLong()};
    return aip::fuzz::expectProjectErrors([&] { aip::readRequestsCsvRun(path, field(0), labels); });
}
