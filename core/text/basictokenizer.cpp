#include "text/basictokenizer.h"

#include "text/unicodetext.h"

#include <vector>

namespace aip {

namespace {

// BERT counts tab, newline and carriage return as whitespace although Unicode files them as
// control characters; every other C* category character is dropped.
bool isControl(char32_t c) {
    if (c == u'\t' || c == u'\n' || c == u'\r') {
        return false;
    }
    switch (QChar::category(c)) {
        case QChar::Other_Control:
        case QChar::Other_Format:
        case QChar::Other_Surrogate:
        case QChar::Other_PrivateUse:
        case QChar::Other_NotAssigned:
            return true;
        default:
            return false;
    }
}

// BERT maps Zs to spaces and then splits with Python's str.split(), which also splits on line
// and paragraph separators (Zl, Zp); treating all three as separators gives the same words.
bool isWhitespace(char32_t c) {
    if (c == u' ' || c == u'\t' || c == u'\n' || c == u'\r') {
        return true;
    }
    switch (QChar::category(c)) {
        case QChar::Separator_Space:
        case QChar::Separator_Line:
        case QChar::Separator_Paragraph:
            return true;
        default:
            return false;
    }
}

// The CJK Unified Ideographs blocks BERT singles out. Hangul, kana and other scripts that
// separate words with spaces are deliberately not in the list.
bool isCjkIdeograph(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F) ||
           (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

// BERT also counts ASCII symbols such as $, +, ^ and ` as punctuation although Unicode files
// them under S* categories.
bool isPunctuation(char32_t c) {
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) ||
        (c >= 123 && c <= 126)) {
        return true;
    }
    switch (QChar::category(c)) {
        case QChar::Punctuation_Connector:
        case QChar::Punctuation_Dash:
        case QChar::Punctuation_Open:
        case QChar::Punctuation_Close:
        case QChar::Punctuation_InitialQuote:
        case QChar::Punctuation_FinalQuote:
        case QChar::Punctuation_Other:
            return true;
        default:
            return false;
    }
}

bool isCased(char32_t c) {
    return QChar::isLower(c) || QChar::isUpper(c) || QChar::isTitleCase(c);
}

bool isCaseIgnorable(char32_t c) {
    switch (c) {
        case u'\'':
        case u'.':
        case u':':
        case 0x00AD:
        case 0x00B7:
        case 0x0387:
        case 0x05F4:
        case 0x2018:
        case 0x2019:
        case 0x2024:
        case 0x2027:
        case 0xFE13:
        case 0xFE52:
        case 0xFE55:
        case 0xFF07:
        case 0xFF0E:
        case 0xFF1A:
            return true;
        default:
            break;
    }
    switch (QChar::category(c)) {
        case QChar::Mark_NonSpacing:
        case QChar::Mark_Enclosing:
        case QChar::Other_Format:
        case QChar::Letter_Modifier:
        case QChar::Symbol_Modifier:
            return true;
        default:
            return false;
    }
}

// QString::toLower() maps capital sigma to the medial form everywhere, while Python's
// str.lower(), which BERT's tokenizer uses, writes the final form at the end of a word; ids of
// Greek words would differ otherwise.
QString toLowerWithFinalSigma(const QString& chunk) {
    if (!chunk.contains(QChar(0x03A3))) {
        return chunk.toLower();
    }
    const std::vector<qsizetype> offsets = text::codePointOffsets(chunk);
    std::vector<char32_t> points;
    text::forEachCodePoint(chunk, [&](char32_t c) { points.push_back(c); });
    QString result;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const char32_t c = points[i];
        if (c != 0x03A3) {
            result += chunk.sliced(offsets[i], offsets[i + 1] - offsets[i]).toLower();
            continue;
        }
        bool casedBefore = false;
        for (std::size_t j = i; j-- > 0;) {
            if (!isCaseIgnorable(points[j])) {
                casedBefore = isCased(points[j]);
                break;
            }
        }
        bool casedAfter = false;
        for (std::size_t j = i + 1; j < points.size(); ++j) {
            if (!isCaseIgnorable(points[j])) {
                casedAfter = isCased(points[j]);
                break;
            }
        }
        result += QChar(casedBefore && !casedAfter ? 0x03C2 : 0x03C3);
    }
    return result;
}

// Lower-cases, strips accents and splits one whitespace-free chunk on punctuation, in BERT's
// order: lower-casing first, so that upper-case accented letters lose their accents too.
void splitChunk(const QString& chunk, QStringList& words) {
    const QString folded = toLowerWithFinalSigma(chunk).normalized(QString::NormalizationForm_D);
    QString current;
    text::forEachCodePoint(folded, [&](char32_t c) {
        if (QChar::category(c) == QChar::Mark_NonSpacing) {
            return;
        }
        if (isPunctuation(c)) {
            if (!current.isEmpty()) {
                words.append(current);
                current.clear();
            }
            QString single;
            text::appendCodePoint(single, c);
            words.append(single);
            return;
        }
        text::appendCodePoint(current, c);
    });
    if (!current.isEmpty()) {
        words.append(current);
    }
}

}  // namespace

QStringList basicTokenize(const QString& text) {
    QStringList words;
    QString chunk;
    const auto flush = [&] {
        if (!chunk.isEmpty()) {
            splitChunk(chunk, words);
            chunk.clear();
        }
    };
    text::forEachCodePoint(text, [&](char32_t c) {
        if (c == 0 || c == 0xFFFD || isControl(c)) {
            return;
        }
        if (isWhitespace(c)) {
            flush();
            return;
        }
        if (isCjkIdeograph(c)) {
            // Still goes through splitChunk: NFD maps compatibility ideographs to unified ones.
            flush();
            text::appendCodePoint(chunk, c);
            flush();
            return;
        }
        text::appendCodePoint(chunk, c);
    });
    flush();
    return words;
}

}  // namespace aip
