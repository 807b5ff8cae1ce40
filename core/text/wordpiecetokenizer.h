#pragma once

#include "text/vocabulary.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <span>
#include <vector>

namespace aip {

/// One encoded text: maxLength input ids ([CLS] pieces… [SEP] [PAD]…) and the attention mask
/// (1 for [CLS], pieces and [SEP]; 0 for padding).
struct EncodedText {
    std::vector<std::int64_t> inputIds;
    std::vector<std::int64_t> attentionMask;
};

/// A batch of encoded texts as flat row-major rows×maxLength arrays, ready to be wrapped as
/// int64 tensors of shape {rows, maxLength} without a per-token copy.
struct EncodedBatch {
    qsizetype rows = 0;
    int maxLength = 0;
    std::vector<std::int64_t> inputIds;
    std::vector<std::int64_t> attentionMask;
};

/// BERT's uncased WordPiece tokenizer: basicTokenize() splits the text into words, then each
/// word is cut greedily into the longest pieces the vocabulary holds, continuation pieces
/// carrying the "##" prefix. A word of more than maxCharsPerWord code points, or one that
/// cannot be cut entirely into known pieces, becomes a single [UNK]. All methods are const and
/// touch no shared state, so one tokenizer can serve several threads.
class WordPieceTokenizer final {
public:
    static constexpr int maxCharsPerWord = 100;

    explicit WordPieceTokenizer(Vocabulary vocabulary);

    const Vocabulary& vocabulary() const { return m_vocabulary; }

    /// The word pieces of text, without [CLS] or [SEP]; for tests and debugging.
    QStringList tokenize(const QString& text) const;
    /// The ids of tokenize(text).
    std::vector<std::int64_t> tokenIds(const QString& text) const;

    /// [CLS] pieces [SEP], the pieces truncated so that the whole is at most maxLength long
    /// ([SEP] stays last), padded with [PAD] to exactly maxLength. Throws aip::Error when
    /// maxLength < 2.
    EncodedText encode(const QString& text, int maxLength) const;
    /// Writes the encoding of text into caller-owned memory, e.g. one row of a tensor;
    /// maxLength is inputIds.size(). Throws aip::Error when the spans differ in size or hold
    /// fewer than 2 positions.
    void encodeInto(const QString& text, std::span<std::int64_t> inputIds,
                    std::span<std::int64_t> attentionMask) const;
    /// Row r of the result is encode(texts[r], maxLength).
    EncodedBatch encodeBatch(std::span<const QString> texts, int maxLength) const;
    EncodedBatch encodeBatch(const QStringList& texts, int maxLength) const;

private:
    void appendWordPieceIds(const QString& word, std::vector<std::int64_t>& ids) const;

    Vocabulary m_vocabulary;
};

}  // namespace aip
