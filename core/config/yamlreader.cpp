#include "config/yamlreader.h"

#include "common/error.h"

#include <QFile>

#include <yaml-cpp/eventhandler.h>

#include <cmath>
#include <limits>
#include <optional>
#include <set>
#include <sstream>
#include <string>

namespace aip::config_detail {

namespace {

QString scalarText(const YAML::Node& node) {
    return node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString();
}

/// Finds the first key that a mapping repeats, from the parser's events: yaml-cpp keeps both
/// pairs and every lookup sees the first, so the second would be ignored without a word. Events
/// do not expand aliases, so a document of nested aliases (a "billion laughs") costs its size.
class DuplicateKeyFinder final : public YAML::EventHandler {
public:
    struct Duplicate {
        std::string key;
        int line = 0;
    };
    std::optional<Duplicate> duplicate;

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { node(mark, "~"); }
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override { completed(); }
    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  const std::string& value) override {
        node(mark, value);
    }
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {
        m_levels.push_back({false, true, {}});
    }
    void OnSequenceEnd() override { end(); }
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {
        m_levels.push_back({true, true, {}});
    }
    void OnMapEnd() override { end(); }

private:
    struct Level {
        bool map = false;
        bool expectingKey = true;
        std::set<std::string> keys;
    };

    /// A scalar (or null) in the current collection: a key when a mapping expects one.
    void node(const YAML::Mark& mark, const std::string& text) {
        if (!m_levels.empty() && m_levels.back().map && m_levels.back().expectingKey &&
            !m_levels.back().keys.insert(text).second && !duplicate) {
            duplicate = Duplicate{text, mark.line + 1};
        }
        completed();
    }
    void end() {
        m_levels.pop_back();
        completed();
    }
    /// A whole node ended: in a mapping, a key is followed by its value and a value by a key.
    void completed() {
        if (!m_levels.empty() && m_levels.back().map) {
            m_levels.back().expectingKey = !m_levels.back().expectingKey;
        }
    }

    std::vector<Level> m_levels;
};

/// The first line of `text` that indents with a tab, 0 when none does.
int lineIndentedWithTab(const QByteArray& text) {
    int line = 1;
    bool atLineStart = true;
    for (const char c : text) {
        if (c == '\n') {
            ++line;
            atLineStart = true;
        } else if (atLineStart && c == '\t') {
            return line;
        } else if (c != ' ') {
            atLineStart = false;
        }
    }
    return 0;
}

}  // namespace

YamlReader::YamlReader(QString path) : m_path(std::move(path)) {
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        throw Error(QStringLiteral("%1: cannot open: %2").arg(m_path, file.errorString()));
    }
    const QByteArray bytes = file.readAll();
    try {
        m_root = YAML::Load(bytes.toStdString());
    } catch (const YAML::Exception& e) {
        // YAML indents with spaces only; yaml-cpp's words for a tab do not say so.
        const int tab = lineIndentedWithTab(bytes);
        if (tab > 0 && tab <= e.mark.line + 1) {
            throw Error(QStringLiteral("%1:%2: a tab in the indentation; YAML indents with "
                                       "spaces")
                            .arg(m_path)
                            .arg(tab));
        }
        throw Error(QStringLiteral("%1:%2: YAML syntax error: %3")
                        .arg(m_path)
                        .arg(e.mark.line + 1)
                        .arg(QString::fromStdString(e.msg)));
    }
    std::istringstream stream(bytes.toStdString());
    YAML::Parser parser(stream);
    DuplicateKeyFinder finder;
    while (!finder.duplicate && parser.HandleNextDocument(finder)) {
    }
    if (finder.duplicate) {
        throw Error(QStringLiteral("%1:%2: duplicate key '%3' (a mapping names each key once)")
                        .arg(m_path)
                        .arg(finder.duplicate->line)
                        .arg(QString::fromStdString(finder.duplicate->key)));
    }
    if (!m_root.IsMap()) {
        throw Error(
            QStringLiteral("%1:1: expected a mapping of keys at the top level").arg(m_path));
    }
}

int YamlReader::lineOf(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    return mark.is_null() ? 1 : mark.line + 1;
}

void YamlReader::fail(const YAML::Node& at, const QString& message) const {
    throw Error(QStringLiteral("%1:%2: %3").arg(m_path).arg(lineOf(at)).arg(message));
}

void YamlReader::requireMap(const YAML::Node& node, const QString& what) const {
    if (!node.IsMap()) {
        fail(node, QStringLiteral("%1 must be a mapping of keys").arg(what));
    }
}

