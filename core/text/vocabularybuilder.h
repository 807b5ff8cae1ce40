#pragma once

#include "text/vocabulary.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace aip {

/// Limits of a vocabulary built by VocabularyBuilder.
struct VocabularyBuildOptions {
    int targetSize = 8000;  ///< the most tokens the vocabulary gets, specials included
    int minFrequency = 2;   ///< words and pieces seen fewer times are left out
    /// Share of the budget left after specials and characters that whole words get before
    /// pieces; whatever pieces leave unused goes to further whole words.
    double wholeWordShare = 0.75;
};

/// Builds a WordPiece vocabulary from training sentences, for models trained from scratch:
///  1. words are counted after basicTokenize();
///  2. [PAD] [UNK] [CLS] [SEP] [MASK] take ids 0–4, then every character seen, by code point,
///     first as "c" then as "##c": greedy matching can then cut any word made of seen
///     characters, so only characters never seen become [UNK];
///  3. whole words seen at least minFrequency times, most frequent first, fill wholeWordShare
///     of the remaining budget;
///  4. the words left out are cut into word-initial prefixes and "##" continuation substrings
///     of two or more characters, each counted as often as the words that contain it; the most
///     frequent (at least minFrequency) fill the budget;
///  5. if those run out, further whole words do.
/// Every ranking breaks ties by the token string, so the same sentences, in any order, give the
/// same vocab.txt byte for byte.
class VocabularyBuilder final {
public:
    /// Throws aip::Error for a target size below 5, a minimum frequency below 1 or a share
    /// outside [0, 1].
    explicit VocabularyBuilder(VocabularyBuildOptions options = {});

    void addSentence(const QString& sentence);
    void addSentences(const QStringList& sentences);
    /// How many distinct words the sentences added so far hold.
    qsizetype distinctWords() const { return m_wordCounts.size(); }

    /// At most targetSize tokens; fewer when the sentences hold too few frequent words and
    /// pieces. Throws aip::Error when no sentence had a word, or when the specials and
    /// characters alone exceed the target size.
    Vocabulary build() const;

private:
    VocabularyBuildOptions m_options;
    QHash<QString, qint64> m_wordCounts;
};

}  // namespace aip
