#include "text/vocabulary.h"

#include "common/atomicfile.h"
#include "common/error.h"

#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

namespace aip {

Vocabulary::Vocabulary(QStringList tokens, const QString& origin) : m_tokens(std::move(tokens)) {
    if (m_tokens.isEmpty()) {
        throw Error(
            QStringLiteral("%1: empty vocabulary (expected one token per line)").arg(origin));
    }
    m_ids.reserve(m_tokens.size());
    for (qsizetype i = 0; i < m_tokens.size(); ++i) {
        const QString& token = m_tokens.at(i);
        const qsizetype line = i + 1;
        if (token.isEmpty()) {
            throw Error(QStringLiteral("%1:%2: empty token").arg(origin).arg(line));
        }
        if (token.contains(u'\n') || token.contains(u'\r')) {
            throw Error(QStringLiteral("%1:%2: token contains a line break").arg(origin).arg(line));
        }
        const auto it = m_ids.constFind(token);
        if (it != m_ids.constEnd()) {
            throw Error(QStringLiteral("%1:%2: duplicate token \"%3\" (first on line %4)")
                            .arg(origin)
                            .arg(line)
                            .arg(token)
                            .arg(*it + 1));
        }
        m_ids.insert(token, static_cast<std::int64_t>(i));
    }
    const auto required = [&](QStringView special) {
        const std::int64_t found = m_ids.value(special.toString(), -1);
        if (found < 0) {
            throw Error(
                QStringLiteral("%1: missing special token %2").arg(origin, special.toString()));
        }
        return found;
    };
    m_padId = required(padToken);
    m_unknownId = required(unknownToken);
    m_classId = required(classToken);
    m_separatorId = required(separatorToken);
    m_maskId = m_ids.value(maskToken.toString(), -1);
}

Vocabulary Vocabulary::load(const QString& path) {
    QFile file(path);
    if (!file.exists()) {
        throw Error(QStringLiteral("%1: vocabulary file not found").arg(path));
    }
    if (QFileInfo(path).isDir()) {
        throw Error(QStringLiteral("%1: is a folder, expected a vocab.txt file").arg(path));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        throw Error(QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));
    }
    const QByteArray content = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        throw Error(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    }
    return parse(content, path);
}

Vocabulary Vocabulary::parse(const QByteArray& content, const QString& origin) {
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder.decode(content);
    if (decoder.hasError()) {
        throw Error(QStringLiteral("%1: not valid UTF-8").arg(origin));
    }
    if (text.startsWith(QChar(0xFEFF))) {
        text.remove(0, 1);
    }
    QStringList lines = text.split(u'\n');
    for (QString& line : lines) {
        line = line.trimmed();
    }
    // A file ends with a newline, and editors leave blank lines at the end; neither is a token.
    while (!lines.isEmpty() && lines.constLast().isEmpty()) {
        lines.removeLast();
    }
    return Vocabulary(std::move(lines), origin);
}

QByteArray Vocabulary::toText() const {
    QByteArray out;
    for (const QString& token : m_tokens) {
        out += token.toUtf8();
        out += '\n';
    }
    return out;
}

void Vocabulary::save(const QString& path) const {
    writeFileAtomically(path, toText());
}

QString Vocabulary::token(std::int64_t id) const {
    if (id < 0 || id >= m_tokens.size()) {
        throw Error(QStringLiteral("token id %1 is outside the vocabulary of %2 tokens")
                        .arg(id)
                        .arg(m_tokens.size()));
    }
    return m_tokens.at(static_cast<qsizetype>(id));
}

}  // namespace aip
