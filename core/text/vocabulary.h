#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <cstdint>

namespace aip {

/// A WordPiece vocabulary in BERT's vocab.txt form: one token per line, a token's id being its
/// line index. Continuation pieces start with "##". [PAD], [UNK], [CLS] and [SEP] are required
/// wherever they sit; [MASK] is optional. Immutable once built, so it can be shared by threads.
class Vocabulary final {
public:
    static constexpr QStringView padToken = u"[PAD]";
    static constexpr QStringView unknownToken = u"[UNK]";
    static constexpr QStringView classToken = u"[CLS]";
    static constexpr QStringView separatorToken = u"[SEP]";
    static constexpr QStringView maskToken = u"[MASK]";
    static constexpr QStringView continuationPrefix = u"##";

    /// Token i gets id i. `origin` names the source in error messages (a path, or a
    /// description). Throws aip::Error for an empty list, an empty token, a token with a line
    /// break, a duplicate token (with both lines) or a missing required special token.
    explicit Vocabulary(QStringList tokens, const QString& origin = QStringLiteral("vocabulary"));

    /// Reads a vocab.txt (UTF-8; LF or CRLF; surrounding whitespace of a line is ignored).
    /// Throws aip::Error naming the file for a missing or unreadable file, invalid UTF-8 and
    /// everything the constructor rejects.
    static Vocabulary load(const QString& path);
    /// Parses vocab.txt content; `origin` names it in error messages.
    static Vocabulary parse(const QByteArray& content, const QString& origin);

    /// The vocab.txt content: one token per line, each line ending in '\n'.
    QByteArray toText() const;
    /// Writes toText() atomically. Throws aip::Error.
    void save(const QString& path) const;

    qsizetype size() const { return m_tokens.size(); }
    const QStringList& tokens() const { return m_tokens; }
    /// The token with that id; throws aip::Error for an id out of range.
    QString token(std::int64_t id) const;
    /// The id of a token, or -1 when the vocabulary lacks it.
    std::int64_t id(const QString& token) const { return m_ids.value(token, -1); }
    bool contains(const QString& token) const { return m_ids.contains(token); }

    std::int64_t padId() const { return m_padId; }
    std::int64_t unknownId() const { return m_unknownId; }
    std::int64_t classId() const { return m_classId; }
    std::int64_t separatorId() const { return m_separatorId; }
    /// -1 when the vocabulary has no [MASK].
    std::int64_t maskId() const { return m_maskId; }

private:
    QStringList m_tokens;
    QHash<QString, std::int64_t> m_ids;
    std::int64_t m_padId = -1;
    std::int64_t m_unknownId = -1;
    std::int64_t m_classId = -1;
    std::int64_t m_separatorId = -1;
    std::int64_t m_maskId = -1;
};

}  // namespace aip