void YamlReader::requireSequence(const YAML::Node& node, const QString& what) const {
    if (!node.IsSequence()) {
        fail(node, QStringLiteral("%1 must be a list").arg(what));
    }
}

void YamlReader::checkKeys(const YAML::Node& map, const QStringList& allowed,
                           const QString& where) const {
    for (auto it = map.begin(); it != map.end(); ++it) {
        const QString key = scalarText(it->first);
        if (!allowed.contains(key)) {
            fail(it->first, QStringLiteral("unknown key '%1' in %2 (expected one of: %3)")
                                .arg(key, where, allowed.join(QStringLiteral(", "))));
        }
    }
}

YAML::Node YamlReader::require(const YAML::Node& map, const char* key) const {
    const YAML::Node value = map[key];
    if (!value.IsDefined() || value.IsNull()) {
        fail(map, QStringLiteral("missing required key '%1'").arg(QString::fromLatin1(key)));
    }
    return value;
}

QString YamlReader::string(const YAML::Node& node, const QString& what) const {
    if (!node.IsScalar() || node.Scalar().empty()) {
        fail(node, QStringLiteral("%1 must be a non-empty string").arg(what));
    }
    return scalarText(node);
}

QString YamlReader::requireString(const YAML::Node& map, const char* key) const {
    return string(require(map, key), QString::fromLatin1(key));
}

QString YamlReader::optionalString(const YAML::Node& map, const char* key,
                                   const QString& fallback) const {
    const YAML::Node value = map[key];
    if (!value.IsDefined() || value.IsNull()) {
        return fallback;
    }
    return string(value, QString::fromLatin1(key));
}

double YamlReader::number(const YAML::Node& node, const QString& what) const {
    bool ok = false;
    const double value = scalarText(node).toDouble(&ok);
    if (!node.IsScalar() || !ok || !std::isfinite(value)) {
        fail(node, QStringLiteral("%1 must be a number").arg(what));
    }
    return value;
}

bool YamlReader::optionalBool(const YAML::Node& map, const char* key, bool fallback) const {
    const YAML::Node node = map[key];
    if (!node) {
        return fallback;
    }
    const QString text = scalarText(node).toLower();
    if (node.IsScalar() && (text == u"true" || text == u"yes" || text == u"on")) {
        return true;
    }
    if (node.IsScalar() && (text == u"false" || text == u"no" || text == u"off")) {
        return false;
    }
    fail(node, QStringLiteral("%1 must be true or false").arg(QString::fromLatin1(key)));
}

double YamlReader::positiveNumber(const YAML::Node& node, const QString& what) const {
    bool ok = false;
    const double value = scalarText(node).toDouble(&ok);
    if (!node.IsScalar() || !ok || !std::isfinite(value) || value <= 0.0) {
        fail(node, QStringLiteral("%1 must be a positive number").arg(what));
    }
    return value;
}

double YamlReader::requirePositive(const YAML::Node& map, const char* key) const {
    return positiveNumber(require(map, key), QString::fromLatin1(key));
}

double YamlReader::optionalPositive(const YAML::Node& map, const char* key, double fallback) const {
    const YAML::Node value = map[key];
    if (!value.IsDefined() || value.IsNull()) {
        return fallback;
    }
    return positiveNumber(value, QString::fromLatin1(key));
}

double YamlReader::requireFraction(const YAML::Node& map, const char* key, bool openAtZero) const {
    const YAML::Node node = require(map, key);
    const double value = number(node, QString::fromLatin1(key));
    const bool low = openAtZero ? value > 0.0 : value >= 0.0;
    if (!low || value >= 1.0) {
        fail(node, QStringLiteral("%1 must be a number in %2, 1)")
                       .arg(QString::fromLatin1(key),
                            openAtZero ? QStringLiteral("(0") : QStringLiteral("[0")));
    }
    return value;
}

double YamlReader::requireNonNegative(const YAML::Node& map, const char* key) const {
    const YAML::Node node = require(map, key);
    const double value = number(node, QString::fromLatin1(key));
    if (value < 0.0) {
        fail(node, QStringLiteral("%1 must not be negative").arg(QString::fromLatin1(key)));
    }
    return value;
}

long long YamlReader::integer(const YAML::Node& node, const QString& what) const {
    bool ok = false;
    const long long value = scalarText(node).toLongLong(&ok);
    if (!node.IsScalar() || !ok) {
        fail(node, QStringLiteral("%1 must be an integer").arg(what));
    }
    return value;
}

