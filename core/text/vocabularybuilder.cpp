#include "text/vocabularybuilder.h"

#include "common/error.h"
#include "text/basictokenizer.h"
#include "text/unicodetext.h"
#include "text/wordpiecetokenizer.h"

#include <QSet>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

namespace aip {

namespace {

struct Candidate {
    QString token;
    qint64 count = 0;
};

std::vector<Candidate> rankedByFrequency(const QHash<QString, qint64>& counts) {
    std::vector<Candidate> ranked;
    ranked.reserve(static_cast<std::size_t>(counts.size()));
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        ranked.push_back({it.key(), it.value()});
    }
    // A total order: hash iteration order differs from run to run and must not leak out.
    std::sort(ranked.begin(), ranked.end(), [](const Candidate& a, const Candidate& b) {
        return a.count != b.count ? a.count > b.count : a.token < b.token;
    });
    return ranked;
}

/// The token list under construction; adding a token it already holds is a no-op.
class TokenList final {
public:
    bool add(const QString& token) {
        if (m_present.contains(token)) {
            return false;
        }
        m_present.insert(token);
        m_tokens.append(token);
        return true;
    }
    bool contains(const QString& token) const { return m_present.contains(token); }
    qsizetype size() const { return m_tokens.size(); }
    QStringList take() { return std::move(m_tokens); }

private:
    QStringList m_tokens;
    QSet<QString> m_present;
};

}  // namespace

VocabularyBuilder::VocabularyBuilder(VocabularyBuildOptions options) : m_options(options) {
    if (m_options.targetSize < 5) {
        throw Error(QStringLiteral("vocabulary target size %1 is below the 5 special tokens")
                        .arg(m_options.targetSize));
    }
    if (m_options.minFrequency < 1) {
        throw Error(QStringLiteral("vocabulary minimum frequency %1 must be at least 1")
                        .arg(m_options.minFrequency));
    }
    if (!(m_options.wholeWordShare >= 0.0 && m_options.wholeWordShare <= 1.0)) {
        throw Error(QStringLiteral("vocabulary whole-word share %1 must lie in [0, 1]")
                        .arg(m_options.wholeWordShare));
    }
}

void VocabularyBuilder::addSentence(const QString& sentence) {
    for (const QString& word : basicTokenize(sentence)) {
        ++m_wordCounts[word];
    }
}

void VocabularyBuilder::addSentences(const QStringList& sentences) {
    for (const QString& sentence : sentences) {
        addSentence(sentence);
    }
}

Vocabulary VocabularyBuilder::build() const {
    if (m_wordCounts.isEmpty()) {
        throw Error(
            QStringLiteral("cannot build a vocabulary: the training sentences hold no words"));
    }
    const qsizetype target = m_options.targetSize;
    const qint64 minFrequency = m_options.minFrequency;

    TokenList tokens;
    for (const QStringView special :
         {Vocabulary::padToken, Vocabulary::unknownToken, Vocabulary::classToken,
          Vocabulary::separatorToken, Vocabulary::maskToken}) {
        tokens.add(special.toString());
    }

    std::set<char32_t> characters;
    for (auto it = m_wordCounts.cbegin(); it != m_wordCounts.cend(); ++it) {
        text::forEachCodePoint(it.key(), [&](char32_t c) { characters.insert(c); });
    }
    for (const char32_t c : characters) {
        QString token;
        text::appendCodePoint(token, c);
        tokens.add(token);
    }
    for (const char32_t c : characters) {
        QString token = Vocabulary::continuationPrefix.toString();
        text::appendCodePoint(token, c);
        tokens.add(token);
    }
    if (tokens.size() > target) {
        throw Error(QStringLiteral("vocabulary target size %1 is below the %2 special and "
                                   "character tokens the training sentences need")
                        .arg(target)
                        .arg(tokens.size()));
    }

    // Words the tokenizer would turn into [UNK] for their length are no use as tokens.
    const auto usable = [](const QString& word) {
        return text::codePointOffsets(word).size() - 1 <=
               static_cast<std::size_t>(WordPieceTokenizer::maxCharsPerWord);
    };

    const std::vector<Candidate> words = rankedByFrequency(m_wordCounts);
    const qsizetype wordQuota =
        tokens.size() +
        static_cast<qsizetype>(
            std::floor(static_cast<double>(target - tokens.size()) * m_options.wholeWordShare));
    std::size_t nextWord = 0;
    for (; nextWord < words.size() && tokens.size() < wordQuota; ++nextWord) {
        const Candidate& word = words[nextWord];
        if (word.count < minFrequency) {
            break;
        }
        if (usable(word.token)) {
            tokens.add(word.token);
        }
    }

    // Pieces serve only the words that did not become tokens themselves; counting them over
    // all words would crowd the budget with fragments of words already whole.
    QHash<QString, qint64> pieceCounts;
    for (const Candidate& word : words) {
        if (tokens.contains(word.token) || !usable(word.token)) {
            continue;
        }
        const std::vector<qsizetype> offsets = text::codePointOffsets(word.token);
        const std::size_t chars = offsets.size() - 1;
        const QStringView view(word.token);
        for (std::size_t end = 2; end <= chars; ++end) {
            pieceCounts[view.first(offsets[end]).toString()] += word.count;
        }
        for (std::size_t start = 1; start + 2 <= chars; ++start) {
            for (std::size_t end = start + 2; end <= chars; ++end) {
                QString piece = Vocabulary::continuationPrefix.toString();
                piece += view.sliced(offsets[start], offsets[end] - offsets[start]);
                pieceCounts[piece] += word.count;
            }
        }
    }
    for (const Candidate& piece : rankedByFrequency(pieceCounts)) {
        if (tokens.size() >= target || piece.count < minFrequency) {
            break;
        }
        tokens.add(piece.token);
    }

    for (; nextWord < words.size() && tokens.size() < target; ++nextWord) {
        const Candidate& word = words[nextWord];
        if (word.count < minFrequency) {
            break;
        }
        if (usable(word.token)) {
            tokens.add(word.token);
        }
    }

    return Vocabulary(tokens.take(), QStringLiteral("built vocabulary"));
}

}  // namespace aip
