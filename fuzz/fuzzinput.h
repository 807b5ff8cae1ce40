#pragma once

// What every fuzz target shares: the bytes as the parser's input, split into the files of a
// multi-file input, written to a scratch folder for the loaders that read a path, and the rule
// that a thrown aip::Error is the parser doing its job.

#include "common/error.h"

#include <QByteArray>
#include <QDebug>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace aip::fuzz {

/// The line between two files of one input (the profile summaries and their samples, image and
/// label files, ...): "\n--8<--\n". A seed of several files is the files joined by it.
inline constexpr char kPartSeparator[] = "\n--8<--\n";

/// The input, not copied (valid during one LLVMFuzzerTestOneInput call).
QByteArray bytesOf(const std::uint8_t* data, std::size_t size);

/// The input cut at each kPartSeparator into at most `maxParts` parts (the last part keeps any
/// further separators); always at least one part.
std::vector<QByteArray> splitParts(const std::uint8_t* data, std::size_t size, int maxParts);

/// A folder of this process's own, removed when it exits; the same folder for every input.
QString scratchFolder();

/// Writes `bytes` to `name` inside scratchFolder() (subfolders are created) and returns the
/// path. Every input overwrites the files of the one before.
QString writeScratchFile(const QString& name, const QByteArray& bytes);

/// Writes the input's parts to the files `names` in scratchFolder(), the first part to the
/// first name and so on; a name without a part gets an empty file.
void writeScratchFiles(const std::vector<QByteArray>& parts, const QStringList& names);

/// Empties scratchFolder() (for loaders that read every file of a folder).
void clearScratchFolder();

/// True when AIP_FUZZ_PRINT_ERRORS is set: each input's project error goes to stderr (to see
/// how far a seed or a regression input gets).
bool printErrors();

/// Runs `parse`: an aip::Error is an expected outcome for a bad input; anything else (another
/// exception, a crash, a sanitizer report) is a finding and escapes to libFuzzer.
template <typename Parse>
int expectProjectErrors(Parse&& parse) {
    try {
        parse();
        if (printErrors()) {
            qInfo("parsed without an error");
        }
    } catch (const Error& e) {
        if (printErrors()) {
            qInfo("%s", e.what());
        }
    }
    return 0;
}

}  // namespace aip::fuzz
