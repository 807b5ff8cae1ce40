#include "text/wordpiecetokenizer.h"

#include "common/error.h"
#include "text/basictokenizer.h"
#include "text/unicodetext.h"

#include <algorithm>

namespace aip {

namespace {

void checkMaxLength(qsizetype maxLength) {
    if (maxLength < 2) {
        throw Error(QStringLiteral("max_length %1 is too small: [CLS] and [SEP] need 2 positions")
                        .arg(maxLength));
    }
}

}  // namespace

WordPieceTokenizer::WordPieceTokenizer(Vocabulary vocabulary)
    : m_vocabulary(std::move(vocabulary)) {}

void WordPieceTokenizer::appendWordPieceIds(const QString& word,
                                            std::vector<std::int64_t>& ids) const {
    const std::vector<qsizetype> offsets = text::codePointOffsets(word);
    const std::size_t chars = offsets.size() - 1;
    if (chars > static_cast<std::size_t>(maxCharsPerWord)) {
        ids.push_back(m_vocabulary.unknownId());
        return;
    }
    // Pieces go straight into ids; if the word turns out not to be coverable they are taken
    // back, because BERT replaces the whole word by one [UNK], not just the unmatched tail.
    const std::size_t firstPiece = ids.size();
    const QStringView view(word);
    QString candidate;
    std::size_t start = 0;
    while (start < chars) {
        std::int64_t id = -1;
        std::size_t end = chars;
        for (; end > start; --end) {
            candidate.clear();
            if (start > 0) {
                candidate += Vocabulary::continuationPrefix;
            }
            candidate += view.sliced(offsets[start], offsets[end] - offsets[start]);
            id = m_vocabulary.id(candidate);
            if (id >= 0) {
                break;
            }
        }
        if (id < 0) {
            ids.resize(firstPiece);
            ids.push_back(m_vocabulary.unknownId());
            return;
        }
        ids.push_back(id);
        start = end;
    }
}

std::vector<std::int64_t> WordPieceTokenizer::tokenIds(const QString& text) const {
    std::vector<std::int64_t> ids;
    for (const QString& word : basicTokenize(text)) {
        appendWordPieceIds(word, ids);
    }
    return ids;
}

QStringList WordPieceTokenizer::tokenize(const QString& text) const {
    QStringList pieces;
    for (const std::int64_t id : tokenIds(text)) {
        pieces.append(m_vocabulary.token(id));
    }
    return pieces;
}

void WordPieceTokenizer::encodeInto(const QString& text, std::span<std::int64_t> inputIds,
                                    std::span<std::int64_t> attentionMask) const {
    if (inputIds.size() != attentionMask.size()) {
        throw Error(QStringLiteral("input ids (%1) and attention mask (%2) differ in length")
                        .arg(inputIds.size())
                        .arg(attentionMask.size()));
    }
    const std::size_t maxLength = inputIds.size();
    checkMaxLength(static_cast<qsizetype>(maxLength));
    const std::vector<std::int64_t> pieces = tokenIds(text);
    const std::size_t kept = std::min(pieces.size(), maxLength - 2);

    std::size_t pos = 0;
    inputIds[pos++] = m_vocabulary.classId();
    std::copy_n(pieces.begin(), kept, inputIds.begin() + static_cast<std::ptrdiff_t>(pos));
    pos += kept;
    inputIds[pos++] = m_vocabulary.separatorId();
    std::fill(attentionMask.begin(), attentionMask.begin() + static_cast<std::ptrdiff_t>(pos), 1);
    std::fill(inputIds.begin() + static_cast<std::ptrdiff_t>(pos), inputIds.end(),
              m_vocabulary.padId());
    std::fill(attentionMask.begin() + static_cast<std::ptrdiff_t>(pos), attentionMask.end(), 0);
}

EncodedText WordPieceTokenizer::encode(const QString& text, int maxLength) const {
    checkMaxLength(maxLength);
    EncodedText encoded;
    encoded.inputIds.resize(static_cast<std::size_t>(maxLength));
    encoded.attentionMask.resize(static_cast<std::size_t>(maxLength));
    encodeInto(text, encoded.inputIds, encoded.attentionMask);
    return encoded;
}

EncodedBatch WordPieceTokenizer::encodeBatch(std::span<const QString> texts, int maxLength) const {
    checkMaxLength(maxLength);
    EncodedBatch batch;
    batch.rows = static_cast<qsizetype>(texts.size());
    batch.maxLength = maxLength;
    const std::size_t width = static_cast<std::size_t>(maxLength);
    batch.inputIds.resize(texts.size() * width);
    batch.attentionMask.resize(texts.size() * width);
    for (std::size_t row = 0; row < texts.size(); ++row) {
        encodeInto(texts[row], std::span(batch.inputIds).subspan(row * width, width),
                   std::span(batch.attentionMask).subspan(row * width, width));
    }
    return batch;
}

EncodedBatch WordPieceTokenizer::encodeBatch(const QStringList& texts, int maxLength) const {
    return encodeBatch(
        std::span<const QString>(texts.constData(), static_cast<std::size_t>(texts.size())),
        maxLength);
}

}  // namespace aip
