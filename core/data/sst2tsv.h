#pragma once

#include "data/dataset.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace aip {

/// GLUE SST-2: UTF-8 TSV with the header `sentence<TAB>label`, label 0 (negative) or 1
/// (positive).
namespace sst2 {
/// Folder below a data search path folder that holds train.tsv and dev.tsv.
inline constexpr char kFolder[] = "sst2";
/// "train.tsv" for "train", "dev.tsv" for "dev"; empty for any other split.
QString fileName(const QString& split);
/// negative, positive.
QStringList classNames();
}  // namespace sst2

/// Loads a GLUE SST-2 TSV file. Sentences are kept exactly as written, including the single
/// trailing space GLUE leaves before the tab, so the text matches the file byte for byte and
/// any whitespace handling stays the tokenizer's decision. Lines may end in LF or CRLF. Throws
/// aip::Error "<path>:<line>: <what was expected>" for a wrong header, a row without a label, a
/// label other than 0 or 1, or an empty line.
std::unique_ptr<TextDataset> loadSst2Tsv(const QString& file, const QString& name);

}  // namespace aip