long long YamlReader::integerIn(const YAML::Node& node, const char* key, long long low,
                                long long high) const {
    bool ok = false;
    const long long value = scalarText(node).toLongLong(&ok);
    if (!node.IsScalar() || !ok || value < low || value > high) {
        fail(node, QStringLiteral("%1 must be a %2 integer of at most %3")
                       .arg(QString::fromLatin1(key),
                            low > 0 ? QStringLiteral("positive") : QStringLiteral("non-negative"))
                       .arg(high));
    }
    return value;
}

int YamlReader::requirePositiveInt(const YAML::Node& map, const char* key) const {
    return static_cast<int>(integerIn(require(map, key), key, 1, std::numeric_limits<int>::max()));
}

int YamlReader::optionalPositiveInt(const YAML::Node& map, const char* key, int fallback) const {
    const YAML::Node value = map[key];
    if (!value.IsDefined() || value.IsNull()) {
        return fallback;
    }
    return requirePositiveInt(map, key);
}

int YamlReader::optionalNonNegativeInt(const YAML::Node& map, const char* key, int fallback) const {
    const YAML::Node node = map[key];
    if (!node.IsDefined() || node.IsNull()) {
        return fallback;
    }
    return static_cast<int>(integerIn(node, key, 0, std::numeric_limits<int>::max()));
}

std::uint64_t YamlReader::optionalNonNegativeInt64(const YAML::Node& map, const char* key,
                                                   std::uint64_t fallback) const {
    const YAML::Node node = map[key];
    if (!node.IsDefined() || node.IsNull()) {
        return fallback;
    }
    return static_cast<std::uint64_t>(
        integerIn(node, key, 0, std::numeric_limits<long long>::max()));
}

std::vector<int> YamlReader::positiveIntList(const YAML::Node& node, const QString& key) const {
    const QString expected = QStringLiteral("%1 must be a list of positive integers").arg(key);
    if (!node.IsSequence() || node.size() == 0) {
        fail(node, expected);
    }
    std::vector<int> values;
    for (const YAML::Node& item : node) {
        bool ok = false;
        const int value = scalarText(item).toInt(&ok);
        if (!item.IsScalar() || !ok || value <= 0) {
            fail(item, expected);
        }
        values.push_back(value);
    }
    return values;
}

std::vector<double> YamlReader::positiveNumberList(const YAML::Node& node,
                                                   const QString& key) const {
    const QString expected = QStringLiteral("%1 must be a list of positive numbers").arg(key);
    if (!node.IsSequence() || node.size() == 0) {
        fail(node, expected);
    }
    std::vector<double> values;
    for (const YAML::Node& item : node) {
        bool ok = false;
        const double value = scalarText(item).toDouble(&ok);
        if (!item.IsScalar() || !ok || !std::isfinite(value) || value <= 0.0) {
            fail(item, expected);
        }
        values.push_back(value);
    }
    return values;
}

std::vector<double> YamlReader::numberList(const YAML::Node& node, const QString& key) const {
    const QString expected = QStringLiteral("%1 must be a list of numbers").arg(key);
    if (!node.IsSequence() || node.size() == 0) {
        fail(node, expected);
    }
    std::vector<double> values;
    for (const YAML::Node& item : node) {
        values.push_back(number(item, expected.left(expected.indexOf(u' '))));
    }
    return values;
}

QStringList YamlReader::stringList(const YAML::Node& node, const QString& key) const {
    const QString expected = QStringLiteral("%1 must be a non-empty list of strings").arg(key);
    if (!node.IsSequence() || node.size() == 0) {
        fail(node, expected);
    }
    QStringList values;
    for (const YAML::Node& item : node) {
        if (!item.IsScalar() || item.Scalar().empty()) {
            fail(item, expected);
        }
        values.append(scalarText(item));
    }
    return values;
}

QStringList YamlReader::choiceList(const YAML::Node& node, const QString& key,
                                   const QStringList& allowed) const {
    const QStringList values = stringList(node, key);
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (!allowed.contains(values.at(i))) {
            fail(node[static_cast<std::size_t>(i)],
                 QStringLiteral("%1: '%2' is not one of: %3")
                     .arg(key, values.at(i), allowed.join(QStringLiteral(", "))));
        }
    }
    return values;
}

QString YamlReader::choice(const YAML::Node& map, const char* key,
                           const QStringList& allowed) const {
    const YAML::Node node = require(map, key);
    const QString value = string(node, QString::fromLatin1(key));
    if (!allowed.contains(value)) {
        fail(node, QStringLiteral("%1 must be one of: %2 (found '%3')")
                       .arg(QString::fromLatin1(key), allowed.join(QStringLiteral(", ")), value));
    }
    return value;
}

}  // namespace aip::config_detail
