// The CSV reader under every result and trace file: CsvTable::parse on the bytes, then every
// cell through the header's names.

#include "common/csv.h"
#include "fuzzinput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return aip::fuzz::expectProjectErrors([&] {
        const aip::CsvTable table =
            aip::CsvTable::parse(aip::fuzz::bytesOf(data, size), QStringLiteral("fuzz.csv"));
        for (qsizetype row = 0; row < table.rowCount(); ++row) {
            for (const QString& column : table.header()) {
                table.value(row, column);
            }
            table.lineOf(row);
        }
    });
}
