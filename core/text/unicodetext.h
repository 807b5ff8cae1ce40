#pragma once

#include <QChar>
#include <QString>
#include <QStringView>

#include <vector>

/// Code point helpers shared by the tokenizer and the vocabulary builder: QString holds UTF-16,
/// and a character outside the Basic Multilingual Plane must never be split into its two
/// surrogate halves.
namespace aip::text {

/// Calls f(char32_t) for each code point of s. A lone surrogate is passed on as itself, so that
/// callers can classify it (category Cs) rather than lose it silently.
template <typename Function>
void forEachCodePoint(QStringView s, Function&& f) {
    const qsizetype n = s.size();
    for (qsizetype i = 0; i < n;) {
        const QChar unit = s[i];
        if (unit.isHighSurrogate() && i + 1 < n && s[i + 1].isLowSurrogate()) {
            f(static_cast<char32_t>(QChar::surrogateToUcs4(unit, s[i + 1])));
            i += 2;
        } else {
            f(static_cast<char32_t>(unit.unicode()));
            i += 1;
        }
    }
}

inline void appendCodePoint(QString& s, char32_t c) {
    if (QChar::requiresSurrogates(c)) {
        s.append(QChar(QChar::highSurrogate(c)));
        s.append(QChar(QChar::lowSurrogate(c)));
    } else {
        s.append(QChar(static_cast<char16_t>(c)));
    }
}

/// The UTF-16 offset of each code point of s, followed by s.size(): code point i spans
/// [offsets[i], offsets[i + 1]).
inline std::vector<qsizetype> codePointOffsets(QStringView s) {
    std::vector<qsizetype> offsets;
    offsets.reserve(static_cast<std::size_t>(s.size()) + 1);
    const qsizetype n = s.size();
    for (qsizetype i = 0; i < n;) {
        offsets.push_back(i);
        i += (s[i].isHighSurrogate() && i + 1 < n && s[i + 1].isLowSurrogate()) ? 2 : 1;
    }
    offsets.push_back(n);
    return offsets;
}

}  // namespace aip::text
