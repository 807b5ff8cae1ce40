#pragma once

#include <QString>
#include <QStringList>

namespace aip {

/// Splits text into words the way BERT's uncased BasicTokenizer does, so that ids match those
/// of models trained with it: drops NUL, U+FFFD and control characters; treats every Unicode
/// space as a separator; makes each CJK ideograph a word of its own; lower-cases; strips
/// accents (NFD, then combining marks of category Mn are dropped); makes each punctuation
/// character (ASCII symbols and Unicode P* categories) a word of its own. Works on code points,
/// so characters outside the Basic Multilingual Plane stay whole.
QStringList basicTokenize(const QString& text);

}  // namespace aip
